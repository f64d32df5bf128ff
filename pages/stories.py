"""The Stories page: pick or start a story, co-write it turn by turn with a companion, keep what matters."""

import streamlit as st

from journal.i18n import t
from ui.common import get_notebook, show_flash
from ui.nudge import show_nudge_if_due
from ui.stories.picker import render_picker
from ui.stories.view import render_story

nb = get_notebook()
st.title(t("stories.page.title"))
show_flash()
show_nudge_if_due(nb)
story_id = render_picker(nb)
if story_id:
    render_story(story_id)   # a fragment: a click or a sent turn in the story reruns it alone
