"""Bringing the index in step with entry files changed outside Duet.

A full sync stats every file (cheap, but ~0.1 s for 10,000 entries). A quick
sync stats only the folders: creating, deleting or renaming a file, and the
save-by-rename that most editors do, all change a folder's mtime, so only
changed folders are rescanned. The app does a full sync at start; read-only
CLI commands do a quick one to stay inside their time budget, and
``reindex`` catches anything else.
"""

from __future__ import annotations

import itertools
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable

from journal.entries import files as entry_files
from journal.entries import reading
from journal.errors import DuetError
from journal.ids import claimed_id
from journal.store import entries as entry_sql
from journal.store.atomic import atomic_write_text
from journal.store.index import INDEX_FOLDER
from journal.store.sealed import read_text, sealing

STAMPS_FILE = "folders.json"
BATCH_ROWS = 500
# From this many files, an empty index is filled in bulk (journal.store.entries.bulk_load): a reindex, a first start.
BULK_MIN_FILES = 1000


@dataclass
class ReindexReport:
    indexed: int = 0
    removed: int = 0
    broken: list[tuple[str, str]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"indexed": self.indexed, "removed": self.removed,
                "broken": [{"path": p, "error": e} for p, e in self.broken]}


def folder_stamps(home: Path) -> dict[str, int]:
    """``relative folder -> mtime_ns`` for ``journal/`` and every folder below it."""
    stamps: dict[str, int] = {}
    for folder, _ in entry_files.folders(home):
        try:
            stamps[folder.relative_to(home).as_posix()] = folder.stat().st_mtime_ns
        except OSError:
            continue
    return stamps


def _stamps_path(home: Path) -> Path:
    return home / INDEX_FOLDER / STAMPS_FILE


def _load_stamps(home: Path, conn) -> dict[str, int] | None:
    if sealing(_stamps_path(home)):   # a vault: kept in the index itself, so they describe the snapshot they came with
        return entry_sql.vault_stamps(conn)
    try:
        data = json.loads(read_text(_stamps_path(home)))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _save_stamps(home: Path, stamps: dict[str, int], conn) -> None:
    if sealing(_stamps_path(home)):
        if _load_stamps(home, conn) == stamps:
            return   # unchanged: the snapshot need not be written again at exit
        entry_sql.save_vault_stamps(conn, stamps)
        return
    try:
        atomic_write_text(_stamps_path(home), json.dumps(stamps, sort_keys=True))
    except DuetError:
        pass  # a read-only notebook can still be searched; the next sync just does more work


class _IndexedOwners(dict):
    """``id -> path`` for :func:`journal.ids.claim_id`: this batch's files, then one index lookup per id.

    Loading every id of a large notebook to check the few files a sync reads
    would cost a quick sync more than the rest of its work.
    """

    def __init__(self, conn) -> None:
        super().__init__()
        self._conn = conn

    def get(self, entry_id: str, default: str | None = None) -> str | None:  # type: ignore[override]
        if entry_id in self:
            return self[entry_id]
        owner = entry_sql.path_of_id(self._conn, entry_id)
        return default if owner is None else owner


def sync(home: Path, conn, folders: Iterable[str] | None = None, leftovers: list[Path] | None = None, *,
         replace: bool = False) -> ReindexReport:
    """Re-read new or changed files (in ``folders`` only, if given) and forget vanished ones; with ``replace``
    (a reindex), read every file and put its rows in place of the whole index, in one transaction.

    Rows are written in batches of :data:`BATCH_ROWS`, so a reindex of a
    hundred thousand files holds one batch of parsed entries in memory, not
    all of them. An empty index of a large notebook is filled in bulk, its
    files read by worker processes (:mod:`journal.entries.reading`).
    """
    if folders is None:
        states = entry_files.scan(home, None, leftovers)
        first = list(itertools.islice(states, BULK_MIN_FILES))
        large = len(first) == BULK_MIN_FILES
        if large or replace:
            with entry_sql.bulk_load(conn, replace=replace, by_row=not large) as write:
                if write is not None:   # an empty index: every file is read, owners are this run's files alone
                    return _read_files(home, conn, first + list(states), None, write, owners={})
        return _read_files(home, conn, itertools.chain(first, states), None,
                           lambda rows: entry_sql.upsert_rows(conn, rows))
    wanted = sorted(set(folders))
    return _read_files(home, conn, entry_files.scan(home, wanted, leftovers), wanted,
                       lambda rows: entry_sql.upsert_rows(conn, rows))


def _read_files(home: Path, conn, states: Iterable[entry_files.FileState], wanted: list[str] | None,
                write: Callable[[list[dict[str, Any]]], None], owners: dict[str, str] | None = None) -> ReindexReport:
    """Read the files of ``states`` that changed since the index saw them, write their rows in batches.

    A list of states (a bulk load) is read by worker processes when it is
    long; any other iterable is read here, one file at a time.
    """
    known = entry_sql.file_states(conn, wanted)
    report, batch, on_disk, stale = ReindexReport(), [], set(), []
    owners = _IndexedOwners(conn) if owners is None else owners

    def changed(state: entry_files.FileState) -> bool:
        on_disk.add(state.relative)
        old = known.get(state.relative)
        return not (old and old[1] == state.mtime_ns and old[2] == state.size)

    pending: Iterable[entry_files.FileState] = (s for s in states if changed(s))
    if isinstance(states, list):
        pending = list(pending)
    for relative, row, error in reading.read_all(home, pending):
        if row is None:
            report.broken.append((relative, error or ""))
            if relative in known:   # a file broken by a hand edit is skipped, not shown as it was before
                stale.append(known[relative][0])
            continue
        row["id"] = claimed_id(home, row["id"], relative, owners)
        batch.append(row)
        if len(batch) >= BATCH_ROWS:
            write(batch)
            report.indexed += len(batch)
            batch = []
            if isinstance(owners, _IndexedOwners):
                owners.clear()  # now in the index, where owners.get finds them
    gone = [known[path][0] for path in known if path not in on_disk] + stale
    if gone:
        entry_sql.delete_ids(conn, gone)
    if batch:
        write(batch)
    report.indexed += len(batch)
    report.removed = len(gone)
    return report


def full_sync(home: Path, conn, *, replace: bool = False) -> ReindexReport:
    stamps = folder_stamps(home)
    report = sync(home, conn, replace=replace)
    _save_stamps(home, stamps, conn)
    return report


def changed_folder_stamps(home: Path, previous: dict[str, int]) -> dict[str, int]:
    """Like :func:`folder_stamps`, but a folder whose mtime has not moved is only stat'ed, not listed.

    A new or removed subfolder changes its parent's mtime, so the subfolders
    of an unchanged folder are the ones recorded last time. A quick sync after
    one saved file lists one folder instead of every entry of ten years.
    """
    children: dict[str, list[str]] = {}
    for folder in previous:
        if "/" in folder:
            children.setdefault(folder.rsplit("/", 1)[0], []).append(folder)
    current: dict[str, int] = {}
    stack = [entry_files.JOURNAL_FOLDER]
    while stack:
        folder = stack.pop()
        try:
            mtime = os.stat(os.path.join(home, folder)).st_mtime_ns
        except OSError:
            continue
        current[folder] = mtime
        if previous.get(folder) == mtime:
            stack.extend(children.get(folder, ()))
            continue
        try:
            with os.scandir(os.path.join(home, folder)) as items:
                stack.extend(f"{folder}/{i.name}" for i in items
                             if not i.name.startswith(".") and i.is_dir(follow_symlinks=False))
        except OSError:
            continue
    return current


def quick_sync(home: Path, conn, leftovers: list[Path] | None = None) -> ReindexReport:
    previous = _load_stamps(home, conn)
    if previous is None:
        return full_sync(home, conn)
    current = changed_folder_stamps(home, previous)
    changed = {f for f, m in current.items() if previous.get(f) != m} | (set(previous) - set(current))
    if not changed:
        return ReindexReport()
    report = sync(home, conn, changed, leftovers)
    _save_stamps(home, current, conn)
    return report
