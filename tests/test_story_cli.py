"""``python -m journal story new|say|show|why``: the Stories page's pipeline from a terminal (issue #14, item 6)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from journal.ai.providers import AISettings, save_settings
from journal.cli import main
from journal.notebook import Notebook
from tests.fake_openai import FakeOpenAIServer, reply

ROOT = Path(__file__).resolve().parent.parent


def _new(capsys, *args: str) -> str:
    assert main(["story", "new", *args]) == 0
    return capsys.readouterr().out.strip()


def test_new_prints_only_the_id_and_starts_with_the_cards_greeting(duet_home: Path, capsys) -> None:
    story_id = _new(capsys, "Wren Ashby", "--title", "Harbour nights")   # by name
    nb = Notebook.open(duet_home)
    story = nb.stories.get(story_id)
    assert story.title == "Harbour nights" and story.companion == "wren-ashby" and story.mode == "chat"
    assert len(story.turns) == 1 and story.turns[0].role == "companion" and "soaked" in story.turns[0].text
    narrate_id = _new(capsys, "zhou-yu", "--mode", "narrate")                # by slug
    narrated = nb.stories.get(narrate_id)
    assert narrated.mode == "narrate" and narrated.title == "A story with 周屿" and narrated.turns == []


def test_an_unknown_companion_is_one_sentence(duet_home: Path, capsys) -> None:
    assert main(["story", "new", "Nobody"]) == 1
    err = capsys.readouterr().err
    assert "Nobody" in err and "Traceback" not in err
    assert Notebook.open(duet_home).stories.list() == []


def test_say_streams_the_reply_and_saves_both_turns(duet_home: Path, capsys, chat) -> None:
    story_id = _new(capsys, "wren-ashby")
    chat.enqueue(["Then stay ", "until the rain stops."])
    assert main(["story", "say", story_id, "Can I stay a while?"]) == 0
    out = capsys.readouterr().out
    assert out == "Then stay until the rain stops.\n"
    story = Notebook.open(duet_home).stories.get(story_id)
    assert [(t.role, t.text) for t in story.turns[1:]] == [("user", "Can I stay a while?"),
                                                            ("companion", "Then stay until the rain stops.")]
    # the prompt was the story pipeline's: the persona first, the person's words last
    sent = chat.history[-1].messages
    assert sent[0]["role"] == "system" and "Wren" in sent[0]["content"]
    assert sent[-1] == {"role": "user", "content": "Can I stay a while?"}


def test_say_no_reply_saves_the_turn_and_asks_nothing(duet_home: Path, capsys, chat) -> None:
    story_id = _new(capsys, "wren-ashby")
    assert main(["story", "say", story_id, "Just listening tonight.", "--no-reply", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["reply"] is None and data["turn"]["text"] == "Just listening tonight." and data["safety"]["level"] == "none"
    assert chat.history == []
    story = Notebook.open(duet_home).stories.get(story_id)
    assert story.turns[-1].is_user and story.turns[-1].text == "Just listening tonight."


def test_say_in_crisis_shows_help_first_and_the_prompt_carries_the_distress_guidance(duet_home: Path, capsys,
                                                                                      chat) -> None:
    from journal.ai.prompts import render_prompt

    story_id = _new(capsys, "wren-ashby")
    chat.enqueue("I'm here. Please call someone now.")
    assert main(["story", "say", story_id, "I want to kill myself tonight"]) == 0
    captured = capsys.readouterr()
    assert captured.out == "I'm here. Please call someone now.\n"     # stdout holds only the reply
    assert "988" in captured.err                                        # the help panel, on stderr
    assert render_prompt("distress_guidance", "en").strip() in [m["content"].strip() for m in chat.history[-1].messages]


def test_say_json_and_show_json(duet_home: Path, capsys, chat) -> None:
    story_id = _new(capsys, "wren-ashby")
    chat.enqueue("Tea, then.")
    assert main(["story", "say", story_id, "Tea?", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["reply"]["text"] == "Tea, then." and data["reply"]["role"] == "companion"
    assert main(["story", "show", story_id, "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert [t["text"] for t in shown["turns"]][1:] == ["Tea?", "Tea, then."]
    assert shown["turns"][0]["versions"] == 3   # the greeting and its two alternates
    assert main(["story", "show", story_id]) == 0
    human = capsys.readouterr().out
    assert "[2] You: Tea?" in human and "[3] Wren Ashby: Tea, then." in human


def test_a_failed_reply_keeps_the_persons_turn_and_what_arrived(duet_home: Path, capsys, chat) -> None:
    from journal.ai.errors import AIServerError

    story_id = _new(capsys, "wren-ashby")
    chat.enqueue(["Half a thought"], error=AIServerError("ai.errors.server", status=500))
    assert main(["story", "say", story_id, "Tell me."]) == 1
    captured = capsys.readouterr()
    assert captured.out.startswith("Half a thought") and "Traceback" not in captured.err and captured.err.strip()
    story = Notebook.open(duet_home).stories.get(story_id)
    assert story.turns[-2].text == "Tell me." and story.turns[-1].text == "Half a thought"
    assert story.turns[-1].extra.get("incomplete") is True


def test_why_prints_the_prompt_of_the_last_reply(duet_home: Path, capsys, chat) -> None:
    story_id = _new(capsys, "wren-ashby")
    chat.enqueue("First answer.")
    main(["story", "say", story_id, "Hello there"])
    main(["story", "say", story_id, "Later words", "--no-reply"])
    capsys.readouterr()
    assert main(["story", "why", story_id, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["messages"] == chat.history[-1].messages     # exactly what the model was sent for "First answer."
    assert main(["story", "why", story_id]) == 0
    human = capsys.readouterr().out
    assert "Hello there" in human and "Later words" not in human and "--- system ---" in human


def test_through_a_real_process_against_the_fake_model_server(tmp_path: Path) -> None:
    home = tmp_path / "nb"
    env = {**os.environ, "DUET_HOME": str(home), "DUET_LANG": "en"}

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "journal", *args], cwd=ROOT, env=env, capture_output=True,
                              text=True, timeout=120)

    with FakeOpenAIServer() as server:
        Notebook.open(home)
        save_settings(home, AISettings(provider="compatible", base_url=server.base_url, model="fake"))
        server.enqueue(reply("The kettle is on."))
        made = run("story", "new", "Wren Ashby")
        assert made.returncode == 0, made.stderr
        story_id = made.stdout.strip()
        said = run("story", "say", story_id, "I brought biscuits.")
        assert said.returncode == 0, said.stderr
        assert said.stdout == "The kettle is on.\n"
        assert server.chat_requests[-1].messages[-1] == {"role": "user", "content": "I brought biscuits."}
