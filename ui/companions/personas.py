"""The person's personas on the Companions page: who they are in stories (name, description, picture)."""

from __future__ import annotations

import streamlit as st

from journal.errors import DuetError
from journal.i18n import t
from journal.notebook import Notebook
from ui.common import attempt

PREFIX = "persona_"
AVATAR_WIDTH = 48


def _add(nb: Notebook) -> None:
    state = st.session_state
    upload = state.get(PREFIX + "picture")
    try:
        made = nb.companions.personas.create(state.get(PREFIX + "name") or "", state.get(PREFIX + "description") or "",
                                             avatar_bytes=upload.getvalue() if upload is not None else None)
    except DuetError as exc:
        state[PREFIX + "error"] = exc.message()
        return
    for name in ("name", "description"):
        state[PREFIX + name] = ""
    st.toast(t("personas.page.added", name=made.name))


def _import(nb: Notebook) -> None:
    upload = st.session_state.get(PREFIX + "upload")
    if upload is None:
        return
    try:
        made = nb.companions.personas.import_sillytavern(upload.getvalue())
    except DuetError as exc:
        st.session_state[PREFIX + "error"] = exc.message()
        return
    st.toast(t("personas.page.imported", count=len(made)))


def render_personas(nb: Notebook) -> None:
    personas = nb.companions.personas.list()
    with st.expander(t("personas.page.title", count=len(personas)), icon=":material/badge:"):
        st.caption(t("personas.page.intro"))
        problem = st.session_state.pop(PREFIX + "error", None)
        if problem:
            st.error(problem, icon=":material/error:")
        for persona in personas:
            picture_col, text_col, remove_col = st.columns([1, 6, 1], vertical_alignment="center")
            picture = nb.companions.personas.avatar_path(persona)
            if picture is not None:
                picture_col.image(str(picture), width=AVATAR_WIDTH)
            text_col.markdown(f"**{persona.name}**")
            if persona.description:
                text_col.caption(persona.description)
            remove_col.button(t("personas.page.remove"), key=f"{PREFIX}remove_{persona.slug}", on_click=attempt,
                              args=(nb.companions.personas.delete, persona.slug), kwargs={"error_key": PREFIX + "error"}, icon=":material/delete:", type="tertiary")
        with st.container(border=True):
            st.text_input(t("personas.page.name"), key=PREFIX + "name")
            st.text_area(t("personas.page.description"), key=PREFIX + "description", height=80,
                         help=t("personas.page.description_help"))
            st.file_uploader(t("personas.page.picture"), type=["png", "jpg", "jpeg", "webp"], key=PREFIX + "picture")
            st.button(t("personas.page.add"), key=PREFIX + "add", on_click=_add, args=(nb,), icon=":material/add:")
        st.file_uploader(t("personas.page.upload"), type=["json"], key=PREFIX + "upload")
        st.button(t("personas.page.import"), key=PREFIX + "import", on_click=_import, args=(nb,),
                  icon=":material/upload:")
