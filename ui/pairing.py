"""The phone gate: when Duet serves the network (``duet app --phone``), only a paired device gets past it (#13).

A device is paired by opening the QR code's address, which carries a one-time
code; its browser then keeps its own device token in a cookie (Secure,
SameSite=Strict) and brings it on every visit. Every run checks the token
again, so a device revoked in Settings is refused on its next click. Behind
this gate the app lock still asks for the passphrase: pairing says which
phone, the passphrase says who.
"""

from __future__ import annotations

import json
import os

import streamlit as st

from journal.errors import DuetError
from journal.i18n import t
from journal.notebook import Notebook

PHONE_ENV = "DUET_PHONE"            # set by `duet app --phone`: the network is listening
PHONE_URL_ENV = "DUET_PHONE_URL"    # the https address a phone types (for the QR code in Settings)
COOKIE = "duet_device"
COOKIE_DAYS = 400                   # browsers cap a cookie's life at 400 days
PAIR_PARAM = "pair"
TOKEN_KEY = "_device_token"
DEVICE_NAMES = (("iPhone", "iPhone"), ("iPad", "iPad"), ("Android", "Android"), ("Macintosh", "Mac"),
                ("Windows", "Windows"), ("Linux", "Linux"))


def phone_mode() -> bool:
    return os.environ.get(PHONE_ENV) == "1"


def is_paired(nb: Notebook) -> bool:
    """Not serving the network, or this session's device holds a token that is still good; changes nothing."""
    if not phone_mode():
        return True
    token = st.session_state.get(TOKEN_KEY) or _cookie()
    try:
        device = nb.devices.recognise(token)
    except DuetError:
        return False
    if device is None:
        st.session_state.pop(TOKEN_KEY, None)
        return False
    st.session_state[TOKEN_KEY] = token
    return True


def require_paired(nb: Notebook) -> None:
    """Return for a paired device (or a pairing code spent just now); else the lock, with no way past it, and stop."""
    if is_paired(nb):
        return
    code = st.query_params.get(PAIR_PARAM)
    if code:
        del st.query_params[PAIR_PARAM]
        try:
            _device, token = nb.devices.pair(code, _device_name())
        except DuetError as exc:
            _not_paired(nb, exc)
            st.stop()
        st.session_state[TOKEN_KEY] = token
        _keep_token(token)
        return
    _not_paired(nb)
    st.stop()


def _cookie() -> str | None:
    try:
        return st.context.cookies.get(COOKIE)
    except Exception:   # no browser (AppTest)
        return None


def _device_name() -> str:
    try:
        agent = st.context.headers.get("User-Agent", "")
    except Exception:
        agent = ""
    return next((name for marker, name in DEVICE_NAMES if marker in agent), t("devices.unnamed"))


def _keep_token(token: str) -> None:
    """The browser keeps the token; Streamlit cannot set a cookie from Python, so one line of script does."""
    cookie = f"{COOKIE}={token}; Max-Age={COOKIE_DAYS * 86400}; Path=/; Secure; SameSite=Strict"
    st.html(f"<script>document.cookie = {json.dumps(cookie)};</script>", unsafe_allow_javascript=True)


def _not_paired(nb: Notebook, problem: DuetError | None = None) -> None:
    from ui.common import choose_language, show_error

    choose_language(nb)
    st.title(t("privacy.lock.screen.title"))
    st.caption(t("devices.not_paired"))
    if problem is not None:
        show_error(problem)
