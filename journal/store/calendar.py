"""The date-shaped reads of the Journal page: a month of days, days written, this day in past years, recent themes.

Each reads the ``entries`` table through its ``day`` index (the local day an
entry was written), so a month costs the same at a hundred entries or a
hundred thousand; no entry file is opened.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import date

from journal.store.index import Index


def month_days(index: Index, first: date, after_last: date) -> list[tuple[str, int, float | None]]:
    """``(day, entries, average mood or None)`` for each day in ``[first, after_last)`` that has entries."""
    rows = index.connection().execute(
        "SELECT day, COUNT(*), AVG(mood) FROM entries WHERE day >= ? AND day < ? GROUP BY day",
        (first.isoformat(), after_last.isoformat()))
    return [(row[0], row[1], row[2]) for row in rows]


def written_days(index: Index) -> list[str]:
    """Every day with at least one entry, oldest first (one step of the ``day`` index per distinct day)."""
    return [row[0] for row in index.connection().execute("SELECT DISTINCT day FROM entries ORDER BY day")]


def first_day(index: Index) -> str | None:
    return index.connection().execute("SELECT MIN(day) FROM entries").fetchone()[0]


def entries_on_days(index: Index, days: list[str], limit: int) -> list[sqlite3.Row]:
    """``id, title, created, day, mood, tags_json, body`` of the newest ``limit`` entries written on exactly these days."""
    if not days:
        return []
    marks = ", ".join("?" for _ in days)
    cursor = index.connection().execute(
        f"SELECT id, title, created, day, mood, tags_json, body FROM entries WHERE day IN ({marks}) "
        "ORDER BY created_utc DESC, id DESC LIMIT ?", [*days, limit])
    cursor.row_factory = sqlite3.Row
    return cursor.fetchall()


def recent_words(index: Index, since: date) -> tuple[list[str], list[str], list[int]]:
    """Tags, feelings and moods of the entries written from ``since``: what the prompt deck leans towards."""
    tags: list[str] = []
    feelings: list[str] = []
    moods: list[int] = []
    for tags_json, feelings_json, mood in index.connection().execute(
            "SELECT tags_json, feelings_json, mood FROM entries WHERE day >= ?", (since.isoformat(),)):
        tags += _words(tags_json)
        feelings += _words(feelings_json)
        if mood is not None:
            moods.append(mood)
    return tags, feelings, moods


def latest_story_companion(index: Index) -> str | None:
    """The companion (slug) of the story written in most recently, or None when there is no story."""
    row = index.connection().execute("SELECT companion FROM stories WHERE companion IS NOT NULL AND companion != '' "
                       "ORDER BY updated DESC, id DESC LIMIT 1").fetchone()
    return row[0] if row else None


def _words(raw: str | None) -> list[str]:
    try:
        value = json.loads(raw or "[]")
    except ValueError:
        return []
    return [str(word) for word in value] if isinstance(value, list) else []
