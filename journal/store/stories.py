"""The SQL of the story tables: ``stories`` and ``story_turns`` rows written from the story files, and read back.

The rows themselves are built from a parsed story by :mod:`journal.stories.index`;
this module only moves them in and out of SQLite, so every statement about
stories is here. A save rewrites only the turn rows that changed, so appending
one turn to a 2,000-turn story touches one row, not 2,000.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from journal.store.index import Index

STORY_COLUMNS = ("id", "path", "title", "companion", "mode", "created", "created_utc", "updated", "turns",
                 "branch_of", "branch_turn", "source", "moods_json", "mtime_ns", "size")
TURN_COLUMNS = ("story_id", "idx", "turn_id", "role", "kind", "text", "created", "created_utc", "day")
_UPSERT_STORY = (
    f"INSERT INTO stories ({', '.join(STORY_COLUMNS)}) VALUES ({', '.join('?' for _ in STORY_COLUMNS)}) "
    f"ON CONFLICT(id) DO UPDATE SET {', '.join(f'{c}=excluded.{c}' for c in STORY_COLUMNS if c != 'id')}"
)
_UPSERT_TURN = (
    f"INSERT INTO story_turns ({', '.join(TURN_COLUMNS)}) VALUES ({', '.join('?' for _ in TURN_COLUMNS)}) "
    f"ON CONFLICT(story_id, idx) DO UPDATE SET "
    f"{', '.join(f'{c}=excluded.{c}' for c in TURN_COLUMNS if c not in ('story_id', 'idx'))}"
)


def write_story(index: Index, row: dict[str, Any], turns: list[tuple[Any, ...]]) -> None:
    """Upsert the story ``row`` (``STORY_COLUMNS``) and only the ``turns`` (``TURN_COLUMNS``) that differ."""
    conn = index.connection()
    story_id, relative = row["id"], row["path"]
    have = {r[1]: tuple(r) for r in conn.execute(
        f"SELECT {', '.join(TURN_COLUMNS)} FROM story_turns WHERE story_id = ?", (story_id,))}
    with conn:
        conn.execute("DELETE FROM story_turns WHERE story_id IN (SELECT id FROM stories WHERE path = ? AND id != ?)",
                     (relative, story_id))
        conn.execute("DELETE FROM stories WHERE path = ? AND id != ?", (relative, story_id))
        conn.execute(_UPSERT_STORY, [row[c] for c in STORY_COLUMNS])
        changed = [r for r in turns if have.get(r[1]) != r]
        if changed:
            conn.executemany(_UPSERT_TURN, changed)
        if len(have) > len(turns):
            conn.execute("DELETE FROM story_turns WHERE story_id = ? AND idx >= ?", (story_id, len(turns)))


def forget_story(index: Index, story_id: str) -> None:
    conn = index.connection()
    with conn:
        conn.execute("DELETE FROM story_turns WHERE story_id = ?", (story_id,))
        conn.execute("DELETE FROM stories WHERE id = ?", (story_id,))


def rebuild_search(index: Index) -> None:
    """The turns' full-text index made again from the ``story_turns`` rows (its external content): a reindex."""
    conn = index.connection()
    with conn:
        conn.execute("INSERT INTO story_turns_fts (story_turns_fts) VALUES ('rebuild')")


def id_owners(index: Index) -> dict[str, str]:
    """``id -> relative path`` of every indexed story: which file the app shows for each id."""
    return {r["id"]: r["path"] for r in index.connection().execute("SELECT id, path FROM stories")}


def path_of(index: Index, story_id: str) -> str | None:
    row = index.connection().execute("SELECT path FROM stories WHERE id = ?", (story_id,)).fetchone()
    return row["path"] if row else None


def file_stamps(index: Index) -> dict[str, tuple[str, int, int]]:
    """``relative path -> (id, mtime_ns, size)`` of every indexed story file: what a sync compares with the disk."""
    return {r["path"]: (r["id"], r["mtime_ns"], r["size"])
            for r in index.connection().execute("SELECT path, id, mtime_ns, size FROM stories")}


def story_rows(index: Index, companion: str | None, limit: int, offset: int) -> list[sqlite3.Row]:
    """Story rows, most recently updated first (of one ``companion``, when given)."""
    sql, params = "SELECT * FROM stories", []
    if companion:
        sql += " WHERE companion = ?"
        params.append(companion)
    sql += " ORDER BY updated DESC, id DESC LIMIT ? OFFSET ?"
    return index.connection().execute(sql, [*params, limit, offset]).fetchall()


def branch_rows(index: Index, story_id: str) -> list[sqlite3.Row]:
    return index.connection().execute("SELECT * FROM stories WHERE branch_of = ? ORDER BY created_utc",
                                      (story_id,)).fetchall()


def id_from_source(index: Index, source: str) -> str | None:
    """The id of the story imported from ``source`` (``chatgpt:<conversation id>``), or None."""
    row = index.connection().execute("SELECT id FROM stories WHERE source = ?", (source,)).fetchone()
    return row["id"] if row else None


def dated_turns(index: Index, since_utc: str = "") -> list[sqlite3.Row]:
    """``created, story_id, role`` of every dated turn from the UTC key ``since_utc``, oldest first."""
    return index.connection().execute(
        "SELECT created, story_id, role FROM story_turns WHERE created IS NOT NULL AND created_utc >= ? "
        "ORDER BY created_utc, story_id, idx", (since_utc,)).fetchall()


def mood_rows(index: Index) -> list[sqlite3.Row]:
    """``id, moods_json`` of the stories that hold at least one mood check."""
    return index.connection().execute("SELECT id, moods_json FROM stories WHERE moods_json != '[]'").fetchall()


def matching_turns(index: Index, match: str, story_id: str, *, before: int, limit: int) -> list[sqlite3.Row]:
    """``idx, role, text, created`` of turns of ``story_id`` below ``before`` matching the FTS ``match``, best first;
    none when the expression is one FTS5 cannot read."""
    sql = ("SELECT t.idx, t.role, t.text, t.created FROM story_turns_fts f JOIN story_turns t ON t.rowid = f.rowid "
           "WHERE story_turns_fts MATCH ? AND t.story_id = ? AND t.idx < ? "
           "ORDER BY bm25(story_turns_fts), t.idx DESC LIMIT ?")
    try:
        return index.connection().execute(sql, (match, story_id, before, limit)).fetchall()
    except sqlite3.OperationalError:
        return []


def matching_entries(index: Index, match: str, *, limit: int) -> list[sqlite3.Row]:
    """``id, title, day, body`` of journal entries matching the FTS ``match``, best first: a story's memory of them."""
    sql = ("SELECT e.id, e.title, e.day, e.body FROM entries_fts f JOIN entries e ON e.rowid = f.rowid "
           "WHERE entries_fts MATCH ? ORDER BY bm25(entries_fts, 10.0, 1.0, 5.0), e.created_utc DESC LIMIT ?")
    try:
        return index.connection().execute(sql, (match, limit)).fetchall()
    except sqlite3.OperationalError:
        return []
