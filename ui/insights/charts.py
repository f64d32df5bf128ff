"""The Insights page's Altair charts, built from journal.insights figures; every label comes from the catalogue.

Long periods are drawn per week instead of per day: ten years of daily bars is
unreadable and heavier to send to the browser than it is worth.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

import altair as alt
import pandas as pd

from journal.i18n import t
from journal.insights.model import MOOD_ROLLING_DAYS, MoodPoint, WeekStat
from journal.times import week_start

DAILY_POINTS_LIMIT = 400
"""Past about thirteen months of days, the mood and companion charts switch to one mark per week."""
CHART_HEIGHT = 220
TAG_ROW_PX = 26
"""Room per tag bar, so every tag's label shows (Vega hides labels that would overlap)."""
TAG_AXIS_PX = 60
"""The count axis and its title, which Streamlit's fit-to-width sizing takes out of the chart's height."""
MOOD_MIN, MOOD_MAX = 1, 5
MOOD_COLOR = "#d9776b"
ENTRY_COLOR = "#6b8fd9"
COMPANION_COLOR = "#9b7bd4"


def _time_axis(title: str) -> alt.Axis:
    """Date labels in the reader's language: Vega writes its own in English ("Nov 22", "November") whatever the page.

    Like Vega's default, a tick on the 1st of January shows the year, on the 1st of a month the month, else the day.
    """
    year, month, day = (t(f"insights.chart.date_{part}").replace("'", "\\'") for part in ("year", "month", "day"))
    return alt.Axis(title=title, labelExpr=(
        f"timeFormat(datum.value, month(datum.value) == 0 && date(datum.value) == 1 ? '{year}' : "
        f"date(datum.value) == 1 ? '{month}' : '{day}')"))


def _count_axis(title: str) -> alt.Axis:
    """Whole numbers only: Vega's default ticks for counts of 1 or 2 are 0, 0.2, 0.4…"""
    return alt.Axis(title=title, tickMinStep=1, format="d")


def _date_tooltip(field: str, title: str) -> alt.Tooltip:
    return alt.Tooltip(f"{field}:T", title=title, format=t("insights.chart.date_tooltip"))


def mood_chart(points: list[MoodPoint]) -> alt.LayerChart:
    rows = [{"day": p.day, "mood": p.mood, "rolling": p.rolling, "count": p.count} for p in points]
    if len(rows) > DAILY_POINTS_LIMIT:
        rows = _weekly_mood(points)
    frame = pd.DataFrame(rows)
    frame["day"] = pd.to_datetime(frame["day"])
    x = alt.X("day:T", axis=_time_axis(t("insights.mood.axis_day")))
    y_scale = alt.Scale(domain=[MOOD_MIN, MOOD_MAX])
    tooltip = [_date_tooltip("day", t("insights.mood.axis_day")),
               alt.Tooltip("mood:Q", title=t("insights.mood.daily"), format=".1f"),
               alt.Tooltip("rolling:Q", title=t("insights.mood.rolling", days=MOOD_ROLLING_DAYS), format=".1f"),
               alt.Tooltip("count:Q", title=t("insights.mood.count"))]
    dots = alt.Chart(frame).mark_circle(size=36, opacity=0.45, color=MOOD_COLOR).encode(
        x=x, y=alt.Y("mood:Q", title=t("insights.mood.axis_mood"), scale=y_scale), tooltip=tooltip)
    line = alt.Chart(frame).mark_line(color=MOOD_COLOR, strokeWidth=2, interpolate="monotone").encode(
        x=x, y=alt.Y("rolling:Q", scale=y_scale), tooltip=tooltip)
    return (dots + line).properties(height=CHART_HEIGHT)


def weekly_chart(weeks: list[WeekStat], measure: str) -> alt.Chart:
    """Bars per ISO week of ``measure``: "entries" or "words"."""
    frame = pd.DataFrame([{"week": w.week_start, "entries": w.entries, "words": w.words} for w in weeks])
    frame["week"] = pd.to_datetime(frame["week"])
    title = t(f"insights.weeks.{measure}")
    return alt.Chart(frame).mark_bar(color=ENTRY_COLOR).encode(
        x=alt.X("week:T", axis=_time_axis(t("insights.weeks.axis_week"))),
        y=alt.Y(f"{measure}:Q", axis=_count_axis(title)),
        tooltip=[_date_tooltip("week", t("insights.weeks.axis_week")), alt.Tooltip(f"{measure}:Q", title=title)],
    ).properties(height=CHART_HEIGHT)


def companion_is_weekly(days: list[tuple[date, float]]) -> bool:
    return len(days) > DAILY_POINTS_LIMIT


def companion_chart(days: list[tuple[date, float]]) -> alt.Chart:
    weekly = companion_is_weekly(days)
    if weekly:
        totals: dict[date, float] = defaultdict(float)
        for day, minutes in days:
            totals[week_start(day)] += minutes
        days = sorted(totals.items())
    frame = pd.DataFrame([{"day": d, "minutes": round(m, 1)} for d, m in days])
    frame["day"] = pd.to_datetime(frame["day"])
    axis = t("insights.companion.axis_week" if weekly else "insights.companion.axis_day")
    return alt.Chart(frame).mark_bar(color=COMPANION_COLOR).encode(
        x=alt.X("day:T", axis=_time_axis(axis)),
        y=alt.Y("minutes:Q", title=t("insights.companion.axis_minutes")),
        tooltip=[_date_tooltip("day", axis), alt.Tooltip("minutes:Q", title=t("insights.companion.axis_minutes"))],
    ).properties(height=CHART_HEIGHT)


def tags_chart(tags: list[tuple[str, int]]) -> alt.Chart:
    frame = pd.DataFrame([{"tag": tag, "count": count} for tag, count in tags])
    return alt.Chart(frame).mark_bar(color=ENTRY_COLOR).encode(
        x=alt.X("count:Q", axis=_count_axis(t("insights.tags.axis_count"))),
        y=alt.Y("tag:N", title=t("insights.tags.axis_tag"), sort="-x"),
        tooltip=[alt.Tooltip("tag:N", title=t("insights.tags.axis_tag")),
                 alt.Tooltip("count:Q", title=t("insights.tags.axis_count"))],
    ).properties(height=max(CHART_HEIGHT // 2, TAG_AXIS_PX + TAG_ROW_PX * len(tags)))


def _weekly_mood(points: list[MoodPoint]) -> list[dict]:
    """One mark per week: the mean of the week's daily moods, the rolling average of its last day."""
    weeks: dict[date, list[MoodPoint]] = defaultdict(list)
    for p in points:
        weeks[week_start(p.day)].append(p)
    return [{"day": week, "mood": sum(p.mood for p in ps) / len(ps), "rolling": ps[-1].rolling,
             "count": sum(p.count for p in ps)} for week, ps in sorted(weeks.items())]
