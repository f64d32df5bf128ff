"""Keeping the ``stories`` and ``story_turns`` tables in step with the story files.

The tables are derived: everything here can be rebuilt from ``stories/*.md``
by :func:`reindex_stories`. A save rewrites only the turn rows that changed,
so appending one turn to a 2,000-turn story touches one row, not 2,000.
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
from journal.store.sealed import read_bytes

if TYPE_CHECKING:
    from journal.notebook import Notebook

STORIES_FOLDER = "stories"
_STORY_COLUMNS = ("id", "path", "title", "companion", "mode", "created", "created_utc", "updated", "turns",
                  "branch_of", "branch_turn", "source", "moods_json", "mtime_ns", "size")
_TURN_COLUMNS = ("story_id", "idx", "turn_id", "role", "kind", "text", "created", "created_utc", "day")
_UPSERT_STORY = (
    f"INSERT INTO stories ({', '.join(_STORY_COLUMNS)}) VALUES ({', '.join('?' for _ in _STORY_COLUMNS)}) "
    f"ON CONFLICT(id) DO UPDATE SET {', '.join(f'{c}=excluded.{c}' for c in _STORY_COLUMNS if c != 'id')}"
)
_UPSERT_TURN = (
    f"INSERT INTO story_turns ({', '.join(_TURN_COLUMNS)}) VALUES ({', '.join('?' for _ in _TURN_COLUMNS)}) "
    f"ON CONFLICT(story_id, idx) DO UPDATE SET "
    f"{', '.join(f'{c}=excluded.{c}' for c in _TURN_COLUMNS if c not in ('story_id', 'idx'))}"
)


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


def index_story(conn: sqlite3.Connection, story: Story, relative: str, mtime_ns: int, size: int) -> None:
    """Upsert the story row and only the turn rows that differ from what is indexed."""
    wanted = turn_rows(story)
    have = {r[1]: tuple(r) for r in conn.execute(
        f"SELECT {', '.join(_TURN_COLUMNS)} FROM story_turns WHERE story_id = ?", (story.id,))}
    row = story_row(story, relative, mtime_ns, size)
    with conn:
        conn.execute("DELETE FROM story_turns WHERE story_id IN (SELECT id FROM stories WHERE path = ? AND id != ?)",
                     (relative, story.id))
        conn.execute("DELETE FROM stories WHERE path = ? AND id != ?", (relative, story.id))
        conn.execute(_UPSERT_STORY, [row[c] for c in _STORY_COLUMNS])
        changed = [r for r in wanted if have.get(r[1]) != r]
        if changed:
            conn.executemany(_UPSERT_TURN, changed)
        if len(have) > len(wanted):
            conn.execute("DELETE FROM story_turns WHERE story_id = ? AND idx >= ?", (story.id, len(wanted)))


def forget_story(conn: sqlite3.Connection, story_id: str) -> None:
    with conn:
        conn.execute("DELETE FROM story_turns WHERE story_id = ?", (story_id,))
        conn.execute("DELETE FROM stories WHERE id = ?", (story_id,))


def id_owners(conn: sqlite3.Connection) -> dict[str, str]:
    """``id -> relative path`` of every indexed story: which file the app shows for each id."""
    return {r["id"]: r["path"] for r in conn.execute("SELECT id, path FROM stories")}


def path_of(conn: sqlite3.Connection, story_id: str) -> str | None:
    row = conn.execute("SELECT path FROM stories WHERE id = ?", (story_id,)).fetchone()
    return row["path"] if row else None


def summary_from_row(row: sqlite3.Row, home: Path) -> StorySummary:
    return StorySummary(id=row["id"], title=row["title"] or "", companion=row["companion"] or "",
                        mode=row["mode"] or "chat", created=row["created"] or "", updated=row["updated"] or "",
                        turns=row["turns"] or 0, path=str(home / row["path"]), branch_of=row["branch_of"],
                        source=row["source"])


def reindex_stories(nb: "Notebook", broken: list[tuple[str, str]] | None = None) -> int:
    """Bring the story tables in step with ``stories/*.md``; returns how many files were (re)indexed.

    Unchanged files (same mtime and size) are only ``stat``-ed, so this is
    cheap at every start; after the database was deleted it rebuilds all.
    Broken files are appended to ``broken`` as ``(path, message)`` and skipped.
    """
    from journal.stories.fileformat import parse_story

    conn = nb.index.connection()
    known = {r["path"]: (r["id"], r["mtime_ns"], r["size"])
             for r in conn.execute("SELECT path, id, mtime_ns, size FROM stories")}
    owners = {story_id: path for path, (story_id, _, _) in known.items()}
    on_disk = {s.relative: (s.mtime_ns, s.size) for s in entry_files.scan(nb.home, only=[STORIES_FOLDER])}
    count = 0
    for relative, (mtime_ns, size) in sorted(on_disk.items()):
        old = known.get(relative)
        if old and old[1] == mtime_ns and old[2] == size:
            continue
        try:
            text = read_bytes(nb.home / relative).decode("utf-8")
            story = parse_story(text, source=relative)
        except (UnicodeDecodeError, DuetError) as exc:
            if broken is not None:
                error = exc if isinstance(exc, DuetError) else DuetError("errors.not_utf8", path=relative)
                broken.append((relative, error.message()))
            if old:   # a file broken by a hand edit is skipped, not shown as it was before
                forget_story(conn, old[0])
            continue
        claim_id(nb.home, story, relative, owners)  # a copied file: keep both, give the copy its own id
        index_story(conn, story, relative, mtime_ns, size)
        count += 1
    for relative, (story_id, _, _) in known.items():
        if relative not in on_disk:
            forget_story(conn, story_id)
    return count
