"""Search in Chinese and English: trigram FTS, one- and two-character queries, filters, snippets."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from journal.entries.model import EntryFilter
from journal.errors import InvalidInput
from journal.notebook import Notebook
from journal.store import search

TZ = timezone(timedelta(hours=8))


@pytest.fixture
def filled(notebook: Notebook) -> dict[str, str]:
    def add(key, body, day, **kw):
        return key, notebook.create_entry(body, created=datetime(2026, 4, day, 21, 0, tzinfo=TZ), **kw).id

    return dict([
        add("chat", "今天和C聊了很久，他说我是他的玫瑰。", 2, title="第一晚", tags=["C", "love"], starred=True),
        add("rain", "Walked home in the rain with headphones on.", 3, tags=["walk"]),
        add("roses", "Bought roses for the table. Roses everywhere!", 4, title="Roses", tags=["love"]),
        add("mixed", "和 Aria 一起 walking 在外滩", 5),
        add("code", "In the realm of code and algorithm.", 6),
    ])


@pytest.mark.parametrize("query,expected", [
    ("聊", {"chat"}),                 # one character: shorter than a trigram
    ("玫瑰", {"chat"}),               # two characters
    ("我是他的玫瑰", {"chat"}),        # longer Chinese phrase
    ("rain", {"rain"}),
    ("roses", {"roses"}),
    ("ROSES", {"roses"}),             # case-insensitive
    ("外滩", {"mixed"}),
    ("Aria walking", {"mixed"}),      # all terms must match
    ("realm code", {"code"}),
    ("第一晚", {"chat"}),              # title
    ("love", {"chat", "roses"}),      # tags are searchable
    ("nothing-like-this", set()),
    ("rain roses", set()),            # every term must match, not any of them
    ("聊 Ro", set()),                 # the same for terms shorter than a trigram
    ("一晚", {"chat"}),               # a two-character term found in a title only
])
@pytest.mark.parametrize("ranked_matches", [500, 0])  # 0: every query takes the newest-first walk
def test_search_finds_exactly_the_matching_entries(notebook: Notebook, filled, query, expected, ranked_matches,
                                                   monkeypatch) -> None:
    monkeypatch.setattr(search, "RANKED_MATCHES", ranked_matches)
    ids = {r.id for r in notebook.search(query)}
    assert ids == {filled[k] for k in expected}


def test_short_chinese_terms_come_from_the_grams_table_and_stale_rows_are_confirmed(notebook: Notebook,
                                                                                    monkeypatch) -> None:
    amber = notebook.create_entry("窗台上放着一块琥珀。", title="a")
    notebook.create_entry("窗台上放着一块石头。", title="b")
    conn = notebook.index.connection()
    [(rowid,)] = conn.execute("SELECT rowid FROM entries_grams WHERE entries_grams MATCH '\"琥珀\"'").fetchall()
    assert [h.id for h in notebook.search("琥珀")] == [amber.id]
    assert [h.id for h in notebook.search("珀")] == [amber.id]
    notebook.update_entry(amber.id, body="窗台上什么也没有。")  # the old gram stays in the table
    assert notebook.search("琥珀") == [] and notebook.search("珀") == []
    calls = []
    monkeypatch.setattr(search, "_match_count", lambda *a: calls.append(a[1]) or 0)
    notebook.search("窗台")
    assert calls == ["entries_grams"]  # found through the index, not by reading every body


def test_a_common_word_shows_the_newest_first_one_page_at_a_time(notebook: Notebook, monkeypatch) -> None:
    monkeypatch.setattr(search, "RANKED_MATCHES", 3)
    start = datetime(2026, 1, 1, 8, 0, tzinfo=TZ)
    ids = [notebook.create_entries([{"body": f"coffee number {i}", "created": start + timedelta(days=i),
                                     "tags": ["odd"] if i % 2 else []}])[0].id for i in range(8)]
    notebook.create_entry("tea only", created=start + timedelta(days=20))
    newest_first = list(reversed(ids))
    assert [h.id for h in notebook.search("coffee", limit=3)] == newest_first[:3]
    assert [h.id for h in notebook.search("coffee", limit=3, offset=3)] == newest_first[3:6]
    assert [h.id for h in notebook.search("coffee", EntryFilter(tag="odd"))] == newest_first[0::2]
    assert [h.id for h in notebook.search("coffee number 2")] == [ids[2]]


def test_results_are_ranked_and_highlighted(notebook: Notebook, filled) -> None:
    hits = notebook.search("roses")
    assert hits[0].id == filled["roses"]
    assert "**roses**" in hits[0].snippet.lower()
    assert "**玫瑰**" in notebook.search("玫瑰")[0].snippet


def test_title_match_ranks_above_body_match(notebook: Notebook) -> None:
    body_only = notebook.create_entry("a note that mentions lighthouse once", title="Plain")
    titled = notebook.create_entry("about the sea", title="Lighthouse")
    assert [h.id for h in notebook.search("lighthouse")] == [titled.id, body_only.id]


def test_filters_combine_with_search(notebook: Notebook, filled) -> None:
    assert {r.id for r in notebook.search("love", EntryFilter(starred=True))} == {filled["chat"]}
    assert {r.id for r in notebook.search("love", EntryFilter(date_from=date(2026, 4, 3)))} == {filled["roses"]}
    assert {r.id for r in notebook.list_entries(EntryFilter(tag="walk"))} == {filled["rain"]}
    assert {r.id for r in notebook.list_entries(EntryFilter(tag="#love"))} == {filled["chat"], filled["roses"]}
    window = EntryFilter(date_from=date(2026, 4, 3), date_to=date(2026, 4, 4))
    assert {r.id for r in notebook.list_entries(window)} == {filled["rain"], filled["roses"]}
    assert notebook.count_entries(window) == 2


def test_listing_is_newest_first_with_paging(notebook: Notebook, filled) -> None:
    first = notebook.list_entries(limit=2)
    second = notebook.list_entries(limit=2, offset=2)
    assert [r.id for r in first] == [filled["code"], filled["mixed"]]
    assert [r.id for r in second] == [filled["roses"], filled["rain"]]


def test_search_pages_do_not_overlap(notebook: Notebook) -> None:
    for i in range(25):
        notebook.create_entry(f"lantern number {i}")
    pages = [notebook.search("lantern", limit=10, offset=o) for o in (0, 10, 20)]
    ids = [r.id for page in pages for r in page]
    assert len(ids) == len(set(ids)) == 25


@pytest.mark.parametrize("query", ["", "   ", '""'])
def test_empty_query_is_a_clear_error(notebook: Notebook, query) -> None:
    with pytest.raises(InvalidInput):
        notebook.search(query)


@pytest.mark.parametrize("query", ["a AND", "NEAR(", "*", "%", "_", "\\", "' OR 1=1 --", "col:value"])
def test_fts_syntax_in_queries_is_treated_as_text(notebook: Notebook, query) -> None:
    notebook.create_entry("plain text")
    notebook.search(query)  # must not raise a database error


def test_like_wildcards_are_literal(notebook: Notebook) -> None:
    a = notebook.create_entry("100% sure")
    notebook.create_entry("1000 sure")
    assert [r.id for r in notebook.search("0%")] == [a.id]


def test_a_short_term_is_found_in_tags_alone(notebook: Notebook) -> None:
    tagged = notebook.create_entry("We took the night train north.", tags=["旅行"])
    notebook.create_entry("Stayed home all weekend.")
    assert [h.id for h in notebook.search("旅行")] == [tagged.id]
