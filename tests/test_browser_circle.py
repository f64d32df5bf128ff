"""A circle in a real browser (#13): two people sign in against a real OpenID provider and never see each other.

One mock OpenID Connect provider (``oidc-provider-mock``) and one ``streamlit run`` with an ``[auth]`` section
serve the whole module; Alice and Bob each sign in through the provider's own form in their own Chromium
context (their own cookies), so every check below goes through st.login, the identity cookie, the person's
folder and the cached Notebook as a real circle does. Each person's notebook is seeded with words no one else
has (an entry, a companion, a story, an unsent draft); every page, search, share export and backup download of
one person is then read for the other's words. Break the isolation (key the cached Notebook by nothing, name
the folder from the display name) and these go red.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout, expect

from journal.notebook import Notebook
from journal.stories.model import Turn
from tests.browser import CHROMIUM, CHROMIUM_FLAGS, free_port, needs_chromium, streamlit_server
from tests.oidc import INSECURE_ENV, issuer, oidc_provider, register, write_secrets

pytestmark = [pytest.mark.browser, needs_chromium]
WAIT_MS = 30_000
LOADED_MS = 90_000
PAGES = ("", "stories", "companions", "share", "insights", "settings")   # "" is the Journal, the default page


@dataclass
class Person:
    sub: str
    name: str
    words: dict[str, str]            # what only this person wrote: kind -> a word no one else has
    home: Path | None = None
    page: Any = None
    entry_id: str = ""
    seen: list[str] = field(default_factory=list)


ALICE = Person("alice", "Alice", {"entry": "amberwhale", "title": "Lighthouse keeper", "companion": "Quillon",
                                  "story": "Ambertide", "turn": "saltlantern", "draft": "amberdraft"})
BOB = Person("bob", "Bob", {"entry": "bluefinch", "title": "Orchard ladder", "companion": "Perrault",
                            "story": "Bluecoast", "turn": "quincerope", "draft": "bluedraft"})


def _seed(person: Person, issuer: str, root: Path) -> None:
    """One entry, one companion, one story and one unsent draft, written where the app will look for them."""
    person.home = Notebook.person_home(issuer, person.sub, root=root)
    nb = Notebook.open(person.home)
    w = person.words
    entry = nb.create_entry(f"Tonight {w['entry']} sang under the pier.", title=w["title"], tags=[w["entry"]])
    person.entry_id = entry.id
    companion = nb.companions.create(w["companion"], description=f"{w['companion']} keeps the {w['entry']} light.")
    nb.stories.create(title=w["story"], companion=companion.slug, companion_name=w["companion"],
                      turns=[Turn(id="t1", role="user", alternatives=[f"The {w['turn']} swings in the wind."])])
    nb.save_draft("new", body=f"{w['draft']} words I have not sent", title="")


def _sign_in(browser: Any, url: str, person: Person) -> Any:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(url, wait_until="networkidle")
    page.get_by_role("button", name="Sign in").click(timeout=LOADED_MS)
    page.locator("input[name=sub]").fill(person.sub, timeout=WAIT_MS)   # the provider's own sign-in form
    page.get_by_role("button", name="Authorize").click()
    page.get_by_role("heading", name="Journal").first.wait_for(timeout=LOADED_MS)
    return page


@pytest.fixture(scope="module")
def circle(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Person, Person]]:
    from playwright.sync_api import sync_playwright

    tmp = tmp_path_factory.mktemp("circle")
    root = tmp / "circle"
    port = free_port()
    with oidc_provider() as provider:
        for person in (ALICE, BOB):
            register(provider, person.sub, person.name)
            _seed(person, issuer(provider), root)
        secrets = write_secrets(tmp / "secrets.toml", provider, port)
        with streamlit_server(root, port=port, extra_args=["--secrets.files", str(secrets)],
                              extra_env={INSECURE_ENV: "1"}) as url, sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
            try:
                ALICE.page = _sign_in(browser, url, ALICE)
                BOB.page = _sign_in(browser, url, BOB)
                yield url, ALICE, BOB
            finally:
                browser.close()


def _text(page: Any) -> str:
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(300)
    return page.locator('[data-testid="stApp"]').inner_text()


def _open(url: str, person: Person, path: str, wait_for: str | None = None) -> str:
    person.page.goto(f"{url}/{path}", wait_until="networkidle")
    if wait_for:
        person.page.get_by_text(wait_for).first.wait_for(timeout=LOADED_MS)
    else:
        person.page.locator('[data-testid="stMainBlockContainer"] h1').first.wait_for(timeout=LOADED_MS)
    return _text(person.page)


def _never(shown: str, other: Person, where: str) -> None:
    leaked = [word for word in other.words.values() if word in shown]
    assert leaked == [], f"{other.name}'s words on the other person's {where or 'journal'}: {leaked}"


def test_each_person_lands_in_their_own_folder_named_from_the_subject(circle) -> None:
    url, alice, bob = circle
    assert alice.home != bob.home and alice.home.parent == bob.home.parent
    assert alice.home.name.startswith("alice-") and bob.home.name.startswith("bob-")
    assert "Signed in as Alice" in _text(alice.page) and "Signed in as Bob" in _text(bob.page)


@pytest.mark.parametrize("path", PAGES)
def test_every_page_shows_only_the_person_s_own_notes(circle, path: str) -> None:
    url, alice, bob = circle
    own = {"": "title", "stories": "story", "companions": "companion", "share": "title"}
    for me, other in ((alice, bob), (bob, alice)):
        shown = _open(url, me, path, wait_for=me.words[own[path]] if path in own else None)
        _never(shown, other, path)
        if path == "":   # the composer brings back this person's own unsent draft, never the other's
            expect(me.page.get_by_label("Entry")).to_have_value(re.compile(me.words["draft"]), timeout=WAIT_MS)
            assert other.words["draft"] not in me.page.get_by_label("Entry").input_value()


def test_search_finds_only_the_person_s_own_entries(circle) -> None:
    url, alice, bob = circle
    for me, other in ((alice, bob), (bob, alice)):
        _open(url, me, "", wait_for=me.words["title"])
        box = me.page.get_by_role("textbox", name="Search")
        box.fill(me.words["entry"])
        box.press("Enter")
        me.page.locator("strong", has_text=me.words["entry"]).first.wait_for(timeout=WAIT_MS)
        box.fill(other.words["entry"])
        box.press("Enter")
        me.page.wait_for_timeout(1500)
        _never(_text(me.page), other, "search")


def test_a_deep_link_to_the_other_person_s_entry_shows_nothing_of_it(circle) -> None:
    url, alice, bob = circle
    bob.page.goto(f"{url}/share?entry={alice.entry_id}", wait_until="networkidle")   # ?entry= is read by Share
    bob.page.get_by_test_id("stSelectbox").first.wait_for(timeout=LOADED_MS)       # the post maker has drawn
    bob.page.wait_for_timeout(1500)
    _never(_text(bob.page), alice, "deep link")


def _download(page: Any, button: Any) -> bytes:
    with page.expect_download(timeout=LOADED_MS) as info:
        button.click()
    return Path(info.value.path()).read_bytes()


def test_backups_hold_only_the_person_s_own_notebook(circle) -> None:
    url, alice, bob = circle
    for me, other in ((alice, bob), (bob, alice)):
        _open(url, me, "settings")
        me.page.get_by_role("tab", name="Your data").click()
        data = _download(me.page, me.page.get_by_role("button", name="JSON"))
        text = data.decode("utf-8")
        assert me.words["entry"] in text and me.words["turn"] in text and me.words["companion"] in text
        _never(text, other, "JSON backup")
        data = _download(me.page, me.page.get_by_role("button", name="Markdown"))
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            everything = "\n".join(archive.read(n).decode("utf-8", "replace") for n in archive.namelist())
        assert me.words["entry"] in everything
        _never(everything, other, "markdown backup")


def test_share_exports_hold_only_the_person_s_own_words(circle) -> None:
    url, alice, bob = circle
    for me, other in ((alice, bob), (bob, alice)):
        shown = _open(url, me, "share", wait_for=me.words["title"])
        _never(shown, other, "share")
        data = _download(me.page, me.page.get_by_role("button", name="Markdown"))
        text = data.decode("utf-8")
        assert me.words["entry"] in text
        _never(text, other, "share export")


def test_drafts_typed_at_the_same_time_stay_with_their_writers(circle) -> None:
    url, alice, bob = circle
    for me in (alice, bob):
        _open(url, me, "", wait_for=me.words["title"])
    # Both type at once, interleaved key by key; the drafts autosave into each person's own folder.
    a_box, b_box = alice.page.get_by_label("Entry"), bob.page.get_by_label("Entry")
    a_box.fill("")
    b_box.fill("")
    for a_word, b_word in zip("amber tide rising slowly".split(), "blue finch singing softly".split()):
        a_box.press_sequentially(a_word + " ", delay=10)
        b_box.press_sequentially(b_word + " ", delay=10)
    alice.page.wait_for_timeout(2500)
    for me, mine, theirs in ((alice, "tide rising", "finch singing"), (bob, "finch singing", "tide rising")):
        me.page.reload(wait_until="networkidle")
        me.page.get_by_label("Entry").wait_for(timeout=LOADED_MS)
        value = me.page.get_by_label("Entry").input_value()
        assert mine in value and theirs not in value
        assert mine in (me.home / "drafts" / "new.md").read_text(encoding="utf-8")


def test_interleaved_writes_and_searches_never_cross(circle) -> None:
    """A writes, B searches for A's words at once, B writes, A searches for B's: three rounds."""
    url, alice, bob = circle
    for me in (alice, bob):
        _open(url, me, "", wait_for=me.words["title"])
        box = me.page.get_by_role("textbox", name="Search")
        box.fill("")   # the list, not an earlier search, shows what was just saved
        box.press("Enter")
        me.page.get_by_text(me.words["title"]).first.wait_for(timeout=WAIT_MS)
    for round_number in range(1, 4):
        for me, other in ((alice, bob), (bob, alice)):
            word = f"{me.words['entry']}{round_number}x"
            mine = me.page.get_by_role("textbox", name="Search")
            if mine.input_value():   # the last round's search for the other's words: back to the list
                mine.fill("")
                mine.press("Enter")
                me.page.get_by_text(me.words["title"]).first.wait_for(timeout=WAIT_MS)
            me.page.get_by_label("Title (optional)").fill(f"Round {round_number} {me.name}")
            body = me.page.get_by_label("Entry")
            body.fill(f"{word} written while the other searched")
            body.press("Control+Enter")   # the text area hands its value to the server (as on a blur)
            me.page.wait_for_timeout(800)
            me.page.get_by_role("button", name="Save entry").click()
            box = other.page.get_by_role("textbox", name="Search")
            box.fill(word)
            box.press("Enter")
            me.page.get_by_text(f"Round {round_number} {me.name}").first.wait_for(timeout=WAIT_MS)
            other.page.wait_for_timeout(800)
            assert word not in _text(other.page)
            assert word in "\n".join(p.read_text(encoding="utf-8") for p in (me.home / "journal").rglob("*.md"))
            assert not any(word in p.read_text(encoding="utf-8") for p in (other.home / "journal").rglob("*.md"))
    for me in (alice, bob):
        box = me.page.get_by_role("textbox", name="Search")
        box.fill(f"{me.words['entry']}3x")
        box.press("Enter")
        me.page.locator("strong", has_text=f"{me.words['entry']}3x").first.wait_for(timeout=WAIT_MS)


def test_a_browser_that_has_not_signed_in_sees_only_the_sign_in_button(circle) -> None:
    url, alice, _bob = circle
    context = alice.page.context.browser.new_context()
    try:
        page = context.new_page()
        for path in PAGES:
            page.goto(f"{url}/{path}", wait_until="networkidle")
            page.get_by_role("button", name="Sign in").wait_for(timeout=LOADED_MS)
            shown = _text(page)
            _never(shown, ALICE, path)
            _never(shown, BOB, path)
            assert "Journal" not in shown
    finally:
        context.close()


def test_one_browser_signed_out_and_in_as_the_other_person_keeps_nothing_of_the_first(circle) -> None:
    """A shared family computer: Bob signs out, Alice signs in in the same browser. (Last: Bob's tab becomes Alice's.)"""
    url, alice, bob = circle
    page = bob.page
    _open(url, bob, "", wait_for=bob.words["title"])
    page.get_by_role("button", name="Sign out").click()
    end_session = page.get_by_role("button", name="End session")   # the provider's own sign-out page
    sign_in = page.get_by_role("button", name="Sign in")
    end_session.or_(sign_in).first.wait_for(timeout=LOADED_MS)
    if end_session.count():
        try:
            end_session.click(timeout=10_000)
        except PlaywrightTimeout:   # the provider's page moved on by itself between the look and the click
            pass
    sign_in.wait_for(timeout=LOADED_MS)
    _never(_text(page), bob, "signed-out page")
    sign_in.click()
    page.locator("input[name=sub]").fill(alice.sub, timeout=WAIT_MS)
    page.get_by_role("button", name="Authorize").click()
    page.get_by_text(alice.words["title"]).first.wait_for(timeout=LOADED_MS)
    shown = _text(page)
    assert "Signed in as Alice" in shown
    _never(shown, bob, "journal after the switch")
    draft = page.get_by_label("Entry").input_value()
    assert bob.words["draft"] not in draft and "finch" not in draft
