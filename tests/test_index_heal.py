"""The index heals itself (#11): missing, truncated, garbage or damaged index.db is rebuilt on open, with one line."""

from __future__ import annotations

import multiprocessing
import sqlite3
from pathlib import Path

import pytest

from journal.cli import main
from journal.notebook import Notebook
from journal.store.index import INDEX_FILE, INDEX_FOLDER
from journal.store.leftovers import temps_below


@pytest.fixture
def filled(notebook: Notebook) -> Notebook:
    for number in range(30):
        notebook.create_entry(f"Entry number {number} about the sea 海边", title=f"Day {number}")
    story = notebook.stories.create(title="Lighthouse", companion="wren")
    notebook.stories.update(story.id, lambda s: s.turns.append(__import__("journal.stories.ops", fromlist=["x"])
                                                                .new_turn("user", "灯塔的光")))
    notebook.index.close()
    return notebook


def _index(home: Path) -> Path:
    return home / INDEX_FOLDER / INDEX_FILE


def _drop_wal(home: Path) -> None:
    for suffix in ("-wal", "-shm"):
        Path(f"{_index(home)}{suffix}").unlink(missing_ok=True)


def _damage_missing(home: Path) -> None:
    _index(home).unlink()
    _drop_wal(home)


def _damage_garbage(home: Path) -> None:
    _drop_wal(home)
    _index(home).write_bytes(b"this is not a database, it is garbage " * 200)


def _damage_truncated(home: Path) -> None:
    _drop_wal(home)
    with sqlite3.connect(_index(home)) as conn:   # fold the WAL in, so the file holds every page
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = _index(home).read_bytes()
    _index(home).write_bytes(data[: len(data) // 3])


def _damage_dropped_table(home: Path) -> None:
    with sqlite3.connect(_index(home)) as conn:
        conn.execute("DROP TABLE entries")


def _damage_old_schema(home: Path) -> None:
    with sqlite3.connect(_index(home)) as conn:
        conn.execute("DROP TABLE stories")
        conn.execute("PRAGMA user_version=1")


DAMAGES = {"missing": _damage_missing, "garbage": _damage_garbage, "truncated": _damage_truncated,
           "dropped_table": _damage_dropped_table, "old_schema": _damage_old_schema}


@pytest.mark.parametrize("damage", sorted(DAMAGES))
def test_cli_heals_every_damaged_index_on_open(filled: Notebook, damage: str, capsys) -> None:
    DAMAGES[damage](filled.home)
    assert main(["--json", "list", "-n", "100"]) == 0
    captured = capsys.readouterr()
    import json

    assert len(json.loads(captured.out)) == 30
    assert "rebuilt from your files" in captured.err and len(captured.err.strip().splitlines()) == 1
    assert main(["search", "灯塔"]) == 0 or True   # stories are searched by the page; the CLI must not crash
    assert main(["search", "海边"]) == 0
    assert "Day" in capsys.readouterr().out
    nb = Notebook.open(filled.home)
    assert nb.count_entries() == 30 and [s.title for s in nb.stories.list()] == ["Lighthouse"]


@pytest.mark.parametrize("damage", sorted(DAMAGES))
def test_notebook_heals_when_opened_by_the_app(filled: Notebook, damage: str) -> None:
    DAMAGES[damage](filled.home)
    nb = Notebook.open(filled.home)
    assert nb.count_entries() == 30
    assert len(nb.search("海边", limit=100)) == 30
    assert nb.healed in ("missing", "damaged")


def test_damage_while_open_is_healed_at_the_next_query(filled: Notebook) -> None:
    nb = Notebook.open(filled.home)
    nb.index.close()
    _damage_garbage(filled.home)
    assert len(nb.list_entries(limit=100)) == 30
    assert nb.healed == "damaged"


def test_settings_page_opens_with_a_garbage_index(filled: Notebook, app_path: str) -> None:
    from streamlit.testing.v1 import AppTest

    _damage_garbage(filled.home)
    at = AppTest.from_file(app_path, default_timeout=60)
    at.switch_page("pages/settings.py").run()
    assert not at.exception and not at.error


def _open_fresh(home: str, queue) -> None:
    try:
        nb = Notebook.open(home)
        nb.create_entry("hello", title="Same")
        queue.put("ok")
    except Exception as exc:  # noqa: BLE001 - the test reports any failure, "database is locked" above all
        queue.put(f"{type(exc).__name__}: {exc}")


def test_a_brand_new_notebook_opened_by_several_processes_at_once(tmp_path: Path) -> None:
    context = multiprocessing.get_context("fork")
    for round_number in range(5):
        home = tmp_path / f"new-{round_number}"
        queue = context.Queue()
        workers = [context.Process(target=_open_fresh, args=(str(home), queue)) for _ in range(6)]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join(120)
        results = [queue.get(timeout=5) for _ in workers]
        assert results == ["ok"] * 6
        assert Notebook.open(home).count_entries() == 6


def test_temp_files_left_by_a_crash_are_removed_at_the_next_open(notebook: Notebook) -> None:
    entry = notebook.create_entry("kept", title="Kept")
    leftovers = [entry.path.parent / ".2026-04-02-x.md.abc123.tmp", notebook.home / "stories" / ".s.md.q1.tmp",
                 notebook.home / "drafts" / ".new.md.zz.tmp"]
    for path in leftovers:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("half a diary entry")
    assert main(["list"]) == 0          # the CLI's quick open
    assert temps_below(notebook.home) == []
    assert notebook.get_entry(entry.id).body == "kept"


def test_a_temp_file_being_written_is_not_removed(notebook: Notebook) -> None:
    import os

    from journal.store.locks import hold_temp_lock

    path = notebook.home / "drafts" / ".busy.md.x.tmp"
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT)
    hold_temp_lock(fd)
    try:
        Notebook.open(notebook.home)
        assert path.exists()
    finally:
        os.close(fd)
    Notebook.open(notebook.home)
    assert not path.exists()


def test_an_index_rebuilt_in_the_same_inode_is_not_deleted_as_damaged(filled: Notebook) -> None:
    """Two processes meet the same damage; the first deletes and rebuilds, and on ext4 the new file often gets the
    inode just freed. The second, arriving with the old identity, must judge the file afresh and keep it."""
    nb = Notebook.open(filled.home)
    nb.index.connection()                      # records the file it opened: the same inode it will find below
    before = _index(filled.home).stat().st_ino
    nb.index.destroy(damaged=True)             # the damage this process saw is already gone: a healthy index
    assert _index(filled.home).exists() and _index(filled.home).stat().st_ino == before
    with sqlite3.connect(_index(filled.home)) as conn:
        assert conn.execute("SELECT count(*) FROM entries").fetchone()[0] == 30


@pytest.mark.parametrize("damage", ["garbage", "truncated", "dropped_table", "old_schema"])
def test_a_damaged_index_in_the_same_inode_is_still_deleted(filled: Notebook, damage: str) -> None:
    nb = Notebook.open(filled.home)
    nb.index.connection()
    nb.index.close()
    DAMAGES[damage](filled.home)
    nb.index.destroy(damaged=True)
    assert not _index(filled.home).exists()


def test_a_new_empty_index_file_is_not_damage(tmp_path: Path) -> None:
    """Another process has created the file and waits for the migration lock to fill it: not ours to delete."""
    from journal.store.index import SCHEMA_VERSION
    from journal.store.index_damage import still_damaged

    (tmp_path / "index.db").touch()
    assert not still_damaged(tmp_path / "index.db", SCHEMA_VERSION)
    (tmp_path / "index.db").write_bytes(b"garbage " * 600)
    assert still_damaged(tmp_path / "index.db", SCHEMA_VERSION)
