"""The Share page: turn an entry, story turns or one line into a post, with the privacy pass on."""

import streamlit as st

from journal.errors import DuetError
from journal.i18n import t
from journal.share.export import caption_file
from journal.share.post import make_post
from journal.share.formats import FORMATS, STYLES
from journal.share.themes import DEFAULT_THEME, THEMES
from ui.common import get_notebook, show_error
from ui.share.cover import render_cover_choice
from ui.share.caption import render_caption, render_caption_file
from ui.share.preview import render_preflight, render_preview
from ui.share.privacy import render_privacy, source_key
from ui.share.source import render_source_picker

nb = get_notebook()
st.title(t("share.page.title"))
controls, preview = st.columns([2, 3], gap="large")

with controls:
    source = render_source_picker(nb)
    fmt = st.selectbox(t("share.page.format"), list(FORMATS), format_func=lambda f: t(f"share.page.formats.{f}"),
                       key="share_format")
    style_col, theme_col = st.columns(2)
    style = style_col.selectbox(t("share.page.style"), STYLES, format_func=lambda s: t(f"share.page.styles.{s}"),
                                key="share_style", index=STYLES.index("page"), disabled=FORMATS[fmt].is_thread)
    theme = theme_col.selectbox(t("share.page.theme"), list(THEMES), format_func=lambda n: t(f"share.page.themes.{n}"),
                                key="share_theme", index=list(THEMES).index(DEFAULT_THEME),
                                disabled=FORMATS[fmt].is_thread)
    cover, cover_photo = render_cover_choice(nb, disabled=FORMATS[fmt].is_thread)
    if source is None:
        st.stop()
    st.subheader(t("share.privacy.heading"))
    protected, privacy = render_privacy(nb, source)
    key = source_key(protected.source)
    st.subheader(t("share.caption.heading"))
    title, caption, hashtags = render_caption(nb, protected.source, key, source_key(source), fmt)
    try:  # the one pipeline the CLI uses too: same pass over typed words, same label, same post
        post = make_post(source, fmt, style, theme, title=title, caption=caption, hashtags=hashtags,
                         render=False, cover=cover, cover_photo=cover_photo, **privacy.as_options())
    except DuetError as exc:
        show_error(exc)
        st.stop()
    render_caption_file(caption_file(post))
    render_preflight(post)

with preview:
    render_preview(post)
