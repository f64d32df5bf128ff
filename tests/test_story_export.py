"""Exports: clean markdown (with or without alternatives) and a SillyTavern .jsonl chat."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

from journal.notebook import Notebook
from journal.stories.export import export_filename, to_markdown, to_sillytavern
from journal.stories.model import Story, Turn

AT = datetime(2026, 4, 2, 21, 14, tzinfo=timezone(timedelta(hours=8)))


def _story(nb: Notebook) -> Story:
    return nb.stories.add(Story(
        id="", title="Rain / roses 雨", companion="wren-ashby", companion_name="C", user_name="Aria",
        author_note="Slow burn.", author_note_depth=3,
        turns=[
            Turn(id="", role="companion", alternatives=["Hi.", "Hello, Aria.\n\nCome in."], chosen=1, created=AT),
            Turn(id="", role="user", alternatives=["我想你了。"], created=AT + timedelta(minutes=1)),
            Turn(id="", role="companion", alternatives=["Me too.", "<!-- duet:x --> odd", "Always."], chosen=0,
                 created=AT + timedelta(minutes=2)),
        ]))


def test_markdown_has_only_the_chosen_text_and_no_markers(notebook: Notebook) -> None:
    text = to_markdown(_story(notebook))
    assert text.startswith("# Rain / roses 雨\n")
    assert "### C · 2026-04-02 21:14\n\nHello, Aria.\n\nCome in.\n" in text
    assert "### Aria · 2026-04-02 21:15\n\n我想你了。\n" in text
    assert "Me too." in text and "Always." not in text and "Hi." not in text
    assert "duet:" not in text and "<details>" not in text


def test_markdown_with_alternatives_quotes_the_other_versions(notebook: Notebook) -> None:
    text = to_markdown(_story(notebook), alternatives=True)
    assert "> *Version 1*\n>\n> Hi.\n" in text
    assert "> *Version 3*\n>\n> Always.\n" in text
    assert "> Hello, Aria." not in text   # the chosen one is not repeated as a quote


def test_markdown_of_a_passage(notebook: Notebook) -> None:
    text = to_markdown(_story(notebook), turns=(1, 1))
    assert "我想你了。" in text and "Hello, Aria." not in text and "Me too." not in text


def test_sillytavern_jsonl(notebook: Notebook) -> None:
    story = _story(notebook)
    lines = to_sillytavern(story).splitlines()
    assert len(lines) == 4
    header = json.loads(lines[0])
    assert header["user_name"] == "Aria" and header["character_name"] == "C"
    assert header["create_date"] == "2026-04-02@21h14m00s"
    assert header["chat_metadata"]["note_prompt"] == "Slow burn." and header["chat_metadata"]["note_depth"] == 3
    messages = [json.loads(line) for line in lines[1:]]
    for message in messages:
        assert {"name", "is_user", "mes", "send_date", "swipes", "swipe_id"} <= set(message)
        assert message["mes"] == message["swipes"][message["swipe_id"]]
        assert datetime.fromisoformat(message["send_date"]).tzinfo is not None
    assert [m["name"] for m in messages] == ["C", "Aria", "C"]
    assert [m["is_user"] for m in messages] == [False, True, False]
    assert messages[0]["swipes"] == ["Hi.", "Hello, Aria.\n\nCome in."] and messages[0]["swipe_id"] == 1
    assert messages[2]["swipes"][1] == "<!-- duet:x --> odd"
    assert messages[1]["mes"] == "我想你了。"


def test_export_file_names_are_safe(notebook: Notebook) -> None:
    story = _story(notebook)
    assert export_filename(story, "jsonl") == "rain-roses-雨.jsonl"
    story.title = "   "
    assert export_filename(story, "md") == "story.md"
