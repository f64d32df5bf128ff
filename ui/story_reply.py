"""Streaming the companion's reply into the page, and never losing a word of it.

A queued reply (``story_pending``) is planned (prompt assembly), streamed into
a chat bubble with ``st.write_stream``, then saved. Whatever stops it early, a
failed call, the Stop button or leaving the page (Streamlit interrupts the
script with a control exception), the text that arrived is saved too, marked
incomplete, so it can be continued or regenerated.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from journal.ai.errors import AIError
from journal.errors import DuetError
from journal.i18n import t
from journal.notebook import Notebook
from journal.stories import ops
from journal.stories.model import Story
from ui.story_turns import ERROR_KEY, PENDING_KEY

WHY_KEY = "story_why"


def chat_backend(nb: Notebook):
    """The configured model; looked up at call time so tests can put a FakeChat in its place."""
    from journal.ai import chat as ai_chat

    return ai_chat.get_chat(nb, secrets=_secrets())


def _secrets() -> dict[str, Any]:
    try:
        return dict(st.secrets)
    except Exception:  # no secrets file: keys come from the environment
        return {}


def remember_assembly(story_id: str, assembly: Any) -> None:
    st.session_state.setdefault(WHY_KEY, {})[story_id] = assembly


def stream_pending(nb: Notebook, story: Story, avatar: Any) -> None:
    """Stream and save the queued reply for ``story``, then rerun to show it with its controls."""
    pending = st.session_state.get(PENDING_KEY)
    if not pending or pending.get("story") != story.id:
        return
    st.session_state.pop(PENDING_KEY, None)
    try:
        chat = chat_backend(nb)
        job = ops.plan_reply(nb, story, action=pending["action"], index=pending.get("index"),
                             after_user_turn=bool(pending.get("after_user")))
    except DuetError as exc:
        st.session_state[ERROR_KEY] = exc.message()
        return
    remember_assembly(story.id, job.assembly)
    stream = chat.stream_chat(job.messages)
    saved = False
    with st.chat_message("assistant", avatar=avatar):
        st.button(t("stories.reply.stop"), key="story_stop", icon=":material/stop_circle:", type="tertiary")
        try:
            st.write_stream(stream)
            ops.commit_reply(nb, job, stream.text)
            saved = True
        except AIError as exc:
            st.session_state[ERROR_KEY] = exc.message()
        except DuetError as exc:
            st.session_state[ERROR_KEY] = exc.message()
            saved = True   # nothing worth keeping (e.g. an empty reply)
        finally:
            if not saved and stream.text.strip():
                stream.close()
                try:
                    ops.commit_reply(nb, job, stream.text, incomplete=True)
                except DuetError:
                    pass
    _summarize_later(nb, story.id, chat)
    st.rerun()


def _summarize_later(nb: Notebook, story_id: str, chat: Any) -> None:
    from journal.stories.summary import update_summary_in_background

    update_summary_in_background(nb, story_id, chat)
