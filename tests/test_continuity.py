"""Golden moments and "try another model" (issue #14, item 4): side by side, habit by habit, two fake providers."""

from __future__ import annotations

from pathlib import Path

import pytest

from journal.ai.chat import chat_for_settings
from journal.ai.providers import AISettings
from journal.errors import InvalidInput
from journal.notebook import Notebook
from journal.stories.continuity import golden_moments, star_turn, try_another_model
from journal.stories.model import Story, Turn
from tests.fake_openai import FakeOpenAIServer, reply
from tests.test_voice import EN_TURNS


def _story(nb: Notebook) -> Story:
    turns = []
    for n, said in enumerate(EN_TURNS):
        turns += [Turn(id="", role="user", alternatives=[f"Question {n}?"]),
                  Turn(id="", role="companion", alternatives=[said])]
    return nb.stories.add(Story(id="", title="Ours", companion="wren-ashby", turns=turns))


def test_replay_golden_moments_side_by_side_through_two_providers(duet_home: Path) -> None:
    nb = Notebook.open(duet_home)
    story = _story(nb)
    star_turn(nb, story.id, 1)
    star_turn(nb, story.id, 7)
    with pytest.raises(InvalidInput):
        star_turn(nb, story.id, 0)                  # the person's own turn is not a golden moment
    assert golden_moments(nb, "wren-ashby") == [(story.id, 1), (story.id, 7)]
    with FakeOpenAIServer() as same, FakeOpenAIServer() as other:
        same.enqueue(reply("You know what, sweetheart? Kettle's on… 💛"), reply("Sweetheart, you know what… 💛"))
        other.enqueue(reply("Hello. How may I assist you today with your inquiry regarding beverages."),
                      reply("I am an AI language model and cannot have a cat."))
        backends = {"Model A": chat_for_settings(AISettings(provider="compatible", base_url=same.base_url, model="a")),
                    "Model B": chat_for_settings(AISettings(provider="compatible", base_url=other.base_url, model="b"))}
        result = try_another_model(nb, "wren-ashby", backends)
        # each moment's own prompt: the turns before it, ending with the person's question
        assert same.chat_requests[0].messages[-1] == {"role": "user", "content": "Question 0?"}
        assert other.chat_requests[1].messages[-1] == {"role": "user", "content": "Question 3?"}
        assert same.chat_requests[1].messages == other.chat_requests[1].messages
    rows = result["rows"]
    assert [(r.turn, r.original) for r in rows] == [(1, EN_TURNS[0]), (7, EN_TURNS[3])]
    assert rows[0].replies == {"Model A": "You know what, sweetheart? Kettle's on… 💛",
                               "Model B": "Hello. How may I assist you today with your inquiry regarding beverages."}
    a, b = result["habits"]["Model A"], result["habits"]["Model B"]
    lost_b = {(c["habit"], c["value"]) for c in b["checks"] if not c["kept"]}
    assert {("pet_name", "sweetheart"), ("catchphrase", "you know what"), ("emoji", "💛"), ("mark", "…")} <= lost_b
    assert {(c["habit"], c["value"]) for c in a["checks"] if not c["kept"]} == set()
    assert a["kept"] == a["total"] and b["kept"] < b["total"] - 3


def test_no_golden_moment_is_one_sentence(duet_home: Path) -> None:
    nb = Notebook.open(duet_home)
    _story(nb)
    with pytest.raises(InvalidInput) as caught:
        try_another_model(nb, "wren-ashby", {})
    assert "Star a few" in caught.value.message()


def test_star_a_golden_moment_on_the_stories_page(app_path: str, duet_home: Path) -> None:
    from streamlit.testing.v1 import AppTest

    from journal.stories import ops

    nb = Notebook.open(duet_home)
    story = ops.start_story(nb, nb.companions.get("wren-ashby"))
    greeting = story.turns[0]
    app = AppTest.from_file(app_path, default_timeout=30)
    app.session_state["story_open"] = story.id
    app.switch_page("pages/stories.py").run()
    app.button(key=f"story_golden_{greeting.id}").click().run()
    assert not app.exception
    assert golden_moments(nb, "wren-ashby") == [(story.id, 0)]
    app.button(key=f"story_golden_{greeting.id}").click().run()
    assert golden_moments(nb, "wren-ashby") == []


def test_replay_from_the_command_line(duet_home: Path, capsys) -> None:
    import json

    from journal.cli import main

    nb = Notebook.open(duet_home)
    story = _story(nb)
    star_turn(nb, story.id, 1)
    with FakeOpenAIServer() as other:
        other.enqueue(reply("Greetings. How may I assist you?"))
        assert main(["story", "replay", "Wren Ashby", "--base-url", other.base_url, "--model", "other-7b"]) == 0
        human = capsys.readouterr().out
        other.enqueue(reply("You know what, sweetheart… 💛"))
        assert main(["story", "replay", "wren-ashby", "--base-url", other.base_url, "--model", "other-7b",
                     "--json"]) == 0
        data = json.loads(capsys.readouterr().out)
    assert f"Wren Ashby: {EN_TURNS[0]}" in human and "other-7b: Greetings. How may I assist you?" in human
    assert "✗ pet name: sweetheart" in human and "✗ catchphrase: you know what" in human
    assert data["rows"][0]["replies"] == {"other-7b": "You know what, sweetheart… 💛"}
    assert {c["value"] for c in data["habits"]["checks"] if c["kept"]} >= {"sweetheart", "you know what"}
