"""The Stories page: pick or start a story, co-write it turn by turn with a companion, keep what matters."""

import streamlit as st

from journal.errors import DuetError
from journal.i18n import t
from ui.common import get_notebook, show_flash
from ui.nudge import show_nudge_if_due
from ui.stories.header import avatar_for, render_header
from ui.stories.input import render_input, render_safety
from ui.stories.picker import render_picker, show_story_error
from ui.stories.reply import stream_pending
from ui.stories.tools import render_tools
from ui.stories.turns import render_turns

nb = get_notebook()
st.title(t("stories.page.title"))
show_flash()
show_nudge_if_due(nb)
story_id = render_picker(nb)
story = None
if story_id:
    try:
        story = nb.stories.view(story_id)   # shared for display; changes go through journal.stories.ops
    except DuetError as exc:
        show_story_error(exc)
if story is not None:
    avatar = avatar_for(nb, story)
    render_header(nb, story)
    with st.sidebar:
        render_tools(nb, story)
    render_turns(nb, story, avatar)
    render_safety(story)   # before the reply streams: help must not wait for the model
    stream_pending(nb, story, avatar)
    render_input(nb, story)
