"""The month view: a mood-coloured dot on each day written, a click lists that day, months and years jump;
and the gentle counts above the page (days written this month, the longest run), never shown as a debt."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import streamlit as st

from journal.i18n import t, tn
from journal.i18n.formatting import format_date, format_datetime, format_month, weekday_names
from journal.notebook import Notebook
from journal.times import now
from ui.common import escape_markdown
from ui.journal.editor import MOOD_FACES

MONTH_KEY = "journal_cal_month"      # (year, month) shown
DAY_KEY = "journal_cal_day"          # the day clicked, or None
OPEN_KEY = "journal_calendar_open"   # whether the Calendar expander is open: its month is drawn only then (#19)
# Streamlit's palette names for the dot of each (rounded) mood: calm blue for low days, warm orange for good ones.
MOOD_DOTS = {1: "blue", 2: "violet", 3: "gray", 4: "green", 5: "orange"}
NO_MOOD_DOT = ":gray[○]"
DAYS_PER_WEEK = 7


def _dot(level: int | None) -> str:
    return NO_MOOD_DOT if level is None else f":{MOOD_DOTS[level]}[●]"


def _shown_month() -> tuple[int, int]:
    today = now().date()
    return st.session_state.setdefault(MONTH_KEY, (today.year, today.month))


def _jump(view: Any, months: int) -> None:
    """``view`` is the shown month (``nb.entries.month``); it knows the month ``months`` away."""
    st.session_state[MONTH_KEY] = view.shifted(months)
    st.session_state[DAY_KEY] = None


def _go_to_today() -> None:
    today = now().date()
    st.session_state[MONTH_KEY] = (today.year, today.month)
    st.session_state[DAY_KEY] = today


def _pick(day: date) -> None:
    st.session_state[DAY_KEY] = day


def _open(entry_id: str) -> None:
    st.session_state["journal_open"] = entry_id
    st.session_state["journal_mode"] = "read"


def render_calendar(nb: Notebook) -> None:
    """The month, drawn only while its expander is open: closed, a rerun does not build ~100 day cells."""
    if st.session_state.get(DAY_KEY) is not None and OPEN_KEY not in st.session_state:
        st.session_state[OPEN_KEY] = True   # back from reading an entry of the chosen day: the day is still listed
    box = st.expander(t("writing.calendar.title"), icon=":material/calendar_month:", key=OPEN_KEY, on_change="rerun")
    if not box.open:
        return
    with box:
        year, month = _shown_month()
        view = nb.entries.month(year, month)
        nav = st.columns([1, 1, 3, 1, 1, 1], vertical_alignment="center")
        nav[0].button("«", key="journal_cal_prev_year", on_click=_jump, args=(view, -12), help=t("writing.calendar.prev_year"))
        nav[1].button("‹", key="journal_cal_prev", on_click=_jump, args=(view, -1), help=t("writing.calendar.prev_month"))
        nav[2].markdown(f"**{format_month(year, month)}**")
        nav[3].button("›", key="journal_cal_next", on_click=_jump, args=(view, 1), help=t("writing.calendar.next_month"))
        nav[4].button("»", key="journal_cal_next_year", on_click=_jump, args=(view, 12), help=t("writing.calendar.next_year"))
        nav[5].button(t("writing.calendar.today"), key="journal_cal_today", on_click=_go_to_today, type="tertiary")
        heads = st.columns(DAYS_PER_WEEK)
        for col, weekday in zip(heads, weekday_names()):
            col.caption(weekday)
        for week in view.weeks:
            cols = st.columns(DAYS_PER_WEEK)
            for col, day in zip(cols, week):
                if day is None:
                    continue
                mark = view.days.get(day)
                if mark is None:
                    col.caption(str(day.day))
                else:
                    col.button(f"{day.day} {_dot(mark.level)}", key=f"journal_cal_{day.isoformat()}", on_click=_pick,
                               args=(day,), help=tn("writing.calendar.entries", mark.entries),
                               type="primary" if st.session_state.get(DAY_KEY) == day else "secondary")
        st.caption(t("writing.calendar.legend") + " " + "  ".join(f"{MOOD_FACES[level]} {_dot(level)}"
                                                                   for level in sorted(MOOD_DOTS)))
        chosen = st.session_state.get(DAY_KEY)
        if chosen is not None:
            _render_day(nb, chosen)


def _render_day(nb: Notebook, day: date) -> None:
    rows = nb.entries.on_day(day)
    st.markdown(f"**{format_date(day)}**")
    if not rows:
        st.caption(t("writing.calendar.nothing_that_day"))
    for row in rows:
        head, action = st.columns([5, 1], vertical_alignment="center")
        face = f" {MOOD_FACES[row.mood]}" if row.mood else ""
        head.markdown(f"{escape_markdown(row.title)}{face}")
        head.caption(format_datetime(datetime.fromisoformat(row.created)))
        action.button(t("journal.browse.open"), key=f"journal_cal_open_{row.id}", on_click=_open, args=(row.id,))


def render_counts(nb: Notebook) -> None:
    """One quiet line when something was written this month; nothing at all otherwise (no zero, no "missed")."""
    counts = nb.entries.counts()
    if counts.days_this_month == 0:
        return
    line = tn("writing.counts.this_month", counts.days_this_month)
    if counts.longest_run > 1:
        line += " · " + tn("writing.counts.longest_run", counts.longest_run)
    st.caption(f":material/eco: {line}")
