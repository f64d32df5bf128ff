"""Choosing what to share on the Share page: an entry, a range of story turns, or one line.

Other pages open the Share page on something with :func:`ui.links.open_share`; a link
can do the same with ``?entry=ID`` or ``?story=ID&turns=3-7``.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from journal.errors import DuetError
from journal.i18n import current_language, t
from journal.i18n.formatting import format_date
from journal.notebook import Notebook
from journal.times import parse_time
from ui.common import show_error, unique_labels
from ui.share.state import ENTRY_KEY, KIND_KEY, LINE_KEY, RANGE_KEY, RANGE_STORY_KEY, STORY_KEY, TURNS_KEY
PICKER_LIMIT = 200
CACHED_LABELS = 8   # notebooks (or versions of one) whose newest entries' labels are kept
KINDS = ("entry", "turns", "line")


def _take_query_params() -> None:
    """``?entry=ID`` / ``?story=ID&turns=A-B`` preselect, once; the session keeps the choice after that."""
    params = st.query_params
    if "entry" in params and ENTRY_KEY not in st.session_state:
        st.session_state[ENTRY_KEY] = params["entry"]
        st.session_state.setdefault(KIND_KEY, "entry")
    if "story" in params and STORY_KEY not in st.session_state:
        st.session_state[STORY_KEY] = params["story"]
        st.session_state.setdefault(KIND_KEY, "turns")
        if "turns" in params:
            st.session_state[TURNS_KEY] = params["turns"]


def render_source_picker(nb: Notebook) -> Any:
    """The picker widgets; returns the chosen source, or ``None`` (with a message) when there is none yet."""
    _take_query_params()
    st.session_state.setdefault(KIND_KEY, "entry")
    kind = st.segmented_control(t("share.page.what"), KINDS, format_func=lambda k: t(f"share.page.kind.{k}"),
                                key=KIND_KEY, selection_mode="single") or "entry"
    try:
        if kind == "entry":
            return _pick_entry(nb)
        if kind == "turns":
            return _pick_turns(nb)
        text = st.text_area(t("share.page.line"), key=LINE_KEY, placeholder=t("share.page.line_placeholder"))
        return nb.share.source_from_line(text) if text.strip() else None
    except DuetError as exc:
        show_error(exc)
        return None


def _entry_label(created, title: str) -> str:
    return t("share.page.entry_item", date=format_date(parse_time(created)), title=title)


def _newest_labels(nb: Notebook) -> dict[str, str]:
    return {s.id: _entry_label(s.created, s.title or s.snippet[:30]) for s in nb.list_entries(limit=PICKER_LIMIT)}


@st.cache_data(max_entries=CACHED_LABELS, show_spinner=False)
def _cached_labels(home: str, version: tuple[int, int], language: str, _nb: Notebook) -> dict[str, str]:
    return _newest_labels(_nb)


def _pick_entry(nb: Notebook) -> Any:
    # The newest entries' labels, made again only after a save (#19): 200 rows and their dates on every rerun.
    version = nb.index_version()
    labels = (_newest_labels(nb) if version is None
              else dict(_cached_labels(str(nb.home), version, current_language(), nb)))
    wanted = st.session_state.get(ENTRY_KEY)
    if wanted and wanted not in labels:  # an older entry opened from elsewhere
        try:
            entry = nb.get_entry(wanted)
            labels = {entry.id: _entry_label(entry.created, entry.title), **labels}
        except DuetError:
            st.session_state.pop(ENTRY_KEY, None)
    labels = unique_labels(labels)
    if not labels:
        st.info(t("share.page.no_entries"), icon=":material/info:")
        return None
    if st.session_state.get(ENTRY_KEY) not in labels:
        st.session_state[ENTRY_KEY] = next(iter(labels))
    entry_id = st.selectbox(t("share.page.entry"), list(labels), format_func=labels.get, key=ENTRY_KEY)
    return nb.share.source_from_entry(nb.get_entry(entry_id))


def _pick_turns(nb: Notebook) -> Any:
    stories = nb.stories.list(limit=PICKER_LIMIT)
    names = {c.slug: c.name for c in nb.companions.list()}
    labels = unique_labels({s.id: t("share.page.story_item", title=s.title,
                                    companion=names.get(s.companion, s.companion), turns=s.turns)
                            for s in stories if s.turns})
    if not labels:
        st.info(t("share.page.no_stories"), icon=":material/info:")
        return None
    if st.session_state.get(STORY_KEY) not in labels:
        st.session_state[STORY_KEY] = next(iter(labels))
    story_id = st.selectbox(t("share.page.story"), list(labels), format_func=labels.get, key=STORY_KEY)
    count = next(s.turns for s in stories if s.id == story_id)
    pending = st.session_state.pop(TURNS_KEY, None)
    current = st.session_state.get(RANGE_KEY)
    if pending:
        first, last = nb.share.parse_turn_range(pending)
        current = (min(first, count), min(last, count))
    elif st.session_state.get(RANGE_STORY_KEY) != story_id or not current or current[1] > count:
        current = (1, count)  # a new story: all of it, until the writer narrows it
    st.session_state[RANGE_STORY_KEY] = story_id
    st.session_state[RANGE_KEY] = current
    if count > 1:
        current = st.slider(t("share.page.turns"), 1, count, key=RANGE_KEY)
    return nb.share.source_from_story(story_id, *current)
