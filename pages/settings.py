"""The Settings page: general, AI provider, your data (import, export, delete), and privacy (the app lock)."""

import streamlit as st

from journal.i18n import t
from ui.common import get_notebook, show_flash
from ui.model_choice import render_model_choice
from ui.settings.ai import render_ai_settings
from ui.settings.data import render_data_settings, show_deleted_report
from ui.settings.general import render_general_settings
from ui.settings.lock import render_lock_settings

nb = get_notebook()
st.title(t("settings.title"))
show_flash()
show_deleted_report()
general, ai, data, privacy = st.tabs([t("settings.general"), t("settings.ai"), t("settings.data"),
                                      t("privacy.lock.settings.tab")])
with general:
    render_general_settings(nb)
with ai:
    render_model_choice(nb)
    st.divider()
    render_ai_settings(nb)
with data:
    render_data_settings(nb)
with privacy:
    render_lock_settings(nb)
