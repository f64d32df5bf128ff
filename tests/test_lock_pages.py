"""The app lock on every page, through app.py as Streamlit runs it (AppTest): the lock form and nothing else (#12)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from journal.notebook import Notebook
from journal.stories import ops
from tests.fast_argon2 import cheap_argon2  # noqa: F401  (autouse: argon2id with tiny costs)

PASSPHRASE = "lantern by the river"
TIMEOUT = 60
TITLE = "Seasecret7731"   # no markdown marks: the page escapes them
BODY = "海边的秘密 whisperedharbourphrase"
TURN = "onlyinthestoryturn 江边的约定"
PAGES = ["pages/journal.py", "pages/stories.py", "pages/companions.py", "pages/share.py", "pages/insights.py",
         "pages/settings.py"]


@pytest.fixture
def locked(duet_home: Path) -> Notebook:
    nb = Notebook.open(duet_home)
    nb.entries.create(BODY, title=TITLE)
    story = nb.stories.create(title="Harbour", companion=nb.companions.list()[0].slug)
    ops.add_user_turn(nb, story.id, TURN)
    nb.app_lock.set(PASSPHRASE, idle_minutes=5)
    return nb


def _sent(at: AppTest) -> str:
    """Everything the run sent to the browser, as text: every element's and widget's message."""
    parts: list[str] = []

    def walk(node: object) -> None:
        proto = getattr(node, "proto", None)
        if proto is not None:
            parts.append(str(proto))
        for child in (getattr(node, "children", None) or {}).values():
            walk(child)

    walk(at._tree)
    return "\n".join(parts)


def _only_the_lock_form(at: AppTest) -> None:
    assert not at.exception
    assert [t.value for t in at.title] == ["Duet is locked"]
    assert [w.label for w in at.text_input] == ["Passphrase"]
    assert [b.label for b in at.button] == ["Open"]
    assert not (at.text_area or at.selectbox or at.radio or at.checkbox or at.tabs or at.sidebar.children)
    sent = _sent(at)
    for secret in (TITLE, "whisperedharbourphrase", "海边的秘密", "onlyinthestoryturn", "江边的约定", "Harbour"):
        assert secret not in sent


def _open(app_path: str, page: str | None = None) -> AppTest:
    """The app's first run of a session, on ``page`` (a deep link) or the default page.

    A second run follows: AppTest asks for the page by its hash from then on, which to Streamlit is a
    change of page after a first run that named none, and a change of page drops the typed widget values.
    """
    at = AppTest.from_file(app_path, default_timeout=TIMEOUT)
    if page:
        at.switch_page(page)
    at.run()
    _only_the_lock_form(at)
    return at.run()


def _unlock(at: AppTest, passphrase: str = PASSPHRASE) -> AppTest:
    at.text_input(key="lock_passphrase").input(passphrase)
    return at.button[0].click().run()


@pytest.mark.parametrize("page", PAGES)
def test_every_page_shows_only_the_lock_form_until_the_passphrase(locked: Notebook, app_path: str, page: str) -> None:
    at = _open(app_path, page)   # a deep link: the first run of the session is this page
    _only_the_lock_form(at)
    _unlock(at, "not the passphrase")
    _only_the_lock_form(at)
    assert any("not the right one" in e.value for e in at.error)
    _unlock(at)
    assert not at.exception and [t.value for t in at.title] != ["Duet is locked"]
    assert "lock_passphrase" not in at.session_state   # the typed passphrase is not kept in the session
    shown = {"pages/journal.py": TITLE, "pages/stories.py": "onlyinthestoryturn"}.get(page)
    assert shown is None or shown in _sent(at)   # the walk above does see the notebook once it is shown


def test_the_session_locks_itself_after_the_idle_time(locked: Notebook, app_path: str) -> None:
    at = _open(app_path)
    _unlock(at)
    assert TITLE in _sent(at)
    at.session_state["_lock_last_seen"] = time.time() - 4 * 60   # used four minutes ago: still open
    at.run()
    assert TITLE in _sent(at)
    at.session_state["_lock_last_seen"] = time.time() - 6 * 60   # more than the five idle minutes
    at.run()
    _only_the_lock_form(at)


def test_without_a_lock_the_pages_open_at_once(duet_home: Path, app_path: str) -> None:
    Notebook.open(duet_home).entries.create(BODY, title=TITLE)
    at = AppTest.from_file(app_path, default_timeout=TIMEOUT).run()
    assert not at.exception and TITLE in _sent(at) and "Duet is locked" not in _sent(at)


def test_settings_turn_the_lock_on_change_and_remove_it_with_the_current_passphrase(duet_home: Path,
                                                                                    app_path: str) -> None:
    nb = Notebook.open(duet_home)
    at = AppTest.from_file(app_path, default_timeout=TIMEOUT)
    at.switch_page("pages/settings.py").run()
    at.text_input(key="lock_settings_new").input(PASSPHRASE)
    at.text_input(key="lock_settings_again").input(PASSPHRASE + "!")
    at.button(key="lock_settings_turn_on").click().run()
    assert any("not the same" in e.value for e in at.error) and not nb.app_lock.is_set
    at.text_input(key="lock_settings_new").input(PASSPHRASE)
    at.text_input(key="lock_settings_again").input(PASSPHRASE)
    at.number_input(key="lock_settings_idle").set_value(9)
    at.button(key="lock_settings_turn_on").click().run()
    assert not at.exception and nb.app_lock.status().idle_minutes == 9
    assert at.title[0].value == "Settings"   # the person who set it is not locked out of this session

    at.number_input(key="lock_settings_idle").set_value(12)
    at.button(key="lock_settings_save_idle").click().run()
    assert not at.error and nb.app_lock.status().idle_minutes == 12

    at.text_input(key="lock_settings_current").input("a wrong guess")
    at.button(key="lock_settings_remove").click().run()
    assert any("not the right one" in e.value for e in at.error) and nb.app_lock.is_set
    at.text_input(key="lock_settings_current").input(PASSPHRASE)
    at.text_input(key="lock_settings_new").input("a second lantern")
    at.text_input(key="lock_settings_again").input("a second lantern")
    at.button(key="lock_settings_change").click().run()
    assert not at.error
    nb.app_lock.unlock("a second lantern")

    at.button(key="lock_settings_lock_now").click().run()
    _only_the_lock_form(at)
    _unlock(at, "a second lantern")
    at.switch_page("pages/settings.py").run()
    at.text_input(key="lock_settings_current").input("a second lantern")
    at.button(key="lock_settings_remove").click().run()
    assert not at.exception and not nb.app_lock.is_set


def test_the_lock_screen_speaks_the_notebook_language(locked: Notebook, app_path: str,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DUET_LANG", "zh")
    at = AppTest.from_file(app_path, default_timeout=TIMEOUT).run()
    assert [t.value for t in at.title] == ["Duet 已锁定"] and [w.label for w in at.text_input] == ["口令"]
