"""No call home: every request every page makes, in both languages, stays on this machine."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.browser import chromium_page, needs_chromium, streamlit_server
from ui.navigation import PAGES

pytestmark = [pytest.mark.browser, needs_chromium]
LOADED_MS = 90_000  # a fresh server's first page imports everything: slow when the machine is loaded
LOCAL_HOSTS = {"127.0.0.1"}
IN_PAGE_SCHEMES = {"data", "blob", "about"}  # never leave the browser


def _page_paths() -> list[str]:
    return ["/"] + ["/" + Path(path).stem for path, _title, _icon in PAGES]


def _leaving(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme not in IN_PAGE_SCHEMES and parts.hostname not in LOCAL_HOSTS


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_no_page_makes_a_request_that_leaves_127_0_0_1(tmp_path: Path, lang: str) -> None:
    requested: list[str] = []
    with streamlit_server(tmp_path / "nb", lang=lang) as url, chromium_page(tmp_path) as page:
        page.on("request", lambda request: requested.append(request.url))
        for path in _page_paths():
            page.goto(url + path, wait_until="networkidle")
            page.locator('[data-testid="stSidebarNav"]').wait_for(timeout=LOADED_MS)
            page.wait_for_timeout(500)  # the favicon and late fonts come after the first paint
        assert not page.get_by_text("Traceback").count()
        favicon = page.locator('link[rel="shortcut icon"], link[rel="icon"]').first.get_attribute("href") or ""
    assert urlsplit(favicon).hostname in (None, *LOCAL_HOSTS)  # the icon is served by Duet itself
    assert any(urlsplit(u).hostname == "127.0.0.1" for u in requested)  # the recorder did record
    assert [u for u in requested if _leaving(u)] == []
