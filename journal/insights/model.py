"""What the Insights page shows, as plain frozen values: the page names these types, never the code that fills them.

:mod:`journal.insights.entries`, :mod:`journal.insights.companion` and
:mod:`journal.insights.load` compute them from the index; ``nb.insights``
(:class:`journal.insights.load.NotebookInsights`) hands them to a page.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

MOOD_ROLLING_DAYS = 7
"""The mood line is averaged over this many calendar days, so one bad day does not look like a trend."""
IDLE_GAP = timedelta(minutes=15)
"""A longer pause between two story turns means the person stepped away: that gap does not count."""


@dataclass(frozen=True)
class EntryStat:
    id: str
    title: str
    created: datetime
    day: date
    """The local day the entry was written (the index's ``day`` column)."""
    words: int
    mood: int | None
    tags: tuple[str, ...] = ()
    feelings: tuple[str, ...] = ()


@dataclass(frozen=True)
class MoodPoint:
    day: date
    mood: float
    """The average of that day's mood records."""
    count: int
    rolling: float
    """The average over the ``MOOD_ROLLING_DAYS`` days ending on this day."""


@dataclass(frozen=True)
class WeekStat:
    week_start: date
    """The Monday of the ISO week."""
    entries: int
    words: int


@dataclass(frozen=True)
class Streak:
    current: int
    """Consecutive days with an entry up to today, or up to yesterday when today has none yet."""
    longest: int
    last_day: date | None


PERIOD_DAYS: dict[str, int | None] = {"90d": 90, "1y": 365, "all": None}
"""The periods the page offers; None means since the first entry or turn."""
DEFAULT_PERIOD = "90d"


@dataclass(frozen=True)
class NotebookFigures:
    """The raw rows insights are computed from; treat as read-only (a page may share it between reruns)."""

    entries: tuple[EntryStat, ...]
    companion_minutes: dict[date, float]
    """Active minutes with companions per local day, all time."""
    moods: tuple[tuple[date | datetime, int], ...]
    """Entry moods and story mood checks, all time."""


@dataclass(frozen=True)
class Insights:
    today: date
    since: date | None
    entries: int
    words: int
    moods: list[MoodPoint]
    weeks: list[WeekStat]
    streak: Streak
    tags: list[tuple[str, int]]
    on_this_day: list[EntryStat]
    companion_days: list[tuple[date, float]]
    """Active minutes with the companion for every day of the period (0 on quiet days)."""

    @property
    def companion_minutes(self) -> float:
        return sum(m for _, m in self.companion_days)

    @property
    def is_empty(self) -> bool:
        return self.entries == 0 and not self.companion_minutes and not self.moods


