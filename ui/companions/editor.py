"""The companion editor: every field, the picture, and a growable list of alternate greetings."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

import streamlit as st

from journal.companions.model import MAX_IMAGE_BYTES, Companion
from journal.errors import DuetError, SaveConflict
from journal.i18n import LANGUAGES, t
from journal.notebook import Notebook
from ui.common import flash, show_error

NEW = "new"
AVATAR_WIDTH = 120
TALL, MEDIUM, SHORT = 220, 140, 80      # text area heights in pixels
MAX_IMAGE_MB = MAX_IMAGE_BYTES // (1024 * 1024)
AVATAR_TYPES = ["png", "jpg", "jpeg", "webp", "gif"]
TEXT_FIELDS = ("name", "description", "personality", "scenario", "first_mes", "mes_example",
               "speaking_style", "user_persona", "system_prompt", "post_history_instructions",
               "creator", "character_version", "creator_notes")
_TAG_SPLIT = re.compile(r"[,，、;；\n]+")


def _key(edit_key: str, name: str) -> str:
    return f"comp_{edit_key}_{name}"


def _alt_ids_key(edit_key: str) -> str:
    return _key(edit_key, "alt_ids")


def _load(edit_key: str, companion: Companion | None) -> None:
    """Copy the companion into widget state once, before the widgets are drawn."""
    state = st.session_state
    if state.get(_key(edit_key, "loaded")):
        return
    source = companion or Companion(slug="", name="")
    state[_key(edit_key, "version")] = source.version   # a save checks the file still has it
    for name in TEXT_FIELDS:
        state[_key(edit_key, name)] = getattr(source, name) or ""
    state[_key(edit_key, "tags")] = ", ".join(source.tags)
    state[_key(edit_key, "language")] = source.language or ""
    ids = list(range(len(source.alternate_greetings)))
    for i, text in zip(ids, source.alternate_greetings):
        state[_key(edit_key, f"alt_{i}")] = text
    state[_alt_ids_key(edit_key)] = ids
    state[_key(edit_key, "next_alt")] = len(ids)
    state[_key(edit_key, "loaded")] = True


def note_saved_elsewhere(edit_key: str, version: str | None) -> None:
    """The companion's file was saved by another part of the page (its lorebook): the next Save builds on it."""
    if st.session_state.get(_key(edit_key, "loaded")):
        st.session_state[_key(edit_key, "version")] = version


def clear_editor(edit_key: str) -> None:
    prefix = f"comp_{edit_key}_"
    for key in [k for k in st.session_state if isinstance(k, str) and k.startswith(prefix)]:
        del st.session_state[key]


def _add_alternate(edit_key: str) -> None:
    state = st.session_state
    new_id = state.get(_key(edit_key, "next_alt"), 0)
    state[_key(edit_key, "next_alt")] = new_id + 1
    state[_key(edit_key, f"alt_{new_id}")] = ""
    state[_alt_ids_key(edit_key)] = [*state.get(_alt_ids_key(edit_key), []), new_id]


def _remove_alternate(edit_key: str, alt_id: int) -> None:
    state = st.session_state
    state[_alt_ids_key(edit_key)] = [i for i in state.get(_alt_ids_key(edit_key), []) if i != alt_id]
    state.pop(_key(edit_key, f"alt_{alt_id}"), None)


def values(edit_key: str) -> dict[str, Any]:
    """What the widgets hold, as companion fields (blank alternate greetings dropped)."""
    state = st.session_state
    out: dict[str, Any] = {name: state.get(_key(edit_key, name), "") for name in TEXT_FIELDS}
    out["tags"] = [tag.strip() for tag in _TAG_SPLIT.split(state.get(_key(edit_key, "tags"), "")) if tag.strip()]
    out["language"] = state.get(_key(edit_key, "language")) or ""
    greetings = [state.get(_key(edit_key, f"alt_{i}"), "") for i in state.get(_alt_ids_key(edit_key), [])]
    out["alternate_greetings"] = [g for g in greetings if g.strip()]
    return out


def _avatar_section(nb: Notebook, edit_key: str, companion: Companion | None) -> None:
    st.markdown(f"**{t('companions.editor.avatar')}**")
    if companion is not None:
        st.image(nb.companions.avatar_thumbnail(companion, AVATAR_WIDTH), width=AVATAR_WIDTH,
                  output_format="PNG")
    st.file_uploader(t("companions.editor.avatar_upload"), type=AVATAR_TYPES, key=_key(edit_key, "avatar"),
                     help=t("companions.editor.avatar_help"), max_upload_size=MAX_IMAGE_MB)
    if companion is not None and companion.avatar:
        if st.button(t("companions.editor.avatar_remove"), key=_key(edit_key, "avatar_remove"),
                     icon=":material/hide_image:"):
            try:
                nb.companions.remove_avatar(companion.slug)
            except DuetError as exc:
                show_error(exc)
            else:
                st.toast(t("companions.editor.avatar_removed"))
                st.rerun()


def _greetings_section(edit_key: str) -> None:
    st.markdown(f"**{t('companions.editor.alternates')}**", help=t("companions.editor.alternates_help"))
    for number, alt_id in enumerate(st.session_state.get(_alt_ids_key(edit_key), []), start=2):
        text_col, remove_col = st.columns([5, 1], vertical_alignment="center")
        text_col.text_area(t("companions.editor.alternate", number=number), key=_key(edit_key, f"alt_{alt_id}"),
                           height=MEDIUM)
        remove_col.button(t("companions.editor.remove_alternate"), key=_key(edit_key, f"alt_remove_{alt_id}"),
                          icon=":material/delete:", type="tertiary", on_click=_remove_alternate,
                          args=(edit_key, alt_id))
    st.button(t("companions.editor.add_alternate"), key=_key(edit_key, "alt_add"), icon=":material/add:",
              on_click=_add_alternate, args=(edit_key,))


def render_editor(nb: Notebook, companion: Companion | None) -> str | None:
    """Draw the editor; returns ``"saved"`` or ``"cancelled"`` when the person is done, else ``None``."""
    edit_key = companion.slug if companion else NEW
    _load(edit_key, companion)
    k = lambda name: _key(edit_key, name)  # noqa: E731 - a short local alias keeps the layout readable
    st.subheader(t("companions.editor.editing", name=companion.name) if companion
                 else t("companions.editor.new_title"))
    left, right = st.columns([1, 3])
    with left:
        _avatar_section(nb, edit_key, companion)
    with right:
        st.text_input(t("companions.editor.name"), key=k("name"), placeholder=t("companions.editor.name_placeholder"))
        st.text_area(t("companions.editor.description"), key=k("description"), height=TALL,
                     help=t("companions.editor.description_help"))
        st.text_input(t("companions.editor.personality"), key=k("personality"),
                      placeholder=t("companions.editor.personality_placeholder"))
        st.text_area(t("companions.editor.scenario"), key=k("scenario"), height=SHORT,
                     help=t("companions.editor.scenario_help"))
    st.text_area(t("companions.editor.first_mes"), key=k("first_mes"), height=MEDIUM,
                 help=t("companions.editor.first_mes_help"))
    _greetings_section(edit_key)
    st.text_area(t("companions.editor.mes_example"), key=k("mes_example"), height=MEDIUM,
                 help=t("companions.editor.mes_example_help"))
    st.text_area(t("companions.editor.speaking_style"), key=k("speaking_style"), height=SHORT,
                 help=t("companions.editor.speaking_style_help"))
    st.text_area(t("companions.editor.user_persona"), key=k("user_persona"), height=SHORT,
                 help=t("companions.editor.user_persona_help"))
    tag_col, lang_col = st.columns([3, 1])
    tag_col.text_input(t("companions.editor.tags"), key=k("tags"), placeholder=t("companions.editor.tags_placeholder"))
    lang_col.selectbox(t("companions.editor.language"), options=["", *LANGUAGES], key=k("language"),
                       format_func=lambda code: LANGUAGES.get(code) or t("companions.editor.language_auto"))
    with st.expander(t("companions.editor.advanced"), icon=":material/tune:"):
        st.text_area(t("companions.editor.system_prompt"), key=k("system_prompt"), height=SHORT,
                     help=t("companions.editor.system_prompt_help"))
        st.text_area(t("companions.editor.post_history"), key=k("post_history_instructions"), height=SHORT,
                     help=t("companions.editor.post_history_help"))
        creator_col, version_col = st.columns(2)
        creator_col.text_input(t("companions.editor.creator"), key=k("creator"))
        version_col.text_input(t("companions.editor.character_version"), key=k("character_version"))
        st.text_area(t("companions.editor.creator_notes"), key=k("creator_notes"), height=SHORT,
                     help=t("companions.editor.creator_notes_help"))
    save_col, cancel_col = st.columns([1, 1])
    if save_col.button(t("companions.editor.save"), type="primary", key=k("save"), icon=":material/save:"):
        return _save(nb, edit_key, companion)
    if cancel_col.button(t("companions.editor.cancel"), key=k("cancel")):
        clear_editor(edit_key)
        return "cancelled"
    return None


def _save(nb: Notebook, edit_key: str, companion: Companion | None) -> str | None:
    fields = values(edit_key)
    upload = st.session_state.get(_key(edit_key, "avatar"))
    try:
        base = companion or Companion(slug="", name="")
        saved = nb.companions.save(replace(base, version=st.session_state.get(_key(edit_key, "version")), **fields),
                                   avatar_bytes=upload.getvalue() if upload is not None else None)
    except SaveConflict as exc:   # both texts are kept; Settings › Data lists the copy with the choices
        clear_editor(edit_key)
        flash("errors.save_conflict", path=exc.path, copy=exc.copy)
        return "saved"
    except DuetError as exc:
        show_error(exc)
        return None
    clear_editor(edit_key)
    flash("companions.editor.saved", name=saved.name)
    return "saved"
