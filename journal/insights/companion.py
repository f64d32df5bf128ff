"""Time spent with the companion, measured from story turns as active minutes rather than wall time.

A story left open overnight is not eight hours of company. Time counts only
between consecutive turns that are close together; a pause longer than
``IDLE_GAP`` ends a session, and the pause itself is not counted.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from journal.insights.model import IDLE_GAP

SECONDS_PER_MINUTE = 60


@dataclass(frozen=True)
class TurnStat:
    """One story turn's time; the stories package builds these from its index (journal.stories.stats.turn_stats)."""

    at: datetime
    story_id: str
    role: str
    """"user" or "companion" ("narrator" in narrate mode): every turn marks the person as present."""


def companion_minutes_per_day(turns: Iterable[TurnStat], idle_gap: timedelta = IDLE_GAP) -> dict[date, float]:
    """Active minutes per local day, across all stories (two stories open at once are not counted twice).

    A gap that crosses midnight is split between the two days at local midnight.
    """
    times = sorted(_aware(t.at) for t in turns)
    minutes: dict[date, float] = defaultdict(float)
    for earlier, later in zip(times, times[1:]):
        gap = later - earlier
        if gap <= timedelta(0) or gap > idle_gap:
            continue
        earlier_local = earlier.astimezone(later.tzinfo)
        if earlier_local.date() == later.date():
            minutes[later.date()] += gap.total_seconds() / SECONDS_PER_MINUTE
        else:
            midnight = datetime.combine(later.date(), time(0), tzinfo=later.tzinfo)
            minutes[earlier_local.date()] += (midnight - earlier_local).total_seconds() / SECONDS_PER_MINUTE
            minutes[later.date()] += (later - midnight).total_seconds() / SECONDS_PER_MINUTE
    return dict(sorted(minutes.items()))


def daily_series(per_day: dict[date, float], since: date, until: date) -> list[tuple[date, float]]:
    """Every day from ``since`` to ``until`` with its minutes (0 for days without any), for charts."""
    out: list[tuple[date, float]] = []
    day = since
    while day <= until:
        out.append((day, per_day.get(day, 0.0)))
        day += timedelta(days=1)
    return out


def _aware(moment: datetime) -> datetime:
    """Naive times (hand-edited files) are read as the machine's local time."""
    return moment if moment.tzinfo is not None else moment.astimezone()
