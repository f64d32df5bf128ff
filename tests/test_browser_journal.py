"""The Journal in a real browser against a live server: write, save, reload, find."""

from __future__ import annotations

from pathlib import Path

import pytest

from journal.notebook import Notebook
from tests.browser import chromium_page, needs_chromium, streamlit_server

pytestmark = [pytest.mark.browser, needs_chromium]
WAIT_MS = 30_000
LOADED_MS = 90_000  # a fresh server's first page imports everything: slow when the machine is loaded


def test_write_an_entry_and_find_it_after_reload(tmp_path: Path) -> None:
    home = tmp_path / "nb"
    with streamlit_server(home) as url, chromium_page(tmp_path) as page:
        page.goto(url, wait_until="networkidle")
        page.get_by_role("heading", name="Journal").wait_for(timeout=WAIT_MS)
        page.get_by_label("Title (optional)").fill("Browser night")
        body = page.get_by_label("Entry")
        body.fill("今天在浏览器里写日记 rain on the window")
        body.press("Control+Enter")
        page.wait_for_timeout(1500)
        assert (home / "drafts" / "new.md").exists()  # autosaved before saving
        page.get_by_role("button", name="Save entry").click()
        page.get_by_text("Browser night").first.wait_for(timeout=WAIT_MS)
        # Each rerun runs in a new thread on the live server: this is the part AppTest cannot check.
        page.reload(wait_until="networkidle")
        page.get_by_text("Browser night").first.wait_for(timeout=WAIT_MS)
        search = page.get_by_label("Search")
        search.fill("浏览器")
        search.press("Enter")
        page.locator("strong", has_text="浏览器").first.wait_for(timeout=WAIT_MS)
        assert not page.get_by_text("Traceback").count()
    [entry] = Notebook.open(home).list_entries()
    assert entry.title == "Browser night"


def test_a_deep_link_right_after_start_gets_the_app_menu_and_language(tmp_path: Path) -> None:
    # Streamlit's old pages/ folder mode would run pages/settings.py alone: English file names as
    # the menu, no language. ui.common hands such a run over to app.py.
    with streamlit_server(tmp_path / "nb", lang="zh") as url, chromium_page(tmp_path) as page:
        page.goto(f"{url}/settings", wait_until="networkidle")
        page.get_by_role("heading", name="设置").wait_for(timeout=WAIT_MS)
        menu = page.locator('[data-testid="stSidebarNav"] a').all_inner_texts()
        assert any("日记" in item for item in menu) and not any(item.strip() == "app" for item in menu)


@pytest.mark.serial
def test_a_draft_survives_a_reload_while_typing_without_a_blur(tmp_path: Path) -> None:
    # Streamlit's text_area reports only on blur: a reload while the cursor is still in the box used to
    # lose everything typed. The live-typing reporter saves after a pause, one message per pause.
    home = tmp_path / "nb"
    paragraph = "Rain again tonight, and I kept writing without stopping once. 雨一直下。" * 3
    with streamlit_server(home) as url, chromium_page(tmp_path) as page:
        sent: list[object] = []
        page.on("websocket", lambda ws: ws.on("framesent", lambda frame: sent.append(frame)))
        page.goto(url, wait_until="networkidle")
        body = page.get_by_label("Entry")
        body.wait_for(timeout=LOADED_MS)
        page.wait_for_timeout(1000)
        before_typing = len(sent)
        body.press_sequentially(paragraph, delay=15)
        page.wait_for_timeout(2500)
        assert page.evaluate("document.activeElement.tagName") == "TEXTAREA"  # never blurred
        draft = home / "drafts" / "new.md"
        assert paragraph in draft.read_text(encoding="utf-8")
        assert draft.stat().st_mode & 0o777 == 0o600
        assert len(sent) - before_typing <= 6 < len(paragraph)  # a few reports, not one per key
        page.reload(wait_until="networkidle")
        page.get_by_label("Entry").wait_for(timeout=LOADED_MS)
        assert page.get_by_label("Entry").input_value() == paragraph
        assert not page.get_by_text("Traceback").count()


def test_search_snippets_show_reduplicated_words_and_urls_as_written(tmp_path: Path) -> None:
    # #20.16–17: "妈妈" was drawn as 和妈****妈, and a URL in a snippet became a link with backslashes in it.
    home = tmp_path / "nb"
    nb = Notebook.open(home)
    nb.create_entry("今天和妈妈去公园，看了 https://example.com/a_b-c.html?x=1 的照片。", title="周末")
    with streamlit_server(home) as url, chromium_page(tmp_path) as page:
        page.goto(url, wait_until="networkidle")
        search = page.get_by_role("textbox", name="Search")
        search.fill("妈")
        search.press("Enter")
        page.locator("strong", has_text="妈妈").first.wait_for(timeout=WAIT_MS)
        snippet = page.locator("p", has_text="公园").first.inner_text()
        assert "和妈妈去公园" in snippet and "*" not in snippet
        assert "https://example.com/a_b-c.html?x=1" in snippet
        search.fill("example")
        search.press("Enter")
        page.locator("strong", has_text="example").first.wait_for(timeout=WAIT_MS)
        snippet = page.locator("p", has_text="公园").first.inner_text()
        assert "https://example.com/a_b-c.html?x=1" in snippet and "\\" not in snippet and "*" not in snippet
        assert page.locator("a", has_text="example").count() == 0  # shown as text, not a half-escaped link
