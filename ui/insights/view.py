"""The sections of the Insights page: headline figures, charts, top tags and "on this day"."""

from __future__ import annotations

from datetime import date, timedelta

import streamlit as st

from journal.i18n import t, tn
from journal.i18n.formatting import format_date, format_number
from journal.insights.model import IDLE_GAP, MOOD_ROLLING_DAYS, Insights, NotebookFigures
from journal.notebook import Notebook
from ui.common import duration, escape_markdown
from ui.insights.charts import companion_chart, companion_is_weekly, mood_chart, tags_chart, weekly_chart

"""From ten hours on, the headline figure drops the minutes: "21 小时 9 分钟" did not fit its column in Chinese."""
FIGURES_CACHE_ENTRIES = 8
"""A few notebooks (or versions of one) at most; each holds one row per entry, not the bodies."""


@st.cache_resource(max_entries=FIGURES_CACHE_ENTRIES, show_spinner=False)
def _cached_figures(_nb: Notebook, home: str, key: tuple) -> NotebookFigures:
    return _nb.insights.figures()


@st.cache_resource(max_entries=FIGURES_CACHE_ENTRIES * 4, show_spinner=False)
def _cached_period(_nb: Notebook, _figures: NotebookFigures, home: str, key: tuple, today: date,
                   period: str) -> Insights:
    return _nb.insights.for_period(_figures, today, period)


def period_insights(nb: Notebook, today: date, period: str) -> Insights:
    """What the page shows for ``period``. The raw figures are read again only when an entry or a story changed (see
    ``fingerprint``), and derived once per version of them, day and period (the derivation walks every entry's
    figures: tens of milliseconds at 100,000 entries, on every rerun, #19)."""
    key = nb.insights.fingerprint()
    return _cached_period(nb, _cached_figures(nb, str(nb.home), key), str(nb.home), key, today, period)


def render_metrics(data: Insights) -> None:
    entries, words, streak, companion = st.columns(4)
    entries.metric(t("insights.metrics.entries"), format_number(data.entries))
    words.metric(t("insights.metrics.words"), format_number(data.words))
    streak.metric(t("insights.metrics.streak"), tn("insights.days", data.streak.current),
                  help=t("insights.metrics.streak_help", longest=tn("insights.days", data.streak.longest)))
    companion.metric(t("insights.metrics.companion"), duration(data.companion_minutes, compact=True),
                     help=t("insights.metrics.companion_help"))


def render_mood(data: Insights) -> None:
    st.subheader(t("insights.mood.title"))
    if not data.moods:
        st.caption(t("insights.mood.none"))
        return
    st.caption(t("insights.mood.caption", days=MOOD_ROLLING_DAYS))
    st.altair_chart(mood_chart(data.moods), width="stretch", key="insights_mood_chart")


def render_weeks(data: Insights) -> None:
    st.subheader(t("insights.weeks.title"))
    if not data.entries:
        st.caption(t("insights.weeks.none"))
        return
    left, right = st.columns(2)
    left.altair_chart(weekly_chart(data.weeks, "entries"), width="stretch", key="insights_weeks_entries")
    right.altair_chart(weekly_chart(data.weeks, "words"), width="stretch", key="insights_weeks_words")


def render_companion(data: Insights) -> None:
    st.subheader(t("insights.companion.title"))
    if not data.companion_minutes:
        st.caption(t("insights.companion.none"))
        return
    idle = round(IDLE_GAP / timedelta(minutes=1))
    caption = "insights.companion.caption_weekly" if companion_is_weekly(data.companion_days) else "insights.companion.caption"
    st.caption(t(caption, minutes=idle))
    st.altair_chart(companion_chart(data.companion_days), width="stretch", key="insights_companion_chart")


def render_tags(data: Insights) -> None:
    st.subheader(t("insights.tags.title"))
    if not data.tags:
        st.caption(t("insights.tags.none"))
        return
    st.altair_chart(tags_chart(data.tags), width="stretch", key="insights_tags_chart")


def render_on_this_day(data: Insights) -> None:
    st.subheader(t("insights.on_this_day.title"))
    if not data.on_this_day:
        st.caption(t("insights.on_this_day.none"))
        return
    for entry in data.on_this_day:
        years = data.today.year - entry.day.year
        with st.container(border=True):
            # Titles are the person's own text: shown as plain words, never as markdown.
            st.markdown(f"**{escape_markdown(entry.title) or t('insights.on_this_day.untitled')}**")
            st.caption(f"{format_date(entry.day)} · {tn('insights.on_this_day.years_ago', years)}")

