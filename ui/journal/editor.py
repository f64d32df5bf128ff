"""The entry editor: title, markdown body, tags, feelings, mood, date, star; autosaved as a draft while typing and on every change."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import streamlit as st

from journal.entries.model import MOOD_MAX, MOOD_MIN, clean_tags, clean_words
from journal.errors import DuetError
from journal.i18n import t
from journal.entries.model import AI_WORDS_KEY as AI_WORDS
from journal.notebook import Notebook
from journal.times import now
from ui.live_typing import report_typing

MOOD_FACES = {1: "😞", 2: "🙁", 3: "😐", 4: "🙂", 5: "😄"}
BODY_HEIGHT = 280
DRAFT_ERROR_KEY = "editor_draft_error"
TYPED_FIELDS = ("title", "body", "tags", "feelings")  # saved while typed, before the box loses focus


def _keys(draft_key: str) -> dict[str, str]:
    return {name: f"editor_{draft_key}_{name}" for name in ("title", "body", "tags", "feelings", "mood", "day", "starred")}


def editor_values(draft_key: str) -> dict[str, Any]:
    keys = _keys(draft_key)
    state = st.session_state
    return {"title": state.get(keys["title"], ""), "body": state.get(keys["body"], ""),
            "tags": clean_tags(state.get(keys["tags"], "")), "feelings": clean_words(state.get(keys["feelings"], "")),
            "mood": state.get(keys["mood"]), "day": state.get(keys["day"]),
            "starred": bool(state.get(keys["starred"], False))}


def created_for(day: date | None, original: datetime | None = None) -> datetime | None:
    """The entry's time for the chosen day: unchanged if the day is, else that day at the current clock time."""
    if day is None or (original is not None and original.date() == day):
        return original
    if original is None and day == date.today():
        return None  # "now"
    return datetime.combine(day, (original or now()).timetz())


def _autosave(nb: Notebook, draft_key: str, typed: dict[str, str] | None = None) -> None:
    """Save the draft from the widgets' values, with ``typed`` (text not yet reported by its widget) on top."""
    values = editor_values(draft_key)
    typed = typed or {}
    values.update({name: typed[name] for name in ("title", "body") if name in typed})
    if "tags" in typed:
        values["tags"] = clean_tags(typed["tags"])
    if "feelings" in typed:
        values["feelings"] = clean_words(typed["feelings"])
    if values["body"].strip() or values["title"].strip():
        try:
            nb.save_draft(draft_key, **values)
        except DuetError as exc:  # a full or read-only disk: keep typing, the text is still in the page
            st.session_state[DRAFT_ERROR_KEY] = exc.message()
        else:
            st.session_state.pop(DRAFT_ERROR_KEY, None)


def load_into_editor(draft_key: str, values: dict[str, Any]) -> None:
    """Put values into the widgets' state (before the widgets are drawn)."""
    keys = _keys(draft_key)
    st.session_state[keys["title"]] = values.get("title") or ""
    st.session_state[keys["body"]] = values.get("body") or ""
    st.session_state[keys["tags"]] = ", ".join(values.get("tags") or [])
    st.session_state[keys["feelings"]] = ", ".join(values.get("feelings") or [])
    st.session_state[keys["mood"]] = values.get("mood")
    st.session_state[keys["day"]] = values.get("day") or date.today()
    st.session_state[keys["starred"]] = bool(values.get("starred", False))


def _ai_words_key(draft_key: str) -> str:
    return f"editor_{draft_key}_ai_words"


def accepted_ai_words(draft_key: str) -> list[dict[str, str]]:
    """The AI words accepted into this draft since it was opened (provenance, saved with the entry)."""
    return list(st.session_state.get(_ai_words_key(draft_key), []))


def clear_editor(nb: Notebook, draft_key: str) -> None:
    st.session_state.pop(_ai_words_key(draft_key), None)
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
    if st.session_state.get(DRAFT_ERROR_KEY):
        st.warning(t("journal.editor.draft_not_saved", reason=st.session_state[DRAFT_ERROR_KEY]), icon=":material/warning:")
    save = {"on_change": _autosave, "args": (nb, draft_key)}
    st.text_input(t("journal.editor.title"), key=keys["title"], placeholder=t("journal.editor.title_placeholder"), **save)
    st.text_area(t("journal.editor.body"), key=keys["body"], height=BODY_HEIGHT,
                 placeholder=t("journal.editor.body_placeholder"), **save)
    words = st.columns(2)
    words[0].text_input(t("journal.editor.tags"), key=keys["tags"], placeholder=t("journal.editor.tags_placeholder"), **save)
    words[1].text_input(t("journal.editor.feelings"), key=keys["feelings"],
                        placeholder=t("journal.editor.feelings_placeholder"), **save)
    cols = st.columns([2, 2, 1], vertical_alignment="bottom")
    cols[0].segmented_control(t("journal.editor.mood"), options=list(range(MOOD_MIN, MOOD_MAX + 1)),
                              format_func=lambda m: MOOD_FACES[m], key=keys["mood"],
                              help=t("journal.editor.mood_help"), **save)
    cols[1].date_input(t("journal.editor.day"), key=keys["day"], max_value=date.today(), **save)
    cols[2].checkbox(t("journal.editor.starred"), key=keys["starred"], **save)
    report_typing(f"editor_{draft_key}_typing", {name: keys[name] for name in TYPED_FIELDS},
                  lambda typed: _autosave(nb, draft_key, typed))


def render_editor_ai(nb: Notebook, draft_key: str) -> None:
    """The AI helpers under the editor; what the user accepts lands in the editor and its draft."""
    from ui.journal.ai import render_journal_ai

    def apply(changes: dict[str, Any]) -> None:
        # Runs in the click's callback: the only moment Streamlit lets a page change its own widgets.
        changes = dict(changes)
        accepted = changes.pop(AI_WORDS, [])
        if accepted:  # remembered until the entry is saved, then written in its front matter
            st.session_state[_ai_words_key(draft_key)] = accepted_ai_words(draft_key) + list(accepted)
        values = editor_values(draft_key)
        values.update(changes)
        load_into_editor(draft_key, values)
        nb.save_draft(draft_key, **values)

    render_journal_ai(nb, lambda: editor_values(draft_key), on_accept=apply, key=f"journal_ai_{draft_key}")
