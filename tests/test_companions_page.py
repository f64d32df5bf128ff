"""The Companions page through AppTest: list, create, edit, greetings, picture, import, delete, start a story."""

from __future__ import annotations

import base64
import io
import json
from pathlib import Path

import pytest
from PIL import Image
from PIL.PngImagePlugin import PngInfo
from streamlit.testing.v1 import AppTest

from journal.notebook import Notebook
from ui.navigation import PAGES

PAGE = "pages/companions.py"
TIMEOUT = 30
CARD = {"spec": "chara_card_v3", "spec_version": "3.0",
        "data": {"name": "Juniper", "description": "A gardener.", "first_mes": "Mind the roses.",
                 "creator_notes": "keep me", "extensions": {"elsewhere/app": {"x": 1}}}}


def _png(texts: dict[str, str] | None = None) -> bytes:
    info = PngInfo()
    for key, value in (texts or {}).items():
        info.add_text(key, value)
    out = io.BytesIO()
    Image.new("RGB", (30, 40), (90, 160, 120)).save(out, format="PNG", pnginfo=info)
    return out.getvalue()


@pytest.fixture
def at(open_page) -> AppTest:
    return open_page(PAGE, timeout=TIMEOUT)


def _nb(duet_home: Path) -> Notebook:
    return Notebook.open(duet_home)


def _messages(app: AppTest) -> str:
    return " ".join(str(e.value) for e in [*app.error, *app.toast, *app.warning, *app.info])


def test_list_shows_the_starters_with_their_actions(at):
    headings = [m.value for m in at.markdown if m.value.startswith("####")]
    assert headings == ["#### Wren Ashby", "#### 周屿"]
    assert at.button(key="companion_story_zhou-yu").label == "Start a story"
    assert len(at.get("download_button")) == 4   # PNG and JSON for each


def test_create_a_companion_with_alternate_greetings(at, duet_home):
    at.button(key="companions_new").click().run()
    at.text_input(key="comp_new_name").input("Rowan")
    at.text_area(key="comp_new_description").input("{{char}} keeps bees.")
    at.text_area(key="comp_new_first_mes").input("Hello, {{user}}.")
    at.button(key="comp_new_alt_add").click().run()
    at.button(key="comp_new_alt_add").click().run()
    at.text_area(key="comp_new_alt_0").input("First alternate")
    at.text_area(key="comp_new_alt_1").input("Second alternate")
    at.button(key="comp_new_alt_remove_0").click().run()
    assert [a.label for a in at.text_area if a.label.startswith("Greeting")] == ["Greeting 2"]
    at.text_input(key="comp_new_tags").input("bees, 花园")
    at.button(key="comp_new_save").click().run()
    assert not at.exception and "Saved Rowan." in _messages(at)
    rowan = _nb(duet_home).companions.get("rowan")
    assert rowan.description == "{{char}} keeps bees." and rowan.first_mes == "Hello, {{user}}."
    assert rowan.alternate_greetings == ["Second alternate"] and rowan.tags == ["bees", "花园"]
    assert "#### Rowan" in [m.value for m in at.markdown]


def test_edit_every_kind_of_field_and_cancel_discards(at, duet_home):
    at.button(key="companion_edit_wren-ashby").click().run()
    at.text_area(key="comp_wren-ashby_speaking_style").input("Very short.")
    at.selectbox(key="comp_wren-ashby_language").select("zh")
    at.text_area(key="comp_wren-ashby_system_prompt").input("{{original}} Be brief.")
    at.text_area(key="comp_wren-ashby_creator_notes").input("Notes for readers.")
    at.text_area(key="comp_wren-ashby_alt_0").input("A new first alternate")
    at.button(key="comp_wren-ashby_save").click().run()
    wren = _nb(duet_home).companions.get("wren-ashby")
    assert (wren.speaking_style, wren.language, wren.system_prompt, wren.creator_notes) == (
        "Very short.", "zh", "{{original}} Be brief.", "Notes for readers.")
    assert wren.alternate_greetings[0] == "A new first alternate" and len(wren.alternate_greetings) == 2

    at.button(key="companion_edit_wren-ashby").click().run()
    assert at.text_area(key="comp_wren-ashby_speaking_style").value == "Very short."   # fresh from the file
    at.text_input(key="comp_wren-ashby_name").input("Someone Else")
    at.button(key="comp_wren-ashby_cancel").click().run()
    assert _nb(duet_home).companions.get("wren-ashby").name == "Wren Ashby"


def test_empty_name_is_refused_and_the_editor_stays(at, duet_home):
    at.button(key="companions_new").click().run()
    at.text_area(key="comp_new_description").input("No name yet")
    at.button(key="comp_new_save").click().run()
    assert "needs a name" in _messages(at)
    assert at.text_area(key="comp_new_description").value == "No name yet"
    assert sorted(p.stem for p in (duet_home / "companions").glob("*.md")) == ["wren-ashby", "zhou-yu"]


def test_avatar_upload_and_a_bad_picture(at, duet_home):
    at.button(key="companion_edit_zhou-yu").click().run()
    at.get("file_uploader")[0].set_value(("cat.gif", b"GIF89a not really", "image/gif"))
    at.button(key="comp_zhou-yu_save").click().run()
    assert "not a picture" in _messages(at)
    assert _nb(duet_home).companions.get("zhou-yu").avatar is None

    at.get("file_uploader")[0].set_value(("me.png", _png(), "image/png"))
    at.button(key="comp_zhou-yu_save").click().run()
    zhou = _nb(duet_home).companions.get("zhou-yu")
    assert zhou.avatar == "companions/avatars/zhou-yu.png" and (duet_home / zhou.avatar).is_file()


def test_import_a_card_and_a_png_without_one(at, duet_home):
    uploader = at.get("file_uploader")[0]
    uploader.set_value(("plain.png", _png(), "image/png"))
    at.run()
    at.button(key="companions_import_go").click().run()
    assert "no character card" in _messages(at)

    card_png = _png({"ccv3": base64.b64encode(json.dumps(CARD).encode()).decode()})
    at.get("file_uploader")[0].set_value(("juniper.png", card_png, "image/png"))
    at.run()
    at.button(key="companions_import_go").click().run()
    assert not at.exception and "Imported Juniper." in _messages(at)
    juniper = _nb(duet_home).companions.get("juniper")
    assert juniper.creator_notes == "keep me" and juniper.extensions == {"elsewhere/app": {"x": 1}}
    assert juniper.avatar and "#### Juniper" in [m.value for m in at.markdown]


def test_delete_asks_first(at, duet_home):
    at.button(key="companion_delete_wren-ashby").click().run()
    assert "Delete **Wren Ashby**?" in [m.value for m in at.markdown]
    at.button(key="companions_delete_no").click().run()
    assert _nb(duet_home).companions.exists("wren-ashby")
    at.button(key="companion_delete_wren-ashby").click().run()
    at.button(key="companions_delete_yes").click().run()
    assert not _nb(duet_home).companions.exists("wren-ashby")
    assert "Deleted Wren Ashby." in _messages(at)
    assert "#### Wren Ashby" not in [m.value for m in at.markdown]


def test_start_a_story_hands_the_companion_to_the_stories_page(at):
    at.button(key="companion_story_zhou-yu").click().run()
    state = at.session_state
    handed = [state[key] for key in ("new_story_companion", "story_new_companion") if key in state]
    assert handed and handed[0] == "zhou-yu"       # the Stories page takes it over (and may rename the key)
    if any(path == "pages/stories.py" for path, *_ in PAGES):
        assert not at.exception
        assert "#### 周屿" not in [m.value for m in at.markdown]   # we left the Companions list


def test_page_in_chinese(app_path, monkeypatch):
    monkeypatch.setenv("DUET_LANG", "zh")
    app = AppTest.from_file(app_path, default_timeout=TIMEOUT)
    app.run()
    app.switch_page(PAGE)
    app.run()
    assert app.title[0].value == "伙伴"
    assert app.button(key="companion_story_wren-ashby").label == "开始一段故事"


def test_long_lists_are_drawn_a_page_at_a_time(app_path, duet_home):
    nb = _nb(duet_home)
    nb.companions.list()
    for i in range(25):
        nb.companions.create(f"Friend {i:02d}")
    app = AppTest.from_file(app_path, default_timeout=TIMEOUT)
    app.run()
    app.switch_page(PAGE)
    app.run()
    def headings():
        return [m.value for m in app.markdown if m.value.startswith("####")]
    assert len(headings()) == 20 and app.button(key="companions_more").label == "Show 7 more"
    app.button(key="companions_more").click().run()
    assert len(headings()) == 27 and not any(b.key == "companions_more" for b in app.button)
