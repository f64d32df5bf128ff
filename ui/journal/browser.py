"""Browsing the journal: filters and search in the sidebar, one page of results at a time.

Only the current page of results is read from the index: the page stays fast
with ten years of entries.
"""

from __future__ import annotations

import math
from datetime import datetime
from functools import lru_cache

import streamlit as st

from journal.entries.model import EntryFilter, EntrySummary, body_repeats_title
from journal.errors import DuetError
from journal.i18n import current_language, t, tn
from journal.i18n.formatting import format_datetime
from journal.notebook import Notebook
from ui.common import escape_markdown, show_error

PAGE_SIZE = 20
ROW_CACHE_SIZE = 512   # rows' markdown kept across clicks: a few pages, in both languages


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
    """One entry of the list: a bordered card, its words on the left and "Open" on the right.

    The words are one markdown element (title, then date and tags in small grey, then the snippet): each element
    costs a click ~0.2-0.4 ms in Streamlit, and a page draws twenty rows (#19: three elements a row instead of
    eight made the 100,000-entry click as cheap as the 10-entry one).
    """
    with st.container(border=True, horizontal=True, wrap=False):
        st.markdown(row_markdown(row.title, row.starred, row.created, tuple(row.tags), row.snippet or "",
                                 current_language()), width="stretch")
        if st.button(t("journal.browse.open"), key=f"open_{row.id}"):
            st.session_state["journal_open"] = row.id
            st.session_state["journal_mode"] = "read"
            st.rerun()


@lru_cache(maxsize=ROW_CACHE_SIZE)
def row_markdown(title: str, starred: bool, created: str, tags: tuple[str, ...], snippet: str, lang: str) -> str:
    """A row's words as markdown, kept for the next click (the date written out by Babel is the costly part);
    every input is in the key, so an edited entry or another language makes a new one."""
    star = " ⭐" if starred else ""
    meta = format_datetime(datetime.fromisoformat(created), lang) + (" · " + " ".join(f"#{tag}" for tag in tags)
                                                                      if tags else "")
    parts = [f"**{escape_markdown(title)}**{star}", f":small[:gray[{escape_markdown(meta)}]]"]
    if snippet and not body_repeats_title(title, snippet):
        parts.append(snippet_markdown(snippet))
    return "\n\n".join(parts)


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
