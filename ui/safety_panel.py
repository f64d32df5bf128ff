"""The calm help panel shown under anything the person writes that suggests they may be in danger.

Not an alarm: a bordered note in the page's own colours, the help lines for
their language and country, and a close button. It never blocks saving or
writing, never stops the page, and nothing about it is recorded or sent
anywhere. The check itself is the Notebook's: every save of a person's words
returns its assessment (``entry.safety``, ``story.safety``), and a page only
keeps it with :func:`remember_assessment` and draws it with
:func:`show_remembered_panel` (it survives the rerun that follows the save).
Closing the panel hides it until the next assessment (a new text) brings it back.
"""

from __future__ import annotations

from concurrent.futures import Future
from typing import TYPE_CHECKING

import streamlit as st

from journal.i18n import t

if TYPE_CHECKING:   # importing journal.safety compiles the rules' patterns: a second of the first page, not needed
    from journal.safety.model import Assessment   # to draw it (#19); a save imports it, or the warm-up after the page

_DISMISSED = "_safety_panel_dismissed"
_REMEMBERED = "_safety_panel_assessments"
_PENDING = "_safety_panel_second_opinions"


def story_panel_key(story_id: str) -> str:
    """Where a story's panel is kept: one per story, shared by new and edited turns."""
    return f"story_safety_{story_id}"


def _dismiss(key: str, token: str) -> None:
    st.session_state.setdefault(_DISMISSED, {})[key] = token


def is_dismissed(assessment: Assessment, key: str) -> bool:
    # By token: a new assessment shows again even when its reasons repeat the old ones.
    return st.session_state.get(_DISMISSED, {}).get(key) == assessment.token


def show_safety_panel(assessment: Assessment | None, key: str) -> bool:
    """Render the panel for a concern or crisis assessment; nothing for "none", None or a closed panel.

    ``key`` names the place (``"journal_save"``, ``f"story_safety_{story_id}"``) so
    two panels on one page close separately. Returns True when it was drawn.
    The words come from ``assessment.panel()`` (:mod:`journal.safety.panel`) in the
    language the page is drawn in, which the CLI prints too.
    """
    if assessment is None or not assessment.needs_support or is_dismissed(assessment, key):
        return False
    words = assessment.panel()
    with st.container(border=True, key=f"safety_panel_{key}"):
        st.markdown(f"**{words.title}**")
        st.markdown(words.body)
        st.markdown("\n".join(f"- {line}" for line in words.helplines))
        if words.emergency:
            st.caption(words.emergency)
        st.button(t("safety.panel.dismiss"), key=f"{key}_dismiss", on_click=_dismiss,
                  args=(key, assessment.token), icon=":material/close:", type="tertiary")
    return True


def remember_assessment(assessment: Assessment | None, key: str, second_opinion: Future | None = None) -> None:
    """Keep what a save returned (in the save callback) for :func:`show_remembered_panel`.

    ``second_opinion`` is the Notebook's background job for a story turn; when it
    finishes with a higher level, the next run of the page shows that instead.
    """
    st.session_state.setdefault(_REMEMBERED, {})[key] = assessment
    pending = st.session_state.setdefault(_PENDING, {})
    if second_opinion is None:
        pending.pop(key, None)
    else:
        pending[key] = second_opinion


def show_remembered_panel(key: str) -> bool:
    """The panel for the last :func:`remember_assessment` under ``key``, raised by a finished second opinion."""
    future = st.session_state.get(_PENDING, {}).get(key)
    if future is not None and future.done():
        st.session_state[_PENDING].pop(key, None)
        if future.exception() is None:
            st.session_state.setdefault(_REMEMBERED, {})[key] = future.result()
    return show_safety_panel(st.session_state.get(_REMEMBERED, {}).get(key), key)
