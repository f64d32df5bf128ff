"""Insights on a generated notebook with known answers, companion active minutes, and every edge of the nudge rule."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from journal.insights import (
    IDLE_GAP, TurnStat, check_nudge, companion_minutes_per_day, dismiss_nudge, entry_stats, mood_over_time,
    nudge_state, nudge_to_show, on_this_day, top_tags, weekly_activity, writing_streak,
)
from journal.insights import nudge as rule
from journal.insights.entries import EntryStat
from journal.insights.load import load_insights
from journal.notebook import Notebook
from journal.settings import read_section, write_section
from journal.stories.model import Story, Turn

CST = timezone(timedelta(hours=8))
TODAY = date(2026, 3, 15)  # a Sunday


def at(day: date, hour: int, minute: int = 0, tz: timezone = CST) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=tz)


# --- a notebook with known answers ------------------------------------------------------------

@pytest.fixture
def known(notebook: Notebook) -> Notebook:
    """Entries and one story whose figures are worked out by hand in the tests below.

    - 2026-03-10 … 2026-03-15: one entry a day (6 days, today included), moods 5,4,4,3,2,2, tag "work" on each,
      bodies of 3 words ("one two three") except 03-15: "今天很好" (4 words).
    - 2026-01-01 … 2026-01-09: nine days in a row (the longest streak), mood 3, tags "holiday" and "work".
    - 2025-03-15 and 2023-03-15: "on this day" entries, tag "birthday"; 2024-03-16 is not on this day.
    - One story with turns on 2026-03-14: 20:00, 20:05, 20:12 (12 min), 21:00 (a 48-minute gap: not counted),
      21:10 (10 min); and 23:55 → 00:05 on 03-15 (5 minutes on each side of midnight).
    """
    moods = [5, 4, 4, 3, 2, 2]
    for i in range(6):
        day = date(2026, 3, 10) + timedelta(days=i)
        body = "今天很好" if day == TODAY else "one two three"
        notebook.create_entry(body, title=f"March {day.day}", tags=["work"], mood=moods[i], created=at(day, 21))
    for i in range(9):
        notebook.create_entry("one two three", tags=["holiday", "work"], mood=3,
                              created=at(date(2026, 1, 1) + timedelta(days=i), 9))
    for year in (2025, 2023):
        notebook.create_entry("one two three", title=f"Birthday {year}", tags=["birthday"], created=at(date(year, 3, 15), 12))
    notebook.create_entry("one two three", title="Not today", created=at(date(2024, 3, 16), 12))
    d = date(2026, 3, 14)
    times = [at(d, 20), at(d, 20, 5), at(d, 20, 12), at(d, 21), at(d, 21, 10), at(d, 23, 55), at(TODAY, 0, 5)]
    turns = [Turn(id="", role="user" if i % 2 == 0 else "companion", alternatives=[f"turn {i}"], created=t)
             for i, t in enumerate(times)]
    story = Story(id="", title="Night walk", companion="wren", turns=turns,
                  moods=[{"at": at(d, 22).isoformat(), "mood": 1, "turn": ""}])
    notebook.stories.add(story)
    return notebook


def _index_words(nb: Notebook, first: str, last: str = "9999") -> int:
    """The core's own word counts (title + body, CJK-aware) for the days in [first, last]."""
    row = nb.index.connection().execute(
        "SELECT SUM(words) FROM entries WHERE day BETWEEN ? AND ?", (first, last)).fetchone()
    return int(row[0])


def test_entry_stats_reads_the_index_without_bodies(known: Notebook) -> None:
    stats = entry_stats(known.index)
    assert len(stats) == 6 + 9 + 2 + 1
    assert stats[0].day == date(2023, 3, 15)  # oldest first
    last = stats[-1]
    assert (last.day, last.mood, last.tags, last.title) == (TODAY, 2, ("work",), "March 15")
    # the core counts title and body words ("March 15" + "今天很好")
    assert last.words == 2 + 4


def test_the_known_notebook_gives_the_known_figures(known: Notebook) -> None:
    data = load_insights(known, today=TODAY, period="90d")
    assert data.since == TODAY - timedelta(days=89)
    assert data.entries == 6 + 9
    assert data.words == _index_words(known, "2025-12-16")
    assert (data.streak.current, data.streak.longest, data.streak.last_day) == (6, 9, TODAY)
    assert data.tags == [("work", 15), ("holiday", 9)]  # "birthday" is older than 90 days
    assert [e.title for e in data.on_this_day] == ["Birthday 2025", "Birthday 2023"]
    minutes = dict(data.companion_days)
    assert minutes[date(2026, 3, 14)] == pytest.approx(12 + 10 + 5)
    assert minutes[TODAY] == pytest.approx(5)
    assert minutes[date(2026, 3, 13)] == 0.0
    assert len(data.companion_days) == 90
    by_day = {p.day: p for p in data.moods}
    assert by_day[date(2026, 3, 14)].mood == pytest.approx((2 + 1) / 2)  # the entry and the story mood check
    assert by_day[date(2026, 3, 14)].count == 2
    # rolling mean over 03-08 … 03-14: entries 5,4,4,3,2 and the story's 1
    assert by_day[date(2026, 3, 14)].rolling == pytest.approx((5 + 4 + 4 + 3 + 2 + 1) / 6)
    weeks = {w.week_start: w for w in data.weeks}
    assert weeks[date(2026, 3, 9)].entries == 6
    assert weeks[date(2026, 3, 9)].words == _index_words(known, "2026-03-09", "2026-03-15")
    assert weeks[date(2026, 2, 2)].entries == 0  # empty weeks are filled in


def test_all_time_includes_the_old_entries(known: Notebook) -> None:
    data = load_insights(known, today=TODAY, period="all")
    assert data.since is None and data.entries == 18
    assert ("birthday", 2) in data.tags
    assert data.weeks[0].week_start == date(2023, 3, 13)


def test_an_empty_notebook_has_empty_insights(notebook: Notebook) -> None:
    data = load_insights(notebook, today=TODAY)
    assert data.is_empty
    assert data.streak.current == 0 and data.on_this_day == [] and data.weeks == []


# --- the pure functions' edges ----------------------------------------------------------------

def _stat(day: date, **kw) -> EntryStat:
    return EntryStat(id=str(day), title="", created=at(day, 12), day=day, words=kw.get("words", 1),
                     mood=kw.get("mood"), tags=tuple(kw.get("tags", ())))


def test_a_streak_survives_until_today_ends() -> None:
    days = [TODAY - timedelta(days=i) for i in range(1, 4)]  # yesterday and the two days before
    assert writing_streak(days, TODAY).current == 3
    assert writing_streak(days, TODAY + timedelta(days=1)).current == 0
    assert writing_streak([], TODAY).current == 0


def test_on_this_day_brings_back_leap_day_entries_on_28_february() -> None:
    stats = [_stat(date(2024, 2, 29)), _stat(date(2025, 2, 28))]
    assert [s.day for s in on_this_day(stats, date(2026, 2, 28))] == [date(2025, 2, 28), date(2024, 2, 29)]
    assert [s.day for s in on_this_day(stats, date(2028, 2, 28))] == [date(2025, 2, 28)]  # 2028 has its own 29th


def test_top_tags_orders_by_count_then_name() -> None:
    stats = [_stat(TODAY, tags=["b", "a"]), _stat(TODAY, tags=["b"]), _stat(TODAY, tags=["c"])]
    assert top_tags(stats, limit=2) == [("b", 2), ("a", 1)]


def test_weekly_activity_starts_on_monday() -> None:
    weeks = weekly_activity([_stat(date(2026, 3, 15), words=7)])
    assert [(w.week_start, w.entries, w.words) for w in weeks] == [(date(2026, 3, 9), 1, 7)]


def test_mood_rolling_window_forgets_old_days() -> None:
    points = mood_over_time([(date(2026, 3, 1), 5), (date(2026, 3, 10), 1)])
    assert [p.rolling for p in points] == [5.0, 1.0]


def test_active_minutes_ignore_idle_gaps_and_never_double_count_parallel_stories() -> None:
    d = date(2026, 3, 14)
    limit = int(IDLE_GAP.total_seconds() // 60)
    turns = [TurnStat(at(d, 10), "a", "user"), TurnStat(at(d, 10, 3), "b", "user"),
             TurnStat(at(d, 10, 6), "a", "companion"),
             TurnStat(at(d, 10, 6 + limit), "a", "user"),          # exactly the idle gap: counted
             TurnStat(at(d, 10, 6 + 2 * limit + 1), "a", "user")]  # one minute longer: not counted
    assert companion_minutes_per_day(turns) == {d: pytest.approx(6 + limit)}


def test_active_minutes_split_at_local_midnight_and_accept_naive_times() -> None:
    turns = [TurnStat(at(TODAY, 23, 50), "a", "user"), TurnStat(at(TODAY + timedelta(days=1), 0, 4), "a", "companion")]
    assert companion_minutes_per_day(turns) == {TODAY: pytest.approx(10), TODAY + timedelta(days=1): pytest.approx(4)}
    naive = [TurnStat(datetime(2026, 3, 14, 12, 0), "a", "user"), TurnStat(datetime(2026, 3, 14, 12, 2), "a", "user")]
    assert sum(companion_minutes_per_day(naive).values()) == pytest.approx(2)


# --- the nudge rule ---------------------------------------------------------------------------------

RECENT = [TODAY - timedelta(days=i) for i in range(rule.WINDOW_DAYS)]
PREVIOUS = [TODAY - timedelta(days=rule.WINDOW_DAYS + i) for i in range(rule.WINDOW_DAYS)]
# The rise edge: previous P with P * (ratio - 1) == the minimum rise, so both conditions sit exactly on their limits.
EDGE_PREVIOUS = rule.MIN_TIME_RISE_MINUTES / (rule.MIN_TIME_RISE_RATIO - 1)
EDGE_RECENT = EDGE_PREVIOUS * rule.MIN_TIME_RISE_RATIO


def minutes(recent: float, previous: float) -> dict[date, float]:
    return {RECENT[0]: recent, PREVIOUS[0]: previous}


def moods(recent: list[int], previous: list[int]) -> list[tuple[date, int]]:
    return [(RECENT[i], m) for i, m in enumerate(recent)] + [(PREVIOUS[i], m) for i, m in enumerate(previous)]


FALLING = moods([3] * rule.MIN_MOODS_PER_WINDOW, [4] * rule.MIN_MOODS_PER_WINDOW)


def test_the_nudge_is_due_exactly_on_every_edge() -> None:
    assert EDGE_RECENT >= rule.MIN_RECENT_MINUTES
    drop = moods([4 - rule.MIN_MOOD_DROP] * 2, [4] * 2)
    check = check_nudge(minutes(EDGE_RECENT, EDGE_PREVIOUS), drop, TODAY)
    assert check.due, check
    assert check.recent_minutes == pytest.approx(EDGE_RECENT)


@pytest.mark.parametrize(("recent", "previous", "mood", "reason"), [
    (rule.MIN_RECENT_MINUTES - 0.1, 0, FALLING, "too_little_time"),
    (EDGE_RECENT - 0.1, EDGE_PREVIOUS, FALLING, "time_not_up"),                 # ratio just under
    (rule.MIN_RECENT_MINUTES + rule.MIN_TIME_RISE_MINUTES - 0.1, rule.MIN_RECENT_MINUTES / 10, FALLING,
     "due"),                                                                     # big ratio, rise just over the minimum
    (rule.MIN_TIME_RISE_MINUTES * 100, rule.MIN_TIME_RISE_MINUTES * 100 - rule.MIN_TIME_RISE_MINUTES + 0.1,
     FALLING, "time_not_up"),                                                    # rise just under the minutes
    (200, 0, moods([3], [4, 4]), "too_few_moods"),
    (200, 0, moods([3, 3], [4]), "too_few_moods"),
    (200, 0, moods([3.6, 3.6], [4, 4]), "mood_not_down"),                          # dropped 0.4 < 0.5
    (200, 0, moods([5, 5], [4, 4]), "mood_not_down"),
])
def test_the_nudge_is_not_due_just_past_each_edge(recent: float, previous: float, mood, reason: str) -> None:
    check = check_nudge(minutes(recent, previous), mood, TODAY)
    assert check.reason == reason, check
    assert check.due is (reason == "due")


def test_the_windows_are_the_last_seven_days_and_the_seven_before() -> None:
    outside = TODAY - timedelta(days=2 * rule.WINDOW_DAYS)
    minutes_by_day = {RECENT[-1]: 100.0, PREVIOUS[-1]: 10.0, outside: 1000.0, TODAY + timedelta(days=1): 1000.0}
    check = check_nudge(minutes_by_day, FALLING, TODAY)
    assert (check.recent_minutes, check.previous_minutes) == (100.0, 10.0)
    assert check.due


def test_never_more_than_once_a_week() -> None:
    data = (minutes(200, 0), FALLING)
    assert check_nudge(*data, TODAY, last_shown=TODAY - timedelta(days=rule.COOLDOWN_DAYS - 1)).reason == "cooldown"
    assert check_nudge(*data, TODAY, last_shown=TODAY - timedelta(days=rule.COOLDOWN_DAYS)).due


def test_showing_records_the_day_and_dismissing_keeps_it_away(notebook: Notebook) -> None:
    home = notebook.home
    write_section(home, "general", {"language": "zh"})
    data = (minutes(200, 0), FALLING)
    assert nudge_to_show(home, *data, TODAY) is not None
    assert nudge_state(home).last_shown == TODAY
    assert nudge_to_show(home, *data, TODAY) is not None  # a rerun the same day shows the same note
    dismiss_nudge(home, TODAY)
    assert nudge_to_show(home, *data, TODAY) is None
    assert nudge_to_show(home, *data, TODAY + timedelta(days=rule.COOLDOWN_DAYS - 1)) is None
    later = TODAY + timedelta(days=rule.COOLDOWN_DAYS)
    shifted = ({later: 200.0}, [(later, 3), (later, 3), (later - timedelta(days=rule.WINDOW_DAYS), 4),
                                (later - timedelta(days=rule.WINDOW_DAYS), 4)])
    assert nudge_to_show(home, *shifted, later) is not None
    assert read_section(home, "general") == {"language": "zh"}  # other settings untouched


def test_a_hand_edited_state_is_ignored(notebook: Notebook) -> None:
    write_section(notebook.home, rule.WELLBEING_SECTION, {"nudge_last_shown": "not a date"})
    assert nudge_state(notebook.home).last_shown is None
