"""The post being made, as one fragment: its look, the privacy pass, the words, and the live preview.

Everything a writer changes while shaping a post (format, style, theme, cover, names to replace,
title, caption, hashtags) is drawn inside :func:`render_post_maker`, an ``st.fragment``: a change
reruns this function only, not the page, so the source picker above is not read again and the
preview follows each keystroke at the cost of one post. Picking another source reruns the page.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from journal.errors import DuetError
from journal.i18n import t
from ui.common import fragment_notebook, show_error
from ui.share.caption import render_caption, render_caption_file
from ui.share.cover import render_cover_choice
from ui.share.preview import render_preflight, render_preview
from ui.share.privacy import render_privacy, source_key
from ui.share.state import FORMAT_KEY, STYLE_KEY, THEME_KEY

COLUMNS = [2, 3]   # controls | preview, as the source picker above


@st.fragment
def render_post_maker(source: Any) -> None:
    """The controls and the preview of the post made from ``source`` (chosen outside, on a full run)."""
    nb = fragment_notebook()   # a fragment's rerun skips app.py: the lock and the language are asked here
    share = nb.share
    formats, styles, themes = share.formats, share.styles, share.themes
    controls, preview = st.columns(COLUMNS, gap="large")
    with controls:
        fmt = st.selectbox(t("share.page.format"), list(formats), format_func=lambda f: t(f"share.page.formats.{f}"),
                           key=FORMAT_KEY)
        thread = formats[fmt].is_thread
        style_col, theme_col = st.columns(2)
        style = style_col.selectbox(t("share.page.style"), styles, format_func=lambda s: t(f"share.page.styles.{s}"),
                                    key=STYLE_KEY, index=styles.index("page"), disabled=thread)
        theme = theme_col.selectbox(t("share.page.theme"), list(themes),
                                    format_func=lambda n: t(f"share.page.themes.{n}"), key=THEME_KEY,
                                    index=list(themes).index(share.default_theme), disabled=thread)
        cover, cover_photo = render_cover_choice(nb, disabled=thread)
        st.subheader(t("share.privacy.heading"))
        protected, privacy = render_privacy(nb, source)
        st.subheader(t("share.caption.heading"))
        title, caption, hashtags = render_caption(nb, protected.source, source_key(protected.source),
                                                  source_key(source), fmt)
        try:  # the one pipeline the CLI uses too: same pass over typed words, same label, same post
            post = share.make_post(source, fmt, style, theme, title=title, caption=caption, hashtags=hashtags,
                             render=False, cover=cover, cover_photo=cover_photo, **privacy.as_options())
        except DuetError as exc:
            show_error(exc)
            return
        render_caption_file(share.file(post, "caption"))
        render_preflight(nb, post)
    with preview:
        render_preview(nb, post)
