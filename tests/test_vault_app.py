"""The app with the vault on (#12): a passphrase form before any page, then every page leaves no plaintext on disk.

Runs through AppTest in this process, with the temp folder pointed at the
test's own; the model is the fake OpenAI-compatible server on 127.0.0.1.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from journal import vault
from journal.ai.providers import AISettings, save_settings
from journal.notebook import Notebook
from tests.fake_openai import FakeOpenAIServer, reply
from tests.test_vault import PASSPHRASE, _forget_keys, leaks, temp_dir, turn_on  # noqa: F401 (fixtures)

TIMEOUT = 60
PAGES = ["pages/journal.py", "pages/stories.py", "pages/companions.py", "pages/share.py", "pages/insights.py",
         "pages/settings.py"]


def _files(home: Path) -> dict[str, bytes]:
    return {str(p): p.read_bytes() for p in sorted(home.rglob("*")) if p.is_file()}


def test_a_locked_vault_shows_only_the_passphrase_form(app_path: str, duet_home: Path) -> None:
    Notebook.open(duet_home).create_entry("Orrinmoor lighthouse diary", title="Orrinmoor")
    turn_on(duet_home)
    before = _files(duet_home)
    for page in (None, "pages/settings.py"):          # the first page and a deep link alike
        at = AppTest.from_file(app_path, default_timeout=TIMEOUT)
        if page:
            at.switch_page(page)
        at.run()
        assert not at.exception
        assert [t.value for t in at.title] == ["This notebook is locked"]
        assert "Orrinmoor" not in " ".join(m.value for m in at.markdown)
    at.text_input(key="vault_passphrase").input("not the passphrase")
    at.button[0].click().run()
    assert "does not open this vault" in at.error[0].value
    assert _files(duet_home) == before                 # a wrong passphrase changes nothing


def test_every_page_with_the_vault_on_leaves_no_plaintext(app_path: str, duet_home: Path, temp_dir: Path) -> None:
    turn_on(duet_home)
    assert not vault.status(duet_home).plain_files
    with FakeOpenAIServer() as server:
        save_settings(duet_home, AISettings(provider="compatible", base_url=server.base_url, model="fake"))
        at = AppTest.from_file(app_path, default_timeout=TIMEOUT).run()
        at.text_input(key="vault_passphrase").input(PASSPHRASE)
        at.button[0].click().run()
        assert not at.exception and at.title[0].value == "Journal"

        at.text_input(key="editor_new_title").input("Marzipan Obelisk")
        at.text_area(key="editor_new_body").input("Quokka lanterns whisper at Thistlewick, 琥珀色的鲸鱼在午夜唱歌").run()
        at.button(key="journal_save_new").click().run()
        assert not at.exception
        at.text_area(key="editor_new_body").input("萤火虫邮局 draft only, Velvet zeppelin of Orrinmoor").run()

        server.enqueue(reply("Cobalt Pemberly answers: 石榴色的秘密暗号"))
        at.session_state["new_story_companion"] = "zhou-yu"
        at.switch_page("pages/stories.py").run()
        at.button(key="story_create").click().run()
        at.chat_input(key="story_input").set_value("青瓷灯塔 at Wrenfeather tonight").run()
        assert not at.exception

        nb = Notebook.open(duet_home, passphrase=PASSPHRASE)
        [entry] = nb.list_entries()
        assert entry.title == "Marzipan Obelisk"
        [summary] = nb.stories.list()
        assert nb.stories.get(summary.id).turns[-1].text == "Cobalt Pemberly answers: 石榴色的秘密暗号"
        at.session_state["share_entry_id"] = entry.id
        for page in PAGES:
            at.switch_page(page).run()
            assert not at.exception, page
        nb.index.save_snapshot()
    assert leaks(duet_home, temp_dir) == []
