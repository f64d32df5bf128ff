"""Reminders without a cloud: an iCalendar file with one recurring event a phone's calendar imports.

The event is written in floating local time (no time zone): "21:00 on Mondays
and Thursdays" rings at 21:00 wherever the person is, through daylight saving
and travel, which is what a writing habit wants. It carries a link back to the
Journal page. ``icalendar`` builds and folds the file; nothing here is sent anywhere.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import date, datetime, time, timedelta

from journal.errors import InvalidInput
from journal.i18n import t

ICAL_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")     # Monday is 0, as date.weekday()
DEFAULT_APP_URL = "http://localhost:8501/"               # the Journal is the app's first page
EVENT_MINUTES = 10
PRODID = "-//Duet//Journal reminders//EN"


def reminder_ics(weekdays: Sequence[int], at: time, *, url: str = DEFAULT_APP_URL, start: date) -> bytes:
    """An ``.ics`` file: one event on each chosen weekday (0 = Monday) at ``at``, from ``start`` on, repeating weekly."""
    days = sorted({int(day) for day in weekdays})
    if not days:
        raise InvalidInput("writing.reminders.no_days")
    if any(not 0 <= day <= 6 for day in days):
        raise InvalidInput("writing.reminders.bad_day")
    # Here, not at the top: the Journal page asks on every rerun, mostly with no day chosen yet, and importing
    # icalendar was a tenth of the app's first page (#19).
    from icalendar import Alarm, Calendar, Event, vRecur

    first = next(start + timedelta(days=n) for n in range(7) if (start + timedelta(days=n)).weekday() in days)
    begin = datetime.combine(first, at.replace(second=0, microsecond=0, tzinfo=None))   # floating: local wherever
    rule = vRecur(freq="DAILY") if len(days) == 7 else vRecur(freq="WEEKLY", byday=[ICAL_DAYS[d] for d in days])
    uid = hashlib.sha256(f"{days}|{at.isoformat()}".encode()).hexdigest()[:24]

    event = Event()
    event.add("uid", f"duet-reminder-{uid}@duet.local")
    event.add("dtstamp", datetime.combine(start, time(0, 0)))
    event.add("summary", t("writing.reminders.summary"))
    event.add("description", t("writing.reminders.description", url=url))
    event.add("url", url)
    event.add("dtstart", begin)
    event.add("duration", timedelta(minutes=EVENT_MINUTES))
    event.add("rrule", rule)
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", t("writing.reminders.summary"))
    alarm.add("trigger", timedelta(0))
    event.add_component(alarm)

    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add_component(event)
    return calendar.to_ical()
