"""Browsing the journal: filters and search in the sidebar, one page of results at a time.

Only the current page of results is read from the index: the page stays fast
with ten years of entries.
"""

from __future__ import annotations

import math
from datetime import datetime

import streamlit as st

from journal.entries.model import EntryFilter, EntrySummary, body_repeats_title
from journal.errors import DuetError
from journal.i18n import t, tn
from journal.i18n.formatting import format_datetime
from journal.notebook import Notebook
from ui.common import escape_markdown, show_error

PAGE_SIZE = 20


def snippet_markdown(snippet: str) -> str:
    """The snippet with its ``**`` highlights kept and everything else shown literally."""
    parts = snippet.split("**")
    return "".join(f"**{escape_markdown(p)}**" if i % 2 else escape_markdown(p) for i, p in enumerate(parts))


def render_filters(nb: Notebook) -> tuple[str, EntryFilter]:
    with st.sidebar:
        st.subheader(t("journal.browse.filters"))
        query = st.text_input(t("journal.browse.search"), key="journal_query",
                              placeholder=t("journal.browse.search_placeholder"))
        tags = [""] + nb.all_tags()
        tag = st.selectbox(t("journal.browse.tag"), tags, key="journal_tag",
                           format_func=lambda v: v or t("journal.browse.any_tag"))
        date_from = st.date_input(t("journal.browse.from"), value=None, key="journal_from")
        date_to = st.date_input(t("journal.browse.to"), value=None, key="journal_to")
        starred = st.checkbox(t("journal.browse.starred_only"), key="journal_starred")
    return query.strip(), EntryFilter(tag=tag or None, date_from=date_from, date_to=date_to,
                                      starred=True if starred else None)


def render_results(nb: Notebook, query: str, flt: EntryFilter) -> None:
    page = st.session_state.get("journal_page", 0)
    try:
        if query:
            rows = nb.search(query, flt, limit=PAGE_SIZE + 1, offset=page * PAGE_SIZE)
            total = None
        else:
            total = nb.count_entries(flt)
            rows = nb.list_entries(flt, limit=PAGE_SIZE + 1, offset=page * PAGE_SIZE)
    except DuetError as exc:
        show_error(exc)
        return
    has_more = len(rows) > PAGE_SIZE
    rows = rows[:PAGE_SIZE]
    if not rows:
        st.caption(t("journal.browse.no_results") if query or flt != EntryFilter() else t("journal.browse.empty"))
        return
    for row in rows:
        _render_row(row)
    _render_pager(page, has_more, total)


def _render_row(row: EntrySummary) -> None:
    with st.container(border=True):
        head, action = st.columns([5, 1])
        star = " ⭐" if row.starred else ""
        head.markdown(f"**{escape_markdown(row.title)}**{star}")
        head.caption(format_datetime(datetime.fromisoformat(row.created))
                     + (" · " + " ".join(f"#{tag}" for tag in row.tags) if row.tags else ""))
        if row.snippet and not body_repeats_title(row.title, row.snippet):
            head.markdown(snippet_markdown(row.snippet))
        if action.button(t("journal.browse.open"), key=f"open_{row.id}"):
            st.session_state["journal_open"] = row.id
            st.session_state["journal_mode"] = "read"
            st.rerun()


def _render_pager(page: int, has_more: bool, total: int | None) -> None:
    prev_col, label_col, next_col = st.columns([1, 3, 1])
    if page > 0 and prev_col.button(t("journal.browse.newer"), key="journal_prev"):
        st.session_state["journal_page"] = page - 1
        st.rerun()
    if total is not None:
        label_col.caption(tn("journal.browse.page_of", total, page=page + 1,
                             pages=max(1, math.ceil(total / PAGE_SIZE))))
    if has_more and next_col.button(t("journal.browse.older"), key="journal_next"):
        st.session_state["journal_page"] = page + 1
        st.rerun()
