"""The Journal page's sense of time: a month of days with mood colours, this day in past years, gentle counts.

Pure functions of what :mod:`journal.store.calendar` reads from the index, so
each is tested without files. Days are the writer's own local days (the
index's ``day`` column), whatever time zone they wrote in.

Leap days, our choice: in a common year, entries of 29 February come back on
28 February (the day before the day that is missing), so a leap-day entry is
remembered every year; on a 29 February, the 29 Februaries of past leap years.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from journal.entries.model import MOOD_MAX, MOOD_MIN
from journal.insights.entries import writing_streak

FIRST_WEEKDAY = calendar.MONDAY
MIN_YEAR, MAX_YEAR = 1000, 9998   # as journal.times: four-digit years


@dataclass(frozen=True)
class DayMark:
    day: date
    entries: int
    mood: float | None        # the day's average mood
    level: int | None         # that average rounded to 1..5, what the dot's colour shows; None without a mood


@dataclass(frozen=True)
class MonthView:
    year: int
    month: int
    days: dict[date, DayMark]
    weeks: list[list[date | None]]   # Monday first; None pads the first and last week

    def shifted(self, months: int) -> tuple[int, int]:
        """The ``(year, month)`` ``months`` away (negative: back): what the page's arrows jump to."""
        return shift_month(self.year, self.month, months)


@dataclass(frozen=True)
class Milestone:
    """A companion's story milestone on this day: the first talk, an anniversary or one the person marked."""

    companion: str
    story_title: str
    day: date
    kind: str                 # "first" | "anniversary" | "marked"
    label: str = ""
    years: int = 0


@dataclass
class PastEntry:
    id: str
    title: str
    created: datetime
    day: date
    years_ago: int
    mood: int | None
    milestones: list[Milestone] = field(default_factory=list)


@dataclass(frozen=True)
class GentleCounts:
    days_this_month: int
    longest_run: int
    current_run: int          # up to today, or to yesterday while today is still unwritten


def month_bounds(year: int, month: int) -> tuple[date, date]:
    """The first day of the month and the first day of the next one."""
    first = date(year, month, 1)
    return first, date(year + month // 12, month % 12 + 1, 1)


def shift_month(year: int, month: int, months: int) -> tuple[int, int]:
    """``(year, month)`` moved by ``months`` (negative: back), kept inside four-digit years."""
    index = min(max(year * 12 + month - 1 + months, MIN_YEAR * 12), MAX_YEAR * 12 + 11)
    return index // 12, index % 12 + 1


def mood_level(mood: float | None) -> int | None:
    return None if mood is None else min(MOOD_MAX, max(MOOD_MIN, int(mood + 0.5)))   # 2.5 is 3: half up


def month_view(year: int, month: int, rows: Iterable[tuple[str, int, float | None]]) -> MonthView:
    marks = {}
    for day_text, count, mood in rows:
        day = date.fromisoformat(day_text)
        marks[day] = DayMark(day, count, mood, mood_level(mood))
    weeks = [[None if day.month != month else day for day in week]
             for week in calendar.Calendar(FIRST_WEEKDAY).monthdatescalendar(year, month)]
    return MonthView(year, month, marks, weeks)


def on_this_day_dates(today: date, first_year: int) -> list[date]:
    """The dates in past years (from ``first_year``) whose entries come back today, newest first."""
    wanted: list[date] = []
    for year in range(today.year - 1, first_year - 1, -1):
        if (today.month, today.day) == (2, 29):
            if calendar.isleap(year):
                wanted.append(date(year, 2, 29))
            continue
        wanted.append(today.replace(year=year))
        if (today.month, today.day) == (2, 28) and not calendar.isleap(today.year) and calendar.isleap(year):
            wanted.append(date(year, 2, 29))
    return wanted


def milestone_matches(milestone_day: date, today: date) -> bool:
    """Whether a milestone (of any year up to today) falls on today's date, with the leap-day rule above."""
    if milestone_day > today:
        return False
    if (milestone_day.month, milestone_day.day) == (today.month, today.day):
        return True
    return ((milestone_day.month, milestone_day.day) == (2, 29) and (today.month, today.day) == (2, 28)
            and not calendar.isleap(today.year))


def gentle_counts(written: Iterable[date], today: date) -> GentleCounts:
    """Days written this month and the longest run of days in a row (runs cross month ends)."""
    days = set(written)
    streak = writing_streak(days, today)
    this_month = sum(1 for day in days if (day.year, day.month) == (today.year, today.month) and day <= today)
    return GentleCounts(days_this_month=this_month, longest_run=streak.longest, current_run=streak.current)


def mentions(name: str, text: str) -> bool:
    """Whether ``text`` is about the companion ``name``: "C" in "今天和C聊了" yes, in "Cat" or "ABC" no."""
    name = name.strip()
    if not name:
        return False
    pattern = rf"(?<![A-Za-z0-9]){re.escape(name)}(?![A-Za-z0-9])"
    return re.search(pattern, text, re.IGNORECASE) is not None
