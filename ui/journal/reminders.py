"""The reminder picker: days and a time, then a calendar file to open on a phone; no server involved."""

from __future__ import annotations

from datetime import time

import streamlit as st

from journal.errors import DuetError
from journal.i18n import t
from journal.i18n.formatting import weekday_names
from journal.notebook import Notebook

DEFAULT_TIME = time(21, 0)
FILE_NAME = "duet-reminder.ics"


def _app_url() -> str | None:
    """The address this page was opened at (so the event links back to it), when Streamlit knows it."""
    try:
        url = st.context.url
    except Exception:   # noqa: BLE001 - AppTest and older servers have no URL; the default address is used
        return None
    return url.split("?")[0] if url else None


def render_reminders(nb: Notebook) -> None:
    st.markdown(f"**{t('writing.reminders.title')}**", help=t("writing.reminders.help"))
    names = weekday_names()
    cols = st.columns([3, 1], vertical_alignment="bottom")
    days = cols[0].pills(t("writing.reminders.days"), options=list(range(7)), format_func=lambda d: names[d],
                         selection_mode="multi", key="journal_reminder_days")
    at = cols[1].time_input(t("writing.reminders.time"), value=DEFAULT_TIME, key="journal_reminder_time")
    try:
        data = nb.entries.reminder_ics(days or [], at, url=_app_url())
    except DuetError as exc:
        st.caption(exc.message())
        return
    st.download_button(t("writing.reminders.download"), data=data, file_name=FILE_NAME, mime="text/calendar",
                       key="journal_reminder_download", icon=":material/alarm:")
