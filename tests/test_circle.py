"""A circle (#13): each signed-in person's own notebook folder, from the OIDC issuer and subject only.

The folder rules are checked on the core (journal/circle.py through ``Notebook.person_home``); the sign-in
gate and the per-person cached Notebook through AppTest, with ``st.user`` seeded as Streamlit's login sets it.
The real provider, server and browser are in tests/test_browser_circle.py.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from journal.errors import InvalidInput
from journal.i18n import catalogue
from journal.notebook import Notebook
from journal.paths import CIRCLE_MARKER

EN = catalogue("en")
TIMEOUT = 30
ISSUER = "http://127.0.0.1:9400"
AUTH = {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "x" * 32, "client_id": "duet",
        "client_secret": "s", "server_metadata_url": f"{ISSUER}/.well-known/openid-configuration"}
SAFE_NAME = re.compile(r"^[a-z0-9-]+$")


def test_a_person_s_folder_is_named_from_issuer_and_subject_and_is_safe_on_any_disk(duet_home: Path) -> None:
    alice = Notebook.person_home(ISSUER, "alice@example.com")
    assert alice.parent == duet_home and SAFE_NAME.match(alice.name)
    assert alice.name.startswith("alice-example-com-")
    assert Notebook.person_home(ISSUER, "alice@example.com") == alice                 # stable
    assert Notebook.person_home(ISSUER, "Alice@example.com") != alice                 # case-folding disks
    assert Notebook.person_home("https://other.example", "alice@example.com") != alice   # same sub, other provider
    for hostile in ("../../etc/passwd", "/", "..", "CON", "a\x00b", "李雷", "x" * 900, " spaced out "):
        home = Notebook.person_home(ISSUER, hostile)
        assert home.parent == duet_home and SAFE_NAME.match(home.name), hostile
        assert len(home.name) <= 60
    names = {Notebook.person_home(ISSUER, s).name for s in ("李雷", "韩梅梅", "a/b", "a-b", "a b", "A B")}
    assert len(names) == 6   # look-alike subjects never share a folder


@pytest.mark.parametrize("issuer, subject", [("", "alice"), (ISSUER, ""), (ISSUER, "   "), (ISSUER, "x" * 2000)])
def test_no_identity_no_folder(issuer: str, subject: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        Notebook.person_home(issuer, subject)
    assert caught.value.key == "circle.errors.no_identity"


def test_the_circle_folder_is_private_marked_and_never_opened_as_a_notebook(duet_home: Path) -> None:
    home = Notebook.person_home(ISSUER, "alice")
    assert (duet_home / CIRCLE_MARKER).is_file()
    assert stat.S_IMODE(os.stat(duet_home).st_mode) == 0o700
    nb = Notebook.open(home)
    nb.create_entry("alice's words")
    assert stat.S_IMODE(os.stat(home).st_mode) == 0o700
    with pytest.raises(InvalidInput) as caught:
        Notebook.open(duet_home)   # `duet --home <circle>` names no one's notebook
    assert caught.value.key == "circle.errors.not_a_notebook"
    assert sorted(p.name for p in duet_home.iterdir()) == sorted([CIRCLE_MARKER, home.name])


def test_an_existing_notebook_is_never_made_a_circle(duet_home: Path) -> None:
    Notebook.open(duet_home).create_entry("the operator's own diary")
    with pytest.raises(InvalidInput) as caught:
        Notebook.person_home(ISSUER, "alice")
    assert caught.value.key == "circle.errors.root_is_notebook"
    assert not (duet_home / CIRCLE_MARKER).exists()


# --- the app: sign-in gate, one cached Notebook per person --------------------------------------------------------

SCRIPT = """
import streamlit as st
from ui.common import choose_language, get_notebook

nb = get_notebook()
choose_language(nb)
st.markdown("HOME " + str(nb.home))
for row in nb.list_entries(limit=50):
    st.markdown("ENTRY " + row.title)
"""


def _app(user: dict | None) -> AppTest:
    app = AppTest.from_string(SCRIPT, default_timeout=TIMEOUT)
    app.secrets["auth"] = AUTH
    app.user = user if user is not None else {"is_logged_in": False}
    return app.run()


def _person(sub: str, name: str) -> dict:
    return {"is_logged_in": True, "iss": ISSUER, "sub": sub, "name": name, "email": f"{sub}@example.com"}


def _shown(app: AppTest) -> str:
    return "\n".join(str(m.value) for m in app.markdown)


def test_without_sign_in_the_circle_shows_only_the_sign_in_button(duet_home: Path) -> None:
    app = _app(None)
    assert not app.exception, app.exception
    assert "HOME" not in _shown(app)
    assert [b.label for b in app.button] == [EN["circle.signin.button"]]
    assert not duet_home.exists() or not any(p.name != CIRCLE_MARKER for p in duet_home.iterdir())


def test_each_person_opens_only_their_own_notebook(duet_home: Path) -> None:
    a_home = Notebook.person_home(ISSUER, "alice")
    Notebook.open(a_home).create_entry("Alice's secret about the lighthouse", title="Lighthouse")
    alice = _app(_person("alice", "Alice"))
    assert not alice.exception, alice.exception
    assert f"HOME {a_home}" in _shown(alice) and "ENTRY Lighthouse" in _shown(alice)
    # Bob, in the same process, after Alice's Notebook is cached: his own (new, empty) folder, not hers.
    bob = _app(_person("bob", "Alice"))   # the same display name changes nothing
    assert not bob.exception, bob.exception
    b_home = Notebook.person_home(ISSUER, "bob")
    assert f"HOME {b_home}" in _shown(bob) and "Lighthouse" not in _shown(bob)
    assert _app(_person("alice", "Alice")).markdown  # and Alice still gets hers back
    assert "ENTRY Lighthouse" in _shown(_app(_person("alice", "Alice")))


def test_a_session_whose_person_changes_keeps_nothing_of_the_first(duet_home: Path) -> None:
    app = _app(_person("alice", "Alice"))
    app.session_state["journal_draft_body"] = "Alice, half-written"
    app.user = _person("bob", "Bob")
    app.run()
    assert not app.exception, app.exception
    assert "journal_draft_body" not in app.session_state


def test_without_auth_duet_is_the_one_person_app(duet_home: Path) -> None:
    Notebook.open(duet_home).create_entry("one person's words", title="Mine")
    app = AppTest.from_string(SCRIPT, default_timeout=TIMEOUT).run()
    assert not app.exception, app.exception
    assert f"HOME {duet_home}" in _shown(app) and "ENTRY Mine" in _shown(app)
    assert not (duet_home / CIRCLE_MARKER).exists()


DATA_SCRIPT = """
from ui.common import choose_language, get_notebook
from ui.settings.data import render_data_settings

nb = get_notebook()
choose_language(nb)
render_data_settings(nb)
"""


def test_in_a_circle_import_takes_uploads_only(duet_home: Path) -> None:
    """A path typed in Settings would read the server's disk: another person's folder included."""
    circle = AppTest.from_string(DATA_SCRIPT, default_timeout=TIMEOUT)
    circle.secrets["auth"] = AUTH
    circle.user = _person("bob", "Bob")
    circle.run()
    assert not circle.exception, circle.exception
    labels = [w.label for w in circle.text_input]
    assert EN["data.ui.local_path"] not in labels
    assert EN["circle.import_uploads_only"] in [str(c.value) for c in circle.caption]


def test_alone_import_still_takes_a_path_too(duet_home: Path) -> None:
    alone = AppTest.from_string(DATA_SCRIPT, default_timeout=TIMEOUT).run()
    assert not alone.exception, alone.exception
    assert EN["data.ui.local_path"] in [w.label for w in alone.text_input]


# --- no shared state holds one person's data ----------------------------------------------------------------------

ROOT = Path(__file__).resolve().parent.parent
CACHE_DECORATORS = {"cache_data", "cache_resource", "lru_cache", "cache"}
# Every cache in the app, and why one person's entry can never be served to another: either its key holds the
# person's notebook folder (``home``), or its value is made from its key alone (the same words give the same
# picture, whoever asks, and no one gets words they did not give).
PERSON_KEYED = {"ui/common.py:_open_notebook", "ui/insights/view.py:_cached_figures", "ui/insights/view.py:_cached_period",
                "ui/journal/letters.py:_carousel", "ui/share/source.py:_cached_labels"}
MADE_FROM_KEY_ALONE = {
    "ui/share/caption.py:_default_caption",   # key: the whole source as JSON (ui.share.privacy.source_key)
    "ui/share/preview.py:_card_pngs",         # key: the post's content id, a hash of everything drawn
    "ui/share/preview.py:_card_previews",     # key: the same content id (and the width); made from those cards
    "ui/stories/turns.py:turn_html",          # key: the turn's text (and ``home`` when it shows pictures)
    "ui/journal/browser.py:row_markdown",     # key: the listed row's words, time, tags and language, nothing else
    "ui/navigation.py:favicon_url",           # no key: the icon shipped with the app
}


def _caches() -> dict[str, list[str]]:
    import ast

    found = {}
    for path in [ROOT / "app.py", *(ROOT / "pages").glob("*.py"), *(ROOT / "ui").rglob("*.py")]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.FunctionDef):
                continue
            for deco in node.decorator_list:
                target = deco.func if isinstance(deco, ast.Call) else deco
                name = target.attr if isinstance(target, ast.Attribute) else getattr(target, "id", "")
                if name in CACHE_DECORATORS:
                    found[f"{path.relative_to(ROOT)}:{node.name}"] = [a.arg for a in node.args.args]
    return found


def test_every_cache_in_the_app_is_keyed_by_the_person_or_made_from_its_key_alone() -> None:
    caches = _caches()
    assert set(caches) == PERSON_KEYED | MADE_FROM_KEY_ALONE   # a new cache must say which it is, here
    for name in PERSON_KEYED:
        assert "home" in caches[name], f"{name} is not keyed by the notebook folder"   # st.cache skips _args


def test_a_half_configured_auth_section_says_so_in_a_sentence(duet_home: Path) -> None:
    app = AppTest.from_string(SCRIPT, default_timeout=TIMEOUT)
    app.secrets["auth"] = {"redirect_uri": AUTH["redirect_uri"]}   # no cookie_secret, no provider
    app.user = {"is_logged_in": False}
    app.run()
    app.button(key="circle_sign_in").click().run()
    assert not app.exception, app.exception
    assert EN["circle.signin.failed"].split("{")[0] in app.error[0].value


def test_the_operator_s_key_goes_only_to_its_own_service_never_to_an_address_a_member_typed(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from journal.ai.errors import AIMissingKey
    from journal.ai.model import AISettings
    from journal.ai.providers import remote_endpoint
    from journal.circle import claim_circle

    secrets = {"OPENAI_API_KEY": "sk-operator-0123456789"}
    own = AISettings.from_dict({"provider": "openai"})
    typed = AISettings.from_dict({"provider": "openai", "base_url": "http://127.0.0.1:9/v1"})
    monkeypatch.setenv("DUET_HOME", str(tmp_path / "alone"))
    assert remote_endpoint(typed, secrets).api_key == secrets["OPENAI_API_KEY"]   # one person: their own key
    root = tmp_path / "circle"
    claim_circle(root)
    monkeypatch.setenv("DUET_HOME", str(root))
    assert remote_endpoint(own, secrets).api_key == secrets["OPENAI_API_KEY"]
    with pytest.raises(AIMissingKey):
        remote_endpoint(typed, secrets)
