"""The Journal page through AppTest: write, read, edit, search, delete, drafts, bad input."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from journal.notebook import Notebook

TIMEOUT = 30


@pytest.fixture
def app(app_path: str) -> AppTest:
    return AppTest.from_file(app_path, default_timeout=TIMEOUT).run()


def _write(at: AppTest, title: str, body: str, tags: str = "") -> AppTest:
    at.text_input(key="editor_new_title").input(title)
    at.text_input(key="editor_new_tags").input(tags)
    at.text_area(key="editor_new_body").input(body).run()
    return at.button(key="journal_save_new").click().run()


def _open_first(at: AppTest) -> AppTest:
    key = next(b.key for b in at.button if b.key and b.key.startswith("open_"))
    return at.button(key=key).click().run()


def test_write_read_edit_search_delete(app: AppTest, duet_home: Path) -> None:
    assert not app.exception
    _write(app, "First night", "今天和C聊了很久，关于**玫瑰**。", "love, C")
    assert not app.exception
    nb = Notebook.open(duet_home)
    [summary] = nb.list_entries()
    assert summary.title == "First night" and summary.tags == ["love", "C"]

    _open_first(app)
    assert app.subheader[0].value == "First night"
    assert any("<strong>玫瑰</strong>" in m.value for m in app.markdown)  # rendered markdown

    app.button(key="journal_edit").click().run()
    app.text_area(key=f"editor_{summary.id}_body").input("改过了：我们去看了海。").run()
    app.button(key="journal_save_edit").click().run()
    assert not app.exception
    assert nb.get_entry(summary.id).body == "改过了：我们去看了海。"

    app.button(key="journal_back").click().run()
    app.sidebar.text_input(key="journal_query").input("看了海").run()
    assert any("**看了海**" in m.value for m in app.markdown)
    app.sidebar.text_input(key="journal_query").input("玫瑰").run()
    assert any("Nothing matches" in c.value for c in app.caption)
    app.sidebar.text_input(key="journal_query").input("").run()

    _open_first(app)
    app.button(key="journal_delete").click().run()
    app.button(key="journal_delete_yes").click().run()
    assert not app.exception
    assert nb.count_entries() == 0 and not list((duet_home / "journal").rglob("*.md"))


def test_delete_can_be_cancelled(app: AppTest, duet_home: Path) -> None:
    _write(app, "Keep", "keep me")
    _open_first(app)
    app.button(key="journal_delete").click().run()
    app.button(key="journal_delete_no").click().run()
    assert Notebook.open(duet_home).count_entries() == 1
    assert not [b for b in app.button if b.key == "journal_delete_yes"]  # the dialog is closed


def test_draft_survives_a_browser_refresh(app: AppTest, duet_home: Path, app_path: str) -> None:
    app.text_input(key="editor_new_title").input("Half written")
    app.text_area(key="editor_new_body").input("I was about to say something important").run()
    assert (duet_home / "drafts" / "new.md").exists()
    fresh = AppTest.from_file(app_path, default_timeout=TIMEOUT).run()  # a new browser session
    assert fresh.text_area(key="editor_new_body").value == "I was about to say something important"
    assert fresh.text_input(key="editor_new_title").value == "Half written"
    fresh.button(key="journal_save_new").click().run()
    assert not (duet_home / "drafts" / "new.md").exists()
    assert Notebook.open(duet_home).count_entries() == 1


def test_empty_entry_shows_an_error_and_keeps_the_text(app: AppTest, duet_home: Path) -> None:
    _write(app, "Only a title", "   ")
    assert any("empty" in e.value for e in app.error)
    assert app.text_input(key="editor_new_title").value == "Only a title"
    assert Notebook.open(duet_home).count_entries() == 0


def test_markdown_with_script_is_sanitized(app: AppTest) -> None:
    _write(app, "XSS", "<script>alert(1)</script><img src=x onerror=alert(2)> [x](javascript:alert(3)) safe")
    _open_first(app)
    html = " ".join(m.value for m in app.markdown)
    assert "safe" in html
    for bad in ("<script", "onerror", "javascript:"):
        assert bad not in html


def test_paging_shows_twenty_per_page(app: AppTest, duet_home: Path, app_path: str) -> None:
    nb = Notebook.open(duet_home)
    for i in range(45):
        nb.create_entry(f"entry number {i}", title=f"T{i}")
    at = AppTest.from_file(app_path, default_timeout=TIMEOUT).run()
    opens = [b for b in at.button if b.key and b.key.startswith("open_")]
    assert len(opens) == 20
    assert any("Page 1 of 3 · 45 entries" in c.value for c in at.caption)
    at.button(key="journal_next").click().run()
    at.button(key="journal_next").click().run()
    assert len([b for b in at.button if b.key and b.key.startswith("open_")]) == 5


def test_filter_by_tag_and_starred(app: AppTest, duet_home: Path, app_path: str) -> None:
    nb = Notebook.open(duet_home)
    nb.create_entry("work stuff", tags=["work"])
    nb.create_entry("love stuff", tags=["love"], starred=True)
    at = AppTest.from_file(app_path, default_timeout=TIMEOUT).run()
    at.sidebar.selectbox(key="journal_tag").select("work").run()
    assert _row_titles(at, "stuff") == ["**work stuff**"]
    at.sidebar.selectbox(key="journal_tag").select("").run()
    at.sidebar.checkbox(key="journal_starred").check().run()
    assert _row_titles(at, "stuff") == ["**love stuff** ⭐"]


def _row_titles(at: AppTest, word: str) -> list[str]:
    """The title line of each listed entry holding ``word``: a row is one markdown, title first (#19)."""
    return [m.value.split("\n\n")[0] for m in at.markdown if m.value.startswith("**") and word in m.value]


def test_page_in_chinese(app_path: str, monkeypatch) -> None:
    monkeypatch.setenv("DUET_LANG", "zh")
    at = AppTest.from_file(app_path, default_timeout=TIMEOUT).run()
    assert at.title[0].value == "日记"
    assert at.button(key="journal_save_new").label == "保存日记"


def test_share_action_opens_the_share_page_with_the_entry(app: AppTest, duet_home: Path) -> None:
    _write(app, "To share", "In the realm of code and algorithm. You, Aria, are my rose.")
    _open_first(app)
    app.button(key="journal_share").click().run()
    assert not app.exception
    assert app.session_state["share_entry_id"] == Notebook.open(duet_home).list_entries()[0].id


@pytest.mark.parametrize("body,lang,needles", [
    ("I wrote goodbye letters to everyone tonight. They would be better off without me.", "en", ["988", "116 123"]),
    ("我真的不想活了，遗书已经写好了。", "zh", ["12356", "010-82951332"]),
])
def test_crisis_panel_appears_after_save_without_blocking_it(app_path: str, duet_home: Path, monkeypatch,
                                                             body, lang, needles) -> None:
    monkeypatch.setenv("DUET_LANG", lang)
    at = AppTest.from_file(app_path, default_timeout=TIMEOUT).run()
    _write(at, "", body)
    assert not at.exception
    assert Notebook.open(duet_home).count_entries() == 1  # saved, not blocked
    shown = " ".join(m.value for m in at.markdown)
    for needle in needles:
        assert needle in shown


def test_no_panel_for_everyday_hyperbole(app: AppTest) -> None:
    _write(app, "", "This commute is killing me. 笑死我了, 累死了.")
    shown = " ".join(m.value for m in app.markdown)
    assert "988" not in shown and "12356" not in shown


def test_ai_question_uses_the_configured_model_and_can_be_kept(app_path: str, duet_home: Path) -> None:
    from journal.ai.providers import AISettings, save_settings
    from tests.fake_openai import FakeOpenAIServer, reply

    with FakeOpenAIServer() as server:
        server.enqueue(reply("What did the rain sound like to you?"))
        save_settings(duet_home, AISettings(provider="compatible", base_url=server.base_url, model="fake"))
        at = AppTest.from_file(app_path, default_timeout=TIMEOUT).run()
        at.text_area(key="editor_new_body").input("We walked home in the rain.").run()
        at.button(key="journal_ai_new_question").click().run()
        assert not at.exception
        assert [i.value for i in at.info] == ["What did the rain sound like to you?"]
        assert at.text_area(key="editor_new_body").value == "We walked home in the rain."  # nothing lost
        assert server.chat_requests[0].body["model"] == "fake"


def test_feelings_date_and_star_are_saved(app: AppTest, duet_home: Path) -> None:
    from datetime import date, timedelta

    yesterday = date.today() - timedelta(days=1)
    app.text_input(key="editor_new_feelings").input("calm, 想念")
    app.date_input(key="editor_new_day").set_value(yesterday)
    _write(app, "Yesterday", "Writing about yesterday.")
    nb = Notebook.open(duet_home)
    [summary] = nb.list_entries()
    entry = nb.get_entry(summary.id)
    assert entry.feelings == ["calm", "想念"] and entry.created.date() == yesterday
    assert entry.path.parent == duet_home / yesterday.strftime("journal/%Y/%m")

    _open_first(app)
    app.button(key="journal_star").click().run()
    assert nb.get_entry(entry.id).starred is True
    app.button(key="journal_edit").click().run()
    app.date_input(key=f"editor_{entry.id}_day").set_value(yesterday - timedelta(days=1))
    app.button(key="journal_save_edit").click().run()
    moved = nb.get_entry(entry.id)
    assert moved.created.date() == yesterday - timedelta(days=1) and moved.path == entry.path
    assert moved.feelings == ["calm", "想念"] and moved.starred


def test_draft_keeps_every_field(app: AppTest, duet_home: Path, app_path: str) -> None:
    app.text_input(key="editor_new_feelings").input("hopeful")
    app.checkbox(key="editor_new_starred").check()
    app.text_area(key="editor_new_body").input("not saved yet").run()
    fresh = AppTest.from_file(app_path, default_timeout=TIMEOUT).run()
    assert fresh.text_input(key="editor_new_feelings").value == "hopeful"
    assert fresh.checkbox(key="editor_new_starred").value is True


def test_a_notebook_folder_that_cannot_be_opened_is_one_sentence(app_path: str, tmp_path: Path, monkeypatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("DUET_HOME", str(blocker / "nb"))
    at = AppTest.from_file(app_path, default_timeout=TIMEOUT).run()
    assert not at.exception
    assert "cannot open the notebook" in at.error[0].value


def test_draft_that_cannot_be_saved_warns_and_keeps_the_text(app: AppTest, duet_home: Path, monkeypatch) -> None:
    from journal.errors import StorageError

    def full(*args, **kwargs):
        raise StorageError("errors.disk_full", path="drafts/new.md")

    monkeypatch.setattr(Notebook, "save_draft", full)
    app.text_area(key="editor_new_body").input("words I must not lose").run()
    assert not app.exception
    assert any("could not be autosaved" in w.value for w in app.warning)
    assert app.text_area(key="editor_new_body").value == "words I must not lose"


def test_a_code_block_with_an_empty_line_stays_one_block(app: AppTest) -> None:
    _write(app, "Code", "Look:\n\n```\nline one\n\nline three\n```\n\nafter")
    _open_first(app)
    [html] = [m.value for m in app.markdown if "<pre>" in m.value]
    assert "\n\n" not in html and "line one&#10;&#10;line three" in html


def test_snippets_show_words_not_markup(app: AppTest, duet_home: Path, app_path: str) -> None:
    Notebook.open(duet_home).create_entry("# Rain\n\n![](../../../attachments/a.jpg)\n\nwe **walked** to [the river](http://x)")
    at = AppTest.from_file(app_path, default_timeout=TIMEOUT).run()
    assert any(m.value.split("\n\n")[-1].startswith("Rain we walked to the river") for m in at.markdown)


def test_an_accepted_ai_continuation_is_recorded_with_the_entry(app_path, notebook, chat):
    # #16: provenance of AI words, written in the entry's front matter when it is saved
    chat.enqueue("The kettle sang, and for a moment the whole street seemed to listen.")
    at = AppTest.from_file(app_path, default_timeout=TIMEOUT).run()
    at.text_area(key="editor_new_body").input("Tonight the rain came back. I walked to the shop anyway.").run()
    at.button(key="journal_ai_new_continue").click().run()
    at.button(key="journal_ai_new_use").click().run()
    at.button(key="journal_save_new").click().run()
    assert not at.exception
    [summary] = notebook.list_entries()
    entry = notebook.get_entry(summary.id)
    [record] = entry.extra["ai_words"]
    assert record["kind"] == "continuation" and "the whole street seemed to listen" in record["text"]
    assert "ai_words:" in entry.path.read_text("utf-8")


def test_one_entry_is_counted_in_the_singular(duet_home: Path, app_path: str) -> None:
    Notebook.open(duet_home).create_entry("only one so far", title="First")
    at = AppTest.from_file(app_path, default_timeout=TIMEOUT).run()
    assert any(c.value.endswith("· 1 entry") for c in at.caption), [c.value for c in at.caption]
