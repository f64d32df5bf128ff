"""The Share page: turn an entry, story turns or one line into a post, with the privacy pass on."""

import streamlit as st

from journal.i18n import t
from journal.share.formats import FORMATS, STYLES
from journal.share.themes import DEFAULT_THEME, THEMES
from ui.common import get_notebook
from ui.share.caption import render_caption
from ui.share.preview import render_preview
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
    if source is None:
        st.stop()
    st.subheader(t("share.privacy.heading"))
    protected = render_privacy(nb, source)
    key = source_key(protected.source)
    st.subheader(t("share.caption.heading"))
    title, caption, hashtags = render_caption(nb, protected.source, key, source_key(source), fmt)

with preview:
    render_preview(protected.source, key, fmt, style, theme, title, caption, hashtags)
