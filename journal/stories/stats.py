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
    from journal.insights.companion import TurnStat
    from journal.store.stories import dated_turns
    from journal.times import to_utc_key

    rows = dated_turns(nb.index, to_utc_key(since) if since else "")
    return [TurnStat(datetime.fromisoformat(r["created"]), r["story_id"], r["role"]) for r in rows]


def mood_checks(nb: "Notebook") -> list[tuple[datetime, str, int]]:
    """Every story mood check as ``(at, story_id, mood)``, oldest first."""
    out: list[tuple[datetime, str, int]] = []
    from journal.store.stories import mood_rows

    for row in mood_rows(nb.index):
        for record in json.loads(row["moods_json"] or "[]"):
            try:
                out.append((datetime.fromisoformat(str(record["at"])), row["id"], int(record["mood"])))
            except (KeyError, TypeError, ValueError):
                continue
    return sorted(out)
