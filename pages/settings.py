"""The Settings page: general, AI provider, and your data (import, export, delete)."""

import streamlit as st

from journal.i18n import t
from ui.common import get_notebook, show_flash
from ui.settings_general import render_general_settings

nb = get_notebook()
st.title(t("settings.title"))
show_flash()
render_general_settings(nb)
