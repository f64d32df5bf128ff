"""The Share page: turn an entry, story turns or one line into a post, with the privacy pass on."""

import streamlit as st

from journal.i18n import t
from ui.common import get_notebook
from ui.share.compose import COLUMNS, render_post_maker
from ui.share.source import render_source_picker

nb = get_notebook()
st.title(t("share.page.title"))
picker, _ = st.columns(COLUMNS, gap="large")
with picker:
    source = render_source_picker(nb)
if source is not None:
    render_post_maker(source)   # a fragment: changing the post reruns it alone
