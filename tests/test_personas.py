"""Personas (issue #14, item 2): several "you"s, one per story; {{user}} and the prompt follow the one chosen."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from journal.ai.providers import AISettings, save_settings
from journal.cli import main
from journal.errors import InvalidInput, NotFound
from journal.notebook import Notebook
from journal.stories import ops
from tests.fake_openai import FakeOpenAIServer, reply

ST_BACKUP = {"personas": {"user-default.png": "Aria", "1712.png": "林"},
             "persona_descriptions": {"user-default.png": {"description": "A night-shift nurse.", "position": 0},
                                      "1712.png": {"description": "刚搬来港口的画家。", "position": 1, "depth": 2}},
             "default_persona": "user-default.png"}


def test_switching_persona_changes_the_prompt_sent_to_the_model(duet_home: Path) -> None:
    nb = Notebook.open(duet_home)
    aria = nb.companions.personas.create("Aria", "A night-shift nurse who reads {{char}}'s poetry shelf dry.")
    lin = nb.companions.personas.create("Lin", "A painter who just moved to the harbour.")
    story = ops.start_story(nb, nb.companions.get("wren-ashby"), persona=aria.slug)
    with FakeOpenAIServer() as server:
        save_settings(duet_home, AISettings(provider="compatible", base_url=server.base_url, model="fake"))
        from journal.ai.chat import get_chat

        server.enqueue(reply("Evening, Aria."), reply("Evening, Lin."))
        ops.reply(nb, story.id, get_chat(nb), "Hello again.")
        first = server.chat_requests[-1].messages[0]["content"]
        ops.set_persona(nb, story.id, lin.slug)
        ops.reply(nb, story.id, get_chat(nb), "Hello again.")
        second = server.chat_requests[-1].messages[0]["content"]
    assert "Who Aria is in this story: A night-shift nurse who reads Wren Ashby's poetry shelf dry." in first
    assert first.startswith("You are Wren Ashby, talking with Aria")   # {{user}} in the system prompt
    assert "Who Lin is in this story: A painter who just moved to the harbour." in second
    assert "Aria" not in second and "night-shift" not in second
    saved = nb.stories.get(story.id)
    assert saved.user_name == "Lin" and saved.extra["persona"] == lin.slug


def test_the_greeting_and_the_story_file_follow_the_persona(duet_home: Path) -> None:
    nb = Notebook.open(duet_home)
    nb.companions.update("wren-ashby", first_mes="Oh, {{user}}! You're soaked.", alternate_greetings=[])
    lin = nb.companions.personas.create("Lin")
    story = ops.start_story(nb, nb.companions.get("wren-ashby"), persona=lin.slug)
    assert story.turns[0].text == "Oh, Lin! You're soaked."
    ops.add_user_turn(nb, story.id, "I forgot my umbrella.")
    assert "### Lin" in Path(nb.stories.get(story.id).path).read_text(encoding="utf-8")


def test_no_persona_falls_back_to_the_settings_name_and_a_deleted_one_to_the_story_name(duet_home: Path,
                                                                                        chat) -> None:
    nb = Notebook.open(duet_home)
    mara = nb.companions.personas.create("Mara", "Plays the cello.")
    story = ops.start_story(nb, nb.companions.get("wren-ashby"), persona=mara.slug)
    nb.companions.personas.delete(mara.slug)
    chat.enqueue("Hi.")
    ops.reply(nb, story.id, chat, "hi")
    system = chat.history[-1].system
    assert "Mara" in system and "Plays the cello." not in system    # the name the story kept; the description went
    ops.set_persona(nb, story.id, None)
    chat.enqueue("Hi.")
    ops.reply(nb, story.id, chat, "hi")
    assert "Mara" not in chat.history[-1].system and "User" in chat.history[-1].system


def test_bad_personas_are_refused_and_change_nothing(duet_home: Path) -> None:
    nb = Notebook.open(duet_home)
    with pytest.raises(InvalidInput):
        nb.companions.personas.create("   ")
    with pytest.raises(InvalidInput):
        nb.companions.personas.create("Ok", "\x00\x01binary")
    with pytest.raises(InvalidInput):
        nb.companions.personas.create("Pic", avatar_bytes=b"not a picture")
    assert nb.companions.personas.list() == []
    story = ops.start_story(nb, nb.companions.get("wren-ashby"))
    before = Path(story.path).read_bytes()
    with pytest.raises(NotFound):
        ops.set_persona(nb, story.id, "nobody")
    with pytest.raises(NotFound):
        ops.start_story(nb, nb.companions.get("wren-ashby"), persona="nobody")
    assert Path(story.path).read_bytes() == before and len(nb.stories.list()) == 1


def test_a_persona_with_a_picture(duet_home: Path) -> None:
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (40, 40), (200, 80, 80)).save(out, format="JPEG")
    nb = Notebook.open(duet_home)
    persona = nb.companions.personas.create("Aria", avatar_bytes=out.getvalue())
    assert persona.avatar == "personas/avatars/aria.png"
    assert nb.companions.personas.avatar_path(nb.companions.personas.get("aria")).read_bytes()[:4] == b"\x89PNG"


def test_sillytavern_persona_backup_comes_in_once(duet_home: Path, tmp_path: Path, capsys) -> None:
    path = tmp_path / "personas.json"
    path.write_text(json.dumps(ST_BACKUP, ensure_ascii=False), encoding="utf-8")
    assert main(["import", "personas", str(path), "--json"]) == 0
    assert sorted(p["name"] for p in json.loads(capsys.readouterr().out)) == ["Aria", "林"]
    assert main(["import", "personas", str(path), "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []
    nb = Notebook.open(duet_home)
    lin = nb.companions.personas.find("林")
    assert lin.description == "刚搬来港口的画家。" and lin.extra["sillytavern"] == {"avatar": "1712.png", "position": 1,
                                                                                "depth": 2}
    bad = tmp_path / "bad.json"
    bad.write_text('{"not": "personas"}', encoding="utf-8")
    assert main(["import", "personas", str(bad)]) == 1
    assert "SillyTavern persona backup" in capsys.readouterr().err


def test_story_persona_on_the_command_line(duet_home: Path, capsys, chat) -> None:
    nb = Notebook.open(duet_home)
    nb.companions.personas.create("Aria", "A nurse.")
    assert main(["story", "new", "wren-ashby", "--persona", "Aria", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["persona"] == "aria" and data["user_name"] == "Aria"
    assert main(["story", "persona", data["id"]]) == 0
    assert "yourself" in capsys.readouterr().out
    assert "persona" not in nb.stories.get(data["id"]).extra


def test_personas_on_the_companions_and_stories_pages(app_path: str, duet_home: Path) -> None:
    from streamlit.testing.v1 import AppTest

    app = AppTest.from_file(app_path, default_timeout=30)
    app.switch_page("pages/companions.py").run()
    app.text_input(key="persona_name").input("Aria")
    app.text_area(key="persona_description").input("A night-shift nurse.")
    app.button(key="persona_add").click().run()
    assert not app.exception and not app.error
    nb = Notebook.open(duet_home)
    assert [(p.name, p.description) for p in nb.companions.personas.list()] == [("Aria", "A night-shift nurse.")]

    app.session_state["new_story_companion"] = "wren-ashby"
    app.switch_page("pages/stories.py").run()
    app.selectbox(key="story_new_persona").select("aria")
    app.button(key="story_create").click().run()
    [summary] = nb.stories.list()
    assert nb.stories.get(summary.id).extra["persona"] == "aria"
    app.selectbox(key="story_persona").select("").run()
    assert "persona" not in nb.stories.get(summary.id).extra


def test_removing_a_persona_on_the_page_and_the_error_when_it_is_already_gone(open_page, duet_home: Path) -> None:
    nb = Notebook.open(duet_home)
    kept, gone = nb.companions.personas.create("Aria"), nb.companions.personas.create("Mei")
    app = open_page("pages/companions.py")
    app.button(key=f"persona_remove_{kept.slug}").click().run()
    assert not app.exception and not app.error
    assert [p.slug for p in nb.companions.personas.list()] == [gone.slug]
    gone.path.unlink()   # removed outside Duet while the page was open
    app.button(key=f"persona_remove_{gone.slug}").click().run()
    assert not app.exception and len(app.error) == 1   # the sentence, kept by ui.common.attempt, shown once
