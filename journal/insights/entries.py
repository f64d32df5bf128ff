"""What a person's journal says about them over time: mood, how much they write, streaks, tags, this day in past years.

Everything here is a pure function of :class:`EntryStat` rows, which
:func:`entry_stats` reads from the index in one query without the entry
bodies, so ten years of daily entries load and compute in milliseconds.
"""

from __future__ import annotations

import calendar

import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta

from journal.store.entries import stat_rows
from journal.store.index import Index
from journal.insights.model import MOOD_ROLLING_DAYS, EntryStat, MoodPoint, Streak, WeekStat
from journal.times import week_start

TOP_TAGS_LIMIT = 10
DAYS_PER_WEEK = 7


def entry_stats(index: Index, since: date | None = None) -> list[EntryStat]:
    """Indexed entries (from the day ``since``, if given), oldest first, without bodies."""
    earliest = (since or date.min) - timedelta(days=1) if since and since > date.min + timedelta(days=1) else date.min
    rows = stat_rows(index, earliest, since or date.min)
    return [EntryStat(id=row[0], title=row[1] or "", created=datetime.fromisoformat(row[2]),
                      day=date.fromisoformat(row[3]), words=int(row[4] or 0),
                      mood=int(row[5]) if row[5] is not None else None,
                      tags=tuple(_json_list(row[6])), feelings=tuple(_json_list(row[7])))
            for row in rows]


def mood_records(stats: Iterable[EntryStat]) -> list[tuple[date, int]]:
    """``(day, mood)`` for every entry that has a mood."""
    return [(s.day, s.mood) for s in stats if s.mood is not None]


def mood_over_time(records: Iterable[tuple[date, int]], since: date | None = None) -> list[MoodPoint]:
    """Daily average mood with a rolling average, for the days that have a mood (entries and story mood checks)."""
    by_day: dict[date, list[int]] = defaultdict(list)
    for day, mood in records:
        by_day[day].append(mood)
    days = sorted(by_day)
    points: list[MoodPoint] = []
    window: list[date] = []
    total, count = 0, 0
    for day in days:
        window.append(day)
        total += sum(by_day[day])
        count += len(by_day[day])
        while window and (day - window[0]).days >= MOOD_ROLLING_DAYS:
            old = window.pop(0)
            total -= sum(by_day[old])
            count -= len(by_day[old])
        if since is None or day >= since:
            values = by_day[day]
            points.append(MoodPoint(day, sum(values) / len(values), len(values), total / count))
    return points


def weekly_activity(stats: Sequence[EntryStat], since: date | None = None, until: date | None = None) -> list[WeekStat]:
    """Entries and words per ISO week, with empty weeks filled in so a gap shows as a gap."""
    counts: Counter[date] = Counter()
    words: Counter[date] = Counter()
    for s in stats:
        if since is not None and s.day < since:
            continue
        week = week_start(s.day)
        counts[week] += 1
        words[week] += s.words
    if not counts:
        return []
    first = week_start(since) if since else min(counts)
    last = week_start(until) if until else max(counts)
    weeks: list[WeekStat] = []
    week = first
    while week <= last:
        weeks.append(WeekStat(week, counts[week], words[week]))
        week += timedelta(days=DAYS_PER_WEEK)
    return weeks


def writing_streak(days: Iterable[date], today: date) -> Streak:
    """The current and the longest run of consecutive days with at least one entry."""
    unique = sorted(set(days))
    if not unique:
        return Streak(0, 0, None)
    longest = run = 1
    for prev, day in zip(unique, unique[1:]):
        run = run + 1 if (day - prev).days == 1 else 1
        longest = max(longest, run)
    written = set(unique)
    end = today if today in written else today - timedelta(days=1)
    current = 0
    while end in written:
        current += 1
        end -= timedelta(days=1)
    return Streak(current, longest, unique[-1])


def top_tags(stats: Iterable[EntryStat], limit: int = TOP_TAGS_LIMIT) -> list[tuple[str, int]]:
    """The most used tags, most frequent first, ties in alphabetical order."""
    counts = Counter(tag for s in stats for tag in s.tags)
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:limit]


def on_this_day(stats: Iterable[EntryStat], today: date) -> list[EntryStat]:
    """Entries written on today's month and day in earlier years, newest first.

    On 28 February of a common year, entries from 29 February are included, so
    leap-day entries still come back once a year.
    """
    wanted = {(today.month, today.day)}
    if today.month == 2 and today.day == 28 and not calendar.isleap(today.year):
        wanted.add((2, 29))
    found = [s for s in stats if s.day.year < today.year and (s.day.month, s.day.day) in wanted]
    return sorted(found, key=lambda s: s.created, reverse=True)


def _json_list(raw: str | None) -> list[str]:
    try:
        value = json.loads(raw or "[]")
    except ValueError:
        return []
    return [str(v) for v in value] if isinstance(value, list) else []
