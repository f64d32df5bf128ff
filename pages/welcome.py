"""The first-run page: what Duet is, and an honest choice of who answers as the companion."""

import streamlit as st

from journal.i18n import t
from ui.common import get_notebook
from ui.model_choice import render_model_choice

nb = get_notebook()
st.title(t("models.onboarding.title"))
st.markdown(t("models.onboarding.lead"))
st.markdown(f"**{t('models.onboarding.model_question')}**")
render_model_choice(nb, key="welcome")
st.divider()
left, right = st.columns(2)
if left.button(t("models.onboarding.done"), key="welcome_done", type="primary", icon=":material/edit_note:"):
    nb.ai.finish_onboarding()
    st.switch_page("pages/journal.py")
if right.button(t("models.onboarding.later"), key="welcome_later"):
    nb.ai.finish_onboarding()
    st.switch_page("pages/journal.py")
