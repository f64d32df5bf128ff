"""Reminders without a cloud (#17): the .ics file parses back with its recurrence, time, alarm and link."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from dateutil.rrule import rrulestr
from icalendar import Calendar
from streamlit.testing.v1 import AppTest

from journal.entries.reminders import reminder_ics
from journal.errors import InvalidInput
from journal.i18n import set_language
from journal.notebook import Notebook

TIMEOUT = 30
START = date(2026, 12, 1)   # a Tuesday


def _event(data: bytes):
    calendar = Calendar.from_ical(data)
    [event] = calendar.walk("VEVENT")
    return calendar, event


def test_a_weekly_reminder_parses_back_with_its_recurrence() -> None:
    data = reminder_ics([3, 0], time(21, 30), url="http://127.0.0.1:8501/journal", start=START)
    calendar, event = _event(data)
    assert str(calendar["version"]) == "2.0"
    rule = event["rrule"]
    assert rule["FREQ"] == ["WEEKLY"] and rule["BYDAY"] == ["MO", "TH"]
    begin = event.decoded("dtstart")
    assert begin == datetime(2026, 12, 3, 21, 30) and begin.tzinfo is None   # floating: 21:30 wherever the phone is
    assert event.decoded("duration") == timedelta(minutes=10)
    assert str(event["url"]) == "http://127.0.0.1:8501/journal"
    assert "http://127.0.0.1:8501/journal" in str(event["description"])
    [alarm] = event.walk("VALARM")
    assert str(alarm["action"]) == "DISPLAY" and alarm.decoded("trigger") == timedelta(0)
    # The next occurrences a calendar app computes from it: Mondays and Thursdays at 21:30
    occurrences = [o for _, o in zip(range(4), rrulestr(rule.to_ical().decode(), dtstart=begin))]
    assert occurrences == [datetime(2026, 12, 3, 21, 30), datetime(2026, 12, 7, 21, 30),
                           datetime(2026, 12, 10, 21, 30), datetime(2026, 12, 14, 21, 30)]


def test_every_day_is_a_daily_rule_and_it_starts_today_when_today_is_chosen() -> None:
    _, event = _event(reminder_ics(range(7), time(8, 0), start=START))
    assert event["rrule"]["FREQ"] == ["DAILY"] and "BYDAY" not in event["rrule"]
    assert event.decoded("dtstart") == datetime(2026, 12, 1, 8, 0)


def test_the_words_follow_the_language() -> None:
    set_language("zh")
    _, event = _event(reminder_ics([6], time(22, 0), start=START))
    assert str(event["summary"]) == "写几行日记"
    assert event.decoded("dtstart") == datetime(2026, 12, 6, 22, 0)


def test_no_day_or_a_bad_day_is_refused() -> None:
    with pytest.raises(InvalidInput, match="at least one day"):
        reminder_ics([], time(21, 0), start=START)
    with pytest.raises(InvalidInput):
        reminder_ics([7], time(21, 0), start=START)


def test_the_journal_page_offers_the_file(app_path: str, duet_home: Path) -> None:
    at = AppTest.from_file(app_path, default_timeout=TIMEOUT).run()
    assert any("Choose at least one day" in c.value for c in at.caption)
    assert not at.get("download_button")
    at.session_state["journal_reminder_days"] = [0, 2]
    at.run()
    assert not at.exception
    assert not any("Choose at least one day" in c.value for c in at.caption)
    [download] = at.get("download_button")
    assert "Download the reminder (.ics)" in download.proto.label
    assert Notebook.open(duet_home).entries.reminder_ics([0, 2], time(21, 0)).startswith(b"BEGIN:VCALENDAR")
