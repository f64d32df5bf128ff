"""When a save finds its file changed elsewhere: say so, and let the person choose which text to keep.

The core has already kept both texts (the other writer's in the file, this
session's as a conflict copy beside it), so nothing here can lose words;
the buttons only decide which one stays current.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from journal.errors import DuetError, SaveConflict
from journal.i18n import t
from journal.notebook import Notebook
from ui.common import flash, show_error

CHOICES = (("mine", "history.page.keep_mine"), ("theirs", "history.page.keep_theirs"),
           ("both", "history.page.keep_both"))


def remember_conflict(state_key: str, exc: SaveConflict) -> None:
    """Keep the conflict in the session so the choice survives reruns until it is made."""
    st.session_state[state_key] = {"path": exc.path, "copy": exc.copy}


def show_conflict_choice(nb: Notebook, state_key: str, on_done: Callable[[], None] | None = None) -> None:
    """The warning and the three choices; ``on_done`` runs after a choice was applied."""
    conflict = st.session_state.get(state_key)
    if not conflict:
        return
    st.warning(t("history.page.conflict"), icon=":material/call_split:")
    st.caption(t("history.page.conflict_line", copy=conflict["copy"], original=conflict["path"]))
    columns = st.columns(len(CHOICES))
    for column, (choice, label) in zip(columns, CHOICES):
        if column.button(t(label), key=f"{state_key}_{choice}"):
            try:
                kept = nb.resolve_conflict(conflict["copy"], choice)
            except DuetError as exc:
                show_error(exc)
                return
            st.session_state.pop(state_key, None)
            flash("history.page.resolved", path=str(kept))
            if on_done is not None:
                on_done()
            st.rerun()
