"""Gentle counts on the Journal page (#17): days written this month and the longest run, across month ends and
time zones, never a zero or a "missed" line, and hidden while the step-back note is up."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from streamlit.testing.v1 import AppTest

from journal.entries.calendar import gentle_counts
from journal.insights import nudge as rule
from journal.notebook import Notebook
from journal.stories.model import Story, Turn

TIMEOUT = 30


def _tz(hours: int) -> timezone:
    return timezone(timedelta(hours=hours))


def test_runs_cross_month_and_year_ends() -> None:
    days = [date(2025, 12, 30), date(2025, 12, 31), date(2026, 1, 1), date(2026, 1, 2),   # 4 in a row over New Year
            date(2026, 1, 10), date(2026, 1, 31), date(2026, 2, 1)]
    counts = gentle_counts(days, date(2026, 2, 1))
    assert (counts.days_this_month, counts.longest_run, counts.current_run) == (1, 4, 2)
    counts = gentle_counts(days, date(2026, 1, 31))      # 1 Feb is not counted before it comes
    assert (counts.days_this_month, counts.current_run) == (4, 1)
    counts = gentle_counts(days, date(2026, 2, 2))       # today unwritten yet: yesterday's run still stands
    assert counts.current_run == 2
    assert gentle_counts(days, date(2026, 2, 4)).current_run == 0
    assert gentle_counts([date(2024, 2, 28), date(2024, 2, 29), date(2024, 3, 1)], date(2024, 3, 1)).longest_run == 3
    assert gentle_counts([date(2023, 2, 28), date(2023, 3, 1)], date(2023, 3, 1)).longest_run == 2


def test_days_are_the_writers_own_local_days_whatever_the_time_zone(duet_home: Path) -> None:
    nb = Notebook.open(duet_home)
    # 23:30 in Shanghai on 31 Jan and 00:30 on 1 Feb are the same UTC day (31 Jan) but two days for the writer.
    nb.create_entry("a", created=datetime(2026, 1, 31, 23, 30, tzinfo=_tz(8)))
    nb.create_entry("b", created=datetime(2026, 2, 1, 0, 30, tzinfo=_tz(8)))
    # Late on 1 Feb in Los Angeles is 2 Feb in UTC: still 1 Feb for the writer, so no third day.
    nb.create_entry("c", created=datetime(2026, 2, 1, 22, 0, tzinfo=_tz(-8)))
    # A flight east: 2 Feb in New York, then 3 Feb morning in London: a run of four local days.
    nb.create_entry("d", created=datetime(2026, 2, 2, 20, 0, tzinfo=_tz(-5)))
    nb.create_entry("e", created=datetime(2026, 2, 3, 8, 0, tzinfo=_tz(0)))
    counts = nb.entries.counts(date(2026, 2, 3))
    assert (counts.days_this_month, counts.longest_run, counts.current_run) == (3, 4, 4)
    assert nb.entries.counts(date(2026, 3, 1)).days_this_month == 0


def _local(day: date, hour: int) -> datetime:
    return datetime(day.year, day.month, day.day, hour).astimezone()


def test_the_page_line_is_gentle_and_steps_aside_for_the_nudge(app_path: str, duet_home: Path) -> None:
    at = AppTest.from_file(app_path, default_timeout=TIMEOUT).run()
    assert not [c for c in at.caption if "You wrote" in c.value]      # nothing written: no zero, no reproach
    nb = Notebook.open(duet_home)
    today = date.today()
    nb.create_entry("today", created=_local(today, 9))
    at = AppTest.from_file(app_path, default_timeout=TIMEOUT).run()
    assert [c.value for c in at.caption if "You wrote" in c.value] == [":material/eco: You wrote on 1 day this month"]
    # Mood falling while companion time rises: the step-back note shows, and the counts stay away.
    for i in range(rule.MIN_MOODS_PER_WINDOW):
        nb.create_entry("a good week", mood=5, created=_local(today - timedelta(days=rule.WINDOW_DAYS + 1 + i), 9))
        nb.create_entry("a heavy week", mood=2, created=_local(today - timedelta(days=i), 9))
    start = _local(today - timedelta(days=1), 20)
    minutes = int(rule.MIN_RECENT_MINUTES + rule.MIN_TIME_RISE_MINUTES) + 5
    nb.stories.add(Story(id="", title="Evening", companion="wren", turns=[
        Turn(id="", role="user" if i % 2 == 0 else "companion", alternatives=[f"line {i}"],
             created=start + timedelta(minutes=5 * i)) for i in range(minutes // 5 + 1)]))
    at = AppTest.from_file(app_path, default_timeout=TIMEOUT).run()
    assert any("Maybe take a small step back?" in m.value for m in at.markdown)
    assert not [c for c in at.caption if "You wrote" in c.value]


def test_the_counts_follow_every_new_entry_though_the_days_are_remembered(duet_home: Path) -> None:
    nb = Notebook.open(duet_home)
    today = date(2026, 2, 3)
    assert nb.entries.counts(today).days_this_month == 0
    for day in (1, 2, 3):
        nb.create_entry("x", created=datetime(2026, 2, day, 9, tzinfo=_tz(8)))
        assert nb.entries.counts(today).days_this_month == day
    other = Notebook(duet_home)          # another window or the CLI writes: the remembered days are stale
    other.create_entry("y", created=datetime(2026, 1, 31, 9, tzinfo=_tz(8)))
    assert nb.entries.counts(today).longest_run == 4
