"""Streaming the companion's reply into the page, and never losing a word of it.

A queued reply (``story_pending``) is planned (prompt assembly), streamed into
a chat bubble by :func:`ui.streaming.stream_reply` (with its Stop button), then saved. Whatever stops it early, a
failed call, the Stop button or leaving the page (Streamlit interrupts the
script with a control exception), the text that arrived is saved too, marked
incomplete, so it can be continued or regenerated.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from journal.errors import DuetError
from journal.notebook import Notebook
from journal.stories import ops
from journal.stories.model import Story
from ui.stories.turns import ERROR_KEY, PENDING_KEY

WHY_KEY = "story_why"


def remember_assembly(story_id: str, assembly: Any) -> None:
    st.session_state.setdefault(WHY_KEY, {})[story_id] = assembly


def _save(nb: Notebook, job: ops.ReplyJob, outcome: Any) -> str | None:
    """Keep what arrived: the whole reply, or the part before a failure or Stop (marked incomplete).

    Touches no Streamlit state: after Stop, Streamlit is tearing the run down and even
    ``st.session_state`` raises, which used to lose the partial reply. Returns the sentence to show, if any.
    """
    if not outcome.text.strip():
        return outcome.error
    try:
        ops.commit_reply(nb, job, outcome.text, incomplete=not outcome.finished, finish_reason=outcome.finish_reason)
    except DuetError as exc:
        return exc.message()
    return outcome.error


def stream_pending(nb: Notebook, story: Story, avatar: Any) -> None:
    """Stream and save the queued reply for ``story``, then rerun to show it with its controls."""
    from ui.streaming import StreamOutcome, page_chat, stream_reply

    pending = st.session_state.get(PENDING_KEY)
    if not pending or pending.get("story") != story.id:
        return
    st.session_state.pop(PENDING_KEY, None)
    try:
        chat = page_chat(nb)
        job = ops.plan_reply(nb, story, action=pending["action"], index=pending.get("index"),
                             after_user_turn=bool(pending.get("after_user")))
    except DuetError as exc:
        st.session_state[ERROR_KEY] = exc.message()
        return
    remember_assembly(story.id, job.assembly)
    outcome = StreamOutcome()   # a plain object: still readable while Streamlit stops the run
    with st.chat_message("assistant", avatar=avatar):
        try:
            stream_reply(chat.stream_chat(job.messages), outcome, stop_key="story_stop")
        finally:   # also when Stop or leaving the page interrupts the script mid-reply
            problem = _save(nb, job, outcome)
    if problem:
        st.session_state[ERROR_KEY] = problem
    _summarize_later(nb, story.id, chat)
    st.rerun()


def _summarize_later(nb: Notebook, story_id: str, chat: Any) -> None:
    from journal.stories.summary import update_summary_in_background

    update_summary_in_background(nb, story_id, chat)
