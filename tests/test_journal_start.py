"""The Journal page's starting points (#17): one click on a template or on today's prompt fills the editor."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from journal.notebook import Notebook

TIMEOUT = 30


def test_one_click_on_a_template_then_save(app_path: str, duet_home: Path) -> None:
    at = AppTest.from_file(app_path, default_timeout=TIMEOUT).run()
    assert not at.exception
    at.text_area(key="editor_new_body").input("Already typed.").run()
    at.button(key="journal_template_gratitude").click().run()
    assert not at.exception
    body = at.text_area(key="editor_new_body").value
    assert body.startswith("Already typed.\n\nThree things I am grateful for today (")   # typed text kept, template below
    assert at.text_input(key="editor_new_title").value.startswith("Three good things, ")
    assert "gratitude" in at.text_input(key="editor_new_tags").value
    at.button(key="journal_save_new").click().run()
    [saved] = Notebook.open(duet_home).list_entries()
    assert saved.title.startswith("Three good things") and saved.tags == ["gratitude"]


def test_one_click_on_todays_prompt(app_path: str, duet_home: Path) -> None:
    at = AppTest.from_file(app_path, default_timeout=TIMEOUT).run()
    question = Notebook.open(duet_home).entries.daily_prompt().text
    assert any(question in m.value for m in at.markdown)
    at.button(key="journal_prompt_use").click().run()
    assert at.text_area(key="editor_new_body").value == f"> {question}\n\n"
