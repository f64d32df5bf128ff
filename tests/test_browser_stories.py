"""The Stories page in a real browser: the help panel for a story turn, in the language the person chose.

Issue #20.1: with the Chinese interface chosen in Settings, a Chinese crisis
message in a story showed the US/UK lines with English notes, because the turn
is assessed in the chat_input callback before the page has set its language.
The lines now follow the text, and the panel names them when it is drawn.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from journal.ai.providers import save_settings
from journal.notebook import Notebook
from journal.settings import write_section
from tests.browser import chromium_page, needs_chromium, streamlit_server
from tests.fake_openai import FakeOpenAIServer, reply

pytestmark = [pytest.mark.browser, needs_chromium]
WAIT_MS = 30_000
ZH_CRISIS = "活着没有意思，我想今晚就结束自己的生命。"


def test_a_chinese_crisis_turn_shows_the_china_lines_in_chinese(tmp_path: Path) -> None:
    home = tmp_path / "nb"
    nb = Notebook.open(home)
    write_section(home, "general", {"language": "zh"})  # chosen in Settings, not from the environment
    zhou = next(c for c in nb.companions.list() if c.slug == "zhou-yu")
    nb.stories.create(title="江边", companion=zhou.slug)
    with FakeOpenAIServer(default=reply("我在这里陪着你。")) as model:
        # A fake OpenAI-compatible model on 127.0.0.1 answers the reply: no embedded model to load.
        save_settings(home, {"provider": "compatible", "base_url": model.base_url, "model": "fake-model"})
        with streamlit_server(home, lang=None) as url, chromium_page(tmp_path) as page:
            page.goto(f"{url}/stories", wait_until="networkidle")
            page.get_by_role("heading", name="江边").wait_for(timeout=WAIT_MS)
            box = page.get_by_test_id("stChatInputTextArea")
            box.fill(ZH_CRISIS)
            box.press("Enter")
            panel = page.locator('[class*="st-key-safety_panel_story_safety_"]')
            panel.get_by_text("12356").first.wait_for(timeout=WAIT_MS)
            shown = panel.inner_text()
            assert "你不必一个人扛着" in shown
            for contact in ("12356", "010-82951332", "120 / 110"):
                assert contact in shown
            assert "全国心理援助热线" in shown and "紧急情况（中国）" in shown
            for wrong in ("988", "116 123", "911", "999", "Samaritans", "Call or text"):
                assert wrong not in shown
            assert not page.get_by_text("Traceback").count()
