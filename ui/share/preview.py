"""The live preview of every card (or every post of a thread) and the download buttons."""

from __future__ import annotations

from typing import Any

import streamlit as st

from journal.errors import DuetError
from journal.i18n import t, tn
from journal.notebook import Notebook
from ui.common import show_error
from ui.share.state import DOWNLOAD_PREFIX

PREVIEW_COLUMNS = 3
SINGLE_PREVIEW_WIDTH = 420  # px: a phone-sized card, readable without zooming
CAROUSEL_PREVIEW_WIDTH = 1460  # px: the widest Streamlit shows an image stretched to its column (its content width)
CACHE_ENTRIES = 12
POST_ID_SHOWN = 16  # hex digits of the post's content id shown on the page (the files carry all 64)


@st.cache_data(max_entries=CACHE_ENTRIES, show_spinner=False)
def _card_pngs(key: str, _nb: Notebook, _post: Any) -> list[bytes]:
    """PNG bytes of every card, labelled as the post is; ``key`` (the post's content id) identifies ``_post``."""
    return _nb.share.card_pngs(_post)


@st.cache_data(max_entries=CACHE_ENTRIES, show_spinner=False)
def _card_previews(key: str, width: int, _nb: Notebook, _pngs: list[bytes]) -> list[bytes]:
    """The cards at the size the page shows them; ``key`` (the post's content id) identifies ``_pngs``."""
    return _nb.share.card_previews(_pngs, width)


def render_preview(nb: Notebook, post: Any) -> None:
    """The cards or thread posts of ``post`` (made by ``nb.share.make_post``) and its downloads."""
    try:
        if post.format.is_thread:
            _show_thread(nb, post.thread)
            pngs: list[bytes] = []
        else:
            with st.spinner(t("share.preview.rendering")):
                pngs = _card_pngs(post.content_id, nb, post)
            _show_cards(nb, post, pngs)
    except DuetError as exc:
        show_error(exc)
        return
    _downloads(nb, post, pngs)


def _show_cards(nb: Notebook, post: Any, pngs: list[bytes]) -> None:
    """Each card of a carousel has its own PNG button: a phone saves one image to its photos, not a zip."""
    st.caption(tn("share.preview.cards", len(pngs)))
    if len(pngs) == 1:
        st.image(_card_previews(post.content_id, SINGLE_PREVIEW_WIDTH, nb, pngs)[0], width=SINGLE_PREVIEW_WIDTH)
        return
    names = nb.share.card_names(post, len(pngs))
    shown = _card_previews(post.content_id, CAROUSEL_PREVIEW_WIDTH, nb, pngs)
    for row in range(0, len(pngs), PREVIEW_COLUMNS):
        columns = st.columns(PREVIEW_COLUMNS)
        for offset, png in enumerate(pngs[row : row + PREVIEW_COLUMNS]):
            number = row + offset + 1
            columns[offset].image(shown[number - 1], caption=f"{number}/{len(pngs)}", width="stretch")
            columns[offset].download_button(t("share.download.card", number=number, count=len(pngs)), png,
                                            file_name=names[number - 1], mime="image/png",
                                            key=f"{DOWNLOAD_PREFIX}card_{number}", on_click="ignore",
                                            icon=":material/image:", width="stretch")


def _show_thread(nb: Notebook, posts: list[str]) -> None:
    st.caption(tn("share.preview.posts", len(posts)))
    for post in posts:
        with st.container(border=True):
            st.text(post)
            st.caption(t("share.preview.weight", used=nb.share.weighted_length(post), limit=nb.share.thread_limit))


def _downloads(nb: Notebook, post: Any, pngs: list[bytes]) -> None:
    """The files are built only when their button is clicked (``data`` is a callable), not on every rerun."""
    st.subheader(t("share.download.heading"))
    top, bottom = st.columns(2), st.columns(2)
    columns = [top[0], top[1], bottom[0], bottom[1]]
    if len(pngs) == 1:
        columns[0].download_button(t("share.download.png"), pngs[0], file_name=nb.share.card_names(post, 1)[0],
                                   mime="image/png", key=DOWNLOAD_PREFIX + "png", on_click="ignore",
                                   icon=":material/image:", width="stretch")
    elif pngs:
        columns[0].download_button(t("share.download.zip", count=len(pngs)),
                                   lambda: nb.share.zip_files(nb.share.card_names(post, len(pngs)), pngs),
                                   file_name=f"{post.stem}.zip", mime="application/zip", key=DOWNLOAD_PREFIX + "zip",
                                   on_click="ignore", icon=":material/folder_zip:", width="stretch")
    else:
        columns[0].download_button(t("share.download.thread"), lambda: nb.share.file(post, "thread"), file_name="thread.txt",
                                   mime="text/plain", key=DOWNLOAD_PREFIX + "thread", on_click="ignore",
                                   icon=":material/forum:", width="stretch")
    columns[1].download_button(t("share.download.caption"), lambda: nb.share.file(post, "caption"), file_name="caption.txt",
                               mime="text/plain", key=DOWNLOAD_PREFIX + "caption", on_click="ignore",
                               icon=":material/notes:", width="stretch")
    columns[2].download_button(t("share.download.markdown"), lambda: nb.share.file(post, "markdown"),
                               file_name=f"{post.stem}.md", mime="text/markdown", key=DOWNLOAD_PREFIX + "md",
                               on_click="ignore", icon=":material/description:", width="stretch")
    columns[3].download_button(t("share.download.html"), lambda: nb.share.file(post, "html"), file_name=f"{post.stem}.html",
                               mime="text/html", key=DOWNLOAD_PREFIX + "html", on_click="ignore", icon=":material/code:",
                               width="stretch")


def render_preflight(nb: Notebook, post: Any) -> None:
    """What the platform will make of the post, and its AI label, before anything is downloaded."""
    count = None
    if not post.format.is_thread:
        count = len(_card_pngs(post.content_id, nb, post))
    with st.expander(t("share.preflight.heading"), expanded=post.label is not None, icon=":material/checklist:"):
        for check in nb.share.preflight(post, count):
            icon = ":material/check_circle:" if check.ok else ":material/warning:"
            st.markdown(f"{icon} {t(check.message_key, **check.params)}")
        st.caption(t("share.preflight.post_id", id=post.content_id[:POST_ID_SHOWN]))
