"""The companions list: a card per companion with story, edit, export and delete; and card import."""

from __future__ import annotations

import streamlit as st

from journal.companions.model import MAX_CARD_BYTES, Companion
from journal.errors import DuetError
from journal.i18n import t
from journal.notebook import Notebook
from journal.text import has_cjk
from ui import confirm
from ui.common import flash, render_markdown, show_error

MODE_KEY = "companions_mode"        # "list" | "edit" | "new"
OPEN_KEY = "companions_open"        # slug being edited
CONFIRM_KEY = "companions_delete"  # buttons companions_delete_yes / _no
UPLOAD_ROUND = "companions_import_round"
STORY_COMPANION_KEY = "new_story_companion"
STORIES_PAGE = "pages/stories.py"
AVATAR_WIDTH = 96
PREVIEW_CHARS = 220
LIST_PAGE = 20                      # companions drawn per "show more"
SHOWN_KEY = "companions_shown"
MAX_CARD_MB = MAX_CARD_BYTES // (1024 * 1024)
ACTION_WIDTHS = [5, 4, 5, 5, 4]      # story, edit, PNG card, JSON card, delete: the card labels are the longest
MIME = {"png": "image/png", "json": "application/json"}


def open_editor(slug: str | None) -> None:
    st.session_state[MODE_KEY] = "edit" if slug else "new"
    if slug:
        st.session_state[OPEN_KEY] = slug


def back_to_list() -> None:
    st.session_state[MODE_KEY] = "list"
    st.session_state.pop(OPEN_KEY, None)


def _preview(text: str) -> str:
    """The start of the description; Chinese characters are twice as wide, so half as many."""
    text = " ".join(text.split())
    limit = PREVIEW_CHARS // 2 if has_cjk(text) else PREVIEW_CHARS
    return text if len(text) <= limit else text[:limit].rstrip() + "…"


def _delete(nb: Notebook, companion: Companion) -> None:
    nb.companions.delete(companion.slug)
    flash("companions.delete.done", name=companion.name)


def _downloader(nb: Notebook, companion: Companion, fmt: str):
    """Build the card only when the download is clicked (Streamlit calls this on another thread)."""
    return lambda: nb.companions.cards.to_bytes(companion, fmt)


def render_companion(nb: Notebook, companion: Companion) -> None:
    slug = companion.slug
    with st.container(border=True, key=f"companion_card_{slug}"):
        picture, text = st.columns([1, 5])
        picture.image(nb.companions.avatar_thumbnail(companion, AVATAR_WIDTH), width=AVATAR_WIDTH,
                  output_format="PNG")
        with text:
            st.markdown(f"#### {companion.name}")
            count = len(companion.greetings)
            meta = [t("companions.list.greetings_one" if count == 1 else "companions.list.greetings", count=count)]
            meta += [f"#{tag}" for tag in companion.tags]
            st.caption(" · ".join(meta))
            # Through the renderer: a card's description often holds pictures from image hosts, held back until
            # allowed (#12); HTML in it is cleaned by nh3.
            render_markdown(nb, _preview(companion.readable_description) or t("companions.list.no_description"),
                            owner=f"companion_{slug}")
        cols = st.columns(ACTION_WIDTHS)
        if cols[0].button(t("companions.list.start_story"), key=f"companion_story_{slug}", type="primary",
                          icon=":material/auto_stories:"):
            st.session_state[STORY_COMPANION_KEY] = slug
            st.switch_page(STORIES_PAGE)
        if cols[1].button(t("companions.list.edit"), key=f"companion_edit_{slug}", icon=":material/edit:"):
            open_editor(slug)
            st.rerun()
        for col, fmt in zip(cols[2:4], ("png", "json")):
            col.download_button(t(f"companions.list.export_{fmt}"), data=_downloader(nb, companion, fmt),
                                file_name=nb.companions.cards.filename(companion, fmt), mime=MIME[fmt], on_click="ignore",
                                key=f"companion_export_{fmt}_{slug}", icon=":material/download:",
                                help=t("companions.list.export_help"))
        if cols[4].button(t("companions.list.delete"), key=f"companion_delete_{slug}", icon=":material/delete:"):
            confirm.ask(CONFIRM_KEY, slug)
        confirm.confirm_if_asked(CONFIRM_KEY, slug, question=t("companions.delete.question", name=companion.name),
                                 warning=t("companions.delete.warning"), yes=t("companions.delete.yes"),
                                 no=t("companions.delete.no"), on_yes=lambda: _delete(nb, companion))


def render_import(nb: Notebook) -> None:
    round_ = st.session_state.get(UPLOAD_ROUND, 0)     # a new key empties the uploader after an import
    with st.expander(t("companions.import.title"), icon=":material/upload_file:"):
        upload = st.file_uploader(t("companions.import.file"), type=["png", "json"], help=t("companions.import.help"),
                                  key=f"companions_import_{round_}", max_upload_size=MAX_CARD_MB)
        if st.button(t("companions.import.button"), key="companions_import_go", disabled=upload is None,
                     type="primary"):
            try:
                companion = nb.companions.cards.import_bytes(upload.getvalue(), upload.name)
            except DuetError as exc:
                show_error(exc)
            else:
                st.session_state[UPLOAD_ROUND] = round_ + 1
                flash("companions.import.done", name=companion.name)
                st.rerun()


def render_list(nb: Notebook) -> None:
    companions = nb.companions.list()
    for name, error in nb.companions.broken:
        st.warning(t("companions.page.broken", file=name, error=error), icon=":material/warning:")
    if not companions:
        st.info(t("companions.page.empty"))
    shown = st.session_state.get(SHOWN_KEY, LIST_PAGE)
    for companion in companions[:shown]:
        render_companion(nb, companion)
    if len(companions) > shown:
        if st.button(t("companions.list.show_more", count=len(companions) - shown), key="companions_more",
                     icon=":material/expand_more:"):
            st.session_state[SHOWN_KEY] = shown + LIST_PAGE
            st.rerun()
