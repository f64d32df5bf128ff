"""Several processes open a brand-new notebook while one of them reindexes it: none fails, nothing is lost.

A reindex used to delete ``index.db`` and its ``-wal`` and ``-shm`` files under
the other processes' open connections, and one of them then met a half-made
index ("no such table"), took that for damage and deleted the files in its
turn. A reindex now replaces the rows in place, in one transaction: the
others read the old index until it commits, then the new one.
"""

from __future__ import annotations

import multiprocessing
import shutil
import time
import traceback
from pathlib import Path

from benchmarks import data
from journal.entries import sync as entry_sync
from journal.notebook import Notebook
from journal.store import index as index_module

import sqlite_utils  # noqa: F401,E402 - imported once here, not in every forked process (it imports pandas: seconds)

ENTRIES = 120
ROUND_SECONDS = 1.2
ROUNDS = 3
OPENERS = 3


def _reindexer(home: str, until: float, errors) -> None:
    entry_sync.BULK_MIN_FILES = 10   # the bulk path, as a reindex of a real notebook takes
    try:
        while time.monotonic() < until:
            report = Notebook(home).reindex()
            assert report.indexed == ENTRIES and not report.broken, report.to_dict()
    except BaseException:   # noqa: BLE001 - reported to the test, which fails with it
        errors.put("reindex: " + traceback.format_exc())


def _opener(home: str, until: float, errors) -> None:
    entry_sync.BULK_MIN_FILES = 10
    try:
        while time.monotonic() < until:
            nb = Notebook.open(home)    # what the app, a CLI call and a phone's session each do
            count = nb.count_entries()
            assert count in (0, ENTRIES), count   # the old index or the new one, never a part of it
            if count:
                assert nb.search("zephyr") or nb.search("coffee"), "a full index that finds nothing"
            nb.index.close()
    except BaseException:   # noqa: BLE001
        errors.put("open: " + traceback.format_exc())


def test_processes_opening_a_new_notebook_during_a_reindex_all_succeed(tmp_path: Path) -> None:
    home = tmp_path / "nb"
    data.write_notebook(home, data.entries(ENTRIES, length=(5, 30)))
    files = sorted(p.read_bytes() for p in (home / "journal").rglob("*.md"))
    context = multiprocessing.get_context("fork")
    errors = context.Queue()
    for round_ in range(ROUNDS):
        shutil.rmtree(home / index_module.INDEX_FOLDER, ignore_errors=True)   # brand new: no index yet
        until = time.monotonic() + ROUND_SECONDS
        procs = [context.Process(target=_reindexer, args=(str(home), until, errors))]
        procs += [context.Process(target=_opener, args=(str(home), until, errors)) for _ in range(OPENERS)]
        for proc in procs:
            proc.start()
        for proc in procs:
            proc.join(timeout=60)
            assert proc.exitcode == 0, (round_, proc.exitcode)
        found = []
        while not errors.empty():
            found.append(errors.get())
        assert not found, f"round {round_}:\n" + "\n".join(found)
    assert sorted(p.read_bytes() for p in (home / "journal").rglob("*.md")) == files   # the person's words untouched
    nb = Notebook.open(home)
    assert nb.count_entries() == ENTRIES


def test_a_busy_or_changed_schema_is_not_damage() -> None:
    """Only a damaged file is rebuilt: "database schema has changed" or "locked" are passing states of a healthy one."""
    import sqlite3

    assert not index_module.is_damage(sqlite3.OperationalError("database schema has changed"))
    assert not index_module.is_damage(sqlite3.OperationalError("database is locked"))
    assert index_module.is_damage(sqlite3.DatabaseError("database disk image is malformed"))
    assert index_module.is_damage(sqlite3.DatabaseError("file is not a database"))
    assert index_module.is_damage(sqlite3.DatabaseError("malformed database schema (entries_au)"))
