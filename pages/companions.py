"""The Companions page: list, create, edit, import and export character cards, delete, start a story."""

import streamlit as st

from journal.errors import DuetError
from journal.i18n import t
from ui.common import get_notebook, show_error, show_flash
from ui.companions.another_model import render_another_model
from ui.companions.editor import render_editor
from ui.companions.listing import MODE_KEY, OPEN_KEY, back_to_list, open_editor, render_import, render_list
from ui.companions.lorebook import render_lorebook, render_shared_lorebooks
from ui.companions.personas import render_personas
from ui.companions.voice import render_letters, render_voice

nb = get_notebook()
st.title(t("companions.page.title"))
st.caption(t("companions.page.intro"))
show_flash()
mode = st.session_state.get(MODE_KEY, "list")

companion = None
if mode == "edit":
    try:
        companion = nb.companions.get(st.session_state.get(OPEN_KEY, ""))
    except DuetError as exc:
        show_error(exc)
        back_to_list()
        mode = "list"

if mode in ("edit", "new"):
    if render_editor(nb, companion):
        back_to_list()
        st.rerun()
    if companion is not None:
        render_voice(nb, companion)
        render_another_model(nb, companion)
        render_letters(nb, companion)
        render_lorebook(nb, companion)
else:
    if st.button(t("companions.page.new"), key="companions_new", icon=":material/person_add:"):
        open_editor(None)
        st.rerun()
    render_import(nb)
    render_list(nb)
    render_personas(nb)
    render_shared_lorebooks(nb)
