"""The entry editor: title, markdown body, tags, mood; autosaved as a draft on every change."""

from __future__ import annotations

from typing import Any

import streamlit as st

from journal.entries import MOOD_MAX, MOOD_MIN, clean_tags
from journal.i18n import t
from journal.notebook import Notebook

MOOD_FACES = {1: "😞", 2: "🙁", 3: "😐", 4: "🙂", 5: "😄"}
BODY_HEIGHT = 280


def _keys(draft_key: str) -> dict[str, str]:
    return {name: f"editor_{draft_key}_{name}" for name in ("title", "body", "tags", "mood", "starred")}


def editor_values(draft_key: str) -> dict[str, Any]:
    keys = _keys(draft_key)
    state = st.session_state
    return {"title": state.get(keys["title"], ""), "body": state.get(keys["body"], ""),
            "tags": clean_tags(state.get(keys["tags"], "")), "mood": state.get(keys["mood"]),
            "starred": bool(state.get(keys["starred"], False))}


def _autosave(nb: Notebook, draft_key: str) -> None:
    values = editor_values(draft_key)
    if values["body"].strip() or values["title"].strip():
        nb.save_draft(draft_key, body=values["body"], title=values["title"], tags=values["tags"],
                      mood=values["mood"])


def load_into_editor(draft_key: str, values: dict[str, Any]) -> None:
    """Put values into the widgets' state (before the widgets are drawn)."""
    keys = _keys(draft_key)
    st.session_state[keys["title"]] = values.get("title") or ""
    st.session_state[keys["body"]] = values.get("body") or ""
    st.session_state[keys["tags"]] = ", ".join(values.get("tags") or [])
    st.session_state[keys["mood"]] = values.get("mood")
    st.session_state[keys["starred"]] = bool(values.get("starred", False))


def clear_editor(nb: Notebook, draft_key: str) -> None:
    nb.discard_draft(draft_key)
    for key in _keys(draft_key).values():
        st.session_state.pop(key, None)
    st.session_state.pop(f"editor_{draft_key}_loaded", None)


def render_editor(nb: Notebook, draft_key: str, initial: dict[str, Any] | None = None) -> None:
    """Draw the editor. A saved draft wins over ``initial``: it is newer work."""
    keys = _keys(draft_key)
    loaded_flag = f"editor_{draft_key}_loaded"
    if not st.session_state.get(loaded_flag):
        draft = nb.load_draft(draft_key)
        load_into_editor(draft_key, draft or initial or {})
        st.session_state[loaded_flag] = True
        if draft:
            st.info(t("journal.editor.draft_restored"), icon=":material/restore:")
    save = {"on_change": _autosave, "args": (nb, draft_key)}
    st.text_input(t("journal.editor.title"), key=keys["title"], placeholder=t("journal.editor.title_placeholder"), **save)
    st.text_area(t("journal.editor.body"), key=keys["body"], height=BODY_HEIGHT,
                 placeholder=t("journal.editor.body_placeholder"), **save)
    cols = st.columns([3, 2, 1])
    cols[0].text_input(t("journal.editor.tags"), key=keys["tags"], placeholder=t("journal.editor.tags_placeholder"), **save)
    cols[1].segmented_control(t("journal.editor.mood"), options=list(range(MOOD_MIN, MOOD_MAX + 1)),
                              format_func=lambda m: MOOD_FACES[m], key=keys["mood"],
                              help=t("journal.editor.mood_help"), **save)
    cols[2].checkbox(t("journal.editor.starred"), key=keys["starred"], **save)


def render_editor_ai(nb: Notebook, draft_key: str) -> None:
    """The AI helpers under the editor; what the user accepts lands in the editor and its draft."""
    from ui.journal_ai import render_journal_ai

    def apply(changes: dict[str, Any]) -> None:
        # Runs in the click's callback: the only moment Streamlit lets a page change its own widgets.
        values = editor_values(draft_key)
        values.update(changes)
        load_into_editor(draft_key, values)
        nb.save_draft(draft_key, body=values["body"], title=values["title"], tags=values["tags"],
                      mood=values["mood"])

    render_journal_ai(nb, lambda: editor_values(draft_key), on_accept=apply, key=f"journal_ai_{draft_key}")
