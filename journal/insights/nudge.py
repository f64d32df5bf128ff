"""The step-back nudge: when time with the companion rises while mood falls, say so once, gently.

Aria's advice was to take a step back if the relationship brings more
exhaustion than happiness. Duet echoes it only when the notebook itself shows
that pattern over the last two weeks, never more than once a week, and never
blocks anything. Every threshold of the rule is a named constant in this one
place, and tests/test_insights.py checks each edge.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from journal.settings import read_section, write_section

# --- the rule's thresholds ---------------------------------------------------------------------
WINDOW_DAYS = 7
"""The last 7 days (today included) are compared with the 7 days before them: two weeks in all."""
MIN_RECENT_MINUTES = 60.0
"""Below an hour of companion time in the last week there is nothing to step back from."""
MIN_TIME_RISE_RATIO = 1.25
"""Companion time must have grown by at least a quarter…"""
MIN_TIME_RISE_MINUTES = 30.0
"""…and by at least half an hour, so 4 → 5 minutes is not a "rise"."""
MIN_MOOD_DROP = 0.5
"""The average mood (1–5) must have fallen by at least half a point."""
MIN_MOODS_PER_WINDOW = 2
"""Each week needs at least two mood records, so one bad evening is not a trend."""
COOLDOWN_DAYS = 7
"""Never more than once a week."""

WELLBEING_SECTION = "wellbeing"
_LAST_SHOWN = "nudge_last_shown"
_DISMISSED = "nudge_dismissed"


@dataclass(frozen=True)
class NudgeCheck:
    due: bool
    reason: str
    """"due", or why not: "cooldown", "too_little_time", "time_not_up", "too_few_moods", "mood_not_down"."""
    recent_minutes: float = 0.0
    previous_minutes: float = 0.0
    recent_mood: float | None = None
    previous_mood: float | None = None


def check_nudge(minutes_by_day: Mapping[date, float], moods: Iterable[tuple[date, int]],
                today: date, last_shown: date | None = None) -> NudgeCheck:
    """Whether the nudge is due today, with the figures that decided it."""
    recent_start = today - timedelta(days=WINDOW_DAYS - 1)
    previous_start = recent_start - timedelta(days=WINDOW_DAYS)
    recent_minutes = sum(m for d, m in minutes_by_day.items() if recent_start <= d <= today)
    previous_minutes = sum(m for d, m in minutes_by_day.items() if previous_start <= d < recent_start)
    recent_moods, previous_moods = [], []
    for day, mood in moods:
        if recent_start <= day <= today:
            recent_moods.append(mood)
        elif previous_start <= day < recent_start:
            previous_moods.append(mood)
    figures = dict(recent_minutes=recent_minutes, previous_minutes=previous_minutes,
                   recent_mood=_mean(recent_moods), previous_mood=_mean(previous_moods))
    if last_shown is not None and (today - last_shown).days < COOLDOWN_DAYS:
        return NudgeCheck(False, "cooldown", **figures)
    if recent_minutes < MIN_RECENT_MINUTES:
        return NudgeCheck(False, "too_little_time", **figures)
    if (recent_minutes < previous_minutes * MIN_TIME_RISE_RATIO
            or recent_minutes - previous_minutes < MIN_TIME_RISE_MINUTES):
        return NudgeCheck(False, "time_not_up", **figures)
    if len(recent_moods) < MIN_MOODS_PER_WINDOW or len(previous_moods) < MIN_MOODS_PER_WINDOW:
        return NudgeCheck(False, "too_few_moods", **figures)
    if figures["previous_mood"] - figures["recent_mood"] < MIN_MOOD_DROP:
        return NudgeCheck(False, "mood_not_down", **figures)
    return NudgeCheck(True, "due", **figures)


@dataclass(frozen=True)
class NudgeState:
    last_shown: date | None
    dismissed: bool


def nudge_state(home: Path) -> NudgeState:
    section = read_section(home, WELLBEING_SECTION)
    try:
        last = date.fromisoformat(str(section[_LAST_SHOWN])) if section.get(_LAST_SHOWN) else None
    except ValueError:  # a hand-edited settings file
        last = None
    return NudgeState(last, bool(section.get(_DISMISSED)))


def nudge_to_show(home: Path, minutes_by_day: Mapping[date, float],
                  moods: Iterable[tuple[date, int]], today: date) -> NudgeCheck | None:
    """The nudge to show now, or None; showing it records the day, so it counts once however often the page reruns.

    A nudge shown today and not dismissed stays on screen for the rest of the
    day; from tomorrow the once-a-week cooldown keeps it away.
    """
    state = nudge_state(home)
    if state.last_shown == today:
        return None if state.dismissed else check_nudge(minutes_by_day, moods, today)
    check = check_nudge(minutes_by_day, moods, today, state.last_shown)
    if not check.due:
        return None
    _save(home, today, dismissed=False)
    return check


def dismiss_nudge(home: Path, today: date) -> None:
    """The person closed the note: keep it closed (the cooldown still starts from the day it was shown)."""
    state = nudge_state(home)
    _save(home, state.last_shown or today, dismissed=True)


def _save(home: Path, last_shown: date, dismissed: bool) -> None:
    section = read_section(home, WELLBEING_SECTION)
    section.update({_LAST_SHOWN: last_shown.isoformat(), _DISMISSED: dismissed})
    write_section(home, WELLBEING_SECTION, section)


def _mean(values: list[int]) -> float | None:
    return sum(values) / len(values) if values else None
