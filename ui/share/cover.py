"""The cover choice on the Share page: a title card first in the carousel, over a notebook picture if wanted."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from journal.i18n import t
from journal.notebook import Notebook
from ui.share.state import COVER_KEY, PHOTO_KEY

NO_PHOTO = ""


def render_cover_choice(nb: Notebook, disabled: bool) -> tuple[bool, Path | None]:
    """Whether the post starts with a cover, and the picture behind its title (``None``: the theme)."""
    cover = st.toggle(t("share.cover.toggle"), key=COVER_KEY, disabled=disabled, help=t("share.cover.help"))
    if not cover or disabled:
        return False, None
    pictures = {str(p.relative_to(nb.home)): p for p in nb.share.pictures()}
    if not pictures:
        st.caption(t("share.cover.no_pictures"))
        return True, None
    choice = st.selectbox(t("share.cover.photo"), [NO_PHOTO, *pictures], key=PHOTO_KEY,
                          format_func=lambda name: name or t("share.cover.theme_only"))
    return True, pictures.get(choice)
