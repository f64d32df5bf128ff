"""Markdown folder import: front matter kept, file dates when there are none, hidden folders skipped, broken notes reported."""

from __future__ import annotations

import os
import zipfile
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from journal.errors import BrokenFile
from journal.importers import run_import
from journal.notebook import Notebook
from journal.store.documents import read_document

FULL = """---
title: 第一晚
created: 2024-05-01T21:30:00+08:00
tags: [love, "#夜晚"]
mood: 4
starred: true
location: 上海
source: https://example.org/original
aliases: [first night]
---
我们聊到很晚。

## Later
The moon was out.
"""
FILE_TIME = datetime(2023, 3, 4, 5, 6, 7).timestamp()


def vault(root: Path) -> Path:
    (root / "daily" / "2024").mkdir(parents=True)
    (root / ".obsidian").mkdir()
    (root / ".trash").mkdir()
    (root / "daily" / "2024" / "first night.md").write_text(FULL, encoding="utf-8")
    plain = root / "Ideas.md"
    plain.write_text("No front matter here.\nJust #ideas.\n", encoding="utf-8")
    os.utime(plain, (FILE_TIME, FILE_TIME))
    (root / ".obsidian" / "workspace.md").write_text("not a note", encoding="utf-8")
    (root / ".trash" / "old.md").write_text("deleted note", encoding="utf-8")
    (root / "picture.png").write_bytes(b"\x89PNG")
    return root


def by_title(nb: Notebook) -> dict:
    return {nb.get_entry(s.id).title: nb.get_entry(s.id) for s in nb.list_entries(limit=100)}


def test_front_matter_is_kept_and_file_dates_fill_in(notebook: Notebook, tmp_path: Path) -> None:
    report = run_import(notebook, "markdown", vault(tmp_path / "vault"))
    assert (report.added, report.broken) == (2, [])
    entries = by_title(notebook)
    night = entries["第一晚"]
    assert night.created == datetime(2024, 5, 1, 21, 30, tzinfo=timezone(timedelta(hours=8)))
    assert night.tags == ["love", "夜晚"] and night.mood == 4 and night.starred is True
    assert night.body == "我们聊到很晚。\n\n## Later\nThe moon was out."
    meta, _ = read_document(night.path)
    assert meta["location"] == "上海" and meta["aliases"] == ["first night"]
    assert meta["original_source"] == "https://example.org/original"
    assert meta["source"].startswith("markdown:daily/2024/first night.md:")
    ideas = entries["Ideas"]                      # no title: the file name, as Obsidian shows it
    assert ideas.created == datetime.fromtimestamp(FILE_TIME).astimezone()
    assert ideas.body == "No front matter here.\nJust #ideas."


def test_reimport_adds_nothing_and_a_changed_note_comes_in_again(notebook: Notebook, tmp_path: Path) -> None:
    root = vault(tmp_path / "vault")
    run_import(notebook, "markdown", root)
    again = run_import(notebook, "markdown", root)
    assert (again.added, again.skipped) == (0, 2)
    (root / "Ideas.md").write_text("Edited since.\n", encoding="utf-8")
    third = run_import(notebook, "markdown", root)
    assert (third.added, third.skipped) == (1, 1)
    assert notebook.count_entries() == 3


def test_broken_notes_are_reported_and_the_rest_imports(notebook: Notebook, tmp_path: Path) -> None:
    root = vault(tmp_path / "vault")
    (root / "broken.md").write_text("---\ntitle: [unclosed\n---\nbody\n", encoding="utf-8")
    (root / "empty.md").write_text("---\ntitle: only front matter\n---\n", encoding="utf-8")
    (root / "binary.md").write_bytes(b"\x00\x01\x02\x03")
    report = run_import(notebook, "markdown", root)
    assert report.added == 2
    problems = {i.label: i.message for i in report.broken}
    assert set(problems) == {"broken.md", "empty.md", "binary.md"}
    assert "not valid YAML" in problems["broken.md"]
    assert problems["empty.md"] == "the note is empty."
    assert "not a text file" in problems["binary.md"]


def test_a_zip_of_a_vault(notebook: Notebook, tmp_path: Path) -> None:
    root = vault(tmp_path / "vault")
    path = tmp_path / "vault.zip"
    with zipfile.ZipFile(path, "w") as zf:
        for file in root.rglob("*"):
            if file.is_file():
                zf.write(file, file.relative_to(tmp_path).as_posix())
    report = run_import(notebook, "markdown", path)
    assert report.added == 2
    assert sorted(by_title(notebook)) == ["Ideas", "第一晚"]


def test_not_markdown(notebook: Notebook, tmp_path: Path) -> None:
    path = tmp_path / "notes.docx"
    path.write_bytes(b"PK-ish but not")
    with pytest.raises(BrokenFile, match="not a markdown note"):
        run_import(notebook, "markdown", path)


def test_a_notes_own_id_is_kept_as_original_id_and_never_becomes_duets_id(notebook: Notebook, tmp_path: Path) -> None:
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "a.md").write_text("---\nid: 20240501-zettel\ntitle: Zettel\n---\nA note from another app.\n",
                                 encoding="utf-8")
    assert run_import(notebook, "markdown", folder).added == 1
    entry = by_title(notebook)["Zettel"]
    meta, _ = read_document(entry.path)
    assert meta["original_id"] == "20240501-zettel"
    assert entry.id != "20240501-zettel" and meta["id"] == entry.id
