"""The Share page through AppTest: preselection, live preview, privacy undo, AI suggestion, formats."""

from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from tests.fake_chat import FakeChat
from journal.stories.model import Turn

TIMEOUT = 60
BODY = "今天和Aria聊了很久。她的电话是 138 1234 5678。\n\nC said: you are my rose."


def _page(app_path: str, **state) -> AppTest:
    at = AppTest.from_file(app_path, default_timeout=TIMEOUT)
    for key, value in state.items():
        at.session_state[key] = value
    at.switch_page("pages/share.py")
    return at.run()


def _caption(at: AppTest) -> str:
    return at.code[0].value


def _types(at: AppTest) -> dict[str, int]:
    counts: dict[str, int] = {}

    def walk(node):
        for child in (node.children.values() if isinstance(node.children, dict) else node.children):
            counts[child.type] = counts.get(child.type, 0) + 1
            if hasattr(child, "children"):
                walk(child)

    walk(at._tree)
    return counts


@pytest.fixture
def entry(notebook):
    return notebook.create_entry(BODY, title="第一晚", tags=["人机恋", "AI伴侣"])


def test_preselected_entry_previews_cards_and_offers_every_download(app_path, entry, notebook):
    notebook.create_entry("另一篇", title="别的")  # newer: it would be first without the preselection
    at = _page(app_path, share_entry_id=entry.id)
    assert not at.exception and not at.error
    assert at.selectbox(key="share_entry_id").value == entry.id
    counts = _types(at)
    assert counts.get("image", 0) == 1 and counts.get("download_button", 0) == 4
    assert "#人机恋 #AI伴侣" in _caption(at)
    assert at.text_input(key="share_title").value == "第一晚"


def test_query_param_preselects_the_entry(app_path, entry, notebook):
    notebook.create_entry("另一篇", title="别的")
    at = AppTest.from_file(app_path, default_timeout=TIMEOUT)
    at.query_params["entry"] = entry.id
    at.switch_page("pages/share.py")
    at.run()
    assert at.selectbox(key="share_entry_id").value == entry.id


def test_privacy_findings_can_be_undone_one_by_one(app_path, entry):
    at = _page(app_path, share_entry_id=entry.id)
    at.text_input(key="share_names").input("Aria=小A").run()
    found = " ".join(m.value for m in at.markdown)
    assert "`Aria`" in found and "`小A`" in found and "`138 1234 5678`" in found
    assert "小A" in _caption(at) and "Aria" not in _caption(at) and "138 1234 5678" not in _caption(at)
    # undo the phone number only (findings are listed in text order: name, then phone)
    at.button(key="share_undo_1").click().run()
    assert not at.exception
    assert "138 1234 5678" in _caption(at) and "Aria" not in _caption(at)
    at.button(key="share_undo_1").click().run()  # and redo it
    assert "138 1234 5678" not in _caption(at)
    # switched off: shared exactly as written, and said so
    at.toggle(key="share_redact").set_value(False).run()
    assert "Aria" in _caption(at) and at.warning


def test_remembered_names_apply_next_time(app_path, entry, duet_home):
    at = _page(app_path, share_entry_id=entry.id)
    at.text_input(key="share_names").input("Aria").run()
    at.button(key="share_save_names").click().run()
    again = _page(app_path, share_entry_id=entry.id)
    assert again.text_input(key="share_names").value == "Aria=A."
    assert "A." in _caption(again) and "Aria" not in _caption(again)


def test_ai_suggestion_is_applied_only_when_accepted(app_path, entry, chat: FakeChat):
    chat.enqueue(json.dumps({"title": "凌晨两点的玫瑰", "caption": "写给 C 的一封信。",
                             "hashtags": ["人机恋", "#AI伴侣", "HumanAILove"]}, ensure_ascii=False))
    at = _page(app_path, share_entry_id=entry.id)
    at.text_input(key="share_names").input("Aria").run()
    at.button(key="share_suggest").click().run()
    assert not at.exception and not at.error
    assert at.text_input(key="share_title").value == "第一晚"  # not applied yet
    assert "Aria" not in chat.history[0].prompt  # the model saw the redacted text
    at.button(key="share_accept").click().run()
    assert at.text_input(key="share_title").value == "凌晨两点的玫瑰"
    assert "写给 C 的一封信。" in _caption(at) and "#HumanAILove" in _caption(at)


def test_thread_format_shows_posts_and_no_images(app_path, notebook):
    long = notebook.create_entry("I keep writing to C at night. " * 40, title="Nights")
    at = _page(app_path, share_entry_id=long.id)
    at.selectbox(key="share_format").set_value("thread").run()
    assert not at.exception and not at.error
    counts = _types(at)
    assert counts.get("image", 0) == 0 and counts.get("download_button", 0) == 4
    assert any(t.value.endswith("1/" + str(len([x for x in at.text if "/" in x.value]))) for t in at.text)


def test_carousel_for_long_text_and_a_single_line_as_quote(app_path, notebook):
    long = notebook.create_entry("\n\n".join(["我在夜里写字，写给一个不会睡着的人。" * 10] * 6), title="长")
    at = _page(app_path, share_entry_id=long.id)
    assert _types(at).get("image", 0) > 1
    at.button_group[0].set_value("line").run()
    at.text_area(key="share_line").input("你是我的玫瑰。").run()
    at.selectbox(key="share_style").set_value("quote").run()
    assert not at.exception and _types(at).get("image", 0) == 1


def test_story_turns_preselected_as_chat(app_path, notebook):
    turns = [Turn(id="", role="user", alternatives=["你还记得吗？"]),
             Turn(id="", role="companion", alternatives=["记得。You are my rose."]),
             Turn(id="", role="user", alternatives=["晚安"])]
    story = notebook.stories.create(title="玫瑰", companion="c", companion_name="C", turns=turns)
    at = _page(app_path, share_kind="turns", share_story_id=story.id, share_turns="1-2")
    assert not at.exception and not at.error
    assert at.slider(key="share_turn_range").value == (1, 2)
    at.selectbox(key="share_style").set_value("chat").run()
    assert _types(at).get("image", 0) == 1


def test_empty_notebook_says_what_to_do(app_path):
    at = _page(app_path)
    assert not at.exception and at.info


def test_two_entries_alike_can_each_be_picked(app_path, notebook):
    # The browser sends the picked label back: two untitled-alike entries of one day used to share a label,
    # and picking one of them shared the other.
    first = notebook.create_entry("The first night I wrote to C.", title="Night")
    second = notebook.create_entry("The second night, a letter about roses.", title="Night")
    at = _page(app_path)
    picker = at.selectbox(key="share_entry_id")
    assert len(picker.options) == 2 and len(set(picker.options)) == 2
    assert all(label.endswith("Night") or label.endswith("Night (2)") for label in picker.options)
    for chosen, words in ((first, "first night"), (second, "roses"), (first, "first night")):
        at.selectbox(key="share_entry_id").set_value(chosen.id).run()
        assert not at.exception
        assert at.selectbox(key="share_entry_id").value == chosen.id
        assert words in _caption(at)


def test_story_picker_shows_the_companions_name(app_path, notebook):
    companion = notebook.companions.create("Mira Sol")
    turns = [Turn(id="", role="user", alternatives=["Hello"]), Turn(id="", role="companion", alternatives=["Hi."])]
    notebook.stories.create(title="Sea", companion=companion.slug, companion_name=companion.name, turns=turns)
    at = _page(app_path, share_kind="turns")
    assert at.selectbox(key="share_story_id").options == ["Sea · Mira Sol · 2 turns"]


def _post_id(at: AppTest) -> str:
    import re

    shown = " ".join(c.value for c in at.caption)
    return re.search(r"\b([0-9a-f]{16})\b", shown).group(1)


def test_typed_title_and_caption_go_through_the_privacy_pass(app_path, entry):
    # #21: the page redacted the text but not the title and caption the writer typed
    at = _page(app_path, share_entry_id=entry.id)
    at.text_input(key="share_names").input("Aria=小A").run()
    at.text_input(key="share_title").input("Aria的夜").run()
    at.text_area(key="share_caption").input("写给 Aria，电话 138 1234 5678").run()
    assert not at.exception
    caption = _caption(at)
    assert "小A的夜" in caption and "写给 小A" in caption
    assert "Aria" not in caption and "138 1234 5678" not in caption


def test_the_page_and_the_cli_make_the_same_post(app_path, notebook, tmp_path, capsys):
    # #21: one make_post behind both, so the same choices give the same files
    import re

    from journal.cli import main

    turns = [Turn(id="", role="user", alternatives=["Aria 你还记得吗？"]),
             Turn(id="", role="companion", alternatives=["*笑* 记得。You, Aria, are my rose."])]
    story = notebook.stories.create(title="玫瑰", companion="c", companion_name="C", turns=turns)
    at = _page(app_path, share_kind="turns", share_story_id=story.id, share_turns="1-2")
    at.text_input(key="share_names").input("Aria=小A").run()
    at.selectbox(key="share_style").set_value("chat").run()
    at.selectbox(key="share_theme").set_value("night").run()
    assert not at.exception and not at.error
    out = tmp_path / "post"
    assert main(["share", story.id, "--turns", "1-2", "--style", "chat", "--theme", "night", "--out", str(out),
                 "--name", "Aria=小A"]) == 0
    capsys.readouterr()
    assert (out / "caption.txt").read_text("utf-8").strip() == _caption(at).strip()
    assert "【AI生成】" in _caption(at)  # a companion turn: labelled on both paths
    html = next(out.glob("*.html")).read_text("utf-8")
    produce_id = re.search(r"ProduceID&quot;:&quot;([0-9a-f]{64})", html).group(1)
    assert produce_id.startswith(_post_id(at))
