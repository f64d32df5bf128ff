"""Limits on what a file may hold, odd titles, a read-only notebook and a full disk (#11)."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from journal.companions.cards import MAX_KEPT_CARD_BYTES, import_card, read_card
from journal.errors import BrokenFile, DuetError, StorageError
from journal.importers import run_import
from journal.notebook import Notebook

ROOT = Path(__file__).resolve().parent.parent
EXT_B_TITLE = "".join(chr(0x20000 + i) for i in range(60))    # 60 characters, 240 bytes
EMOJI_TITLE = "😀" * 70                                        # 280 bytes
FAMILY = "👩\u200d👩\u200d👧\u200d👦"                           # one grapheme, 25 bytes
NAME_LIMIT_BYTES = 255


# --- titles whose file names are long in bytes ------------------------------------------


@pytest.mark.parametrize("title", [EXT_B_TITLE, EMOJI_TITLE, FAMILY * 20, "é" * 200, "a" * 200])
def test_long_titles_save_and_export(notebook: Notebook, tmp_path: Path, title: str) -> None:
    entry = notebook.create_entry("words " + title, title=title)
    again = notebook.create_entry("again", title=title)   # the "-2" name fits too
    assert entry.path.is_file() and again.path.is_file()
    assert notebook.get_entry(entry.id).title == title[:200]
    companion = notebook.companions.create(title[:60], description="x")
    story = notebook.stories.create(title=title[:100], companion=companion.slug)
    from journal.export.markdown_export import export_markdown

    result = export_markdown(notebook, tmp_path / "out")
    names = [p.name for p in (tmp_path / "out").rglob("*")] + [entry.path.name, again.path.name,
                                                                companion.path.name,
                                                                notebook.stories.path_for(story.id).name]
    assert result.files >= 4
    for name in names:
        assert len(name.encode("utf-8")) <= NAME_LIMIT_BYTES - 20, name   # room for the temp file's affixes
    exported = " ".join(p.read_text(encoding="utf-8") for p in (tmp_path / "out").rglob("*.md"))
    assert title[:60] in exported


def test_names_are_cut_on_a_character_boundary() -> None:
    from journal.names import slugify
    from journal.text import cut_to_bytes

    assert cut_to_bytes(FAMILY * 10, 60) == FAMILY * 2       # never half a family
    assert cut_to_bytes(EXT_B_TITLE, 10) == EXT_B_TITLE[:2]  # never half a 4-byte character
    assert len(slugify(EXT_B_TITLE).encode()) <= 120
    assert slugify(EXT_B_TITLE) == EXT_B_TITLE[:30]


def test_cli_new_with_an_extension_b_title(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "journal", "--home", str(tmp_path / "nb"), "new", "--title",
                           EXT_B_TITLE, "--body", "body"], cwd=ROOT, capture_output=True, timeout=120)
    assert done.returncode == 0, done.stderr.decode()


# --- cards -------------------------------------------------------------------------------


def _nested(depth: int) -> dict:
    out: dict = {}
    current = out
    for _ in range(depth):
        current["x"] = {}
        current = current["x"]
    return out


def test_a_card_nested_400_deep_is_a_clear_error(notebook: Notebook) -> None:
    card = {"spec": "chara_card_v2", "data": {"name": "Deep", "description": "d", "extensions": _nested(400)}}
    with pytest.raises(BrokenFile) as caught:
        import_card(notebook, json.dumps(card).encode(), "deep.json")
    assert "deep" in caught.value.message()
    assert notebook.companions.list() and "Deep" not in [c.name for c in notebook.companions.list()]


def test_a_20_mb_lorebook_is_refused_quickly_with_a_sentence() -> None:
    book = {"entries": [{"keys": [f"k{i}"], "content": "x" * 2000, "id": i} for i in range(10_000)]}
    data = json.dumps({"spec": "chara_card_v2", "data": {"name": "Big", "description": "d",
                                                           "character_book": book}}).encode()
    assert len(data) > 20_000_000
    started = time.perf_counter()
    with pytest.raises(BrokenFile) as caught:
        read_card(data, "big.json")
    assert time.perf_counter() - started < 30   # it took 37 s before the limit; now it is only parsed and measured
    assert f"{MAX_KEPT_CARD_BYTES // 1000} KB" in caught.value.message()


def test_a_lorebook_under_the_limit_imports_and_is_kept(notebook: Notebook) -> None:
    book = {"entries": [{"keys": [f"k{i}"], "content": "情" * 100, "id": i} for i in range(200)]}
    card = {"spec": "chara_card_v2", "data": {"name": "Lore", "description": "d", "character_book": book}}
    companion = import_card(notebook, json.dumps(card, ensure_ascii=False).encode(), "lore.json")
    assert notebook.companions.get(companion.slug).character_book == book


# --- zips and JSON --------------------------------------------------------------------------


def test_a_zip_bomb_is_refused_with_a_sentence(notebook: Notebook, tmp_path: Path) -> None:
    path = tmp_path / "bomb.zip"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("note.md", "a real note")
        with zf.open("bomb.md", "w", force_zip64=True) as member:
            block = b"\0" * (1 << 20)
            for _ in range(80):
                member.write(block)
    assert path.stat().st_size < 1_000_000
    report = run_import(notebook, "markdown", path)
    assert report.added == 1
    assert any("zip bomb" in issue.message for issue in report.broken)


@pytest.mark.parametrize("kind, name", [("jrnl", "journal.json"), ("dayone", "Journal.json"),
                                        ("chatgpt", "conversations.json")])
def test_json_nested_thousands_deep_is_a_clear_error(notebook: Notebook, tmp_path: Path, kind: str,
                                                     name: str) -> None:
    path = tmp_path / name
    path.write_text('{"entries": ' + "[" * 100_000 + "]" * 100_000 + "}")
    with pytest.raises(DuetError) as caught:
        run_import(notebook, kind, path)
    assert "deep" in caught.value.message()


def test_chatgpt_messages_whose_parents_point_at_each_other_do_not_hang(notebook: Notebook, tmp_path: Path) -> None:
    def node(node_id: str, parent: str, role: str) -> dict:
        return {"id": node_id, "parent": parent, "children": [parent],
                "message": {"id": node_id, "author": {"role": role}, "create_time": 1.0,
                            "content": {"content_type": "text", "parts": [f"text {node_id}"]}}}

    conversation = {"id": "loop", "title": "Loop", "current_node": "a",
                    "mapping": {"a": node("a", "b", "user"), "b": node("b", "a", "assistant")}}
    path = tmp_path / "conversations.json"
    path.write_text(json.dumps([conversation]))
    started = time.perf_counter()
    report = run_import(notebook, "chatgpt", path)
    assert time.perf_counter() - started < 60
    assert report.added + len(report.broken) == 1


# --- a read-only notebook -------------------------------------------------------------------


def _read_only_run(home: Path, *args: str) -> subprocess.CompletedProcess:
    """The CLI on a read-only bind mount of ``home``, in a private mount namespace (nothing leaks out)."""
    view = home.parent / "read-only-view"
    view.mkdir(exist_ok=True)
    command = (f"mount --bind '{home}' '{view}' && mount -o remount,ro,bind '{view}' && "
               f"exec '{sys.executable}' -m journal --home '{view}' " + " ".join(f"'{a}'" for a in args))
    return subprocess.run(["unshare", "-m", "sh", "-c", command], cwd=ROOT, capture_output=True, timeout=120)


def _can_mount_read_only(tmp_path: Path) -> bool:
    if not shutil.which("unshare"):
        return False
    probe = tmp_path / "probe"
    probe.mkdir()
    view = tmp_path / "probe-view"
    view.mkdir()
    done = subprocess.run(["unshare", "-m", "sh", "-c", f"mount --bind '{probe}' '{view}' && "
                           f"mount -o remount,ro,bind '{view}' && ! touch '{view}/x'"], capture_output=True)
    return done.returncode == 0


def test_a_read_only_notebook_is_listed_searched_and_exported(tmp_path: Path) -> None:
    if not _can_mount_read_only(tmp_path):
        pytest.skip("needs unshare and mount (root in a container) to make a really read-only folder")
    home = tmp_path / "nb"
    nb = Notebook.open(home)
    nb.create_entry("a rose in the rain", title="Rose")
    nb.create_entry("月亮很圆", title="月亮")
    (home / ".duet" / "index.db").unlink()   # not even an index to read: it is built in memory
    listed = _read_only_run(home, "--json", "list")
    assert listed.returncode == 0, listed.stderr.decode()
    assert sorted(e["title"] for e in json.loads(listed.stdout)) == ["Rose", "月亮"]
    found = _read_only_run(home, "--json", "search", "rose")
    assert [e["title"] for e in json.loads(found.stdout)] == ["Rose"]
    exported = _read_only_run(home, "export", "zip", str(tmp_path / "backup.zip"))
    assert exported.returncode == 0, exported.stderr.decode()
    assert len(zipfile.ZipFile(tmp_path / "backup.zip").namelist()) >= 2
    assert _read_only_run(home, "reindex").returncode == 0
    refused = _read_only_run(home, "new", "--body", "more")
    assert refused.returncode != 0 and b"read-only" in refused.stderr and b"Traceback" not in refused.stderr


# --- a full disk between the file write and the index write -----------------------------------


def test_an_index_write_that_fails_takes_the_new_file_back(notebook: Notebook,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    from journal.store import entries as entry_sql

    real = entry_sql.upsert_rows

    def full(*args, **kwargs):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(entry_sql, "upsert_rows", full)
    with pytest.raises(StorageError) as caught:
        notebook.create_entry("written while the disk filled up", title="Full")
    assert "full" in caught.value.message()
    assert list((notebook.home / "journal").rglob("*.md")) == []
    with pytest.raises(StorageError):
        notebook.create_entries([{"body": "an imported one"}, {"body": "and another"}])
    assert list((notebook.home / "journal").rglob("*.md")) == []
    monkeypatch.setattr(entry_sql, "upsert_rows", real)   # space freed: the retry saves exactly one
    notebook.create_entry("written while the disk filled up", title="Full")
    reopened = Notebook.open(notebook.home)
    assert [r.title for r in reopened.list_entries()] == ["Full"]
    assert len(list((notebook.home / "journal").rglob("*.md"))) == 1
    assert os.listdir(notebook.home)
