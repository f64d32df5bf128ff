"""On This Day on the Journal page: past years' entries from today's date, folded, with the companion
milestones of the same day beside the entries about that companion; a setting turns it off."""

from __future__ import annotations

import streamlit as st

from journal.i18n import t, tn
from journal.i18n.formatting import format_date
from journal.notebook import Notebook
from ui.common import escape_markdown
from ui.journal.editor import MOOD_FACES

SETTINGS_SECTION = "journal_page"   # settings.yaml: the Journal page's own choices
SHOW_KEY = "on_this_day"
OPEN_KEY = "journal_on_this_day_open"   # whether the expander is open: its entries are drawn only then (#19)


def is_shown(nb: Notebook) -> bool:
    return bool(nb.settings.section(SETTINGS_SECTION).get(SHOW_KEY, True))


def _set_shown(nb: Notebook, widget_key: str) -> None:
    section = nb.settings.section(SETTINGS_SECTION)
    section[SHOW_KEY] = bool(st.session_state.get(widget_key))
    nb.save_settings(SETTINGS_SECTION, section)


def _open(entry_id: str) -> None:
    st.session_state["journal_open"] = entry_id
    st.session_state["journal_mode"] = "read"


def _milestone_line(milestone) -> str:  # journal.entries.calendar.Milestone
    if milestone.kind == "first":
        text = t("writing.on_this_day.first_talk", companion=milestone.companion)
    elif milestone.kind == "anniversary":
        text = tn("writing.on_this_day.anniversary", milestone.years, companion=milestone.companion)
    else:
        text = milestone.label
    return f"{escape_markdown(text)} · {escape_markdown(milestone.story_title)} · {format_date(milestone.day)}"


def render_on_this_day(nb: Notebook) -> None:
    """Folded by default; nothing at all when it is turned off or nothing was written on this date before."""
    if not is_shown(nb):
        return
    past = nb.entries.on_this_day(milestones=False)   # folded, only how many: no companion files read (#19)
    if not past:
        return
    box = st.expander(tn("writing.on_this_day.title", len(past)), icon=":material/history_edu:", expanded=False,
                      key=OPEN_KEY, on_change="rerun")
    if not box.open:
        return
    past = nb.entries.on_this_day()
    with box:
        for item in past:
            head, action = st.columns([5, 1], vertical_alignment="center")
            face = f" {MOOD_FACES[item.mood]}" if item.mood else ""
            head.markdown(f"**{escape_markdown(item.title)}**{face}")
            head.caption(tn("writing.on_this_day.years_ago", item.years_ago, date=format_date(item.day)))
            for milestone in item.milestones:
                head.caption(f":material/favorite: {_milestone_line(milestone)}")
            action.button(t("journal.browse.open"), key=f"journal_past_open_{item.id}", on_click=_open, args=(item.id,))


def render_page_options(nb: Notebook) -> None:
    """The Journal page's own settings (kept in settings.yaml)."""
    key = "journal_on_this_day_shown"
    st.session_state.setdefault(key, is_shown(nb))
    st.toggle(t("writing.on_this_day.setting"), key=key, on_change=_set_shown, args=(nb, key),
              help=t("writing.on_this_day.setting_help"))
