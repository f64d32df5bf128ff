"""The lorebook editor on the Companions page (issue #14): add, edit, switch off, remove, test a sentence; World Info."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from journal.notebook import Notebook
from tests.test_lorebooks import WORLD_INFO

PAGE = "pages/companions.py"
TIMEOUT = 30


@pytest.fixture
def at(open_page) -> AppTest:
    return open_page(PAGE, timeout=TIMEOUT)


def _entries(duet_home: Path) -> list[dict]:
    book = Notebook.open(duet_home).companions.get("wren-ashby").character_book or {}
    return book.get("entries", [])


def test_add_edit_switch_off_test_and_remove_an_entry(at: AppTest, duet_home: Path) -> None:
    at.button(key="companion_edit_wren-ashby").click().run()
    at.button(key="lore_add").click().run()
    at.text_input(key="lore_f_name").input("Admiral")
    at.text_input(key="lore_f_keys").input("Admiral, the cat")
    at.text_area(key="lore_f_content").input("Admiral is {{char}}'s grey shop cat; he sleeps on the poetry shelf.")
    at.button(key="lore_save").click().run()
    assert not at.exception and not at.error
    [entry] = _entries(duet_home)
    assert entry["keys"] == ["Admiral", "the cat"] and entry["comment"] == "Admiral" and entry["enabled"] is True

    at.text_input(key="lore_test").input("Where is the cat tonight?").run()
    shown = " ".join(m.value for m in at.markdown) + " ".join(c.value for c in at.caption)
    assert "key “the cat” in the latest turns" in shown and "Admiral is Wren Ashby's grey shop cat" in shown

    at.button(key="lore_edit_0").click().run()
    assert at.text_input(key="lore_f_keys").value == "Admiral, the cat"
    at.text_input(key="lore_f_keys").input("Admiral")
    at.button(key="lore_save").click().run()
    assert _entries(duet_home)[0]["keys"] == ["Admiral"]

    at.toggle(key="lore_on_0").set_value(False).run()
    assert _entries(duet_home)[0]["enabled"] is False
    at.text_input(key="lore_test").input("Admiral again").run()
    assert "Nothing fires for that sentence." in " ".join(c.value for c in at.caption)

    # the card editor's own Save still works after the lorebook changed the file (no false conflict)
    at.text_input(key="comp_wren-ashby_personality").input("warm, wry")
    at.button(key="comp_wren-ashby_save").click().run()
    wren = Notebook.open(duet_home).companions.get("wren-ashby")
    assert wren.personality == "warm, wry" and wren.character_book["entries"][0]["keys"] == ["Admiral"]
    assert list((duet_home / "companions").glob("*conflict*")) == []

    at.button(key="companion_edit_wren-ashby").click().run()
    at.button(key="lore_remove_0").click().run()
    assert _entries(duet_home) == []


def test_an_entry_without_keys_or_text_is_refused_and_nothing_is_saved(at: AppTest, duet_home: Path) -> None:
    at.button(key="companion_edit_wren-ashby").click().run()
    at.button(key="lore_add").click().run()
    at.text_area(key="lore_f_content").input("No keys.")
    at.button(key="lore_save").click().run()
    assert "at least one key" in " ".join(e.value for e in at.error)
    assert _entries(duet_home) == []


def test_import_and_download_a_shared_world_info_book(at: AppTest, duet_home: Path) -> None:
    assert len(at.get("file_uploader")) >= 1 and len(at.get("download_button")) == 4   # the two starters' cards
    nb = Notebook.open(duet_home)
    nb.companions.lorebooks.import_world_info(json.dumps(WORLD_INFO).encode(), "Harbour world")
    at.run()
    assert not at.exception
    shown = " ".join(m.value for m in at.markdown)
    assert "**Harbour world** · 2 entries" in shown
    assert len(at.get("download_button")) == 5                                         # + the book's World Info
    at.button(key="lore_delete_harbour-world").click().run()
    assert nb.companions.lorebooks.list() == []


def test_a_story_attaches_a_shared_world_from_its_sidebar(app_path: str, duet_home: Path) -> None:
    from journal.stories import ops

    nb = Notebook.open(duet_home)
    world = nb.companions.lorebooks.import_world_info(json.dumps(WORLD_INFO).encode(), "Harbour world")
    story = ops.start_story(nb, nb.companions.get("wren-ashby"))
    app = AppTest.from_file(app_path, default_timeout=TIMEOUT)
    app.session_state["story_open"] = story.id
    app.switch_page("pages/stories.py").run()
    assert not app.exception
    app.multiselect(key="story_lorebooks").set_value([world.slug]).run()
    assert nb.stories.get(story.id).extra["lorebooks"] == [world.slug]
    app.multiselect(key="story_lorebooks").set_value([]).run()
    assert "lorebooks" not in nb.stories.get(story.id).extra
