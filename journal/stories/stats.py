"""Figures the Insights page reads about stories: when turns happened, and the quick mood checks.

Both come from the index (one query each), never from parsing story files,
so Insights stays fast with thousands of turns.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from journal.notebook import Notebook


def _turn_stat_type() -> Any:
    """``journal.insights.TurnStat`` when the insights package provides it, else plain tuples."""
    try:
        from journal.insights import TurnStat  # type: ignore[attr-defined]
    except ImportError:
        return None
    return TurnStat


def turn_stats(nb: "Notebook") -> list[Any]:
    """Every dated turn as ``TurnStat(at, story_id, role)`` (or an ``(at, story_id, role)`` tuple), oldest first."""
    make = _turn_stat_type()
    rows = nb.index.connection().execute(
        "SELECT created, story_id, role FROM story_turns WHERE created IS NOT NULL ORDER BY created_utc, story_id, idx")
    out = []
    for row in rows:
        at = datetime.fromisoformat(row["created"])
        out.append(make(at, row["story_id"], row["role"]) if make else (at, row["story_id"], row["role"]))
    return out


def mood_checks(nb: "Notebook") -> list[tuple[datetime, str, int]]:
    """Every story mood check as ``(at, story_id, mood)``, oldest first."""
    out: list[tuple[datetime, str, int]] = []
    for row in nb.index.connection().execute("SELECT id, moods_json FROM stories WHERE moods_json != '[]'"):
        for record in json.loads(row["moods_json"] or "[]"):
            try:
                out.append((datetime.fromisoformat(str(record["at"])), row["id"], int(record["mood"])))
            except (KeyError, TypeError, ValueError):
                continue
    return sorted(out)
