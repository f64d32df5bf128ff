"""Keeping the ``entries`` table in step with the entry files."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from journal.entries.model import Entry
from journal.text import count_words
from journal.times import to_utc_key


def entry_row(entry: Entry, relative_path: str, mtime_ns: int, size: int) -> dict[str, Any]:
    return {
        "id": entry.id,
        "path": relative_path,
        "title": entry.title,
        "body": entry.body,
        "tags_json": json.dumps(entry.tags, ensure_ascii=False),
        "tags_text": " ".join(entry.tags),
        "created": entry.created.isoformat(),
        "created_utc": to_utc_key(entry.created),
        "day": entry.created.strftime("%Y-%m-%d"),
        "updated": entry.updated.isoformat(),
        "mood": entry.mood,
        "feelings_json": json.dumps(entry.feelings, ensure_ascii=False),
        "starred": int(entry.starred),
        "words": count_words(entry.title + "\n" + entry.body),
        "source": entry.extra.get("source"),
        "mtime_ns": mtime_ns,
        "size": size,
    }


_COLUMNS = ("id", "path", "title", "body", "tags_json", "tags_text", "created", "created_utc", "day",
            "updated", "mood", "feelings_json", "starred", "words", "source", "mtime_ns", "size")
_UPSERT = (
    f"INSERT INTO entries ({', '.join(_COLUMNS)}) VALUES ({', '.join('?' for _ in _COLUMNS)}) "
    f"ON CONFLICT(id) DO UPDATE SET {', '.join(f'{c}=excluded.{c}' for c in _COLUMNS if c != 'id')}"
)


def upsert_rows(conn: sqlite3.Connection, rows: list[dict[str, Any]]) -> None:
    """Insert or update rows in one transaction; the FTS triggers keep search in step."""
    with conn:
        for row in rows:
            conn.execute("DELETE FROM entries WHERE path = ? AND id != ?", (row["path"], row["id"]))
            conn.execute(_UPSERT, [row[c] for c in _COLUMNS])


def delete_ids(conn: sqlite3.Connection, ids: list[str]) -> None:
    with conn:
        conn.executemany("DELETE FROM entries WHERE id = ?", [(i,) for i in ids])


def id_owners(conn: sqlite3.Connection) -> dict[str, str]:
    """``id -> relative path`` of everything indexed: which file the app shows for each id."""
    return {r["id"]: r["path"] for r in conn.execute("SELECT id, path FROM entries")}


def file_states(conn: sqlite3.Connection) -> dict[str, tuple[str, int, int]]:
    """``relative path -> (id, mtime_ns, size)`` of everything indexed."""
    return {r["path"]: (r["id"], r["mtime_ns"], r["size"])
            for r in conn.execute("SELECT path, id, mtime_ns, size FROM entries")}
