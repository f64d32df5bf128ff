"""The app lock in a real Chromium against a live server: every page and deep link asks first (#12)."""

from __future__ import annotations

from pathlib import Path

import pytest

from journal.notebook import Notebook
from journal.stories import ops
from tests.browser import chromium_page, needs_chromium, streamlit_server
from tests.fast_argon2 import cheap_argon2  # noqa: F401  (autouse: the hash is made with tiny costs)

pytestmark = [pytest.mark.browser, needs_chromium]
WAIT_MS = 30_000
LOADED_MS = 90_000
IDLE_LOCK_MS = 120_000   # one idle minute, the idle watch's 15 s, and a loaded machine
PASSPHRASE = "lantern by the river"
SECRETS = ("Seasecret7731", "whisperedharbourphrase", "海边的秘密", "onlyinthestoryturn", "Harbour")
DEEP_LINKS = ["", "stories", "companions", "share", "insights", "settings", "stories?story=x", "share?entry=x"]


def test_every_page_and_deep_link_waits_for_the_passphrase(tmp_path: Path) -> None:
    home = tmp_path / "nb"
    nb = Notebook.open(home)
    nb.entries.create("海边的秘密 whisperedharbourphrase", title="Seasecret7731")
    story = nb.stories.create(title="Harbour", companion=nb.companions.list()[0].slug)
    ops.add_user_turn(nb, story.id, "onlyinthestoryturn")
    nb.app_lock.set(PASSPHRASE, idle_minutes=1)   # the shortest idle time Settings offers
    with streamlit_server(home) as url, chromium_page(tmp_path) as page:
        for link in DEEP_LINKS:   # each visit is a new browser session
            page.goto(f"{url}/{link}", wait_until="networkidle")
            page.get_by_role("heading", name="Duet is locked").wait_for(timeout=LOADED_MS)
            page.wait_for_timeout(500)
            html = page.content()
            assert all(secret not in html for secret in SECRETS), link
            assert page.locator('[data-testid="stSidebarNav"]').count() == 0, link

        page.goto(f"{url}/settings", wait_until="networkidle")
        box = page.get_by_label("Passphrase")
        box.wait_for(timeout=WAIT_MS)
        box.fill("not the passphrase")
        box.press("Enter")
        page.get_by_text("not the right one").wait_for(timeout=WAIT_MS)
        assert all(secret not in page.content() for secret in SECRETS)

        box.fill(PASSPHRASE)
        box.press("Enter")
        page.get_by_role("heading", name="Settings").wait_for(timeout=WAIT_MS)   # the deep link, kept
        assert page.url.endswith("/settings")
        page.locator('[data-testid="stSidebarNav"] a', has_text="Journal").click()
        page.get_by_text("Seasecret7731").first.wait_for(timeout=WAIT_MS)      # once per session: no second ask
        page.locator('[data-testid="stSidebarNav"] a', has_text="Stories").click()
        page.get_by_text("onlyinthestoryturn").first.wait_for(timeout=WAIT_MS)

        page.reload(wait_until="networkidle")                                  # a new session asks again
        page.get_by_role("heading", name="Duet is locked").wait_for(timeout=WAIT_MS)
        assert all(secret not in page.content() for secret in SECRETS)

        page.get_by_label("Passphrase").fill(PASSPHRASE)
        page.get_by_label("Passphrase").press("Enter")
        page.get_by_text("onlyinthestoryturn").first.wait_for(timeout=WAIT_MS)   # the reloaded page, /stories
        # Nobody touches the page: after the idle minute it locks itself, with no click to trigger a run.
        page.get_by_role("heading", name="Duet is locked").wait_for(timeout=IDLE_LOCK_MS)
        assert all(secret not in page.content() for secret in SECRETS)
        assert not page.get_by_text("Traceback").count()
