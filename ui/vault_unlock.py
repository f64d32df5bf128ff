"""The one thing a locked vault shows: a form for its passphrase (or recovery key), before any page draws.

The key, once the passphrase opens it, is held by this app process
(journal.store.sealed) until it stops; every browser session then reads the
notebook. The app lock, not this form, decides who may use a running app.
"""

from __future__ import annotations

import streamlit as st

from journal.errors import DuetError
from journal.i18n import t
from journal.notebook import Notebook

PASSPHRASE_KEY = "vault_passphrase"


def unlock_form(home: str) -> None:
    """Ask for the passphrase; on a right one, open the notebook and rerun; on a wrong one, say so (nothing changes)."""
    st.title(t("vault.page.title"))
    st.write(t("vault.page.explain"))
    with st.form("vault_unlock"):
        passphrase = st.text_input(t("vault.page.passphrase"), type="password", key=PASSPHRASE_KEY)
        submitted = st.form_submit_button(t("vault.page.unlock"), type="primary")
    if not submitted:
        return
    try:
        Notebook.open(home, passphrase=passphrase, sync=False)
    except DuetError as exc:
        st.error(exc.message())
        return
    st.session_state.pop(PASSPHRASE_KEY, None)
    st.rerun()
