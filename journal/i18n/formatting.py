"""Dates, numbers and relative times written the way each language writes them (Babel/CLDR)."""

from __future__ import annotations

from datetime import date, datetime

from babel.dates import format_date as _format_date
from babel.dates import format_datetime as _format_datetime
from babel.dates import format_timedelta
from babel.numbers import format_decimal

from journal.i18n import current_language

_LOCALES = {"en": "en_US", "zh": "zh_Hans_CN"}
_CLOCK = {"en": "h:mm a", "zh": "HH:mm"}
_DATE_CLOCK_SEPARATOR = {"en": ", ", "zh": " "}


def _locale(lang: str | None) -> str:
    return _LOCALES.get(lang or current_language(), "en_US")


def format_date(value: date | datetime, lang: str | None = None) -> str:
    """``April 2, 2026`` / ``2026年4月2日``."""
    return _format_date(value, format="long", locale=_locale(lang))


def format_datetime(value: datetime, lang: str | None = None) -> str:
    """``April 2, 2026, 9:14 PM`` / ``2026年4月2日 21:14``: the entry's own wall-clock time."""
    lang = lang or current_language()
    clock = _format_datetime(value, format=_CLOCK.get(lang, "HH:mm"), locale=_locale(lang), tzinfo=value.tzinfo)
    return f"{format_date(value, lang)}{_DATE_CLOCK_SEPARATOR.get(lang, ' ')}{clock}"


def format_relative(moment: datetime, now: datetime, lang: str | None = None) -> str:
    """``3 days ago`` / ``3天前``."""
    return format_timedelta(moment - now, add_direction=True, locale=_locale(lang))


def format_number(value: float, lang: str | None = None) -> str:
    return format_decimal(value, locale=_locale(lang))


def format_month(year: int, month: int, lang: str | None = None) -> str:
    """``December 2026`` / ``2026年12月``: a calendar's heading."""
    from babel.dates import format_skeleton

    return format_skeleton("yMMMM", date(year, month, 1), locale=_locale(lang))


def weekday_names(lang: str | None = None) -> list[str]:
    """Short weekday names, Monday first: ``Mon`` … / ``周一`` …."""
    from babel.dates import get_day_names

    names = get_day_names("abbreviated", locale=_locale(lang))
    return [names[day] for day in range(7)]
