"""Finding, reading and writing entry files under ``<home>/journal/``."""

from __future__ import annotations

import contextlib
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from journal.entries.model import Entry, entry_folder, entry_from_document, entry_stem
from journal.errors import BrokenFile, StorageError
from journal.ids import derived_id
from journal.names import create_at_free_path, free_path, private_stem
from journal.store.atomic import atomic_write_bytes
from journal.store.documents import content_version, read_versioned, render_document
from journal.store.leftovers import is_temp_name
from journal.times import local_time

JOURNAL_FOLDER = "journal"


@dataclass(frozen=True)
class FileState:
    relative: str
    mtime_ns: int
    size: int


def folders(home: Path) -> Iterator[tuple[Path, list[os.DirEntry]]]:
    """``journal/`` and every folder below it (hidden ones skipped), each with its listing, in the order of names.

    The same order on every disk and every run: a reindex numbers rows (and
    settles which of two copies keeps an id) the same way each time, and the
    ``journal/YYYY/MM`` files arrive oldest first, so the index's B-trees
    grow at their ends.
    """
    root = home / JOURNAL_FOLDER
    if not root.is_dir():
        return
    stack = [root]
    while stack:
        folder = stack.pop()
        try:
            items = sorted(os.scandir(folder), key=_name)
        except OSError:
            continue
        yield folder, items
        stack.extend(Path(i.path) for i in reversed(items)
                     if not i.name.startswith(".") and i.is_dir(follow_symlinks=False))


def _name(item: os.DirEntry) -> str:
    return item.name


def _listing(folder: Path) -> list[os.DirEntry]:
    try:
        return sorted(os.scandir(folder), key=_name)
    except OSError:
        return []


def scan(home: Path, only: Iterable[str] | None = None, leftovers: list[Path] | None = None) -> Iterator[FileState]:
    """Every ``.md`` file with its mtime and size (``os.scandir``: no parsing).

    ``only`` names folders (relative to ``home``) to list instead of the
    whole tree; their subfolders are not entered. Temp files met on the way
    are added to ``leftovers`` (for the clean-up after a crash).
    """
    listings = folders(home) if only is None else ((home / f, _listing(home / f)) for f in only)
    prefix = len(os.path.join(str(home), ""))  # string slicing, not Path objects: ~100,000 files at app start
    for _, items in listings:
        for item in items:
            if leftovers is not None and is_temp_name(item.name):
                leftovers.append(Path(item.path))
            elif not item.name.startswith(".") and item.name.endswith(".md") and item.is_file(follow_symlinks=False):
                stat = item.stat()
                relative = item.path[prefix:]
                yield FileState(relative if os.sep == "/" else relative.replace(os.sep, "/"),
                                stat.st_mtime_ns, stat.st_size)


def load(home: Path, relative: str, mtime_ns: int | None = None) -> Entry:
    """Parse one entry file; raises :class:`BrokenFile` for unreadable front matter.

    ``mtime_ns`` is the file's, when a scan has just read it (one stat less per file in a reindex).
    """
    path = home / relative
    meta, body, version = read_versioned(path)
    mtime = path.stat().st_mtime if mtime_ns is None else mtime_ns / 1e9
    entry = entry_from_document(meta, body, path, relative, local_time(mtime))
    entry.version = version
    return entry


def new_path(home: Path, entry: Entry, taken: set[Path] | None = None) -> Path:
    """A fresh, unused file name for a new entry (``-2``, ``-3`` … on a clash).

    ``taken`` holds names already chosen for a batch not yet on disk.
    """
    folder = home / entry_folder(entry.created)
    path = free_path(folder, _stem(folder, entry), taken=taken or ())
    assert path is not None  # no limit on tries
    return path


def _stem(folder: Path, entry: Entry) -> str:
    """The day and the title's slug; in a vault the day and a random token (a file name is never encrypted)."""
    return private_stem(folder, entry_stem(entry.created, entry.title), keep=len(f"{entry.created:%Y-%m-%d-}"))


def render(entry: Entry) -> bytes:
    return render_document(entry.front_matter(), entry.body).encode("utf-8")


def save(entry: Entry) -> None:
    """Write over the entry's file (the caller checked the version and holds the notebook lock)."""
    if entry.path is None:
        raise BrokenFile("errors.file_missing", path="?")
    data = render(entry)
    atomic_write_bytes(entry.path, data)
    entry.version = content_version(data)


def create(home: Path, entry: Entry) -> None:
    """Write a new entry under a free name; a name taken at the same instant (another process) is skipped."""
    data = render(entry)
    folder = home / entry_folder(entry.created)
    entry.path = create_at_free_path(folder, _stem(folder, entry), data)
    entry.version = content_version(data)



@contextlib.contextmanager
def taken_back_if_unindexed(entries: list[Entry], home: Path) -> Iterator[None]:
    """Remove just-created files when their index write fails (a full disk), and raise one sentence.

    A save that says "failed" must not leave its file behind: the person's
    retry, after freeing disk space, would otherwise make a second copy. An
    index held by another process past the busy wait (a large reindex fills it
    in one transaction) is not a failure of the save: the file is whole, and a
    sync (that reindex's next look, or the next open) indexes it.
    """
    try:
        yield
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc).lower() or "busy" in str(exc).lower():
            return
        _take_back(entries, home, exc)
    except sqlite3.Error as exc:
        _take_back(entries, home, exc)


def _take_back(entries: list[Entry], home: Path, exc: sqlite3.Error) -> None:
    for entry in entries:
        if entry.path is not None:
            entry.path.unlink(missing_ok=True)
    if "full" in str(exc).lower():
        raise StorageError("errors.disk_full", path=str(home)) from None
    raise StorageError("errors.write_failed", path=str(home), reason=str(exc)) from None
