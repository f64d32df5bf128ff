"""Figures the Insights page reads about stories: when turns happened, and the quick mood checks.

Both come from the index (one query each), never from parsing story files,
so Insights stays fast with thousands of turns.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from journal.insights.companion import TurnStat
    from journal.notebook import Notebook


def turn_stats(nb: "Notebook", since: datetime | None = None) -> list["TurnStat"]:
    """Dated turns (from ``since``, if given) as ``TurnStat(at, story_id, role)``, oldest first."""
    from journal.times import to_utc_key
    from journal.insights.companion import TurnStat

    rows = nb.index.connection().execute(
        "SELECT created, story_id, role FROM story_turns WHERE created IS NOT NULL AND created_utc >= ? "
        "ORDER BY created_utc, story_id, idx", (to_utc_key(since) if since else "",))
    return [TurnStat(datetime.fromisoformat(r["created"]), r["story_id"], r["role"]) for r in rows]


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
