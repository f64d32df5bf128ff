"""Everything the Insights page and the nudge show, gathered from the notebook's index.

Reading is split in two so a page can cache the expensive half: :func:`read_figures`
reads every entry row, story turn and mood check once (tens of milliseconds for
ten years), and :func:`insights_from` / :func:`nudge_inputs_from` derive a period
or the nudge's two weeks from that in a few milliseconds. :func:`fingerprint`
is a cheap query that changes whenever entries or stories change, to key a cache.
No markdown file is parsed here.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from journal.insights.companion import IDLE_GAP, companion_minutes_per_day, daily_series
from journal.insights.entries import (
    entry_stats, mood_over_time, mood_records, on_this_day, top_tags, weekly_activity, writing_streak,
)
from journal.insights.model import DEFAULT_PERIOD, PERIOD_DAYS, Insights, NotebookFigures
from journal.insights.nudge import WINDOW_DAYS, NudgeCheck, dismiss_nudge, nudge_to_show

if TYPE_CHECKING:
    from journal.notebook import Notebook

def period_start(today: date, period: str) -> date | None:
    days = PERIOD_DAYS.get(period, PERIOD_DAYS[DEFAULT_PERIOD])
    return None if days is None else today - timedelta(days=days - 1)


def fingerprint(nb: "Notebook") -> tuple:
    """Changes whenever an entry or a story is added, edited or deleted (two aggregate queries over every row, asked
    again only after a commit to the index: on a rerun where nothing was saved it costs one PRAGMA, #19)."""
    from journal.store.entries import change_stamp

    return nb.index.memo("insights.fingerprint", lambda: change_stamp(nb.index))


def read_figures(nb: "Notebook") -> NotebookFigures:
    from journal.stories.stats import mood_checks

    from journal.stories.stats import turn_stats

    stats = entry_stats(nb.index)
    moods = [*mood_records(stats), *((at.date(), mood) for at, _story, mood in mood_checks(nb))]
    return NotebookFigures(tuple(stats), companion_minutes_per_day(turn_stats(nb)), tuple(moods))


def insights_from(figures: NotebookFigures, today: date, period: str = DEFAULT_PERIOD) -> Insights:
    since = period_start(today, period)
    stats = figures.entries
    in_period = [s for s in stats if since is None or s.day >= since]
    minutes = figures.companion_minutes
    first_day = min([*minutes, *(s.day for s in stats[:1])], default=today)
    return Insights(
        today=today,
        since=since,
        entries=len(in_period),
        words=sum(s.words for s in in_period),
        moods=mood_over_time(figures.moods, since=since),
        weeks=weekly_activity(stats, since=since, until=today),
        streak=writing_streak((s.day for s in stats), today),
        tags=top_tags(in_period),
        on_this_day=on_this_day(stats, today),
        companion_days=daily_series(minutes, since or first_day, today),
    )


def load_insights(nb: "Notebook", today: date | None = None, period: str = DEFAULT_PERIOD) -> Insights:
    """Read and compute in one call (no cache): for the CLI, tests and scripts."""
    return insights_from(read_figures(nb), today or date.today(), period)


def nudge_inputs(nb: "Notebook", today: date) -> tuple[dict[date, float], list[tuple[date, int]]]:
    """Companion minutes per day and mood records of the last two weeks: all the nudge rule reads.

    The writing pages check the nudge on every rerun, so this reads only that
    window from the index, never the whole notebook.
    """
    from journal.stories.stats import mood_checks, turn_stats

    since = today - timedelta(days=2 * WINDOW_DAYS)
    # A turn just before the window can still make the first minutes inside it active.
    turns = turn_stats(nb, since=datetime.combine(since, time()).astimezone() - IDLE_GAP)
    stats = entry_stats(nb.index, since=since)
    moods = [*mood_records(stats), *((at.date(), mood) for at, _story, mood in mood_checks(nb) if at.date() >= since)]
    return companion_minutes_per_day(turns), moods


class NotebookInsights:
    """``nb.insights``: what the Insights page and the step-back note read, through the notebook's door.

    A thin face over the functions above, so a page caches :meth:`figures` by
    :meth:`fingerprint` and derives a period with :meth:`for_period` without
    naming the index.
    """

    def __init__(self, nb: "Notebook") -> None:
        self.nb = nb

    def fingerprint(self) -> tuple:
        return fingerprint(self.nb)

    def figures(self) -> NotebookFigures:
        return read_figures(self.nb)

    def for_period(self, figures: NotebookFigures, today: date, period: str = DEFAULT_PERIOD) -> Insights:
        return insights_from(figures, today, period)

    def nudge(self, today: date) -> NudgeCheck | None:
        """The step-back note due today, or None; see :func:`journal.insights.nudge.nudge_to_show`."""
        return nudge_to_show(self.nb.home, *nudge_inputs(self.nb, today), today)

    def dismiss_nudge(self, today: date) -> None:
        dismiss_nudge(self.nb.home, today)
