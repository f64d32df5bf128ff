"""A confirmation dialog that stays open across reruns until the person answers.

``st.dialog`` alone closes on the next rerun (and AppTest never reruns it as a
fragment), so the pending question lives in session state under one key.
"""

from __future__ import annotations

from typing import Callable

import streamlit as st

from journal.errors import DuetError
from ui.common import show_error


def _state_key(key: str) -> str:
    return f"{key}_pending"


def ask(key: str, subject: str) -> None:
    """Open the dialog ``key`` about ``subject`` (an id) on this and later reruns."""
    st.session_state[_state_key(key)] = subject


def close(key: str) -> None:
    st.session_state.pop(_state_key(key), None)


def confirm_if_asked(key: str, subject: str, *, question: str, warning: str, yes: str, no: str,
                     on_yes: Callable[[], None]) -> None:
    """Draw the dialog when ``ask(key, subject)`` is pending; buttons are ``{key}_yes`` / ``{key}_no``."""
    if st.session_state.get(_state_key(key)) != subject:
        return

    @st.dialog(" ", on_dismiss=lambda: close(key))
    def dialog() -> None:
        st.markdown(question)
        st.caption(warning)
        yes_col, no_col = st.columns(2)
        if yes_col.button(yes, type="primary", key=f"{key}_yes"):
            try:
                on_yes()
            except DuetError as exc:
                show_error(exc)
                return
            close(key)
            st.rerun()
        if no_col.button(no, key=f"{key}_no"):
            close(key)
            st.rerun()

    dialog()
