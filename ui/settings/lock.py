"""Settings → Privacy: turn the app lock on, change or remove its passphrase, choose the idle time, lock now.

Changing or removing asks for the current passphrase (the core checks it, with
the same growing waits as the lock screen), so a person who walks up to an
unlocked page cannot quietly take the lock off.
"""

from __future__ import annotations

import streamlit as st

from journal.errors import DuetError, InvalidInput
from journal.i18n import t
from journal.notebook import Notebook
from ui.common import flash, show_error
from ui.lock import lock_session, unlock_session

PREFIX = "lock_settings_"


def _key(name: str) -> str:
    return PREFIX + name


def _new_passphrase() -> str:
    new, again = st.session_state.get(_key("new"), ""), st.session_state.get(_key("again"), "")
    if new != again:
        raise InvalidInput("privacy.passphrase.mismatch")
    return new


def _run(action: str, nb: Notebook) -> None:
    """A form's button, in its callback (before the page is drawn); the fields are emptied whatever happens."""
    lock = nb.app_lock
    try:
        if action == "turn_on":
            lock.set(_new_passphrase(), idle_minutes=st.session_state[_key("idle")])
            unlock_session()   # the person who set it stays in; the next session is asked
        elif action == "change":
            lock.set(_new_passphrase(), current=st.session_state.get(_key("current"), ""))
        elif action == "save_idle":
            lock.set_idle(st.session_state[_key("idle")])
        elif action == "remove":
            lock.remove(st.session_state.get(_key("current"), ""))
    except DuetError as exc:
        st.session_state[_key("error")] = exc
    else:
        flash({"turn_on": "privacy.lock.settings.turned_on", "change": "privacy.lock.settings.changed",
               "save_idle": "privacy.lock.settings.idle_saved", "remove": "privacy.lock.settings.removed"}[action])
    for name in ("new", "again", "current"):
        st.session_state[_key(name)] = ""


def render_lock_settings(nb: Notebook) -> None:
    st.subheader(t("privacy.lock.settings.title"))
    st.caption(t("privacy.lock.settings.explain"))
    error = st.session_state.pop(_key("error"), None)
    if error is not None:
        show_error(error)
    lock = nb.app_lock
    try:
        status = lock.status()
    except DuetError as exc:
        show_error(exc)
        return
    if _key("idle") not in st.session_state:
        st.session_state[_key("idle")] = status.idle_minutes
    idle = {"label": t("privacy.lock.settings.idle"), "key": _key("idle"), "step": 1,
            "min_value": lock.MIN_IDLE_MINUTES, "max_value": lock.MAX_IDLE_MINUTES}
    if not status.is_set:
        st.info(t("privacy.lock.settings.off"), icon=":material/lock_open:")
        _passphrase_pair(lock.MIN_PASSPHRASE_CHARS)
        st.number_input(**idle)
        st.button(t("privacy.lock.settings.turn_on"), key=_key("turn_on"), type="primary", icon=":material/lock:",
                  on_click=_run, args=("turn_on", nb))
        return
    st.success(t("privacy.lock.settings.on", minutes=status.idle_minutes), icon=":material/lock:")
    if st.button(t("privacy.lock.settings.lock_now"), key=_key("lock_now"), icon=":material/lock:"):
        lock_session()
        st.rerun()
    st.number_input(**idle)
    st.button(t("privacy.lock.settings.save_idle"), key=_key("save_idle"), on_click=_run, args=("save_idle", nb))
    st.text_input(t("privacy.lock.settings.current"), type="password", key=_key("current"))
    with st.expander(t("privacy.lock.settings.change"), icon=":material/key:"):
        _passphrase_pair(lock.MIN_PASSPHRASE_CHARS)
        st.button(t("privacy.lock.settings.change"), key=_key("change"), on_click=_run, args=("change", nb))
    st.button(t("privacy.lock.settings.remove"), key=_key("remove"), icon=":material/lock_open:",
              on_click=_run, args=("remove", nb))


def _passphrase_pair(minimum: int) -> None:
    st.text_input(t("privacy.lock.settings.new"), type="password", key=_key("new"),
                  help=t("privacy.lock.settings.new_help", minimum=minimum))
    st.text_input(t("privacy.lock.settings.again"), type="password", key=_key("again"))
