"""The lock screen: every page asks ``get_notebook()`` for the notebook, and it answers only an unlocked session.

So the gate is in one place that every page, deep link and rerun passes
through. A session is unlocked by the passphrase and stays so while it is used;
after the idle time (the lock's setting) the next run, or the idle watch that
app.py starts, shows the lock screen again. A new browser session (a new tab,
a reload) starts locked.
"""

from __future__ import annotations

import time

import streamlit as st

from journal.errors import DuetError
from journal.i18n import t
from journal.notebook import Notebook

SEEN_KEY = "_lock_last_seen"     # when this unlocked session was last used; absent: locked
FORM_KEY = "lock_form"
PASSPHRASE_KEY = "lock_passphrase"
IDLE_CHECK_SECONDS = 15          # how often an open page looks at the clock while nobody touches it
SECONDS_PER_MINUTE = 60


def require_unlocked(nb: Notebook) -> None:
    """Return when no lock is set or this session is unlocked and not idle too long; else draw the lock screen, stop."""
    if is_unlocked(nb):
        if SEEN_KEY in st.session_state:
            st.session_state[SEEN_KEY] = time.time()
        return
    lock_session()
    _lock_screen(nb)
    st.stop()


def is_unlocked(nb: Notebook) -> bool:
    """No lock, or a session unlocked by the passphrase and used within the idle time; asks nothing, changes nothing."""
    lock = nb.app_lock
    if not lock.is_set:
        return True
    try:
        idle_seconds = lock.status().idle_minutes * SECONDS_PER_MINUTE
    except DuetError:   # a damaged lock file keeps the notebook shut; the lock screen says why
        return False
    seen = st.session_state.get(SEEN_KEY)
    return seen is not None and time.time() - seen <= idle_seconds


def lock_session() -> None:
    st.session_state.pop(SEEN_KEY, None)


def unlock_session() -> None:
    st.session_state[SEEN_KEY] = time.time()


def mark_active() -> None:
    """Something the person did that reran only a fragment (typing): the idle clock starts again."""
    if SEEN_KEY in st.session_state:
        st.session_state[SEEN_KEY] = time.time()


def _lock_screen(nb: Notebook) -> None:
    from ui.common import choose_language, show_error

    choose_language(nb)
    st.title(t("privacy.lock.screen.title"))
    st.caption(t("privacy.lock.screen.explain"))
    try:
        nb.app_lock.status()
    except DuetError as exc:
        show_error(exc)
        return
    with st.form(FORM_KEY, clear_on_submit=True, enter_to_submit=True):
        passphrase = st.text_input(t("privacy.lock.screen.passphrase"), type="password", key=PASSPHRASE_KEY)
        opened = st.form_submit_button(t("privacy.lock.screen.open"), type="primary", icon=":material/lock_open:")
    if not opened:
        return
    try:
        nb.app_lock.unlock(passphrase)
    except DuetError as exc:
        show_error(exc)
        return
    unlock_session()
    st.rerun()


def watch_idle(nb: Notebook) -> None:
    """Lock an open page after the idle time even if nobody clicks anything (app.py draws this once per run)."""
    if nb.app_lock.is_set:
        with st.sidebar:
            _idle_watch(nb.app_lock.status().idle_minutes * SECONDS_PER_MINUTE)


@st.fragment(run_every=IDLE_CHECK_SECONDS)
def _idle_watch(idle_seconds: float) -> None:
    # Reruns alone, so it never counts as use; the full rerun it asks for finds the session idle and locks it.
    seen = st.session_state.get(SEEN_KEY)
    if seen is None or time.time() - seen > idle_seconds:
        st.rerun(scope="app")
