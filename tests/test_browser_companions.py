"""The Companions page in a real browser: the card download is built on another thread, which AppTest never runs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PIL import Image

from tests.browser import chromium_page, needs_chromium, streamlit_server

pytestmark = [pytest.mark.browser, needs_chromium]
WAIT_MS = 30_000


def test_download_both_card_formats(tmp_path: Path) -> None:
    home = tmp_path / "nb"
    with streamlit_server(home) as url, chromium_page(tmp_path) as page:
        page.goto(f"{url}/companions", wait_until="networkidle")
        page.get_by_role("heading", name="Wren Ashby").wait_for(timeout=WAIT_MS)
        card = page.locator(".st-key-companion_card_wren-ashby")
        with page.expect_download(timeout=WAIT_MS) as png_download:
            card.get_by_role("button", name="Card (PNG)").click()
        png_path = tmp_path / "wren.png"
        png_download.value.save_as(png_path)
        with page.expect_download(timeout=WAIT_MS) as json_download:
            card.get_by_role("button", name="Card (JSON)").click()
        json_path = tmp_path / "wren.json"
        json_download.value.save_as(json_path)
        assert not page.get_by_text("Traceback").count()
    with Image.open(png_path) as image:
        image.load()
        assert {"chara", "ccv3"} <= set(image.text)
    assert json.loads(json_path.read_text(encoding="utf-8"))["data"]["name"] == "Wren Ashby"
