"""Insights: mood over time, how much and how regularly someone writes, time with the companion, and the step-back nudge.

All pure functions over rows read from the index; nothing here imports
Streamlit or the stories package at import time (``journal.stories.stats``
builds :class:`TurnStat` objects from this package).
"""

from journal.insights.companion import IDLE_GAP, TurnStat, companion_minutes_per_day, daily_series
from journal.insights.entries import (
    EntryStat, MoodPoint, Streak, WeekStat, entry_stats, mood_over_time, mood_records, on_this_day, top_tags,
    week_start, weekly_activity, writing_streak,
)
from journal.insights.nudge import NudgeCheck, check_nudge, dismiss_nudge, nudge_state, nudge_to_show

__all__ = [
    "IDLE_GAP", "EntryStat", "MoodPoint", "NudgeCheck", "Streak", "TurnStat", "WeekStat", "check_nudge",
    "companion_minutes_per_day", "daily_series", "dismiss_nudge", "entry_stats", "mood_over_time", "mood_records",
    "nudge_state", "nudge_to_show", "on_this_day", "top_tags", "week_start", "weekly_activity", "writing_streak",
]
