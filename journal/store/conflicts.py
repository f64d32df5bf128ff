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

from journal.store.atomic import atomic_create

CONFLICT_MARK = ".conflict-"
CONFLICT_KEY = "conflict_of"
_STAMP = "%Y%m%d-%H%M%S"
MAX_TRIES = 1000
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
    stamp = datetime.now().strftime(_STAMP)
    base = f"{original.stem}{CONFLICT_MARK}{stamp}"
    for number in range(1, MAX_TRIES):
        candidate = original.with_name(f"{base}{'' if number == 1 else f'-{number}'}{original.suffix}")
        if atomic_create(candidate, data):
            return candidate
    raise FileExistsError(str(original))


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
