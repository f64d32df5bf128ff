"""Signed-in people (#13): with an ``[auth]`` section in ``.streamlit/secrets.toml``, Duet serves a circle.

Every session then signs in with Streamlit's ``st.login`` (OpenID Connect) and
opens only the notebook folder named from its own identity token's issuer and
subject (``Notebook.person_home``). Nothing else decides whose notes a session
reads: not a display name, not a query parameter, not a choice in the page, and
there is no admin view of other people's notebooks. Without ``[auth]`` nothing
here runs and Duet is the one-person app it always was.

Streamlit reads the identity cookie when a session starts, so a session keeps
one person for its whole life; the session state is still wiped if that ever
changes, so one person's unsaved words can never be drawn in another's page.
"""

from __future__ import annotations

import os

import streamlit as st

from journal.errors import DuetError
from journal.i18n import normalize_language, set_language, t
from journal.notebook import Notebook

AUTH_SECTION = "auth"
PERSON_KEY = "_circle_person"      # the folder this session's state belongs to
LANG_ENV = "DUET_LANG"


def circle_mode() -> bool:
    """True when secrets.toml configures sign-in: every session must then sign in and gets its own folder."""
    try:
        return bool(st.secrets.load_if_toml_exists() and AUTH_SECTION in st.secrets)
    except Exception:   # an unreadable secrets file: Streamlit itself reports it; no sign-in is possible
        return False


def signed_in_home() -> str | None:
    """This session's own notebook folder, or None until the person has signed in."""
    user = st.user
    if not user.get("is_logged_in"):
        return None
    home = str(Notebook.person_home(str(user.get("iss") or ""), str(user.get("sub") or "")))
    if st.session_state.get(PERSON_KEY) not in (None, home):
        for key in list(st.session_state.keys()):   # another person in this session: nothing of the first stays
            del st.session_state[key]
    st.session_state[PERSON_KEY] = home
    return home


def require_home() -> str:
    """The signed-in person's folder; until then, the sign-in screen and a stop (no page, no notebook)."""
    try:
        home = signed_in_home()
    except DuetError as exc:
        _sign_in_screen(exc)
        st.stop()
    if home is None:
        _sign_in_screen()
        st.stop()
    return home


def _sign_in_screen(problem: DuetError | None = None) -> None:
    set_language(normalize_language(os.environ.get(LANG_ENV)) or normalize_language(_browser_locale()) or "en")
    st.title(t("circle.signin.title"))
    st.write(t("circle.signin.explain"))
    if problem is not None:
        st.error(problem.message(), icon=":material/error:")
    if st.button(t("circle.signin.button"), type="primary", icon=":material/login:", key="circle_sign_in"):
        from streamlit.errors import StreamlitAuthError

        try:
            st.login()
        except StreamlitAuthError as exc:   # [auth] lacks a setting st.login needs: say so, not a traceback
            st.error(t("circle.signin.failed", reason=str(exc)), icon=":material/error:")


def account_menu() -> None:
    """Who is signed in, and the way out, at the foot of the sidebar (in a circle only)."""
    if not circle_mode() or not st.user.get("is_logged_in"):
        return
    from ui.common import escape_markdown

    with st.sidebar:
        name = str(st.user.get("name") or st.user.get("email") or st.user.get("sub") or "")
        st.caption(t("circle.account.signed_in", name=escape_markdown(name)))
        if st.button(t("circle.account.sign_out"), key="circle_sign_out", icon=":material/logout:",
                     type="tertiary"):
            st.session_state.clear()
            st.logout()


def _browser_locale() -> str | None:
    try:
        return st.context.locale
    except Exception:  # no browser (AppTest)
        return None
