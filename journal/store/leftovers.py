"""Temp files a crash left behind: removed at the next open, because they hold diary text nobody asked to keep.

Every write goes to ``.<name>.<random>.tmp`` beside its file and is renamed
into place (:mod:`journal.store.atomic`). A process killed in between leaves
that temp file. A temp file is removed only when no process holds its lock
(:func:`journal.store.locks.abandoned`), so a write in progress elsewhere is
never disturbed; and only under the notebook's write lock, because a batch
write (``atomic_write_many``) closes its temp files before renaming them.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Iterable

from journal.store.locks import NotebookLock, abandoned

TEMP_NAME = re.compile(r"^\..+\.tmp$")      # journal.store.atomic's temp names
SKIPPED_FOLDERS = frozenset({".git", ".hg", ".svn", "node_modules", "__pycache__"})


def is_temp_name(name: str) -> bool:
    return bool(TEMP_NAME.match(name))


def temps_in(folder: Path) -> list[Path]:
    """Temp files directly inside ``folder`` (not below it)."""
    try:
        return [Path(item.path) for item in os.scandir(folder)
                if is_temp_name(item.name) and item.is_file(follow_symlinks=False)]
    except OSError:
        return []


def temps_below(home: Path) -> list[Path]:
    """Temp files anywhere in the notebook folder (symlinked folders are not entered)."""
    found: list[Path] = []
    for folder, dirs, files in os.walk(home):
        dirs[:] = [d for d in dirs if d not in SKIPPED_FOLDERS]
        found.extend(Path(folder) / name for name in files if is_temp_name(name))
    return found


def top_level_temps(home: Path, skip: Iterable[str] = ()) -> list[Path]:
    """Temp files in the notebook folder and in each folder directly under it (except ``skip``).

    Cheap enough for every CLI call: stories, companions, drafts and the index
    folder are flat; the journal's own folders are checked by the sync that
    rescans them.
    """
    skipped = set(skip) | SKIPPED_FOLDERS
    found = temps_in(home)
    try:
        children = [Path(item.path) for item in os.scandir(home)
                    if item.is_dir(follow_symlinks=False) and item.name not in skipped]
    except OSError:
        children = []
    for child in children:
        found.extend(temps_in(child))
    return found


def remove_leftovers(lock: NotebookLock, candidates: Iterable[Path]) -> int:
    """Delete the candidates no live process is writing; the number removed. Never raises."""
    candidates = list(candidates)
    if not candidates:
        return 0
    removed = 0
    try:
        with lock:
            for path in candidates:
                with abandoned(path) as free:
                    if not free:
                        continue
                    try:
                        path.unlink()
                    except OSError:
                        continue
                    removed += 1
    except Exception:  # a read-only notebook: the leftovers stay; reading must still work
        return removed
    return removed
