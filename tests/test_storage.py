"""Entries as markdown files: round trips, atomic writes, hand edits, broken files."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from journal.entries.model import MAX_BODY_BYTES
from journal.errors import InvalidInput, NotFound, StorageError
from journal.notebook import Notebook
from journal.store import atomic
from journal.store.documents import parse_document, read_document

TZ = timezone(timedelta(hours=8))


def test_every_front_matter_field_round_trips(notebook: Notebook) -> None:
    created = datetime(2026, 4, 2, 21, 14, tzinfo=TZ)
    entry = notebook.create_entry("今天和C聊了很久。\n\n## Later\nWe walked.", title="First night",
                                  tags=["love", "#C", "@rain"], mood=4, feelings=["calm", "tired"],
                                  starred=True, created=created, extra={"location": {"city": "上海"}})
    assert entry.path == notebook.home / "journal/2026/04/2026-04-02-first-night.md"
    meta, body = read_document(entry.path)
    assert meta == {"id": entry.id, "title": "First night", "created": "2026-04-02T21:14:00+08:00",
                    "updated": "2026-04-02T21:14:00+08:00", "tags": ["love", "C", "rain"], "mood": 4,
                    "feelings": ["calm", "tired"], "starred": True, "location": {"city": "上海"}}
    assert body.rstrip("\n") == "今天和C聊了很久。\n\n## Later\nWe walked."
    again = Notebook.open(notebook.home).get_entry(entry.id)
    assert (again.title, again.body, again.created, again.tags, again.mood, again.feelings, again.starred,
            again.extra) == (entry.title, entry.body, entry.created, entry.tags, entry.mood, entry.feelings,
                             entry.starred, entry.extra)


def test_optional_fields_are_left_out_of_the_file(notebook: Notebook) -> None:
    entry = notebook.create_entry("Just words.")
    meta, _ = read_document(entry.path)
    assert set(meta) == {"id", "title", "created", "updated", "tags"}
    assert meta["title"] == "Just words."


def test_update_keeps_the_file_and_changes_fields(notebook: Notebook) -> None:
    entry = notebook.create_entry("first", title="A")
    changed = notebook.update_entry(entry.id, body="second", title="B", tags=["x"], mood=2, starred=True)
    assert changed.path == entry.path
    meta, body = read_document(entry.path)
    assert (meta["title"], body.strip(), meta["tags"], meta["mood"], meta["starred"]) == ("B", "second", ["x"], 2, True)
    assert notebook.search("second")[0].id == entry.id
    assert notebook.search("first") == []


def test_delete_removes_file_and_index_row(notebook: Notebook) -> None:
    entry = notebook.create_entry("gone soon")
    notebook.delete_entry(entry.id)
    assert not entry.path.exists()
    with pytest.raises(NotFound):
        notebook.get_entry(entry.id)
    assert notebook.count_entries() == 0


@pytest.mark.parametrize("body", ["", "   \n\t", "a\x00b", b"\xff\xfe\x00".decode("latin-1")])
def test_bad_bodies_are_refused_and_nothing_is_written(notebook: Notebook, body: str) -> None:
    with pytest.raises(InvalidInput):
        notebook.create_entry(body)
    assert not (notebook.home / "journal").exists()


def test_body_over_one_megabyte_is_refused(notebook: Notebook) -> None:
    with pytest.raises(InvalidInput, match="1 MB"):
        notebook.create_entry("字" * (MAX_BODY_BYTES // 3 + 1))


@pytest.mark.parametrize("mood", [0, 6, "happy", 2.5])
def test_bad_mood_is_refused(notebook: Notebook, mood) -> None:
    with pytest.raises(InvalidInput):
        notebook.create_entry("text", mood=mood)


@pytest.mark.parametrize("title", ["../../etc/passwd", "a/b\\c:d", "..", "/", "con*?<>|"])
def test_path_characters_in_titles_stay_inside_the_journal_folder(notebook: Notebook, title: str) -> None:
    entry = notebook.create_entry("text", title=title)
    assert entry.title == title
    assert entry.path.resolve().is_relative_to((notebook.home / "journal").resolve())
    assert entry.path.parent == notebook.home / entry.created.strftime("journal/%Y/%m")


def test_same_title_same_day_gets_a_new_file(notebook: Notebook) -> None:
    a = notebook.create_entry("one", title="Same")
    b = notebook.create_entry("two", title="Same")
    assert a.path != b.path and a.path.exists() and b.path.exists()


def test_update_of_unknown_id_changes_nothing(notebook: Notebook) -> None:
    entry = notebook.create_entry("kept")
    before = entry.path.read_bytes()
    with pytest.raises(NotFound):
        notebook.update_entry("nope", body="x")
    with pytest.raises(InvalidInput):
        notebook.update_entry(entry.id, body="")
    assert entry.path.read_bytes() == before


def test_atomic_write_leaves_the_old_file_when_the_write_fails(tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "note.md"
    atomic.atomic_write_text(target, "old")

    def boom(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "replace", boom)
    with pytest.raises(StorageError, match="full"):
        atomic.atomic_write_text(target, "new")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["note.md"]  # no temp file left behind


def test_read_only_error_message(tmp_path: Path, monkeypatch) -> None:
    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(atomic.tempfile, "mkstemp", denied)
    with pytest.raises(StorageError) as info:
        atomic.atomic_write_text(tmp_path / "x.md", "text")
    assert "read-only" in str(info.value)
    assert "只读" in info.value.message("zh")


def test_front_matter_parsing_edge_cases() -> None:
    assert parse_document("no front matter") == ({}, "no front matter")
    assert parse_document("---\ntitle: x\n---\n\nbody") == ({"title": "x"}, "body")
    assert parse_document("\ufeff---\r\ntitle: x\r\n---\r\nbody") == ({"title": "x"}, "body")
