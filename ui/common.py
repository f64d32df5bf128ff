"""What every page needs from Streamlit: the notebook, the language, safe markdown, errors."""

from __future__ import annotations

import os

import streamlit as st

from journal.errors import DuetError
from journal.i18n import normalize_language, set_language, t
from journal.notebook import Notebook
from journal.paths import resolve_home
from journal.rendering import markdown_to_html
from journal.settings import read_section

LANG_ENV = "DUET_LANG"


@st.cache_resource(show_spinner=False)
def _open_notebook(home: str) -> Notebook:
    # One Notebook per process and folder; its SQLite connections are per thread,
    # so sharing it across reruns (which run in new threads) is safe.
    return Notebook.open(home)


def get_notebook() -> Notebook:
    return _open_notebook(str(resolve_home(None)))


def choose_language(nb: Notebook) -> str:
    """``DUET_LANG``, then the language saved in Settings, then the browser's, then English."""
    lang = (normalize_language(os.environ.get(LANG_ENV))
            or normalize_language(read_section(nb.home, "general").get("language"))
            or normalize_language(_browser_locale())
            or "en")
    set_language(lang)
    return lang


def _browser_locale() -> str | None:
    try:
        return st.context.locale
    except Exception:  # no browser (AppTest, bare mode)
        return None


def render_markdown(text: str) -> None:
    st.markdown(markdown_to_html(text), unsafe_allow_html=True)


def show_error(exc: DuetError) -> None:
    st.error(exc.message(), icon=":material/error:")


def flash(message_key: str, **params: object) -> None:
    """A one-time toast after the rerun that follows an action."""
    st.session_state["_flash"] = t(message_key, **params)


def show_flash() -> None:
    message = st.session_state.pop("_flash", None)
    if message:
        st.toast(message)
