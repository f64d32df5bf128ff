"""Caption, title and hashtags on the Share page, with the AI's suggestion applied only on "Use this"."""

from __future__ import annotations

from typing import Any

import streamlit as st

from journal.errors import DuetError
from journal.i18n import t
from journal.notebook import Notebook

from ui.common import show_error
from ui.share.state import (ACCEPT_KEY, CAPTION_KEY, DEFAULTS_KEY, DISMISS_KEY, SUGGEST_KEY, SUGGESTION_KEY, TAGS_KEY,
                            TITLE_KEY, WORDS_FOR_KEY)
from ui.streaming import page_chat

CACHE_ENTRIES = 12


def _accept(nb: Notebook) -> None:
    suggestion: Any = st.session_state.pop(SUGGESTION_KEY, None)
    if suggestion is None:
        return
    if suggestion.title:
        st.session_state[TITLE_KEY] = suggestion.title
    if suggestion.caption:
        st.session_state[CAPTION_KEY] = suggestion.caption
    if suggestion.hashtags:
        st.session_state[TAGS_KEY] = nb.share.format_hashtags(suggestion.hashtags)


def _dismiss() -> None:
    st.session_state.pop(SUGGESTION_KEY, None)


@st.cache_data(max_entries=CACHE_ENTRIES, show_spinner=False)
def _default_caption(key: str, _nb: Notebook, _source: Any) -> str:
    """The default caption once per text (it reads a whole entry's markdown); ``key`` identifies ``_source``."""
    return _nb.share.default_caption(_source)


def _refresh_defaults(nb: Notebook, source: Any, key: str, marker: str) -> None:
    """Fill title, caption and hashtags from the (already redacted) source.

    They follow the source while the writer has not edited them, so adding a
    name to the privacy pass also takes it out of the default caption; an
    edited field is the writer's and is left alone.
    """
    defaults = {TITLE_KEY: nb.share.clamp_title(source.title), CAPTION_KEY: _default_caption(key, nb, source),
                TAGS_KEY: nb.share.format_hashtags(nb.share.hashtags_from_source(source))}
    previous = st.session_state.get(DEFAULTS_KEY, {})
    other_source = st.session_state.get(WORDS_FOR_KEY) != marker  # another entry or story: start afresh
    for key, value in defaults.items():
        if other_source or key not in st.session_state or st.session_state[key] == previous.get(key):
            st.session_state[key] = value
    st.session_state[DEFAULTS_KEY] = defaults
    if other_source:
        st.session_state[WORDS_FOR_KEY] = marker
        st.session_state.pop(SUGGESTION_KEY, None)


def render_caption(nb: Notebook, source: Any, key: str, marker: str,
                   platform: str) -> tuple[str, str, list[str]]:
    """Title, caption and hashtags as the writer left them (see :func:`_refresh_defaults`).

    ``key`` identifies ``source`` (:func:`ui.share.privacy.source_key`); ``marker`` the writer's choice before
    the privacy pass, so the words start afresh only when another entry or story is picked.
    """
    _refresh_defaults(nb, source, key, marker)
    limit = nb.share.title_max_chars
    title = st.text_input(t("share.caption.title"), key=TITLE_KEY, max_chars=limit,
                          help=t("share.caption.title_help", limit=limit))
    caption = st.text_area(t("share.caption.caption"), key=CAPTION_KEY, height=120)
    tags = nb.share.parse_hashtags(st.text_input(t("share.caption.tags"), key=TAGS_KEY, placeholder=t("share.caption.tags_placeholder")))

    if st.button(t("share.caption.suggest"), key=SUGGEST_KEY, icon=":material/auto_awesome:"):
        with st.spinner(t("share.caption.thinking")):
            try:
                st.session_state[SUGGESTION_KEY] = nb.share.suggest(page_chat(nb), source, platform)
            except DuetError as exc:
                show_error(exc)
    suggestion: Any = st.session_state.get(SUGGESTION_KEY)
    if suggestion is not None:
        with st.container(border=True):
            st.caption(t("share.caption.suggested"))
            if suggestion.title:
                st.markdown(f"**{t('share.caption.title')}** · {suggestion.title}")
            if suggestion.caption:
                st.text(suggestion.caption)
            if suggestion.hashtags:
                st.text(nb.share.format_hashtags(suggestion.hashtags))
            use_col, dismiss_col = st.columns(2)
            use_col.button(t("share.caption.accept"), key=ACCEPT_KEY, on_click=_accept, args=(nb,), type="primary",
                           width="stretch")
            dismiss_col.button(t("share.caption.dismiss"), key=DISMISS_KEY, on_click=_dismiss,
                               width="stretch")
    return title, caption, tags


def render_caption_file(text: str) -> None:
    """The caption as it will be posted (after the privacy pass, with the AI label line), ready to copy."""
    st.caption(t("share.caption.copy_hint"))
    st.code(text, language=None, wrap_lines=True)
