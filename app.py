"""Duet's Streamlit entry: page config, the language, and navigation over pages/."""

import streamlit as st

from journal.ai.models import needs_onboarding
from journal.i18n import t
from ui.common import apply_style, choose_language, get_notebook, mark_app_run
from ui.navigation import FAVICON, PAGES, WELCOME_PAGE
from ui.streamlit_strings import translate_streamlit_strings

st.set_page_config(page_title="Duet", page_icon=str(FAVICON), layout="wide")
mark_app_run()
apply_style()
choose_language(get_notebook())
translate_streamlit_strings()
# A new notebook opens on the welcome page (who answers as the companion), until it is done once.
menu = [WELCOME_PAGE, *PAGES] if needs_onboarding(get_notebook().home) else PAGES
pages = [st.Page(path, title=t(title_key), icon=icon, default=(i == 0))
         for i, (path, title_key, icon) in enumerate(menu)]
st.navigation(pages).run()
