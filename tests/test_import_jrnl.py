"""jrnl import: the JSON export and the plain-text journal file, Chinese text, stars, tags, re-import, bad files."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from journal.errors import BrokenFile
from journal.importers import run_import
from journal.notebook import Notebook
from journal.store.documents import read_document

JSON_EXPORT = {
    "tags": {"@工作": 1, "@anna": 1},
    "entries": [
        {"title": "今天很累。", "body": "加班到十点，和 @工作 有关。\n\n明天会好一点。", "date": "2024-05-01",
         "time": "21:30", "tags": ["@工作"], "starred": True},
        {"title": "Coffee with Anna.", "body": "We talked about @anna's trip.", "date": "2024-05-02",
         "time": "08:05", "tags": ["@anna"], "starred": False},
        {"title": "Just a title, no body", "body": "", "date": "2024-05-03", "time": "12:00", "tags": [],
         "starred": False},
        {"title": "Bad date", "body": "text", "date": "2024-13-40", "time": "10:00", "tags": [], "starred": False},
        "not an entry",
    ],
}

TEXT_JOURNAL = """\
[2024-05-01 21:30] 今天很累。 *
加班到十点，和 @工作 有关。

明天会好一点。

[2024-05-02 08:05] Coffee with Anna. We talked about @anna's trip.

[2024-05-04 09:30:00 PM] Late thoughts
Nothing much @Night.
"""


def _write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return path


def _entries(nb: Notebook) -> dict[str, object]:
    return {nb.get_entry(s.id).title: nb.get_entry(s.id) for s in nb.list_entries(limit=100)}


def test_json_export_fields_land_where_they_should(notebook: Notebook, tmp_path: Path) -> None:
    report = run_import(notebook, "jrnl", _write(tmp_path, "journal.json", json.dumps(JSON_EXPORT, ensure_ascii=False)))
    assert (report.added, report.skipped) == (3, 0)
    assert [i.position for i in report.broken] == [4, 5]
    assert "“2024-13-40 10:00” is not a date" in report.broken[0].message
    assert "not a JSON object" in report.broken[1].message
    entries = _entries(notebook)
    tired = entries["今天很累。"]
    assert tired.body == "加班到十点，和 @工作 有关。\n\n明天会好一点。"
    assert tired.tags == ["工作"]          # tag symbols stripped for Obsidian
    assert tired.starred is True
    assert tired.created.replace(tzinfo=None) == datetime(2024, 5, 1, 21, 30)
    assert tired.extra["source"].startswith("jrnl:")
    coffee = entries["Coffee with Anna."]
    assert coffee.tags == ["anna"] and coffee.starred is False
    title_only = entries["Just a title, no body"]
    assert title_only.body == "Just a title, no body"   # the words are kept as the body
    meta, body = read_document(tired.path)
    assert meta["tags"] == ["工作"] and meta["starred"] is True and meta["source"] == tired.extra["source"]
    assert body.strip() == tired.body


def test_reimport_adds_nothing_and_changes_nothing(notebook: Notebook, tmp_path: Path) -> None:
    mine = notebook.create_entry("my own words", title="Mine")
    before = mine.path.read_bytes()
    path = _write(tmp_path, "journal.json", json.dumps(JSON_EXPORT, ensure_ascii=False))
    run_import(notebook, "jrnl", path)
    files = sorted(p.read_bytes() for p in (notebook.home / "journal").rglob("*.md"))
    again = run_import(notebook, "jrnl", path)
    assert (again.added, again.skipped, len(again.broken)) == (0, 3, 2)
    assert sorted(p.read_bytes() for p in (notebook.home / "journal").rglob("*.md")) == files
    assert mine.path.read_bytes() == before
    assert notebook.count_entries() == 4


def test_text_journal_stars_tags_and_sentence_titles(notebook: Notebook, tmp_path: Path) -> None:
    report = run_import(notebook, "jrnl", _write(tmp_path, "journal.txt", TEXT_JOURNAL))
    assert (report.added, report.broken) == (3, [])
    entries = _entries(notebook)
    tired = entries["今天很累。"]
    assert tired.starred is True and tired.tags == ["工作"]
    assert tired.body == "加班到十点，和 @工作 有关。\n\n明天会好一点。"
    coffee = entries["Coffee with Anna."]   # jrnl's rule: the first sentence is the title
    assert coffee.body == "We talked about @anna's trip." and coffee.starred is False
    late = entries["Late thoughts"]
    assert late.created.replace(tzinfo=None) == datetime(2024, 5, 4, 21, 30)
    assert late.tags == ["night"]           # jrnl lower-cases tags


def test_the_same_journal_as_text_then_json_is_not_doubled(notebook: Notebook, tmp_path: Path) -> None:
    run_import(notebook, "jrnl", _write(tmp_path, "journal.txt", TEXT_JOURNAL))
    report = run_import(notebook, "jrnl", _write(tmp_path, "journal.json", json.dumps(JSON_EXPORT, ensure_ascii=False)))
    assert report.skipped == 2            # the two entries both files hold
    assert report.added == 1              # the title-only entry exists only in the JSON


def test_text_before_the_first_entry_is_reported(notebook: Notebook, tmp_path: Path) -> None:
    report = run_import(notebook, "jrnl", _write(tmp_path, "j.txt", "stray words\n" + TEXT_JOURNAL))
    assert report.added == 3
    assert [i.position for i in report.broken] == [0]
    assert "1 line before the first dated entry was not imported" in report.broken[0].message


@pytest.mark.parametrize("name,content,fragment", [
    ("j.txt", b"\x00\x01\x02binary\xff", "not a text file"),
    ("j.txt", "just some notes\nwithout dates\n", "not a jrnl journal"),
    ("j.json", '{"entries": {"not": "a list"}}', "not a jrnl"),
    ("j.json", '{"entries": [', "not valid JSON"),
    ("j.txt", "caf\xe9".encode("latin-1"), "not UTF-8"),
    # a Day One journal also has "entries": one sentence, not a complaint per entry
    ("Journal.json", '{"entries": [{"uuid": "A", "creationDate": "2024-01-01T00:00:00Z", "text": "x"}]}',
     "Journal.json is not a jrnl export"),
])
def test_files_that_are_not_what_they_claim(notebook: Notebook, tmp_path: Path, name: str, content, fragment: str) -> None:
    with pytest.raises(BrokenFile) as caught:
        run_import(notebook, "jrnl", _write(tmp_path, name, content))
    assert fragment in caught.value.message("en")
    assert notebook.count_entries() == 0


def test_cli_prints_the_report(tmp_path: Path, duet_home: Path, capsys) -> None:
    from journal.cli import main

    path = _write(tmp_path, "journal.json", json.dumps(JSON_EXPORT, ensure_ascii=False))
    assert main(["import", "jrnl", str(path)]) == 0
    out = capsys.readouterr().out
    assert "Added 3, already there 0, not imported 2." in out and "#4" in out
    assert main(["--json", "import", "jrnl", str(path)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["added"] == 0 and data["skipped"] == 3 and data["broken"][0]["position"] == 4


def test_a_large_import_is_batched_with_progress_and_same_names_never_clash(notebook: Notebook, tmp_path: Path) -> None:
    from journal.importers.writer import BATCH_SIZE

    count = BATCH_SIZE * 2 + 10
    same = 30   # this many share one date and title: the file names must not clash inside a batch
    entries = [{"title": "Same title." if i < same else f"Title {i}.", "body": f"entry number {i}",
                "date": "2024-06-01", "time": "09:00", "tags": [], "starred": False} for i in range(count)]
    calls: list[tuple[int, int]] = []
    report = run_import(notebook, "jrnl", _write(tmp_path, "big.json", json.dumps({"entries": entries})),
                        progress=lambda done, total: calls.append((done, total)))
    assert report.added == count and notebook.count_entries() == count
    assert calls[0] == (0, count) and calls[-1] == (count, count) and len(calls) >= 4
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)
    files = list((notebook.home / "journal" / "2024" / "06").glob("*.md"))
    assert len(files) == count
    assert len([f for f in files if f.name.startswith("2024-06-01-same-title")]) == same   # …-title.md, -2, -3
    bodies = {read_document(f)[1].strip() for f in files}
    assert bodies == {f"entry number {i}" for i in range(count)}
