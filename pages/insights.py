"""The Insights page: mood, writing, time with companions and "on this day", all computed locally."""

from datetime import date

import streamlit as st

from journal.i18n import t
from journal.insights.model import DEFAULT_PERIOD, PERIOD_DAYS
from ui.common import get_notebook
from ui.insights.view import (
    period_insights, render_companion, render_metrics, render_mood, render_on_this_day, render_tags, render_weeks,
)
from ui.nudge import show_nudge_if_due

nb = get_notebook()
st.title(t("insights.title"))
st.caption(t("insights.intro"))
show_nudge_if_due(nb)
period = st.segmented_control(t("insights.period.label"), list(PERIOD_DAYS), default=DEFAULT_PERIOD,
                              format_func=lambda p: t(f"insights.period.{p}"), key="insights_period") or DEFAULT_PERIOD
data = period_insights(nb, date.today(), period)
if data.is_empty:
    st.info(t("insights.empty"), icon=":material/insights:")
else:
    render_metrics(data)
    render_mood(data)
    render_weeks(data)
    render_companion(data)
    render_tags(data)
    render_on_this_day(data)
