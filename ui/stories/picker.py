"""Choosing a story to open, or starting a new one (companion, mode, title, optional scenario card)."""

from __future__ import annotations

import streamlit as st

from journal.companions.model import Companion
from journal.errors import DuetError
from journal.i18n import t
from journal.notebook import Notebook
from journal.stories.model import MODES
from ui.common import show_error, unique_labels
from ui.stories.state import (ACTIVE_KEY, CREATE_KEY, EDITING_KEY, NEW_BOX_KEY, NEW_COMPANION_KEY, NEW_FIELD_COMPANION,
                              NEW_FIELD_MODE, NEW_FIELD_PERSONA, NEW_FIELD_TITLE, NEW_PREFIX, OPEN_KEY, PICK_KEY,
                              PICKER_ERROR_KEY)

PICK_DIGEST_BYTES = 8
PICKER_LIMIT = 200
SCENARIO_FIELDS = ("setting", "user_character", "companion_character", "opening")


def open_story(story_id: str | None) -> None:
    st.session_state[OPEN_KEY] = story_id
    for key in (ACTIVE_KEY, EDITING_KEY):
        st.session_state.pop(key, None)


def switch_story(story_id: str | None) -> None:
    """Open another story from a callback inside the open story's fragment: the whole page follows.

    ``st.rerun()`` in a callback turns this interaction's fragment rerun into one run of the page (no extra run),
    so the picker and the title change with it.
    """
    open_story(story_id)
    st.rerun()


def _label(summary, names: dict[str, str]) -> str:
    return t("stories.picker.item_one" if summary.turns == 1 else "stories.picker.item", title=summary.title,
             companion=names.get(summary.companion, summary.companion), turns=summary.turns)


def _fingerprint(labels: dict[str, str]) -> str:
    """A short digest of the picker's options in order, with their labels."""
    import hashlib

    digest = hashlib.blake2b(digest_size=PICK_DIGEST_BYTES)
    for story_id, label in labels.items():
        digest.update(f"{story_id}\t{label}\n".encode("utf-8"))
    return digest.hexdigest()


def _picked(key: str) -> None:
    chosen = st.session_state.get(key)
    if chosen != st.session_state.get(OPEN_KEY):
        open_story(chosen)


def _create(nb: Notebook) -> None:
    state = st.session_state
    slug = state.get(NEW_FIELD_COMPANION)
    try:
        companion = nb.companions.get(slug) if slug else None
        if companion is None:
            raise DuetError("stories.errors.no_companion")
        mode = state.get(NEW_FIELD_MODE) or "chat"
        scenario = {name: (state.get(NEW_PREFIX + name) or "").strip() for name in SCENARIO_FIELDS}
        opening = scenario.pop("opening")
        story = nb.stories.start(companion, title=state.get(NEW_FIELD_TITLE), mode=mode, scenario=scenario,
                                opening=opening, persona=state.get(NEW_FIELD_PERSONA) or None)
    except DuetError as exc:
        state[PICKER_ERROR_KEY] = exc.message()
        return
    for name in ("title", *SCENARIO_FIELDS):
        state[NEW_PREFIX + name] = ""     # emptied, not popped: a popped text input kept its text on screen
    state[NEW_BOX_KEY] = False              # fold the form away: the new story is open below it
    open_story(story.id)


def render_new_story(nb: Notebook, companions: list[Companion]) -> None:
    preset = st.session_state.pop(NEW_COMPANION_KEY, None)
    if preset:
        st.session_state[NEW_FIELD_COMPANION] = preset
        st.session_state[NEW_BOX_KEY] = True
    slugs = [c.slug for c in companions]
    names = {c.slug: c.name for c in companions}
    if st.session_state.get(NEW_FIELD_COMPANION) not in slugs:
        st.session_state.pop(NEW_FIELD_COMPANION, None)
    if NEW_BOX_KEY not in st.session_state:
        st.session_state[NEW_BOX_KEY] = not nb.stories.list(limit=1)   # open when there is no story yet
    with st.expander(t("stories.picker.new"), key=NEW_BOX_KEY, on_change="rerun", icon=":material/add:"):
        if not companions:
            st.info(t("stories.picker.no_companions"))
            return
        st.selectbox(t("stories.picker.companion"), slugs, key=NEW_FIELD_COMPANION,
                     format_func=lambda slug: names.get(slug, slug))
        st.radio(t("stories.picker.mode"), list(MODES), key=NEW_FIELD_MODE, horizontal=True,
                 format_func=lambda mode: t(f"stories.mode.{mode}"), help=t("stories.picker.mode_help"))
        st.text_input(t("stories.picker.title"), key=NEW_FIELD_TITLE, placeholder=t("stories.picker.title_placeholder"))
        personas = {p.slug: p.name for p in nb.companions.personas.list()}
        if personas:
            st.selectbox(t("personas.page.choose"), ["", *personas], key=NEW_FIELD_PERSONA,
                         format_func=lambda slug: personas.get(slug) or t("personas.page.none"))
        with st.container(border=True):
            st.caption(t("stories.picker.scenario_help"))
            for name in SCENARIO_FIELDS:
                st.text_input(t(f"stories.scenario.{name}"), key=NEW_PREFIX + name,
                              placeholder=t(f"stories.scenario.{name}_placeholder"))
        st.button(t("stories.picker.create"), type="primary", key=CREATE_KEY, on_click=_create, args=(nb,),
                  icon=":material/auto_stories:")


def render_picker(nb: Notebook) -> str | None:
    """The open story's id (or None), after the picker and the new-story form."""
    error = st.session_state.pop(PICKER_ERROR_KEY, None)
    if error:
        st.error(error, icon=":material/error:")
    stories = nb.stories.list(limit=PICKER_LIMIT)
    ids = [s.id for s in stories]
    if OPEN_KEY not in st.session_state and stories:
        st.session_state[OPEN_KEY] = stories[0].id  # first visit: continue the story touched last
    current = st.session_state.get(OPEN_KEY)
    if current not in ids:
        current = None
    companions = nb.companions.list()
    if stories:
        names = {c.slug: c.name for c in companions}
        labels = unique_labels({summary.id: _label(summary, names) for summary in stories})
        # The list reorders (latest first) and its labels change (turn counts) as the person writes. A selectbox
        # keeps its old selection and label in the browser when its options change under one key, and may then
        # report a different story as picked, which closed the open story and dropped a queued reply. So the
        # widget is keyed by what it shows: a new list is a new widget, drawn with the open story selected.
        key = f"{PICK_KEY}_{_fingerprint(labels)}"
        st.session_state[key] = current
        st.selectbox(t("stories.picker.open"), [None, *ids], key=key,
                     format_func=lambda sid: labels.get(sid, t("stories.picker.none")) if sid else t("stories.picker.none"),
                     on_change=_picked, args=(key,))
    render_new_story(nb, companions)
    return st.session_state.get(OPEN_KEY) if st.session_state.get(OPEN_KEY) in ids else None


def show_story_error(exc: DuetError) -> None:
    show_error(exc)
    open_story(None)
