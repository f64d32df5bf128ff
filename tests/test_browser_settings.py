"""Settings in a real browser: the language switch, its toast, and deleting everything from the Chinese UI."""

from __future__ import annotations

from pathlib import Path

import pytest

from journal.i18n import catalogue
from journal.notebook import Notebook
from tests.browser import chromium_page, needs_chromium, streamlit_server

pytestmark = [pytest.mark.browser, needs_chromium]
WAIT_MS = 30_000
LOADED_MS = 90_000  # a fresh server's first page imports everything: slow when the machine is loaded
EN, ZH = catalogue("en"), catalogue("zh")


def test_switch_to_chinese_then_delete_everything(tmp_path: Path) -> None:
    home = tmp_path / "nb"
    Notebook.open(home).create_entry("something to delete", title="x")
    # No DUET_LANG: it would win over the language chosen in Settings.
    with streamlit_server(home, lang="") as url, chromium_page(tmp_path) as page:
        page.goto(f"{url}/settings", wait_until="networkidle")
        page.get_by_role("tab", name=EN["settings.general"]).wait_for(timeout=LOADED_MS)
        # A tab does not repeat its own name as a heading under it (#20.26).
        for tab in ("settings.general", "settings.ai", "settings.data"):
            assert page.get_by_role("heading", name=EN[tab], exact=True).count() == 0

        page.get_by_label(EN["settings.language"]).click()
        page.get_by_role("option", name="简体中文").click()
        page.get_by_role("heading", name=ZH["settings.title"]).wait_for(timeout=WAIT_MS)
        # The toast speaks the language just chosen (#20.22).
        toast = page.locator('[data-testid="stToast"]')
        toast.first.wait_for(timeout=WAIT_MS)
        assert ZH["settings.language_saved"] in toast.first.inner_text()

        page.get_by_role("tab", name=ZH["settings.data"]).click()
        page.get_by_text(ZH["data.ui.delete_open"]).click()
        page.get_by_label(ZH["data.ui.delete_prompt"].replace("{word}", ZH["data.ui.delete_word"])).fill(
            ZH["data.ui.delete_word"])
        page.keyboard.press("Enter")
        page.get_by_role("button", name=ZH["data.ui.delete_button"]).click()
        # settings.yaml went with everything else: the page is English again, and says what it did (#20.23).
        page.get_by_role("heading", name=EN["settings.title"]).wait_for(timeout=WAIT_MS)
        done = page.get_by_text("The notebook is empty.").first
        done.wait_for(timeout=WAIT_MS)
        assert done.is_visible()
        page.get_by_role("tab", name=EN["settings.general"]).click()
        assert page.get_by_role("combobox", name=EN["settings.language"]).input_value() == EN["settings.language_auto"]
        assert not page.get_by_text("Traceback").count()
    assert not list((home / "journal").rglob("*.md"))


def test_streamlits_own_words_are_chinese_in_the_chinese_interface(tmp_path: Path) -> None:
    # Streamlit's uploader and date boxes drew "Upload", "200MB per file" and YYYY/MM/DD in 中文 too (#20.24).
    with streamlit_server(tmp_path / "nb", lang="zh") as url, chromium_page(tmp_path) as page:
        page.goto(url, wait_until="networkidle")
        dates = page.locator('[data-testid="stSidebar"] [data-testid="stDateInputField"]')
        dates.first.wait_for(timeout=LOADED_MS)
        page.wait_for_timeout(500)
        empty_dates = ["".join(box.inner_text().split()) for box in dates.all()]
        want = "/".join(ZH[f"streamlit.{part}"] for part in ("year", "month", "day"))
        assert empty_dates == [want, want], empty_dates

        page.goto(f"{url}/settings", wait_until="networkidle")
        page.get_by_role("tab", name=ZH["settings.data"]).click()
        dropzone = page.locator('[data-testid="stFileUploaderDropzone"]').first
        dropzone.wait_for(timeout=WAIT_MS)
        page.wait_for_timeout(500)
        text = dropzone.inner_text()
        assert ZH["streamlit.upload"] in text and ZH["streamlit.per_file"].replace("$1", "200MB") in text, text
        assert "Upload" not in text and "per file" not in text
        assert not page.get_by_text("Traceback").count()
