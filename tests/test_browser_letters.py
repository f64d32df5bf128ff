"""Letters back on a live server (#14): each rerun is a new thread there, which AppTest does not show. A companion set
to write unprompted answers a saved entry once, and a milestone letter comes with its carousel drawn."""

from __future__ import annotations

from datetime import date, datetime, timezone
from pathlib import Path

import pytest

from journal.ai.providers import save_settings
from journal.notebook import Notebook
from journal.stories.model import Story, Turn
from tests.browser import chromium_page, needs_chromium, streamlit_server
from tests.fake_openai import FakeOpenAIServer, reply

pytestmark = [pytest.mark.browser, needs_chromium]
WAIT_MS = 60_000
LETTER = "Dear User, tulips on the kitchen table: I can see them from here. Wren"


def test_an_unprompted_letter_and_a_milestone_carousel_in_the_browser(tmp_path: Path) -> None:
    home = tmp_path / "nb"
    nb = Notebook.open(home)
    nb.companions.letters.set("wren-ashby", True, unprompted=True)
    today = date.today()
    when = datetime(today.year, today.month, today.day, tzinfo=timezone.utc)
    nb.stories.add(Story(id="", title="Harbour", companion="wren-ashby", turns=[
        Turn(id="a", role="user", alternatives=["Hi."], created=when)]))
    with FakeOpenAIServer(default=reply(LETTER)) as model:
        save_settings(home, {"provider": "compatible", "base_url": model.base_url, "model": "fake-model"})
        with streamlit_server(home) as url, chromium_page(tmp_path) as page:
            page.goto(url, wait_until="networkidle")
            page.get_by_role("heading", name="Journal").wait_for(timeout=WAIT_MS)
            page.get_by_label("Title (optional)").fill("Tulips")
            page.get_by_label("Entry").fill("Bought tulips for the kitchen table.")
            page.get_by_label("Entry").press("Control+Enter")
            page.get_by_role("button", name="Save entry").click()
            page.get_by_role("button", name="Read Wren Ashby's letter").wait_for(timeout=WAIT_MS)
            assert len(model.chat_requests) == 1                             # written once, unprompted
            page.get_by_role("button", name="Let Wren Ashby write it").click()
            page.get_by_text("Ready to share:").first.wait_for(timeout=WAIT_MS)
            page.get_by_test_id("stImage").nth(1).wait_for(timeout=WAIT_MS)   # the cover and the letter's page
            assert not page.get_by_text("Traceback").count()
    letters = [e for e in Notebook.open(home).list_entries() if "letter" in e.tags]
    assert len(letters) == 2 and len(model.chat_requests) == 2
