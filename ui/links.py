"""Links between pages: any page may open the Share page on an entry or on story turns.

The Share page's preselection keys live here, beside :func:`open_share`, so
the Journal and Stories pages never import from ``ui/share/`` (pages do not
reach into each other's folders). A URL does the same with ``?entry=ID`` or
``?story=ID&turns=3-7``.
"""

from __future__ import annotations

import streamlit as st

SHARE_PAGE = "pages/share.py"
ENTRY_KEY = "share_entry_id"  # set by other pages before switching to the Share page
STORY_KEY = "share_story_id"
TURNS_KEY = "share_turns"  # "A-B", 1-based
KIND_KEY = "share_kind"


def open_share(*, entry_id: str | None = None, story_id: str | None = None, turns: str | None = None) -> None:
    """Go to the Share page with an entry or story turns already chosen (call from any page)."""
    if entry_id:
        st.session_state[ENTRY_KEY] = entry_id
        st.session_state[KIND_KEY] = "entry"
    if story_id:
        st.session_state[STORY_KEY] = story_id
        st.session_state[KIND_KEY] = "turns"
        if turns:
            st.session_state[TURNS_KEY] = turns
    st.switch_page(SHARE_PAGE)
