"""A journal people keep (#17), in a real browser: start an entry from a template, add a photo, save it, then
find it on the calendar and see the photo inline, with its location gone from the file; and a picture pasted
into a story turn."""

from __future__ import annotations

import base64
import io
import time
from datetime import date
from pathlib import Path

import pytest
from PIL import ExifTags, Image

from journal.notebook import Notebook
from tests.browser import chromium_page, needs_chromium, streamlit_server

pytestmark = [pytest.mark.browser, needs_chromium]
WAIT_MS = 30_000
LOADED_MS = 90_000


def _phone_photo(path: Path) -> None:
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "DuetPhone"
    exif[ExifTags.IFD.GPSInfo] = {ExifTags.GPS.GPSLatitudeRef: "N", ExifTags.GPS.GPSLatitude: (31.0, 14.0, 0.0)}
    out = io.BytesIO()
    Image.new("RGB", (80, 60), (240, 160, 90)).save(out, format="JPEG", exif=exif)
    path.write_bytes(out.getvalue())


def test_template_and_photo_then_find_it_on_the_calendar(tmp_path: Path) -> None:
    home = tmp_path / "nb"
    photo = tmp_path / "sunset.jpg"
    _phone_photo(photo)
    today = date.today()
    with streamlit_server(home) as url, chromium_page(tmp_path) as page:
        page.goto(url, wait_until="networkidle")
        page.get_by_role("heading", name="Journal").wait_for(timeout=LOADED_MS)
        page.get_by_role("button", name="Gratitude").click()
        body = page.get_by_label("Entry")
        page.wait_for_function("() => [...document.querySelectorAll('textarea')].some("
                               "t => t.value.includes('Three things I am grateful for'))", timeout=WAIT_MS)
        page.locator('.st-key-editor_new_pictures_0 input[type="file"]').set_input_files(str(photo))
        page.wait_for_function("() => [...document.querySelectorAll('textarea')].some("
                               "t => t.value.includes('](../../../attachments/'))", timeout=WAIT_MS)
        assert "![sunset](../../../attachments/" in body.input_value()
        page.get_by_role("button", name="Save entry").click()
        page.get_by_text("Three good things").first.wait_for(timeout=WAIT_MS)

        # Open the Calendar expander (not "…your phone's calendar" in the options), again if a rerun after the
        # save redrew it closed; a blind click could also close it.
        calendar = page.locator("[data-testid='stExpander']").filter(has=page.get_by_text("Calendar", exact=True))
        day = page.locator(f".st-key-journal_cal_{today.isoformat()} button").first
        for _ in range(5):
            if day.is_visible():
                break
            calendar.locator("summary").first.click()
            page.wait_for_timeout(2000)
        day.click()
        [entry] = Notebook.open(home).list_entries()
        opener = page.locator(f".st-key-journal_cal_open_{entry.id} button")
        opener.first.wait_for(timeout=WAIT_MS)
        page.screenshot(path=str(tmp_path / "calendar.png"), full_page=True)
        opener.first.click()
        page.get_by_role("heading", name=entry.title).wait_for(timeout=WAIT_MS)
        page.locator('img[alt="sunset"][src^="data:image/jpeg;base64,"]').first.wait_for(timeout=WAIT_MS)
        assert not page.get_by_text("Traceback").count()
    [kept] = list((home / "attachments").iterdir())
    with Image.open(kept) as opened:
        assert ExifTags.IFD.GPSInfo not in opened.getexif()
    saved = Notebook.open(home).get_entry(entry.id)
    assert saved.title.startswith("Three good things") and f"](../../../attachments/{kept.name})" in saved.body


def test_a_picture_pasted_into_a_story_turn(tmp_path: Path) -> None:
    from journal.ai.providers import save_settings
    from tests.fake_openai import FakeOpenAIServer, reply

    home = tmp_path / "nb"
    nb = Notebook.open(home)
    wren = next(c for c in nb.companions.list() if c.slug == "wren-ashby")
    story = nb.stories.create(title="The pier", companion=wren.slug)
    photo = tmp_path / "pier.jpg"
    _phone_photo(photo)
    with FakeOpenAIServer(default=reply("Beautiful light.")) as model:
        save_settings(home, {"provider": "compatible", "base_url": model.base_url, "model": "fake-model"})
        with streamlit_server(home) as url, chromium_page(tmp_path) as page:
            page.goto(f"{url}/stories", wait_until="networkidle")
            page.get_by_role("heading", name="The pier").wait_for(timeout=LOADED_MS)
            box = page.get_by_test_id("stChatInputTextArea")
            box.fill("Look where I am.")
            # What the browser does on Ctrl+V with a copied picture: a paste event carrying the file.
            box.evaluate("""(el, b64) => {
                const bytes = Uint8Array.from(atob(b64), c => c.charCodeAt(0));
                const data = new DataTransfer();
                data.items.add(new File([bytes], 'pier.jpg', {type: 'image/jpeg'}));
                el.dispatchEvent(new ClipboardEvent('paste', {clipboardData: data, bubbles: true, cancelable: true}));
            }""", base64.b64encode(photo.read_bytes()).decode())
            page.wait_for_timeout(1500)
            box.press("Enter")
            page.locator('img[alt="pier"][src^="data:image/jpeg;base64,"]').first.wait_for(timeout=WAIT_MS)
            # The exchange writes the turn with the reply, in one rewrite (#21): wait until it is on disk.
            page.get_by_text("Beautiful light.").first.wait_for(timeout=WAIT_MS)
            deadline = time.monotonic() + WAIT_MS / 1000
            while not Notebook.open(home).stories.get(story.id).turns and time.monotonic() < deadline:
                time.sleep(0.2)
            assert not page.get_by_text("Traceback").count()
    [kept] = list((home / "attachments").iterdir())
    with Image.open(kept) as opened:
        assert ExifTags.IFD.GPSInfo not in opened.getexif()
    mine = [turn for turn in Notebook.open(home).stories.get(story.id).turns if turn.is_user][-1]
    assert mine.text == f"Look where I am.\n\n![pier](../attachments/{kept.name})"
