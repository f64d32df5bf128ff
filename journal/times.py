"""Times as a person lives them: the user's own UTC offset in files, sortable UTC keys in the index.

Front matter carries the offset the person wrote at (DESIGN.md); the index sorts
by UTC so paging is right across time zones and daylight saving.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from typing import Any

from journal.errors import InvalidInput

MIN_YEAR, MAX_YEAR = 1000, 9998   # four-digit years sort as text in the index; 9999 may not convert to UTC
SHOWN_VALUE_CHARS = 40            # how much of an unreadable date an error sentence quotes


def now() -> datetime:
    """The current time with the user's own UTC offset, to the second."""
    return datetime.now().astimezone().replace(microsecond=0)


def local_time(timestamp: float) -> datetime:
    """A unix timestamp (a file's mtime, an export's seconds) with the user's own UTC offset, to the second."""
    return datetime.fromtimestamp(timestamp).astimezone().replace(microsecond=0)


def week_start(day: date) -> date:
    """The Monday of ``day``'s ISO week: weekly charts and counts group on it."""
    return day - timedelta(days=day.weekday())


def iso(moment: datetime) -> str:
    return moment.isoformat()


def parse_time(value: Any, fallback: datetime | None = None) -> datetime:
    """Read a time a person or another tool may have written: ISO string, YAML timestamp or date."""
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, date):
        moment = datetime(value.year, value.month, value.day)
    elif isinstance(value, str) and value.strip():
        text = value.strip().replace("Z", "+00:00")
        try:
            moment = datetime.fromisoformat(text)
        except ValueError:
            if fallback is None:
                raise InvalidInput("journal.errors.bad_time", value=value) from None
            return fallback
    else:
        if fallback is None:
            raise InvalidInput("journal.errors.bad_time", value=str(value))
        return fallback
    try:
        if moment.tzinfo is None:
            moment = moment.astimezone()
        in_utc = moment.astimezone(timezone.utc)   # what the index stores; year 1 with +05:00 has none
    except (ValueError, OverflowError, OSError):
        in_utc = None
    if in_utc is None or not MIN_YEAR <= in_utc.year <= MAX_YEAR:
        if fallback is None:
            raise InvalidInput("journal.errors.bad_time", value=str(value)[:SHOWN_VALUE_CHARS])
        return fallback
    return moment


def to_utc_key(moment: datetime) -> str:
    """A sortable UTC string, so paging by time is right across time zones."""
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S")
