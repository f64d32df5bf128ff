"""Writing the next turn: the chat box, narrate-mode input kinds and choices, and what follows a turn.

After a turn the person wrote, the page shows (never blocking) the safety
panel when the words suggest they may be in danger, and offers to pin any
"remember that…" as a memory. "Why did it say that?" shows what went into
the latest reply.
"""

from __future__ import annotations

import functools

import streamlit as st

from journal.errors import DuetError
from journal.i18n import t
from journal.notebook import Notebook
from journal.stories import keepsakes, ops
from journal.stories.model import KINDS, Story
from journal.stories.suggest import CHOICES_KEY, remember_requests
from ui.stories.reply import WHY_KEY
from ui.stories.turns import ERROR_KEY, queue_reply, run_action
from ui.pictures import keep_uploads
from ui.stories.why import render_why

INPUT_KEY = "story_input"
KIND_KEY = "story_kind"
REMEMBER_KEY = "story_remember"
CHOICES_ERROR_KEY = "story_choices_error"   # shown under the "Suggest choices" button, not at the top of the page


def _after_user_turn(nb: Notebook, story: Story, text: str) -> None:
    from journal.safety.second_opinion import start_second_opinion
    from ui.safety_panel import remember_assessment, story_panel_key
    from ui.streaming import app_secrets

    # The local check came back with the save; a capable model's second opinion runs in the background,
    # only for this turn, which is going to that model anyway.
    second = start_second_opinion(nb.home, text, story.safety, app_secrets())
    remember_assessment(story.safety, story_panel_key(story.id), second)
    st.session_state.setdefault(REMEMBER_KEY, {})[story.id] = remember_requests(text)


def send(nb: Notebook, story_id: str, text: str, kind: str | None) -> None:
    try:
        story = ops.add_user_turn(nb, story_id, text, kind=kind)
    except DuetError as exc:
        st.session_state[ERROR_KEY] = exc.message()
        return
    _after_user_turn(nb, story, text)
    queue_reply(story_id, "reply", after_user=True)


def _submit(nb: Notebook, story: Story) -> None:
    value = st.session_state.get(INPUT_KEY)
    text = getattr(value, "text", value) or ""     # with pictures attached (or pasted), the box gives text and files
    files = getattr(value, "files", None) or []
    if files:   # kept once under attachments/, linked below the words, location removed (#17)
        links, messages = keep_uploads(nb, files, False, lambda picture: picture.story_markdown())
        refused = [message for kind, message in messages if kind == "error"]
        if refused:
            st.session_state[ERROR_KEY] = " ".join(refused)
        text = "\n\n".join(part for part in (text.strip(), "\n".join(links)) if part)
        if not text:
            return
    kind = st.session_state.get(KIND_KEY) if story.mode == "narrate" else None
    send(nb, story.id, text, kind)


def _pin(nb: Notebook, story_id: str, text: str) -> None:
    turn = len(nb.stories.view(story_id).turns)   # offered right after the person's "remember that…"
    pin = functools.partial(keepsakes.add_memory, source={"by": "asked", "turn": turn})
    if run_action(pin, nb, story_id, text) is None:
        return
    offers = st.session_state.get(REMEMBER_KEY, {}).get(story_id, [])
    if text in offers:
        offers.remove(text)


def _suggest_choices(nb: Notebook, story_id: str) -> None:
    from journal.stories.suggest import suggest_choices
    from ui.streaming import page_chat

    st.session_state.pop(CHOICES_ERROR_KEY, None)
    try:
        suggest_choices(nb, story_id, page_chat(nb))
    except DuetError as exc:
        st.session_state[CHOICES_ERROR_KEY] = exc.message()


def render_safety(story: Story) -> None:
    """Help lines after a turn that needs them; the page draws this before the reply starts streaming."""
    from ui.safety_panel import show_remembered_panel, story_panel_key

    show_remembered_panel(story_panel_key(story.id))


def render_offers(nb: Notebook, story: Story) -> None:
    for n, fact in enumerate(st.session_state.get(REMEMBER_KEY, {}).get(story.id, [])):
        st.button(t("stories.memories.pin_offer", text=fact), key=f"story_pin_offer_{n}", on_click=_pin,
                  args=(nb, story.id, fact), icon=":material/push_pin:")


def render_narrate_controls(nb: Notebook, story: Story) -> None:
    if story.mode != "narrate":
        return
    last = story.turns[-1] if story.turns else None
    choices = last.extra.get(CHOICES_KEY, []) if last is not None and not last.is_user else []
    if choices:
        st.caption(t("stories.narrate.choices"))
        cols = st.columns(len(choices))
        for n, (col, choice) in enumerate(zip(cols, choices)):
            col.button(choice, key=f"story_choice_{n}", on_click=send, args=(nb, story.id, choice, "do"),
                       width="stretch")
    left, right = st.columns(2)
    left.button(t("stories.narrate.suggest"), key="story_suggest_choices", on_click=_suggest_choices,
                args=(nb, story.id), icon=":material/alt_route:", disabled=last is None or last.is_user)
    right.button(t("stories.narrate.go_on"), key="story_go_on", on_click=queue_reply, args=(story.id, "reply"),
                 icon=":material/play_arrow:", help=t("stories.narrate.go_on_help"))
    problem = st.session_state.pop(CHOICES_ERROR_KEY, None)
    if problem:
        left.warning(problem, icon=":material/error:")
    st.radio(t("stories.narrate.kind"), list(KINDS), key=KIND_KEY, horizontal=True,
             format_func=lambda kind: t(f"stories.kind.{kind}"), help=t("stories.narrate.kind_help"))


def render_reply_button(story: Story) -> None:
    """In chat, a story whose last turn is the person's (a branch, a deleted or failed reply) can ask for the answer."""
    if story.mode != "chat" or not story.turns or not story.turns[-1].is_user:
        return
    st.button(t("stories.input.reply_now", name=story.display_companion), key="story_reply_now", on_click=queue_reply,
              args=(story.id, "reply"), icon=":material/reply:", help=t("stories.input.reply_now_help"))


def render_small_model_notice(nb: Notebook, story: Story) -> None:
    """The built-in tiny model cannot write Chinese: say so where a Chinese story is written, and where to change it."""
    from journal.stories.memory import is_small_model
    from journal.stories.persona import companion_for, story_language

    if story_language(companion_for(nb, story)) == "zh" and is_small_model(nb):
        st.warning(t("models.panel.tiny_zh"), icon=":material/translate:")
        st.page_link("pages/settings.py", label=t("models.panel.title"), icon=":material/neurology:")


def render_input(nb: Notebook, story: Story) -> None:
    render_small_model_notice(nb, story)
    render_offers(nb, story)
    render_why(nb, story, st.session_state.get(WHY_KEY, {}).get(story.id))
    render_narrate_controls(nb, story)
    render_reply_button(story)
    placeholder = t("stories.input.narrate" if story.mode == "narrate" else "stories.input.chat",
                    name=story.display_companion)
    st.chat_input(placeholder, key=INPUT_KEY, on_submit=_submit, args=(nb, story), accept_file="multiple",
                  file_type=nb.entries.picture_types())
