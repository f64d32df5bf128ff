"""A person who reads only Chinese writes an entry, co-writes a story and shares a post, all in Chinese.

The model is a fake OpenAI-compatible server on 127.0.0.1, reached through the
app's real client; the interface language comes from DUET_LANG=zh.
"""

from __future__ import annotations

import re
from pathlib import Path

from streamlit.testing.v1 import AppTest

from journal.ai.providers import AISettings, save_settings
from journal.notebook import Notebook
from tests.fake_openai import FakeOpenAIServer, reply
from tests.test_pages_i18n import _texts

TIMEOUT = 60
LATIN_PROSE = re.compile(r"\b[A-Za-z]{3,}\s+[A-Za-z]{3,}\s+[A-Za-z]{3,}\b")  # three English words in a row


def _no_english_prose(at: AppTest, allowed: tuple[str, ...] = ()) -> None:
    leaked = [t for t in _texts(at.main) + _texts(at.sidebar) if LATIN_PROSE.search(t) and not t.startswith(allowed)]
    assert leaked == []


def test_write_co_write_and_share_in_chinese(app_path: str, duet_home: Path, monkeypatch) -> None:
    monkeypatch.setenv("DUET_LANG", "zh")
    with FakeOpenAIServer() as server:
        save_settings(duet_home, AISettings(provider="compatible", base_url=server.base_url, model="fake"))

        # 1. write an entry
        at = AppTest.from_file(app_path, default_timeout=TIMEOUT).run()
        assert at.title[0].value == "日记"
        at.text_input(key="editor_new_title").input("雨夜")
        at.text_area(key="editor_new_body").input("今天和周屿聊到很晚，雨一直没停。").run()
        at.button(key="journal_save_new").click().run()
        assert not at.exception
        nb = Notebook.open(duet_home)
        [entry] = nb.list_entries()
        assert entry.title == "雨夜"
        _no_english_prose(at)

        # 2. co-write a story with the Chinese starter companion
        server.enqueue(reply("那就让雨声陪着我们吧。"))
        at.session_state["new_story_companion"] = "zhou-yu"
        at.switch_page("pages/stories.py").run()
        at.button(key="story_create").click().run()
        at.chat_input(key="story_input").set_value("我今天有点累。").run()
        assert not at.exception
        [summary] = nb.stories.list()
        story = nb.stories.get(summary.id)
        assert [t.text for t in story.turns][-2:] == ["我今天有点累。", "那就让雨声陪着我们吧。"]
        assert server.chat_requests[-1].messages[-1]["content"].endswith("我今天有点累。")
        _no_english_prose(at)

        # 3. share the entry as a post
        at.session_state["share_entry_id"] = entry.id
        at.switch_page("pages/share.py").run()
        assert not at.exception and not at.error
        assert at.title[0].value == "分享成帖子"
        assert "雨一直没停" in " ".join(_texts(at.main))
        _no_english_prose(at, allowed=("今天",))
