"""ChatGPT import: the path the user saw, regenerated branches kept as alternatives, hidden and tool messages skipped."""

from __future__ import annotations

import json
import zipfile
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from journal.errors import BrokenFile
from journal.importers import run_import
from journal.notebook import Notebook

T0 = 1_714_560_000.25   # 2024-05-01 10:40:00.25 UTC; create_time is a float


def node(node_id: str, parent: str | None, children: list[str], role: str | None = None, text: Any = None,
         at: float = 0.0, recipient: str = "all", hidden: bool = False, content_type: str = "text") -> dict:
    if role is None:
        return {"id": node_id, "parent": parent, "children": children, "message": None}
    parts = text if isinstance(text, list) else [text]
    metadata = {"is_visually_hidden_from_conversation": True} if hidden else {}
    return {"id": node_id, "parent": parent, "children": children,
            "message": {"id": node_id, "author": {"role": role, "name": None, "metadata": {}},
                        "create_time": T0 + at, "content": {"content_type": content_type, "parts": parts},
                        "status": "finished_successfully", "metadata": metadata, "recipient": recipient}}


def conversation(conv_id: str = "c-1", title: str = "和 C 的第一晚") -> dict:
    """root → hidden system → user → two answers (the first regenerated; the old branch went on) → a
    browser call and a tool message → the final answer, which is ``current_node``."""
    nodes = [
        node("root", None, ["sys"]),
        node("sys", "root", ["u1"], "system", "You are ChatGPT. Secret system text.", hidden=True),
        node("u1", "sys", ["a1", "a2"], "user", "你还记得我吗？", at=10),
        node("a1", "u1", ["u-old"], "assistant", "First answer, later regenerated.", at=20),
        node("u-old", "a1", [], "user", "A follow-up on the old branch.", at=25),
        node("a2", "u1", ["call"], "assistant", "当然记得。", at=30),
        node("call", "a2", ["tool"], "assistant", "search('moon tonight')", at=31, recipient="browser"),
        node("tool", "call", ["a3"], "tool", "TOOL OUTPUT: moon phase data", at=32),
        node("a3", "tool", [], "assistant", "今晚的月亮很圆。", at=40),
    ]
    return {"id": conv_id, "conversation_id": conv_id, "title": title, "create_time": T0, "update_time": T0 + 40,
            "current_node": "a3", "mapping": {n["id"]: n for n in nodes}}


def write_json(path: Path, data: Any) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def stories(nb: Notebook) -> list:
    return [nb.stories.get(s.id) for s in nb.stories.list()]


def test_the_path_the_user_saw_with_the_regenerated_branch_kept(notebook: Notebook, tmp_path: Path) -> None:
    report = run_import(notebook, "chatgpt", write_json(tmp_path / "conversations.json", [conversation()]))
    assert (report.added, report.broken) == (1, [])
    [story] = stories(notebook)
    assert story.title == "和 C 的第一晚" and story.companion == "chatgpt" and story.mode == "chat"
    assert story.extra["source"] == "chatgpt:c-1"
    assert [(t.role, t.text) for t in story.turns] == [
        ("user", "你还记得我吗？"), ("companion", "当然记得。"), ("companion", "今晚的月亮很圆。")]
    answer = story.turns[1]
    assert answer.alternatives == ["First answer, later regenerated.", "当然记得。"] and answer.chosen == 1
    assert answer.extra["continuations"]["0"][0]["alternatives"] == ["A follow-up on the old branch."]
    assert answer.extra["continuations"]["0"][0]["role"] == "user"
    assert story.turns[0].created == datetime.fromtimestamp(int(T0 + 10)).astimezone()
    assert story.created == datetime.fromtimestamp(int(T0)).astimezone()
    assert notebook.companions.exists("chatgpt")


def test_hidden_system_and_tool_messages_are_skipped(notebook: Notebook, tmp_path: Path) -> None:
    run_import(notebook, "chatgpt", write_json(tmp_path / "conversations.json", [conversation()]))
    text = next((notebook.home / "stories").glob("*.md")).read_text(encoding="utf-8")
    assert "Secret system text" not in text
    assert "TOOL OUTPUT" not in text and "search('moon tonight')" not in text
    assert "你还记得我吗？" in text and "A follow-up on the old branch." in text


def test_non_text_parts_become_placeholders(notebook: Notebook, tmp_path: Path) -> None:
    conv = conversation()
    image = {"content_type": "image_asset_pointer", "asset_pointer": "file-service://x", "width": 10}
    voice = [{"content_type": "audio_transcription", "text": "spoken words"}, {"content_type": "audio_asset_pointer"}]
    conv["mapping"]["u1"]["message"]["content"] = {"content_type": "multimodal_text",
                                                   "parts": [image, "看这张照片", *voice]}
    run_import(notebook, "chatgpt", write_json(tmp_path / "conversations.json", [conv]))
    [story] = stories(notebook)
    assert story.turns[0].text == "[image not imported]\n\n看这张照片\n\nspoken words\n\n[voice recording not imported]"


def test_reimport_adds_nothing(notebook: Notebook, tmp_path: Path) -> None:
    path = write_json(tmp_path / "conversations.json", [conversation()])
    run_import(notebook, "chatgpt", path)
    files = {p: p.read_bytes() for p in (notebook.home / "stories").glob("*.md")}
    again = run_import(notebook, "chatgpt", path)
    assert (again.added, again.skipped) == (0, 1)
    assert {p: p.read_bytes() for p in (notebook.home / "stories").glob("*.md")} == files


def test_split_files_are_read_together(notebook: Notebook, tmp_path: Path) -> None:
    write_json(tmp_path / "conversations-000.json", [conversation("c-1", "one")])
    write_json(tmp_path / "conversations-001.json", [conversation("c-2", "two"), conversation("c-3", "three")])
    report = run_import(notebook, "chatgpt", tmp_path / "conversations-001.json")
    assert report.added == 3
    assert sorted(s.title for s in stories(notebook)) == ["one", "three", "two"]


def test_the_export_zip(notebook: Notebook, tmp_path: Path) -> None:
    path = tmp_path / "chatgpt-export.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("chat.html", "<html></html>")
        zf.writestr("user.json", "{}")
        zf.writestr("conversations.json", json.dumps([conversation()]))
    report = run_import(notebook, "chatgpt", path)
    assert report.added == 1 and stories(notebook)[0].turns[-1].text == "今晚的月亮很圆。"


def test_a_broken_conversation_is_reported_and_the_rest_imports(notebook: Notebook, tmp_path: Path) -> None:
    empty = conversation("c-empty", "empty")
    empty["mapping"] = {"root": node("root", None, [])}
    data = [{"id": "c-x", "title": "no mapping"}, conversation("c-2"), empty]
    report = run_import(notebook, "chatgpt", write_json(tmp_path / "conversations.json", data))
    assert report.added == 1
    assert [(i.position, i.message) for i in report.broken] == [
        (1, "this item is not a conversation (it has no message mapping)."),
        (3, "the conversation has no visible messages.")]


def test_current_node_missing_falls_back_to_the_newest_leaf(notebook: Notebook, tmp_path: Path) -> None:
    conv = conversation()
    conv["current_node"] = None
    run_import(notebook, "chatgpt", write_json(tmp_path / "conversations.json", [conv]))
    assert stories(notebook)[0].turns[-1].text == "今晚的月亮很圆。"


@pytest.mark.parametrize("content,fragment", [
    (b'{"entries": []}', "not a ChatGPT data export"),
    (b'[{"title": "x"}]', "not a ChatGPT data export"),
    (b"\x00\x00\x00 binary", "not a text file"),
    (b"[{", "not valid JSON"),
])
def test_files_that_are_not_what_they_claim(notebook: Notebook, tmp_path: Path, content: bytes, fragment: str) -> None:
    path = tmp_path / "conversations.json"
    path.write_bytes(content)
    with pytest.raises(BrokenFile) as caught:
        run_import(notebook, "chatgpt", path)
    assert fragment in caught.value.message("en")
