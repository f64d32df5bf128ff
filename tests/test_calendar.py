"""The Journal page's calendar (#17): one month from the index with each day's mood, a day's entries,
month and year jumps, the page's clicks, and a month of 100,000 entries read in under 50 ms."""

from __future__ import annotations

import random
import statistics
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from journal.entries import index as entry_index
from journal.store import entries as entry_sql
from journal.entries.calendar import month_view, shift_month
from journal.notebook import Notebook
from ui.journal.calendar import OPEN_KEY as CALENDAR_OPEN

BIG = 100_000
BUDGET_MS = 50
TRIES = 7
TIMEOUT = 30


def _at(day: date, hour: int, offset_hours: int = 8) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=timezone(timedelta(hours=offset_hours)))


def test_a_month_holds_its_days_their_count_and_mood(duet_home: Path) -> None:
    nb = Notebook.open(duet_home)
    nb.create_entry("low", mood=1, created=_at(date(2026, 4, 2), 9))
    nb.create_entry("high", mood=4, created=_at(date(2026, 4, 2), 21))   # the day's average: 2.5, shown as 3
    quiet = nb.create_entry("no mood", created=_at(date(2026, 4, 30), 10))
    nb.create_entry("next month", mood=5, created=_at(date(2026, 5, 1), 10))
    # Written late on 30 April in California: 1 May in UTC, but the writer's day is 30 April.
    late = nb.create_entry("late", mood=5, created=_at(date(2026, 4, 30), 23, offset_hours=-7))
    view = nb.entries.month(2026, 4)
    assert sorted(view.days) == [date(2026, 4, 2), date(2026, 4, 30)]
    assert (view.days[date(2026, 4, 2)].entries, view.days[date(2026, 4, 2)].mood, view.days[date(2026, 4, 2)].level) \
        == (2, 2.5, 3)
    assert (view.days[date(2026, 4, 30)].entries, view.days[date(2026, 4, 30)].level) == (2, 5)
    assert [e.id for e in nb.entries.on_day(date(2026, 4, 30))] == [late.id, quiet.id]   # newest first
    assert {e.title for e in nb.entries.on_day(date(2026, 4, 2))} == {"low", "high"}
    assert list(nb.entries.month(2026, 5).days) == [date(2026, 5, 1)]


def test_weeks_start_on_monday_and_jumps_cross_years() -> None:
    view = month_view(2026, 2, [])
    assert view.weeks[0][:6] == [None] * 6 and view.weeks[0][6] == date(2026, 2, 1)   # 1 Feb 2026 is a Sunday
    assert [d for week in view.weeks for d in week if d] == [date(2026, 2, n) for n in range(1, 29)]
    assert view.shifted(-1) == (2026, 1) and view.shifted(-2) == (2025, 12) and view.shifted(11) == (2027, 1)
    assert month_view(2026, 12, []).shifted(1) == (2027, 1)
    assert shift_month(2026, 1, -12) == (2025, 1) and shift_month(2026, 1, 12 * 3) == (2029, 1)
    assert shift_month(9998, 12, 1) == (9998, 12)   # the last month the index can hold


# --- the benchmark: one month out of 100,000 entries, from the index alone ---------------------------------

def _rows(count: int) -> tuple[list[dict], dict[str, list[int]]]:
    """Index rows for ``count`` entries, ~27 a day from 2016 on, pointing at files that do not exist:
    the month query must not need them."""
    rnd = random.Random(17)
    start = date(2016, 1, 1)
    rows, moods = [], {}
    for i in range(count):
        day = start + timedelta(days=i * 37 // 1000)
        mood = rnd.choice([None, 1, 2, 3, 4, 5])
        rows.append({"id": f"bench{i:06d}", "path": f"journal/bench/{i}.md", "title": "t", "body": "b",
                     "tags_json": "[]", "tags_text": "", "created": f"{day}T08:00:00+08:00",
                     "created_utc": f"{day - timedelta(days=1)}T23:00:00+00:00", "day": day.isoformat(),
                     "updated": f"{day}T08:00:00+08:00", "mood": mood, "feelings_json": "[]", "starred": 0,
                     "words": 1, "source": None, "mtime_ns": 0, "size": 1})
        rows[-1]["script"] = entry_index.row_script(rows[-1])
        moods.setdefault(day.isoformat(), []).append(mood)
    return rows, moods


@pytest.fixture(scope="module")
def big_notebook(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, list[int]]]:
    home = tmp_path_factory.mktemp("big") / "notebook"
    rows, moods = _rows(BIG)
    entry_sql.upsert_rows(Notebook.open(home).index.connection(), rows)   # the store's bulk path, one transaction
    return home, moods


def test_a_month_of_a_hundred_thousand_entries_in_under_50_ms(big_notebook: tuple[Path, dict[str, list[int]]]) -> None:
    home, moods = big_notebook
    timings = []
    for month in range(1, TRIES + 1):
        nb = Notebook(home)   # a fresh connection each time, as a new page run has; no sync (the files are not there)
        started = time.perf_counter()
        view = nb.entries.month(2021, month)
        timings.append((time.perf_counter() - started) * 1000)
        expected = {d: m for d, m in moods.items() if d.startswith(f"2021-{month:02d}-")}
        assert {d.isoformat(): mark.entries for d, mark in view.days.items()} == {d: len(m) for d, m in expected.items()}
        some_day = min(expected)
        with_mood = [m for m in expected[some_day] if m is not None]
        assert view.days[date.fromisoformat(some_day)].mood == pytest.approx(sum(with_mood) / len(with_mood))
    print(f"month of {BIG} entries: median {statistics.median(timings):.2f} ms, all {[round(t, 2) for t in timings]}")
    assert statistics.median(timings) < BUDGET_MS


# --- the page -------------------------------------------------------------------------------------------------

def test_click_a_day_open_its_entry_and_jump_months(app_path: str, duet_home: Path) -> None:
    nb = Notebook.open(duet_home)
    today = date.today()
    entry = nb.create_entry("Under the plum tree.", title="Plum", mood=5,
                            created=datetime(today.year, today.month, today.day, 9).astimezone())
    last_year = today.replace(day=1, year=today.year - 1)
    nb.create_entry("Long ago.", title="Last year", created=datetime(last_year.year, last_year.month, 1, 9).astimezone())
    at = AppTest.from_file(app_path, default_timeout=TIMEOUT).run()
    assert not at.exception
    assert not [b for b in at.button if b.key == f"journal_cal_{today.isoformat()}"]   # folded: no month drawn
    at.session_state[CALENDAR_OPEN] = True   # what a click on the expander does: it reruns, open
    at.run()
    day_button = at.button(key=f"journal_cal_{today.isoformat()}")
    assert day_button.label == f"{today.day} :orange[●]"    # mood 5: the warm dot
    day_button.click().run()
    assert any("Plum" in m.value for m in at.markdown)
    opens = lambda: {b.key for b in at.button if b.key and b.key.startswith("journal_cal_open_")}  # noqa: E731
    at.button(key=f"journal_cal_open_{entry.id}").click().run()
    assert at.subheader[0].value == "Plum"
    at.button(key="journal_back").click().run()
    assert opens() == {f"journal_cal_open_{entry.id}"}   # back from reading: the chosen day is still listed
    at.button(key="journal_cal_prev_year").click().run()
    assert any(f"**{last_year.strftime('%B')} {last_year.year}**" == m.value for m in at.markdown)
    at.button(key=f"journal_cal_{last_year.isoformat()}").click().run()
    assert any("Last year" in m.value for m in at.markdown)
    at.button(key="journal_cal_next").click().run()
    assert not [b for b in at.button if b.key == f"journal_cal_{last_year.isoformat()}"]
    assert opens() == set()
    at.button(key="journal_cal_today").click().run()
    assert opens() == {f"journal_cal_open_{entry.id}"}   # back to this month, today's entries listed
