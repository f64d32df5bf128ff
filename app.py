"""Duet's Streamlit entry: page config, the language, and navigation over pages/."""

import streamlit as st

from journal.i18n import t
from ui.circle import account_menu
from ui.common import apply_style, choose_language, mark_app_run, open_notebook, sync_after_first_page
from ui.lock import is_unlocked, require_unlocked, watch_idle
from ui.pairing import is_paired, require_paired
from ui.navigation import PAGES, WELCOME_PAGE, favicon_url
from ui.streamlit_strings import translate_streamlit_strings

st.set_page_config(page_title="Duet", page_icon=favicon_url(), layout="wide")
mark_app_run()
apply_style()   # the lock screen too: it is what an unpaired or locked phone sees
nb = open_notebook()   # in a circle (an [auth] section in secrets.toml): the sign-in screen, then this person's own
choose_language(nb)
translate_streamlit_strings()
# A new notebook opens on the welcome page (who answers as the companion), until it is done once.
menu = [WELCOME_PAGE, *PAGES] if nb.ai.needs_onboarding() else PAGES
pages = [st.Page(path, title=t(title_key), icon=icon, default=(i == 0))
         for i, (path, title_key, icon) in enumerate(menu)]
# Locked, the menu is hidden but still known, so a deep link keeps its address and opens once unlocked.
page = st.navigation(pages, position="sidebar" if is_paired(nb) and is_unlocked(nb) else "hidden")
require_paired(nb)     # served to the network (`duet app --phone`): an unpaired device sees only the lock
require_unlocked(nb)   # the lock screen and a stop, until this session gives the passphrase (pages ask again)
watch_idle(nb)
account_menu()         # in a circle: who is signed in, and "Sign out"
try:
    page.run()
finally:
    sync_after_first_page(nb)   # the full sync (edits made in place while Duet was closed) waits for a drawn page
