"""The open story as one ``st.fragment``: header, side panel, turns, the exchange and the input.

A click inside the open story, or a turn sent from its chat box, reruns this fragment alone: one
exchange (the person's turn, then the companion's streamed reply) is one fragment run and one rewrite
of the story file (:mod:`ui.stories.reply`). The picker above is drawn by the page; opening another
story reruns the page (``picker.switch_story``). The header and the side panel are drawn after the
exchange, so their counts and the Undo button already include it.
"""

from __future__ import annotations

import streamlit as st

from journal.errors import DuetError
from ui.common import fragment_notebook, show_flash
from ui.stories.header import avatar_for, render_header
from ui.stories.input import begin_turn, draw_sent_turn, render_input, render_safety
from ui.stories.picker import show_story_error
from ui.stories.reply import requested_reply, stream_requested
from ui.stories.state import ERROR_KEY
from ui.stories.tools import render_tools
from ui.stories.turns import render_turns


@st.fragment
def render_story(story_id: str) -> None:
    nb = fragment_notebook()   # a fragment's rerun skips app.py: the lock and the language are asked here
    show_flash()
    try:
        nb.stories.recover_exchange(story_id)   # a turn whose reply never finished (the process died) is written first
        story = nb.stories.view(story_id)   # shared for display; changes go through nb.stories.<operation>
    except DuetError as exc:
        show_story_error(exc)
        return
    header = st.container()
    problem = st.session_state.pop(ERROR_KEY, None)
    if problem:
        st.error(problem, icon=":material/error:")
    avatar = avatar_for(nb, story)
    request = requested_reply(story)
    started = begin_turn(nb, story, request) if request is not None and request.action == "send" else None
    if request is not None and request.action == "send" and started is None:
        request = None   # nothing to send, or the words were refused (the reason is shown)
    slot = render_turns(nb, story, avatar, streaming=request is not None,
                        in_place=request.turn_id if request is not None else None)
    if started is not None:
        draw_sent_turn(nb, started)
    render_safety(story)   # before the reply streams: help must not wait for the model
    if request is not None:
        story = stream_requested(nb, story, avatar, request, started, slot if slot is not None else st.empty())
    with header:
        render_header(nb, story)
    with st.sidebar:
        render_tools(nb, story)
    render_input(nb, story)
