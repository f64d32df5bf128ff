"""The step-back note: one gentle, dismissible suggestion when companion time rises while mood falls.

The rule and its thresholds live in journal.insights.nudge; this only draws the
note and remembers when the person closes it. It never blocks the page.
"""

from __future__ import annotations

from datetime import date

import streamlit as st

from journal.i18n import t
from journal.notebook import Notebook
from ui.common import duration


def show_nudge_if_due(nb: Notebook, today: date | None = None) -> bool:
    """Draw the note when the rule says so (at most once a week); True when it was drawn."""
    today = today or date.today()
    check = nb.insights.nudge(today)
    if check is None:
        return False
    with st.container(border=True, key="wellbeing_nudge"):
        st.markdown(f"**{t('insights.nudge.title')}**")
        st.markdown(t("insights.nudge.body", recent=duration(check.recent_minutes),
                      previous=duration(check.previous_minutes)))
        st.markdown(t("insights.nudge.suggestions"))
        st.button(t("insights.nudge.dismiss"), key="wellbeing_nudge_dismiss", on_click=nb.insights.dismiss_nudge,
                  args=(today,), icon=":material/close:", type="tertiary")
    return True
