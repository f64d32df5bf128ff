"""Writing the next turn: the chat box, narrate-mode input kinds and choices, and what follows a turn.

After a turn the person wrote, the page shows (never blocking) the safety
panel when the words suggest they may be in danger, and offers to pin any
"remember that…" as a memory. "Why did it say that?" shows what went into
the latest reply. The chat box, the choices, "Go on" and "Reply now" have no
callback: the run they trigger reads them (:func:`ui.stories.reply.requested_reply`).
"""

from __future__ import annotations

import functools
from typing import Any

import streamlit as st

from journal.errors import DuetError
from journal.i18n import t
from journal.notebook import Notebook
from journal.stories.model import CHOICES_KEY, KINDS, Story
from ui.pictures import keep_uploads
from ui.stories.reply import ReplyRequest
from ui.stories.state import (CHOICE_PREFIX, CHOICES_ERROR_KEY, GO_ON_KEY, INPUT_KEY, KIND_KEY, PIN_OFFER_PREFIX,
                              REMEMBER_KEY, REPLY_NOW_KEY, SUGGEST_CHOICES_KEY, WHY_KEY)
from ui.stories.turns import render_turn, run_action
from ui.stories.why import render_why


def _after_user_turn(nb: Notebook, started: Any, text: str) -> None:
    from ui.safety_panel import remember_assessment, story_panel_key
    from ui.streaming import app_secrets

    # The local check came back with the turn; a capable model's second opinion runs in the background,
    # only for this turn, which is going to that model anyway.
    second = nb.stories.second_opinion(text, started.safety, app_secrets())
    remember_assessment(started.safety, story_panel_key(started.story.id), second)
    st.session_state.setdefault(REMEMBER_KEY, {})[started.story.id] = nb.stories.remember_requests(text)


def begin_turn(nb: Notebook, story: Story, request: ReplyRequest) -> Any:
    """The person's turn, begun: pictures kept, words checked, kept in the exchange's draft and assessed.

    Nothing is written to the story yet (the reply's write carries the turn). None, with the reason shown,
    when there is nothing to send or the words are refused.
    """
    text = request.text
    if request.files:   # kept once under attachments/, linked below the words, location removed (#17)
        links, messages = keep_uploads(nb, list(request.files), False, lambda picture: picture.story_markdown())
        refused = [message for kind, message in messages if kind == "error"]
        if refused:
            st.error(" ".join(refused), icon=":material/error:")
        text = "\n\n".join(part for part in (text.strip(), "\n".join(links)) if part)
        if not text:
            return None
    try:
        started = nb.stories.begin_exchange(story.id, text, kind=request.kind)
    except DuetError as exc:
        st.error(exc.message(), icon=":material/error:")
        return None
    _after_user_turn(nb, started, text)
    return started


def draw_sent_turn(nb: Notebook, started: Any) -> None:
    """The person's new turn on screen while the reply streams (it reaches the file with the reply)."""
    index = len(started.story.turns) - 1
    render_turn(nb, started.story, index, started.turn, active=False, avatar=None)


def _pin(nb: Notebook, story_id: str, text: str) -> None:
    turn = len(nb.stories.view(story_id).turns)   # offered right after the person's "remember that…"
    pin = functools.partial(nb.stories.add_memory, source={"by": "asked", "turn": turn})
    if run_action(pin, story_id, text) is None:
        return
    offers = st.session_state.get(REMEMBER_KEY, {}).get(story_id, [])
    if text in offers:
        offers.remove(text)


def _suggest_choices(nb: Notebook, story_id: str) -> None:
    from ui.streaming import page_chat

    st.session_state.pop(CHOICES_ERROR_KEY, None)
    try:
        nb.stories.suggest_choices(story_id, page_chat(nb))
    except DuetError as exc:
        st.session_state[CHOICES_ERROR_KEY] = exc.message()


def render_safety(story: Story) -> None:
    """Help lines after a turn that needs them; the story draws this before the reply starts streaming."""
    from ui.safety_panel import show_remembered_panel, story_panel_key

    show_remembered_panel(story_panel_key(story.id))


def render_offers(nb: Notebook, story: Story) -> None:
    for n, fact in enumerate(st.session_state.get(REMEMBER_KEY, {}).get(story.id, [])):
        st.button(t("stories.memories.pin_offer", text=fact), key=f"{PIN_OFFER_PREFIX}{n}", on_click=_pin,
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
            col.button(choice, key=f"{CHOICE_PREFIX}{n}", width="stretch")   # sent as a "do" turn
    left, right = st.columns(2)
    left.button(t("stories.narrate.suggest"), key=SUGGEST_CHOICES_KEY, on_click=_suggest_choices,
                args=(nb, story.id), icon=":material/alt_route:", disabled=last is None or last.is_user)
    right.button(t("stories.narrate.go_on"), key=GO_ON_KEY, icon=":material/play_arrow:",
                 help=t("stories.narrate.go_on_help"))
    problem = st.session_state.pop(CHOICES_ERROR_KEY, None)
    if problem:
        left.warning(problem, icon=":material/error:")
    st.radio(t("stories.narrate.kind"), list(KINDS), key=KIND_KEY, horizontal=True,
             format_func=lambda kind: t(f"stories.kind.{kind}"), help=t("stories.narrate.kind_help"))


def render_reply_button(story: Story) -> None:
    """In chat, a story whose last turn is the person's (a branch, a deleted or failed reply) can ask for the answer."""
    if story.mode != "chat" or not story.turns or not story.turns[-1].is_user:
        return
    st.button(t("stories.input.reply_now", name=story.display_companion), key=REPLY_NOW_KEY,
              icon=":material/reply:", help=t("stories.input.reply_now_help"))


def render_small_model_notice(nb: Notebook, story: Story) -> None:
    """The built-in tiny model cannot write Chinese: say so where a Chinese story is written, and where to change it."""
    if nb.stories.needs_bigger_model(story):
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
    # st.bottom: pinned under the story although it is drawn by the story's fragment (Streamlit 1.67)
    st.bottom.chat_input(placeholder, key=INPUT_KEY, accept_file="multiple", file_type=nb.entries.picture_types())
