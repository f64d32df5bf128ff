"""Settings: where the notebook lives, the interface language, and rebuilding the index."""

from __future__ import annotations

import streamlit as st

from journal.i18n import LANGUAGES, t, tn
from journal.notebook import Notebook
from journal.safety.model import REGIONS
from ui.common import flash

AUTO = ""
LANGUAGE_KEY = "settings_language"


def forget_language_choice() -> None:
    """Let the language box show settings.yaml again on the next run (after a delete-everything)."""
    st.session_state.pop(LANGUAGE_KEY, None)


def _save_language(nb: Notebook) -> None:
    nb.save_general(language=st.session_state[LANGUAGE_KEY] or None)
    flash("settings.language_saved")


def _save_region(nb: Notebook) -> None:
    nb.save_general(region=st.session_state["settings_help_region"] or None)
    flash("settings.help_region_saved")


def render_help_region(nb: Notebook) -> None:
    """The country whose help lines the safety panel adds to those of the language a person writes in."""
    options = [AUTO, *REGIONS]
    if "settings_help_region" not in st.session_state:
        st.session_state["settings_help_region"] = nb.settings.general.region or AUTO
    st.selectbox(t("settings.help_region"), options, key="settings_help_region", on_change=_save_region, args=(nb,),
                 format_func=lambda code: t(f"safety.regions.{code}") if code else t("settings.help_region_auto"),
                 help=t("settings.help_region_help"))


def render_general_settings(nb: Notebook) -> None:
    st.text_input(t("settings.home"), value=str(nb.home), disabled=True, key="settings_home",
                  help=t("settings.home_help"))
    saved = nb.settings.general.language or AUTO
    options = [AUTO, *LANGUAGES]
    if LANGUAGE_KEY not in st.session_state:
        st.session_state[LANGUAGE_KEY] = saved if saved in options else AUTO
    st.selectbox(t("settings.language"), options, key=LANGUAGE_KEY, on_change=_save_language, args=(nb,),
                 format_func=lambda code: LANGUAGES.get(code) or t("settings.language_auto"))
    render_help_region(nb)
    if st.button(t("settings.reindex"), key="settings_reindex", help=t("settings.reindex_help")):
        with st.spinner(t("settings.reindexing")):
            report = nb.reindex()
        st.success(t("settings.reindexed", count=report.indexed))
        broken = report.broken
    else:
        broken = nb.sync().broken   # a full sync re-reads only changed and unreadable files
    if broken:
        st.warning(tn("settings.broken_files", len(broken)))
        for path, error in broken:
            st.caption(t("settings.broken_file", path=path, error=error))
