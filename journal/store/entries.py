"""Reads of the ``entries`` table that whole-notebook jobs need: backups, imports and Insights.

The entry rows themselves are written by :mod:`journal.entries.index`; the
queries here read them in one statement each, never per entry.
"""

from __future__ import annotations

import sqlite3
from datetime import date

from journal.store.index import Index


def id_owners(index: Index) -> dict[str, str]:
    """``id -> relative path`` of every indexed entry: which file the app shows for each id (a backup writes that)."""
    return {r["id"]: r["path"] for r in index.connection().execute("SELECT id, path FROM entries")}


def known_sources(index: Index) -> set[str]:
    """Every import source id already indexed (``jrnl:<hash>``, ``dayone:<uuid>``), read in one query."""
    return {row[0] for row in index.connection().execute("SELECT source FROM entries WHERE source IS NOT NULL")}


def stat_rows(index: Index, earliest_utc: date, since: date) -> list[sqlite3.Row]:
    """``id, title, created, day, words, mood, tags_json, feelings_json`` of entries written on local days from
    ``since``, oldest first, without bodies.

    The range on ``created_utc`` (from ``earliest_utc``, a day before ``since``: local days start up to 14 hours
    before UTC ones) lets the created_utc index serve both the WHERE and the ORDER BY; on ``day`` alone, SQLite
    walks every entry in time order to skip the sort, which the step-back check paid on every rerun.
    """
    return index.connection().execute(
        "SELECT id, title, created, day, words, mood, tags_json, feelings_json FROM entries "
        "WHERE created_utc >= ? AND day >= ? ORDER BY created_utc, id",
        (earliest_utc.isoformat(), since.isoformat())).fetchall()


def change_stamp(index: Index) -> tuple:
    """Changes whenever an entry or a story is added, edited or deleted (two aggregate queries): a cache key."""
    conn = index.connection()
    entries = tuple(conn.execute("SELECT count(*), max(updated), max(mtime_ns), sum(mood) FROM entries").fetchone())
    stories = tuple(conn.execute("SELECT count(*), max(updated), max(mtime_ns), sum(turns) FROM stories").fetchone())
    return entries + stories
