"""Conflict copies: when a save finds its file changed since it was read, the writer's text goes here.

``2026-04-02-first-night.md`` keeps what the other writer (a second tab, the
CLI, Obsidian) saved; the stale writer's version is written beside it as
``2026-04-02-first-night.conflict-20260402-213005.md`` with a new id and
``conflict_of: <id>`` in its front matter. Nothing is overwritten; the person
chooses later (keep mine, keep theirs, keep both), in the app or with the CLI.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from typing import TYPE_CHECKING

from journal.errors import InvalidInput, NotFound
from journal.store.atomic import atomic_write_bytes
from journal.store.documents import read_document, render_document

if TYPE_CHECKING:
    from journal.notebook import Notebook

CONFLICT_MARK = ".conflict-"
CONFLICT_KEY = "conflict_of"
_STAMP = "%Y%m%d-%H%M%S"
CONFLICT_FOLDERS = ("journal", "stories", "companions")
KEEP_CHOICES = ("mine", "theirs", "both")


@dataclass(frozen=True)
class ConflictCopy:
    path: Path          # the conflict copy (the stale writer's text)
    original: Path      # the file it conflicts with (may be gone since)

    def to_dict(self, home: Path) -> dict[str, str]:
        return {"copy": self.path.relative_to(home).as_posix(), "original": self.original.relative_to(home).as_posix()}


def is_conflict_copy(path: Path | str) -> bool:
    return CONFLICT_MARK in Path(path).name


def original_of(copy: Path) -> Path:
    stem = copy.name.split(CONFLICT_MARK, 1)[0]
    return copy.with_name(stem + copy.suffix)


def write_conflict_copy(original: Path, data: bytes) -> Path:
    """Save ``data`` beside ``original`` under a fresh conflict name (never replacing a file); its path."""
    from journal.names import create_at_free_path

    stem = f"{original.stem}{CONFLICT_MARK}{datetime.now().strftime(_STAMP)}"
    return create_at_free_path(original.parent, stem, data, suffix=original.suffix)


def find_conflicts(home: Path) -> list[ConflictCopy]:
    """Every conflict copy in the notebook, oldest first."""
    found = []
    for folder in CONFLICT_FOLDERS:
        for root, dirs, files in os.walk(Path(home) / folder):
            dirs[:] = [d for d in dirs if not d.startswith(".")]
            for name in files:
                if CONFLICT_MARK in name and name.endswith(".md") and not name.startswith("."):
                    path = Path(root) / name
                    found.append(ConflictCopy(path, original_of(path)))
    return sorted(found, key=lambda c: c.path.name.split(CONFLICT_MARK, 1)[-1])


def resolve(nb: "Notebook", copy_path: str | Path, keep: str) -> Path:
    """The person's choice; returns the file that is current afterwards. The caller re-indexes.

    ``mine``: the copy replaces the file (whose text becomes a version);
    ``theirs``: the copy goes to the trash; ``both``: the copy becomes a
    note of its own under a plain free name.
    """
    if keep not in KEEP_CHOICES:
        raise InvalidInput("history.errors.bad_keep", keep=str(keep), choices=", ".join(KEEP_CHOICES))
    copy = Path(copy_path)
    copy = copy if copy.is_absolute() else nb.home / copy
    if not is_conflict_copy(copy) or not copy.is_file() or Path(nb.home).resolve() not in copy.resolve().parents:
        raise NotFound("history.errors.no_conflict", path=str(copy_path))
    original = original_of(copy)
    with nb.lock:
        if keep == "theirs":
            nb.trash.put([copy])
            return original
        meta, body = read_document(copy)
        marked_id = meta.pop(CONFLICT_KEY, None)
        if keep == "both":
            from journal.names import create_at_free_path

            kept = create_at_free_path(original.parent, original.stem, render_document(meta, body).encode("utf-8"),
                                       suffix=original.suffix)
            copy.unlink()
            return kept
        top = original.relative_to(nb.home).parts[0]
        kind = "entries" if top == "journal" else top      # the history folders of journal/store/history.py
        if original.exists():
            old_meta, _ = read_document(original)
            marked_id = old_meta.get("id") or marked_id
            nb.history.keep(kind, original.stem if kind == "companions" else str(marked_id), original)
        if marked_id and kind != "companions":   # a companion is named by its file, not an id
            meta["id"] = marked_id
        atomic_write_bytes(original, render_document(meta, body).encode("utf-8"))
        nb.trash.put([copy])
        return original
