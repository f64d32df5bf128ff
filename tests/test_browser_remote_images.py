"""A picture from another server in an entry or a story is not fetched until the person allows it (#12).

A local HTTP server on 127.0.0.1 plays the tracker: it counts every request
while a real Chromium shows the entry, then the story.
"""

from __future__ import annotations

import contextlib
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Iterator

import pytest

from journal.notebook import Notebook
from journal.stories import ops
from tests.browser import chromium_page, needs_chromium, streamlit_server

pytestmark = [pytest.mark.browser, needs_chromium]
WAIT_MS = 30_000
LOADED_MS = 90_000
QUIET_MS = 2_500   # long enough for a browser to have asked for a picture it was going to ask for
PNG = bytes.fromhex("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6300010000050001"
                    "0d0a2db40000000049454e44ae426082")


@contextlib.contextmanager
def tracker() -> Iterator[tuple[str, list[str]]]:
    """A picture server on 127.0.0.1; the list holds the path of every request it got."""
    hits: list[str] = []

    class Pixel(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (http.server's name)
            hits.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.send_header("Content-Length", str(len(PNG)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(PNG)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Pixel)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", hits
    finally:
        server.shutdown()
        server.server_close()


def test_remote_pictures_wait_for_permission_in_an_entry_and_a_story(tmp_path: Path) -> None:
    home = tmp_path / "nb"
    nb = Notebook.open(home)
    with tracker() as (base, hits):
        nb.entries.create(f"Sea at dusk.\n\n![sunset]({base}/entry.png)\n\n<img src=\"{base}/entry-html.png\">",
                          title="Tracked")
        companion = nb.companions.list()[0]
        story = nb.stories.create(title="Harbour", companion=companion.slug)
        ops.add_user_turn(nb, story.id, f"Look at this: ![boat]({base}/story.png)")
        with streamlit_server(home) as url, chromium_page(tmp_path) as page:
            page.goto(url, wait_until="networkidle")
            page.get_by_test_id("stMainBlockContainer").get_by_role("button", name="Open", exact=True).click(timeout=LOADED_MS)
            page.get_by_text("Picture “sunset” from 127.0.0.1 not loaded").wait_for(timeout=WAIT_MS)
            page.wait_for_timeout(QUIET_MS)
            assert hits == []
            assert page.locator(f'img[src^="{base}"]').count() == 0

            page.get_by_role("button", name="Load pictures from 127.0.0.1").click()
            page.locator(f'img[src="{base}/entry.png"]').wait_for(timeout=WAIT_MS)
            page.wait_for_function("[...document.images].filter(i => i.src.includes('/entry')).every("
                                   "i => i.complete && i.naturalWidth > 0)", timeout=WAIT_MS)
            assert sorted(hits) == ["/entry-html.png", "/entry.png"]

            page.goto(f"{url}/stories", wait_until="networkidle")
            page.get_by_text("Picture “boat” from 127.0.0.1 not loaded").wait_for(timeout=LOADED_MS)
            page.wait_for_timeout(QUIET_MS)
            assert "/story.png" not in hits   # allowing the entry's pictures did not allow the story's
            page.get_by_role("button", name="Load pictures from 127.0.0.1").click()
            page.locator(f'img[src="{base}/story.png"]').wait_for(timeout=WAIT_MS)
            page.wait_for_function("[...document.images].some(i => i.src.endsWith('/story.png') && i.complete "
                                   "&& i.naturalWidth > 0)", timeout=WAIT_MS)
            assert "/story.png" in hits
            assert not page.get_by_text("Traceback").count()
