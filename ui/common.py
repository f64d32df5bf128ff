"""What every page needs from Streamlit: the notebook, the language, safe markdown, errors."""

from __future__ import annotations

import logging
import os
import re
import threading
import time
import weakref
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import Any, TypeVar

import streamlit as st

from journal.entries.model import EntryFilter
from journal.errors import DuetError, VaultLocked
from journal.i18n import normalize_language, set_language, t
from journal.i18n.formatting import format_number
from journal.notebook import Notebook

LANG_ENV = "DUET_LANG"
STYLESHEET = Path(__file__).parent / "assets" / "style.css"   # the app's one stylesheet (phone sizes, #13)
APP_SCRIPT = "app.py"
FLASH_KEY = "_flash"
REMOTE_IMAGES_KEY = "_remote_images_allowed"   # the entries and stories whose outside pictures may load, this session
_app_has_run = False
_full_syncs: weakref.WeakSet[Notebook] = weakref.WeakSet()   # notebooks whose background full sync has started
_full_syncs_lock = threading.Lock()
# The browser is still drawing the first page when its script run ends (~1 s of a core at 100,000 entries on a slow
# machine); the full sync (seconds of CPU at 100,000) waits this long, so the two do not share the cores (#19).
FULL_SYNC_DELAY_SECONDS = 3.0
K = TypeVar("K", bound=Hashable)
T = TypeVar("T")


def mark_app_run() -> None:
    """Called by app.py on every run: from then on Streamlit routes every page through it."""
    global _app_has_run
    _app_has_run = True


def apply_style() -> None:
    """Duet's CSS, on every page from app.py: one file, so a look is changed in one place."""
    st.html(STYLESHEET)


def _hand_over_to_app() -> None:
    """Rerun through app.py when Streamlit ran a page file on its own.

    Streamlit still has its old ``pages/`` folder mode: until app.py has
    called ``st.navigation`` once in the process, a deep link (``/settings``
    right after a restart) runs the page file alone, with the folder's file
    names as the menu and no language set. Switching Streamlit to
    ``st.navigation`` mode and rerunning puts everything right.
    """
    if _app_has_run:
        return
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    ctx = get_script_run_ctx()
    if ctx is not None and Path(ctx.main_script_path).name == APP_SCRIPT:
        PagesManager.uses_pages_directory = False  # what st.navigation itself does on its first call
        st.rerun()


@st.cache_resource(show_spinner=False)
def _open_notebook(home: str) -> Notebook:
    # One Notebook per process and folder; its SQLite connections are per thread,
    # so sharing it across reruns (which run in new threads) is safe.
    # The first page waits only for the quick sync (folders whose files were added, removed or renamed; an empty or
    # damaged index is filled in full right here). The full one comes after that page: sync_after_first_page.
    return Notebook.open(home, sync="quick")


def open_notebook_ahead() -> None:
    """The notebook opened (its quick sync) before the first session asks for it: ui/server.py's warm-up, while
    the browser loads Streamlit's scripts. Not in a circle, where each person's folder is known only once signed
    in; a folder that cannot be opened is left to the page, which says why."""
    from ui.circle import circle_mode

    if circle_mode():
        return
    try:
        nb = _open_notebook(str(Notebook.resolve_home(None)))
        # The first page's reads that keep what they found (until the next commit to the index, a change of their
        # file, or for the process), and the modules they import on first use (the picture picker's: Pillow, the
        # markdown renderer).
        nb.ai.needs_onboarding()
        nb.entries.on_this_day(milestones=False)
        nb.count_entries(EntryFilter())
        nb.entries.templates()
        nb.entries.picture_types()
    except DuetError:
        return


def sync_after_first_page(nb: Notebook) -> None:
    """Once per opened notebook, after app.py has drawn a page: the full sync, in the background (then the crisis
    check's rules are loaded, see ``Notebook.prepare_for_saving``).

    It stats every file (seconds at 100,000 entries) to catch edits made in place while Duet was closed, which
    the quick sync's folder stamps cannot see. Drawn first, the list no longer waits for it (#19); started after
    the page, it does not compete with drawing it. The next rerun shows what it found.
    """
    with _full_syncs_lock:
        if nb in _full_syncs:
            return
        _full_syncs.add(nb)
    threading.Thread(target=_full_sync, args=(nb,), name="duet-full-sync", daemon=True).start()


def _full_sync(nb: Notebook) -> None:
    time.sleep(FULL_SYNC_DELAY_SECONDS)
    try:
        nb.sync()
        nb.prepare_for_saving()   # the crisis check's rules, loaded before the first save asks for them
    except Exception:   # noqa: BLE001 - a background catch-up never takes the app down; the next start tries again
        logging.getLogger(__name__).warning("the background sync of %s stopped", nb.home, exc_info=True)


def get_notebook() -> Notebook:
    """The notebook, for an unlocked session only; if its folder cannot be opened, one sentence and nothing else.

    Every page starts here, so this is where the app lock's screen stops a locked session (ui/lock.py).
    """
    from ui.lock import require_unlocked
    from ui.pairing import require_paired

    nb = open_notebook()
    require_paired(nb)   # only when serving the network: a device that is not paired (or was revoked) stops here
    require_unlocked(nb)
    return nb


def fragment_notebook() -> Notebook:
    """The notebook at the start of an ``st.fragment`` (the open story, the post being shared).

    A fragment's own rerun runs that function alone, in a new thread: app.py is skipped, so the pairing,
    the lock and the language are asked again here. A session that is no longer let in reruns the whole
    app, which draws the lock screen instead of the page (drawn inside the fragment, the page would stay).
    """
    from ui.lock import is_unlocked, require_unlocked
    from ui.pairing import is_paired

    nb = open_notebook()
    if not (is_paired(nb) and is_unlocked(nb)):
        st.rerun(scope="app")
    require_unlocked(nb)   # counts this run as use, for the idle lock
    choose_language(nb)
    return nb


def open_notebook() -> Notebook:
    """The notebook before the lock is asked about: app.py needs its language and pages to draw the lock screen."""
    _hand_over_to_app()
    home = notebook_home()
    try:
        nb = _open_notebook(home)
    except VaultLocked:
        from ui.vault_unlock import unlock_form

        unlock_form(home)
        st.stop()
    except DuetError as exc:
        show_error(exc)
        st.stop()
    if nb.healed and st.session_state.get("_index_healed_shown") != nb.healed:   # once per session, one line
        st.session_state["_index_healed_shown"] = nb.healed
        st.toast(t(f"history.page.index_healed_{nb.healed}"), icon=":material/build:")
    return nb


def notebook_home() -> str:
    """Whose notebook this session opens: the signed-in person's own folder in a circle (ui/circle.py), else the
    one notebook (``DUET_HOME``). Every cache of notebook data is keyed by this folder, never by less."""
    from ui.circle import circle_mode, require_home

    return require_home() if circle_mode() else str(Notebook.resolve_home(None))


def forget_notebook(nb: Notebook) -> None:
    """Drop this notebook's cached ``Notebook`` only (its files are gone); other people's stay open."""
    _open_notebook.clear(str(nb.home))


def choose_language(nb: Notebook) -> str:
    """``DUET_LANG``, then the language saved in Settings, then the browser's, then English."""
    lang = (normalize_language(os.environ.get(LANG_ENV))
            or normalize_language(nb.settings.general.language)
            or normalize_language(_browser_locale())
            or "en")
    set_language(lang)
    return lang


def _browser_locale() -> str | None:
    try:
        return st.context.locale
    except Exception:  # no browser (AppTest, bare mode)
        return None


MINUTES_PER_HOUR = 60
HOURS_ONLY_FROM = 10


def duration(minutes: float, compact: bool = False) -> str:
    """"1 h 3 min"; with ``compact``, long times are whole hours ("21 h") so a metric column holds them."""
    hours, rest = divmod(round(minutes), MINUTES_PER_HOUR)
    if compact and hours >= HOURS_ONLY_FROM:
        return t("insights.duration.hours", hours=format_number(round(minutes / MINUTES_PER_HOUR)))
    if hours:
        return t("insights.duration.hours_minutes", hours=format_number(hours), minutes=rest)
    return t("insights.duration.minutes", minutes=rest)


# ``:`` and ``@`` too: Streamlit's markdown turns ``https://…``, ``www.…`` and ``a@b.c`` into links while
# reading the source, escapes and ``**`` included, and ``:word:`` into emoji and icons.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|>~<$:@&])")


def escape_markdown(text: str) -> str:
    """``text`` shown exactly as written: every character markdown would read as syntax is escaped."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


_PRE_BLOCK = re.compile(r"<pre\b.*?</pre>", re.DOTALL)
_BLANK_LINES = re.compile(r"\n\s*\n")


def html_for_st_markdown(html: str) -> str:
    """HTML that ``st.markdown`` shows as it is.

    ``st.markdown`` reads its input as markdown again, and a blank line ends
    an HTML block there: a code block with an empty line fell apart. Newlines
    inside ``<pre>`` become ``&#10;``; blank lines elsewhere mean nothing in HTML.
    """
    html = _PRE_BLOCK.sub(lambda m: m.group(0).replace("\n", "&#10;"), html)
    return _BLANK_LINES.sub("\n", html)


def render_markdown(nb: Notebook, text: str, folder: Path | None = None, *, owner: str | None = None) -> None:
    """A note as safe HTML, its pictures in ``folder`` shown; outside pictures stay placeholders until allowed for
    ``owner`` (an entry's id)."""
    rendered = nb.render(text, folder, remote_images=remote_images_allowed(owner))
    st.markdown(html_for_st_markdown(rendered.html), unsafe_allow_html=True)
    offer_remote_images(owner, rendered.blocked_hosts)


def remote_images_allowed(owner: str | None) -> bool:
    return owner is not None and owner in st.session_state.get(REMOTE_IMAGES_KEY, ())


def _allow_remote_images(owner: str) -> None:
    st.session_state[REMOTE_IMAGES_KEY] = {*st.session_state.get(REMOTE_IMAGES_KEY, ()), owner}


def offer_remote_images(owner: str | None, hosts: tuple[str, ...] | list[str]) -> None:
    """The one control that lets an entry's (or a story's) outside pictures load, naming the servers asked."""
    if owner is None or not hosts:
        return
    named = ", ".join(dict.fromkeys(hosts))
    st.button(t("privacy.images.allow", hosts=named), help=t("privacy.images.allow_help", hosts=named),
              key=f"remote_images_{owner}", icon=":material/image:", type="tertiary",
              on_click=_allow_remote_images, args=(owner,))


def show_error(exc: DuetError) -> None:
    st.error(exc.message(), icon=":material/error:")


def attempt(action: Callable[..., T], *args: Any, error_key: str) -> T | None:
    """A callback's work: ``action(*args)``; when it fails, its sentence is kept under ``error_key`` for the page
    to show where it belongs on the rerun that follows. Returns what ``action`` returned, or None."""
    try:
        return action(*args)
    except DuetError as exc:
        st.session_state[error_key] = exc.message()
        return None


def flash(message_key: str, **params: object) -> None:
    """A one-time toast after the rerun that follows an action.

    The key is kept, not the sentence: the action may change the language (Settings), and the toast
    must speak the language of the page that shows it.
    """
    st.session_state[FLASH_KEY] = (message_key, params)


def show_flash() -> None:
    pending = st.session_state.pop(FLASH_KEY, None)
    if pending:
        message_key, params = pending
        st.toast(t(message_key, **params))


def unique_labels(labels: dict[K, str]) -> dict[K, str]:
    """The same options, no two labels alike: a selectbox's browser sends the picked label back, not the id.

    Two options with one label (two stories with the default title and as many turns, two untitled entries
    of one day) were one option to Streamlit, and picking one of them gave the other. A repeated label gets
    a number, "label (2)", in the order of the options.
    """
    unique: dict[K, str] = {}
    seen: dict[str, int] = {}
    for key, label in labels.items():
        seen[label] = seen.get(label, 0) + 1
        unique[key] = label if seen[label] == 1 else t("stories.picker.duplicate", label=label, number=seen[label])
    return unique
