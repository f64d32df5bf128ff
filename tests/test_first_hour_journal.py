"""#20 items 16–21: highlights, snippets, tag case, word counts, default titles, title-only jrnl entries."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from streamlit.testing.v1 import AppTest

from journal.entries import EntryFilter, default_title
from journal.importers import run_import
from journal.notebook import Notebook
from journal.store.search import make_snippet

TIMEOUT = 30
CREATED = datetime(2026, 4, 2, 21, 0).astimezone()


def test_a_reduplicated_character_is_one_highlight() -> None:
    assert make_snippet("今天和妈妈去公园，妈说好。", ["妈"]) == "今天和**妈妈**去公园，**妈**说好。"
    assert make_snippet("haha ha", ["ha"]) == "**haha** **ha**"


def test_snippets_and_counts_ignore_html_markup(notebook: Notebook) -> None:
    body = '<div class="note" style="color: red"><span data-x="1">five visible words right here</span></div>'
    entry = notebook.create_entry(body, title="T")
    [row] = notebook.list_entries()
    assert row.snippet == "five visible words right here"
    assert row.words == 6  # the title's one word and the five the reader sees
    assert make_snippet(body, ["words"]) == "five visible **words** right here"
    assert entry.body == body  # the file keeps what was written


def test_tags_are_one_tag_whatever_their_case_and_keep_the_first_spelling(notebook: Notebook, tmp_path: Path) -> None:
    first = notebook.create_entry("one", tags=["C", "Émotion"])
    typed = notebook.create_entry("two", tags=["c", "émotion", "C"])
    assert typed.tags == ["C", "Émotion"]
    journal = tmp_path / "journal.txt"
    journal.write_text("[2024-05-01 21:30] Night talk with @c and @dream.\n\n[2024-05-02 21:30] More @Dream.\n",
                       encoding="utf-8")
    run_import(notebook, "jrnl", journal)
    assert notebook.all_tags() == ["C", "dream", "Émotion"]
    for spelling in ("C", "c", "#c"):
        found = {row.id for row in notebook.list_entries(EntryFilter(tag=spelling), limit=10)}
        assert len(found) == 3 and first.id in found and typed.id in found
    assert notebook.count_entries(EntryFilter(tag="DREAM")) == 2
    assert len(notebook.search("talk", EntryFilter(tag="C"))) == 1


def test_tag_case_survives_a_reindex(notebook: Notebook) -> None:
    notebook.create_entry("one", tags=["Travel"], created=CREATED)
    notebook.create_entry("two", tags=["travel"], created=CREATED)  # saved as Travel
    # A hand-made note, newer, read first by the scan: the oldest entry's spelling still wins.
    (notebook.home / "journal").joinpath("hand.md").write_text(
        "---\ncreated: 2026-05-01T10:00:00+08:00\ntags: [TRAVEL, x]\n---\nby hand\n", encoding="utf-8")
    notebook.reindex()
    assert notebook.all_tags() == ["Travel", "x"]
    assert notebook.count_entries(EntryFilter(tag="travel")) == 3


def test_untitled_chinese_entry_gets_its_first_clause_as_title() -> None:
    body = "今天和妈妈去公园散步，天气很好，我们聊了很多关于过去的事情，还有她年轻时候的故事，一直聊到天黑才回家。"
    assert default_title(body, CREATED) == "今天和妈妈去公园散步，天气很好"
    assert default_title("下雨了。我在窗边写字，写到很晚，一直写到天亮才睡。", CREATED) == "下雨了"
    assert default_title("下雨了。我在窗边写字。", CREATED) == "下雨了。我在窗边写字。"  # short: kept whole
    assert default_title("## Rain on the **window**, and tea", CREATED) == "Rain on the window, and tea"
    long_english = "A long day that kept going and going without any end in sight at all, really and truly"
    title = default_title(long_english, CREATED)
    assert title == "A long day that kept going and going without any end in…" and len(title) <= 61
    assert default_title("\n\n", CREATED) == "2026-04-02"


def _reader(app_path: str, home: Path, entry_id: str) -> AppTest:
    at = AppTest.from_file(app_path, default_timeout=TIMEOUT)
    at.session_state["journal_open"] = entry_id
    at.session_state["journal_mode"] = "read"
    return at.run()


def test_reader_counts_visible_words_and_names_chinese_characters(app_path: str, duet_home: Path) -> None:
    nb = Notebook.open(duet_home)
    html = nb.create_entry('<p class="a"><span style="font-weight:bold">five visible words right here</span></p>')
    mixed = nb.create_entry("今天下雨 and then tea")
    at = _reader(app_path, duet_home, html.id)
    assert not at.exception
    assert any("5 words · 1 min read" in c.value for c in at.caption)
    at = _reader(app_path, duet_home, mixed.id)
    assert any("3 words and 4 Chinese characters" in c.value for c in at.caption)


def test_a_title_only_jrnl_entry_shows_its_words_once(app_path: str, duet_home: Path, tmp_path: Path) -> None:
    nb = Notebook.open(duet_home)
    journal = tmp_path / "journal.txt"
    journal.write_text("[2024-05-01 21:30] Only a title here.\n\n", encoding="utf-8")
    run_import(nb, "jrnl", journal)
    [row] = nb.list_entries()
    assert row.title == "Only a title here."
    at = _reader(app_path, duet_home, row.id)
    shown = [m.value for m in at.markdown] + [h.value for h in at.subheader]
    assert sum("Only a title here" in text for text in shown) == 1
    at = AppTest.from_file(app_path, default_timeout=TIMEOUT).run()  # the list: title, no snippet repeating it
    assert sum("Only a title here" in m.value for m in at.markdown) == 1
