"""The voice profile under a companion: measured from their past replies, shown, edited, kept for the prompt."""

from __future__ import annotations

import streamlit as st

from journal.companions.model import Companion
from journal.errors import DuetError
from journal.i18n import t
from journal.notebook import Notebook
from ui.companions.editor import note_saved_elsewhere

PREFIX = "voice_"


def _derive(nb: Notebook, slug: str) -> None:
    profile, text = nb.companions.derive_voice(slug)
    st.session_state[PREFIX + "profile"] = profile
    st.session_state[PREFIX + "text"] = text


def _save(nb: Notebook, slug: str) -> None:
    profile = st.session_state.get(PREFIX + "profile")
    try:
        saved = nb.companions.save_voice(slug, profile, st.session_state.get(PREFIX + "text") or "")
    except DuetError as exc:
        st.session_state[PREFIX + "error"] = exc.message()
        return
    note_saved_elsewhere(slug, saved.version)
    st.toast(t("companions.voice.saved"))


def _letters(nb: Notebook, slug: str) -> None:
    try:
        saved = nb.companions.letters.set(slug, bool(st.session_state.get(PREFIX + "letters")),
                                          bool(st.session_state.get(PREFIX + "letters_unprompted")))
    except DuetError as exc:
        st.session_state[PREFIX + "error"] = exc.message()
        return
    note_saved_elsewhere(slug, saved.version)


def render_letters(nb: Notebook, companion: Companion) -> None:
    """Letters back, opt-in: the companion may answer a saved journal entry with a short letter (or write unasked)."""
    enabled, unprompted = nb.companions.letters.settings(companion.slug)
    st.session_state[PREFIX + "letters"] = enabled
    st.session_state[PREFIX + "letters_unprompted"] = unprompted
    st.toggle(t("companions.letters.toggle", name=companion.name), key=PREFIX + "letters", on_change=_letters,
              args=(nb, companion.slug), help=t("companions.letters.help"))
    st.toggle(t("companions.letters.unprompted", name=companion.name), key=PREFIX + "letters_unprompted",
              on_change=_letters, args=(nb, companion.slug), help=t("companions.letters.unprompted_help"),
              disabled=not enabled)


def render_voice(nb: Notebook, companion: Companion) -> None:
    state = st.session_state
    if state.get(PREFIX + "slug") != companion.slug:   # another companion opened: show what it keeps
        state[PREFIX + "slug"] = companion.slug
        state[PREFIX + "profile"], state[PREFIX + "text"] = nb.companions.kept_voice(companion)
    with st.expander(t("companions.voice.title"), icon=":material/record_voice_over:"):
        st.caption(t("companions.voice.intro", name=companion.name))
        problem = state.pop(PREFIX + "error", None)
        if problem:
            st.error(problem, icon=":material/error:")
        st.button(t("companions.voice.derive"), key=PREFIX + "derive", on_click=_derive, args=(nb, companion.slug),
                  icon=":material/graphic_eq:")
        profile = state.get(PREFIX + "profile")
        if profile is not None and profile.turns:
            st.caption(t("companions.voice.measured", turns=profile.turns) if profile.length_median
                       else t("companions.voice.too_few", count=profile.turns))
        st.text_area(t("companions.voice.text"), key=PREFIX + "text", height=140)
        st.button(t("companions.voice.save"), key=PREFIX + "save", on_click=_save, args=(nb, companion.slug),
                  icon=":material/save:")
