"""Finding, reading and writing entry files under ``<home>/journal/``."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Iterator

from journal.entries import Entry, entry_filename, entry_folder, entry_from_document
from journal.errors import BrokenFile
from journal.store.documents import read_document, write_document

JOURNAL_FOLDER = "journal"


@dataclass(frozen=True)
class FileState:
    relative: str
    mtime_ns: int
    size: int


def scan(home: Path) -> Iterator[FileState]:
    """Every ``.md`` file under ``journal/`` with its mtime and size (``os.scandir``: no parsing)."""
    root = home / JOURNAL_FOLDER
    if not root.is_dir():
        return
    stack = [root]
    while stack:
        folder = stack.pop()
        try:
            items = list(os.scandir(folder))
        except OSError:
            continue
        for item in items:
            if item.name.startswith("."):
                continue
            if item.is_dir(follow_symlinks=False):
                stack.append(Path(item.path))
            elif item.name.endswith(".md") and item.is_file(follow_symlinks=False):
                stat = item.stat()
                yield FileState(Path(item.path).relative_to(home).as_posix(), stat.st_mtime_ns, stat.st_size)


def load(home: Path, relative: str) -> Entry:
    """Parse one entry file; raises :class:`BrokenFile` for unreadable front matter."""
    path = home / relative
    meta, body = read_document(path)
    file_time = datetime.fromtimestamp(path.stat().st_mtime).astimezone().replace(microsecond=0)
    return entry_from_document(meta, body, path, relative, file_time)


def new_path(home: Path, entry: Entry, taken: set[Path] | None = None) -> Path:
    """A fresh, unused file name for a new entry (``-2``, ``-3`` … on a clash).

    ``taken`` holds names already chosen for a batch not yet on disk.
    """
    folder = home / entry_folder(entry.created)
    name = entry_filename(entry.created, entry.title)
    candidate = folder / name
    counter = 2
    while candidate.exists() or (taken is not None and candidate in taken):
        candidate = folder / f"{name[:-3]}-{counter}.md"
        counter += 1
    return candidate


def save(entry: Entry) -> None:
    if entry.path is None:
        raise BrokenFile("errors.file_missing", path="?")
    write_document(entry.path, entry.front_matter(), entry.body)
