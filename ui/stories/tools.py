"""The open story's side panel: pinned memories, relationship note, milestones, mood, exports and sharing."""

from __future__ import annotations

import functools

from datetime import date
import streamlit as st

from journal.errors import DuetError
from journal.i18n import t
from journal.i18n.formatting import format_date
from journal.notebook import Notebook
from journal.stories.model import MAX_NOTE_DEPTH, MOOD_MIN, Story
from ui.stories.state import (EXPORT_BOX_KEY, EXPORT_JSONL_KEY, EXPORT_MD_ALL_KEY, EXPORT_MD_KEY, LORE_BOX_KEY,
                              LOREBOOKS_KEY, MEMORIES_BOX_KEY, MEMORY_ACCEPT_PREFIX, MEMORY_ADD_KEY, MEMORY_NEW_KEY,
                              MEMORY_REMOVE_PREFIX, MEMORY_SUGGEST_KEY, MILESTONE_ADD_KEY, MILESTONE_DATE_KEY,
                              MILESTONE_LABEL_KEY, MILESTONE_REMOVE_PREFIX, MILESTONES_BOX_KEY, MOOD_PREFIX, NOTE_BOX_KEY,
                              NOTE_DEPTH_KEY, NOTE_FOR_KEY, NOTE_KEY, NOTE_SAVE_KEY, PERSONA_KEY, SHARE_FIRST_KEY,
                              SHARE_LAST_KEY, SHARE_RANGE_KEY, SUGGESTED_KEY, ERROR_KEY)
from ui.stories.turns import run_action, share_turns

NOTE_HEIGHT = 100
MIME_MARKDOWN = "text/markdown"
MIME_JSONL = "application/jsonl"


def _add_memory_from_input(nb: Notebook, story_id: str) -> None:
    run_action(nb.stories.add_memory, story_id, st.session_state.get(MEMORY_NEW_KEY, ""),
               clear=(MEMORY_NEW_KEY,))


def _accept(nb: Notebook, story_id: str, offer: dict) -> None:
    run_action(functools.partial(nb.stories.add_memory, source=offer.get("source")), story_id, offer["text"])
    suggestions = st.session_state.get(SUGGESTED_KEY, {}).get(story_id, [])
    if offer in suggestions:
        suggestions.remove(offer)


def _suggest(nb: Notebook, story_id: str) -> None:
    from ui.streaming import page_chat

    try:
        found = nb.stories.offer_memories(story_id, page_chat(nb))
    except DuetError as exc:
        st.session_state[ERROR_KEY] = exc.message()
        return
    st.session_state.setdefault(SUGGESTED_KEY, {})[story_id] = found
    if not found:
        from ui.common import flash

        flash("stories.memories.none_found")


# The expanders carry keys: their labels hold counts, and without a key a new label is a new expander, drawn
# folded, so accepting the first suggested memory (or adding a milestone) hid the rest from the person.


def render_memories(nb: Notebook, story: Story) -> None:
    with st.expander(t("stories.memories.title", count=len(story.memories)), icon=":material/push_pin:", key=MEMORIES_BOX_KEY):
        st.caption(t("stories.memories.help"))
        for position, memory in enumerate(story.memories):
            text, remove = st.columns([6, 1])
            text.markdown(f"- {memory}")
            text.caption(nb.stories.memory_origin(story, memory))
            remove.button(":material/close:", key=f"{MEMORY_REMOVE_PREFIX}{position}", help=t("stories.memories.remove"),
                          on_click=run_action, args=(nb.stories.remove_memory, story.id, position),
                          type="tertiary")
        st.text_input(t("stories.memories.new"), key=MEMORY_NEW_KEY,
                      placeholder=t("stories.memories.placeholder"))
        st.button(t("stories.memories.add"), key=MEMORY_ADD_KEY, on_click=_add_memory_from_input,
                  args=(nb, story.id), icon=":material/add:")
        st.button(t("stories.memories.suggest"), key=MEMORY_SUGGEST_KEY, on_click=_suggest, args=(nb, story.id),
                  icon=":material/auto_awesome:", help=t("stories.memories.suggest_help"))
        for n, offer in enumerate(st.session_state.get(SUGGESTED_KEY, {}).get(story.id, [])):
            st.button(t("stories.memories.accept", text=offer["text"]), key=f"{MEMORY_ACCEPT_PREFIX}{n}",
                      on_click=_accept, args=(nb, story.id, offer), icon=":material/push_pin:")


def _save_note(nb: Notebook, story_id: str) -> None:
    run_action(nb.stories.set_note, story_id, st.session_state.get(NOTE_KEY, ""),
               int(st.session_state.get(NOTE_DEPTH_KEY, 0)), success="stories.note.saved")


def render_note(nb: Notebook, story: Story) -> None:
    with st.expander(t("stories.note.title"), icon=":material/sticky_note_2:", key=NOTE_BOX_KEY):
        if st.session_state.get(NOTE_FOR_KEY) != story.id:
            st.session_state[NOTE_FOR_KEY] = story.id
            st.session_state[NOTE_KEY] = story.author_note
            st.session_state[NOTE_DEPTH_KEY] = story.author_note_depth
        st.text_area(t("stories.note.text"), key=NOTE_KEY, height=NOTE_HEIGHT,
                     placeholder=t("stories.note.placeholder"), help=t("stories.note.help"))
        st.number_input(t("stories.note.depth"), key=NOTE_DEPTH_KEY, min_value=0,
                        max_value=MAX_NOTE_DEPTH, step=1, help=t("stories.note.depth_help"))
        st.button(t("stories.note.save"), key=NOTE_SAVE_KEY, on_click=_save_note, args=(nb, story.id))


def _add_milestone(nb: Notebook, story_id: str) -> None:
    run_action(nb.stories.add_milestone, story_id, st.session_state.get(MILESTONE_DATE_KEY) or date.today(),
               st.session_state.get(MILESTONE_LABEL_KEY, ""), clear=(MILESTONE_LABEL_KEY,))


def render_milestones(nb: Notebook, story: Story) -> None:
    items = nb.stories.timeline(story)
    with st.expander(t("stories.milestones.title", count=len(items)), icon=":material/timeline:", key=MILESTONES_BOX_KEY):
        for item in items:
            label = item.label
            if item.kind == "first":
                label = t("stories.milestones.first")
            elif item.kind == "anniversary":
                label = t("stories.milestones.anniversary", years=item.years)
            line, remove = st.columns([6, 1])
            line.markdown(f"**{format_date(item.day)}** · {label}")
            if item.position is not None:
                remove.button(":material/close:", key=f"{MILESTONE_REMOVE_PREFIX}{item.position}",
                              help=t("stories.milestones.remove"), type="tertiary",
                              on_click=run_action, args=(nb.stories.remove_milestone, story.id, item.position))
        st.date_input(t("stories.milestones.date"), key=MILESTONE_DATE_KEY, value=date.today())
        st.text_input(t("stories.milestones.label"), key=MILESTONE_LABEL_KEY,
                      placeholder=t("stories.milestones.placeholder"))
        st.button(t("stories.milestones.add"), key=MILESTONE_ADD_KEY, on_click=_add_milestone,
                  args=(nb, story.id), icon=":material/flag:")


def _record_mood(nb: Notebook, story_id: str) -> None:
    value = st.session_state.get(MOOD_PREFIX + story_id)
    if value is not None:
        run_action(nb.stories.record_mood, story_id, int(value) + MOOD_MIN, success="stories.mood.saved")


def render_mood(nb: Notebook, story: Story) -> None:
    st.caption(t("stories.mood.question"))
    st.feedback("faces", key=MOOD_PREFIX + story.id, on_change=_record_mood, args=(nb, story.id))


def render_exports(nb: Notebook, story: Story) -> None:
    with st.expander(t("stories.export.title"), icon=":material/download:", key=EXPORT_BOX_KEY):
        st.download_button(t("stories.export.markdown"), data=lambda: nb.stories.to_markdown(story),
                           file_name=nb.stories.export_filename(story, "md"), mime=MIME_MARKDOWN, on_click="ignore",
                           key=EXPORT_MD_KEY, icon=":material/description:")
        st.download_button(t("stories.export.markdown_all"), data=lambda: nb.stories.to_markdown(story, alternatives=True),
                           file_name=nb.stories.export_filename(story, "md"), mime=MIME_MARKDOWN, on_click="ignore",
                           key=EXPORT_MD_ALL_KEY, icon=":material/library_books:")
        st.download_button(t("stories.export.sillytavern"), data=lambda: nb.stories.to_sillytavern(story),
                           file_name=nb.stories.export_filename(story, "jsonl"), mime=MIME_JSONL, on_click="ignore",
                           key=EXPORT_JSONL_KEY, icon=":material/forum:", help=t("stories.export.sillytavern_help"))
        if story.turns:
            count = len(story.turns)
            first, last = st.columns(2)
            first.number_input(t("stories.share.first"), key=SHARE_FIRST_KEY, min_value=1, max_value=count,
                               value=max(1, count - 1))
            last.number_input(t("stories.share.last"), key=SHARE_LAST_KEY, min_value=1, max_value=count,
                              value=count)
            if st.button(t("stories.share.button"), key=SHARE_RANGE_KEY, icon=":material/ios_share:"):
                low = int(st.session_state[SHARE_FIRST_KEY]) - 1
                high = int(st.session_state[SHARE_LAST_KEY]) - 1
                share_turns(story.id, min(low, high), max(low, high))


def _set_lorebooks(nb: Notebook, story_id: str, before: list[str]) -> None:
    chosen = st.session_state.get(LOREBOOKS_KEY) or []
    for slug in [s for s in chosen if s not in before]:
        run_action(nb.stories.attach_lorebook, story_id, slug)
    for slug in [s for s in before if s not in chosen]:
        run_action(nb.stories.detach_lorebook, story_id, slug)


def render_lorebooks(nb: Notebook, story: Story) -> None:
    """Shared worlds (standalone lorebooks) this story draws on, beside the companion's own book."""
    books = {book.slug: book.name for book in nb.companions.lorebooks.list()}
    attached = [s for s in story.extra.get("lorebooks", []) if isinstance(s, str)] \
        if isinstance(story.extra.get("lorebooks"), list) else []
    if not books and not attached:
        return
    with st.expander(t("stories.lore.title", count=len(attached)), icon=":material/public:", key=LORE_BOX_KEY):
        st.caption(t("stories.lore.help"))
        st.session_state[LOREBOOKS_KEY] = [s for s in attached if s in books]
        st.multiselect(t("stories.lore.choose"), list(books), key=LOREBOOKS_KEY,
                       format_func=lambda slug: books.get(slug, slug), on_change=_set_lorebooks,
                       args=(nb, story.id, attached))


def _set_persona(nb: Notebook, story_id: str) -> None:
    run_action(nb.stories.set_persona, story_id, st.session_state.get(PERSONA_KEY) or None)


def render_persona(nb: Notebook, story: Story) -> None:
    """Who the person plays in this story: {{user}} and the prompt follow from the next reply."""
    personas = {p.slug: p.name for p in nb.companions.personas.list()}
    if not personas:
        return
    current = story.extra.get("persona") if story.extra.get("persona") in personas else ""
    st.session_state[PERSONA_KEY] = current
    st.selectbox(t("personas.page.choose"), ["", *personas], key=PERSONA_KEY, on_change=_set_persona,
                 args=(nb, story.id), format_func=lambda slug: personas.get(slug) or t("personas.page.none"))


def render_tools(nb: Notebook, story: Story) -> None:
    render_persona(nb, story)
    render_mood(nb, story)
    render_memories(nb, story)
    render_note(nb, story)
    render_lorebooks(nb, story)
    render_milestones(nb, story)
    render_exports(nb, story)
