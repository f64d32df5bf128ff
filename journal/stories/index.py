"""Keeping the ``stories`` and ``story_turns`` tables in step with the story files.

The tables are derived: everything here can be rebuilt from ``stories/*.md``
by :func:`reindex_stories`. This module builds the rows from a parsed story;
:mod:`journal.store.stories` holds the SQL that writes and reads them.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING, Any

from journal.entries import files as entry_files
from journal.errors import DuetError
from journal.ids import claim_id
from journal.stories.model import Story, StorySummary
from journal.times import to_utc_key
from journal.store import stories as story_sql
from journal.store.index import Index
from journal.store.sealed import read_bytes

if TYPE_CHECKING:
    from journal.notebook import Notebook

STORIES_FOLDER = "stories"

def story_row(story: Story, relative: str, mtime_ns: int, size: int) -> dict[str, Any]:
    created = story.created
    return {
        "id": story.id, "path": relative, "title": story.title, "companion": story.companion, "mode": story.mode,
        "created": created.isoformat() if created else None, "created_utc": to_utc_key(created) if created else None,
        "updated": story.updated.isoformat() if story.updated else None, "turns": len(story.turns),
        "branch_of": (story.branch_of or {}).get("story"), "branch_turn": (story.branch_of or {}).get("turn"),
        "source": story.extra.get("source"), "moods_json": json.dumps(story.moods, ensure_ascii=False, default=str),
        "mtime_ns": mtime_ns, "size": size,
    }


def turn_rows(story: Story) -> list[tuple[Any, ...]]:
    rows = []
    for idx, turn in enumerate(story.turns):
        at = turn.created
        rows.append((story.id, idx, turn.id, turn.role, turn.kind, turn.text, at.isoformat() if at else None,
                     to_utc_key(at) if at else None, at.strftime("%Y-%m-%d") if at else None))
    return rows


def index_story(index: Index, story: Story, relative: str, mtime_ns: int, size: int) -> None:
    """Upsert the story row and only the turn rows that differ from what is indexed."""
    story_sql.write_story(index, story_row(story, relative, mtime_ns, size), turn_rows(story))


forget_story = story_sql.forget_story


def summary_from_row(row: sqlite3.Row, home: Path) -> StorySummary:
    return StorySummary(id=row["id"], title=row["title"] or "", companion=row["companion"] or "",
                        mode=row["mode"] or "chat", created=row["created"] or "", updated=row["updated"] or "",
                        turns=row["turns"] or 0, path=str(home / row["path"]), branch_of=row["branch_of"],
                        source=row["source"])


def reindex_stories(nb: "Notebook", broken: list[tuple[str, str]] | None = None, *, every_file: bool = False) -> int:
    """Bring the story tables in step with ``stories/*.md``; returns how many files were (re)indexed.

    Unchanged files (same mtime and size) are only ``stat``-ed, so this is
    cheap at every start; after the database was deleted it rebuilds all, and
    ``every_file`` (a reindex) reads every file again and rebuilds the turns'
    full-text index from the rows. Broken files are appended to ``broken`` as
    ``(path, message)`` and skipped.
    """
    from journal.stories.fileformat import parse_story

    known = story_sql.file_stamps(nb.index)
    owners = {story_id: path for path, (story_id, _, _) in known.items()}
    on_disk = {s.relative: (s.mtime_ns, s.size) for s in entry_files.scan(nb.home, only=[STORIES_FOLDER])}
    count = 0
    for relative, (mtime_ns, size) in sorted(on_disk.items()):
        old = known.get(relative)
        if old and old[1] == mtime_ns and old[2] == size and not every_file:
            continue
        try:
            text = read_bytes(nb.home / relative).decode("utf-8")
            story = parse_story(text, source=relative)
        except (UnicodeDecodeError, DuetError) as exc:
            if broken is not None:
                error = exc if isinstance(exc, DuetError) else DuetError("errors.not_utf8", path=relative)
                broken.append((relative, error.message()))
            if old:   # a file broken by a hand edit is skipped, not shown as it was before
                forget_story(nb.index, old[0])
            continue
        claim_id(nb.home, story, relative, owners)  # a copied file: keep both, give the copy its own id
        index_story(nb.index, story, relative, mtime_ns, size)
        count += 1
    for relative, (story_id, _, _) in known.items():
        if relative not in on_disk:
            forget_story(nb.index, story_id)
    if every_file:
        story_sql.rebuild_search(nb.index)
    return count
