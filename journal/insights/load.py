"""Everything the Insights page shows, gathered from the notebook's index in a few queries.

The page stays thin: it picks a period and draws what :func:`load_insights`
returns. Story turns and mood checks come from ``journal.stories.stats``,
entries from the ``entries`` table; no markdown file is parsed here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from journal.insights.companion import TurnStat, companion_minutes_per_day, daily_series
from journal.insights.entries import (
    EntryStat, MoodPoint, Streak, WeekStat, entry_stats, mood_over_time, mood_records, on_this_day, top_tags,
    weekly_activity, writing_streak,
)

if TYPE_CHECKING:
    from journal.notebook import Notebook

PERIOD_DAYS: dict[str, int | None] = {"90d": 90, "1y": 365, "all": None}
"""The periods the page offers; None means since the first entry or turn."""
DEFAULT_PERIOD = "90d"


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


def period_start(today: date, period: str) -> date | None:
    days = PERIOD_DAYS.get(period, PERIOD_DAYS[DEFAULT_PERIOD])
    return None if days is None else today - timedelta(days=days - 1)


def companion_turns(nb: "Notebook") -> list[TurnStat]:
    from journal.stories.stats import turn_stats

    return [t if isinstance(t, TurnStat) else TurnStat(*t) for t in turn_stats(nb)]


def all_moods(nb: "Notebook", stats: list[EntryStat]) -> list[tuple[date | datetime, int]]:
    """Entry moods and the quick mood checks of stories, together."""
    from journal.stories.stats import mood_checks

    return [*mood_records(stats), *((at, mood) for at, _story, mood in mood_checks(nb))]


def load_insights(nb: "Notebook", today: date | None = None, period: str = DEFAULT_PERIOD) -> Insights:
    today = today or date.today()
    since = period_start(today, period)
    stats = entry_stats(nb.index.connection())
    in_period = [s for s in stats if since is None or s.day >= since]
    minutes = companion_minutes_per_day(companion_turns(nb))
    first_day = min([*(d for d in minutes), *(s.day for s in stats[:1])], default=today)
    return Insights(
        today=today,
        since=since,
        entries=len(in_period),
        words=sum(s.words for s in in_period),
        moods=mood_over_time(all_moods(nb, stats), since=since),
        weeks=weekly_activity(stats, since=since, until=today),
        streak=writing_streak((s.day for s in stats), today),
        tags=top_tags(in_period),
        on_this_day=on_this_day(stats, today),
        companion_days=daily_series(minutes, since or first_day, today),
    )


def nudge_inputs(nb: "Notebook", today: date) -> tuple[dict[date, float], list[tuple[date | datetime, int]]]:
    """Companion minutes per day and mood records of the last two weeks: all the nudge rule reads.

    Lighter than :func:`load_insights` (entry moods come from one small query),
    so pages other than Insights can afford to check the nudge on every rerun.
    """
    from journal.insights.nudge import WINDOW_DAYS
    from journal.stories.stats import mood_checks

    since = today - timedelta(days=2 * WINDOW_DAYS)
    rows = nb.index.connection().execute(
        "SELECT day, mood FROM entries WHERE mood IS NOT NULL AND day >= ?", (since.isoformat(),))
    moods: list[tuple[date | datetime, int]] = [(date.fromisoformat(r[0]), int(r[1])) for r in rows]
    moods += [(at, mood) for at, _story, mood in mood_checks(nb) if at.date() >= since]
    turns = [t for t in companion_turns(nb) if t.at.date() >= since - timedelta(days=1)]
    return companion_minutes_per_day(turns), moods
