"""A reply from the model, streamed into the open story and written once, by the run that asked for it.

What asks for a reply is a widget of this very run (:func:`requested_reply`): the chat box holding the
person's words, a narrate choice, "Go on", "Reply now", or a turn's Regenerate / Continue. That run,
inside the open story's fragment (:mod:`ui.stories.view`), streams the reply and writes it: a turn of
the person's goes through ``nb.stories.begin_exchange`` / ``finish_exchange`` (their words wait in a draft file until their
turn and the reply are written together, in one rewrite of the story file), a regeneration or a
continuation through ``nb.stories.commit_reply``. Whatever stops the stream early (a failed call, Stop,
leaving the page: Streamlit interrupts the script with a control exception) the text that arrived is
written too, marked incomplete, so it can be continued or regenerated. No queue, no extra rerun.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import streamlit as st

from journal.errors import DuetError
from journal.notebook import Notebook
from journal.stories.model import CHOICES_KEY, Story
from ui.stories.state import (ACTIVE_KEY, CHOICE_PREFIX, GO_ON_KEY, INPUT_KEY, KIND_KEY, REPLY_NOW_KEY, STOP_KEY,
                              WHY_KEY, turn_key)
from ui.stories.turns import render_turn, window_start


@dataclass(frozen=True)
class ReplyRequest:
    """What this run was asked for: ``send`` (the person's turn, then the reply), ``reply``, ``regenerate``
    or ``continue`` (of ``turn_id``)."""

    action: str
    text: str = ""
    kind: str | None = None
    turn_id: str | None = None
    files: tuple[Any, ...] = ()


@dataclass
class _Kept:
    """How the write went; a plain object, still readable while Streamlit stops the run."""

    problem: str | None = None


def remember_assembly(story_id: str, assembly: Any) -> None:
    st.session_state.setdefault(WHY_KEY, {})[story_id] = assembly


def requested_reply(story: Story) -> ReplyRequest | None:
    """The reply this run was triggered for, read from the widgets' values (they hold it for one run only)."""
    state = st.session_state
    value = state.get(INPUT_KEY)
    if value:
        text = getattr(value, "text", value) or ""   # with pictures attached, the box gives text and files
        kind = state.get(KIND_KEY) if story.mode == "narrate" else None
        return ReplyRequest("send", text, kind, files=tuple(getattr(value, "files", None) or ()))
    last = story.turns[-1] if story.turns else None
    if story.mode == "narrate" and last is not None and not last.is_user:
        for n, choice in enumerate(last.extra.get(CHOICES_KEY, [])):
            if state.get(f"{CHOICE_PREFIX}{n}"):
                return ReplyRequest("send", choice, "do")
    if state.get(GO_ON_KEY) or state.get(REPLY_NOW_KEY):
        return ReplyRequest("reply")
    for turn in story.turns[window_start(story):]:
        for action, control in (("regenerate", "regen"), ("continue", "continue")):
            if state.get(turn_key(control, turn.id)):
                return ReplyRequest(action, turn_id=turn.id)
    return None


def _keep(nb: Notebook, job: Any, started: Any, outcome: Any, kept: _Kept) -> None:
    """Write what arrived (the person's turn with it, for an exchange). Touches no Streamlit state: after Stop,
    Streamlit is tearing the run down and even ``st.session_state`` raises."""
    try:
        if started is not None:
            nb.stories.finish_exchange(started, job, outcome.text, incomplete=not outcome.finished,
                            finish_reason=outcome.finish_reason)
        elif outcome.text.strip():
            nb.stories.commit_reply(job, outcome.text, incomplete=not outcome.finished,
                             finish_reason=outcome.finish_reason)
    except DuetError as exc:
        kept.problem = exc.message()
        return
    kept.problem = outcome.error


def stream_requested(nb: Notebook, story: Story, avatar: Any, request: ReplyRequest,
                     started: Any, slot: Any) -> Story:
    """Stream the reply ``request`` asked for into ``slot``, write it, and draw it there with its controls.

    ``started`` is the person's turn when the request sent one (begun, not yet written). Returns the story
    as written.
    """
    from ui.streaming import StreamOutcome, page_chat, stream_reply

    asked = started.story if started is not None else story
    try:
        chat = page_chat(nb)
        index = next((i for i, turn in enumerate(asked.turns) if turn.id == request.turn_id), None)
        job = nb.stories.plan_reply(asked, action="reply" if request.turn_id is None else request.action,  # type: ignore[arg-type]
                             index=index, after_user_turn=started is not None)
    except DuetError as exc:
        if started is not None:
            nb.stories.finish_exchange(started)   # the person's words are written all the same, with no reply
        st.error(exc.message(), icon=":material/error:")
        return nb.stories.view(story.id)
    remember_assembly(story.id, job.assembly)
    outcome, kept = StreamOutcome(), _Kept()   # plain objects: still readable while Streamlit stops the run
    with slot.container(), st.chat_message("assistant", avatar=avatar):
        try:
            stream_reply(chat.stream_chat(job.messages), outcome, stop_key=STOP_KEY)
        finally:   # also when Stop or leaving the page interrupts the script mid-reply
            _keep(nb, job, started, outcome, kept)
    nb.stories.summarize_later(story.id, chat)
    written = nb.stories.view(story.id)
    st.session_state.pop(ACTIVE_KEY, None)   # the new reply is the turn with controls
    _draw_written(nb, written, request, len(asked.turns), slot, avatar)
    if kept.problem:
        st.error(kept.problem, icon=":material/error:")
    return written


def _draw_written(nb: Notebook, story: Story, request: ReplyRequest, asked_turns: int, slot: Any, avatar: Any) -> None:
    """The streamed bubble becomes the written turn, with its controls (the next run would draw the same)."""
    if request.turn_id is not None:
        index = next((i for i, turn in enumerate(story.turns) if turn.id == request.turn_id), None)
    else:
        index = len(story.turns) - 1 if len(story.turns) > asked_turns and not story.turns[-1].is_user else None
    if index is None:
        slot.empty()
        return
    with slot.container():
        render_turn(nb, story, index, story.turns[index], active=True, avatar=avatar)
