"""The "Your data" Settings section through AppTest: import with a report, export buttons, delete with a typed word."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from journal.notebook import Notebook

TIMEOUT = 30
SCRIPT = """
from ui.common import choose_language, get_notebook, show_flash
from ui.settings.data import render_data_settings, show_deleted_report

nb = get_notebook()
choose_language(nb)
show_flash()
show_deleted_report()
render_data_settings(nb)
"""
JRNL = {"entries": [
    {"title": "第一晚。", "body": "聊到很晚。", "date": "2024-05-01", "time": "21:30", "tags": ["@love"], "starred": True},
    {"title": "Second.", "body": "More.", "date": "2024-05-02", "time": "08:00", "tags": [], "starred": False},
    {"title": "Broken.", "body": "x", "date": "not a date", "time": "08:00", "tags": [], "starred": False},
]}


@pytest.fixture
def at() -> AppTest:
    app = AppTest.from_string(SCRIPT, default_timeout=TIMEOUT)
    app.run()
    assert not app.exception
    return app


def _texts(app: AppTest) -> str:
    return " ".join(str(e.value) for e in [*app.success, *app.warning, *app.error, *app.text])


def test_upload_and_import_shows_the_report(at: AppTest, duet_home: Path) -> None:
    at.selectbox(key="data_import_kind").set_value("jrnl").run()
    assert at.button(key="data_import_go").disabled
    at.get("file_uploader")[0].set_value(("journal.json", json.dumps(JRNL).encode(), "application/json")).run()
    at.button(key="data_import_go").click().run()
    assert not at.exception
    assert "Added 2, already there 0, not imported 1." in at.warning[0].value
    assert "#3" in _texts(at) and "not a date" in _texts(at)
    titles = sorted(s.title for s in Notebook.open(duet_home).list_entries())
    assert titles == ["Second.", "第一晚。"]


def test_a_path_on_this_computer_and_a_wrong_file(at: AppTest, tmp_path: Path) -> None:
    bad = tmp_path / "conversations.json"
    bad.write_text('{"entries": []}', encoding="utf-8")
    at.selectbox(key="data_import_kind").set_value("chatgpt").run()
    at.text_input(key="data_import_path").input(str(bad)).run()
    at.button(key="data_import_go").click().run()
    assert not at.exception
    assert "is not a ChatGPT data export:" in at.error[0].value


def test_export_buttons_are_there(at: AppTest) -> None:
    labels = [b.label for b in at.get("download_button")]
    assert labels == ["Notebook zip", "JSON", "Markdown folder"]


def test_delete_needs_the_typed_word(at: AppTest, duet_home: Path) -> None:
    nb = Notebook.open(duet_home)
    nb.create_entry("keep me?", title="x")
    assert at.button(key="data_delete_go").disabled
    at.text_input(key="data_delete_typed").input("delete").run()
    assert at.button(key="data_delete_go").disabled            # the exact word, not something like it
    at.text_input(key="data_delete_typed").input("DELETE").run()
    at.button(key="data_delete_go").click().run()
    assert not at.exception
    assert "The notebook is empty." in at.success[0].value
    assert "The notebook is empty." in at.toast[0].value  # seen whichever tab is open
    assert not list((duet_home / "journal").rglob("*.md"))
    assert at.text_input(key="data_delete_typed").value == ""


def test_chinese_interface_asks_for_the_chinese_word(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DUET_LANG", "zh")
    app = AppTest.from_string(SCRIPT, default_timeout=TIMEOUT)
    app.run()
    assert app.text_input(key="data_delete_typed").label == "输入“删除”以确认"
    app.text_input(key="data_delete_typed").input("删除").run()
    assert not app.button(key="data_delete_go").disabled
