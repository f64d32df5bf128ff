"""Settings: where the notebook lives, the interface language, and rebuilding the index."""

from __future__ import annotations

import streamlit as st

from journal.i18n import LANGUAGES, t
from journal.notebook import Notebook
from journal.settings import read_section, write_section
from ui.common import flash

AUTO = ""


def _save_language(nb: Notebook) -> None:
    general = read_section(nb.home, "general")
    general["language"] = st.session_state["settings_language"] or None
    write_section(nb.home, "general", general)
    flash("settings.language_saved")


def render_general_settings(nb: Notebook) -> None:
    st.subheader(t("settings.general"))
    st.text_input(t("settings.home"), value=str(nb.home), disabled=True, key="settings_home",
                  help=t("settings.home_help"))
    saved = read_section(nb.home, "general").get("language") or AUTO
    options = [AUTO, *LANGUAGES]
    if "settings_language" not in st.session_state:
        st.session_state["settings_language"] = saved if saved in options else AUTO
    st.selectbox(t("settings.language"), options, key="settings_language", on_change=_save_language, args=(nb,),
                 format_func=lambda code: LANGUAGES.get(code) or t("settings.language_auto"))
    if st.button(t("settings.reindex"), key="settings_reindex", help=t("settings.reindex_help")):
        with st.spinner(t("settings.reindexing")):
            report = nb.reindex()
        st.success(t("settings.reindexed", count=report.indexed))
        for path, error in report.broken:
            st.warning(t("settings.broken_file", path=path, error=error))
