"""Search finds exactly the entries a plain scan finds, whichever way the index is read (#19).

Small random notebooks of English and Chinese entries, tags in both, edits that leave stale rows in the
grams table, and queries of common and rare words in both scripts, checked against a brute-force scan
with the ranking cap at several sizes, so that every way through ``search_entries`` is taken.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journal.entries.index import entry_row, row_script
from journal.entries.model import Entry, EntryFilter
from journal.store import entries as entry_sql
from journal.store import search
from journal.store.index import Index
from journal.text import SCRIPT_CJK, SCRIPT_LATIN, script_bits

TZ = timezone(timedelta(hours=8))
START = datetime(2026, 1, 1, 8, 0, tzinfo=TZ)
WORDS = ["coffee", "Coffee", "tea", "river", "letter", "co", "a", "咖啡", "雨", "琥珀", "玫瑰", "咖啡馆",
         "下雨", "，", "。", "2024", "！"]
TAGS = ["love", "C", "coffee", "旅行", "咖啡", "日常", "work"]
QUERY_TERMS = ["coffee", "COFFEE", "tea", "river", "co", "a", "咖啡", "雨", "琥珀", "咖啡馆", "下雨",
               "offe", "啡", "love", "旅", "2024", "\"river letter\""]

texts = st.lists(st.sampled_from(WORDS), max_size=8).map(" ".join)
entries = st.lists(st.tuples(st.sampled_from(["", "coffee", "咖啡", "Tea time"]), texts,
                             st.lists(st.sampled_from(TAGS), max_size=2, unique=True), st.booleans()),
                   min_size=1, max_size=12)
queries = st.lists(st.sampled_from(QUERY_TERMS), min_size=1, max_size=3).map(" ".join)


def _index_notebook(index: Index, items: list[tuple[str, str, list[str], bool]], edits: dict[int, str]) -> None:
    """``index`` holding just these entries (and the stale grams of the edits), made from a clean slate."""
    conn = index.connection()
    with conn:
        conn.execute("DELETE FROM entries")
        conn.execute("DELETE FROM tag_spellings")
        conn.execute("INSERT INTO entries_grams (entries_grams) VALUES ('delete-all')")
    made = []
    for number, (title, body, tags, starred) in enumerate(items):
        created = START + timedelta(days=number)
        made.append(Entry(id=f"e{number:03d}", title=title, body=body, created=created, updated=created,
                          tags=tags, starred=starred))
    entry_sql.upsert_rows(conn, [entry_row(e, f"journal/{e.id}.md", 0, 0) for e in made])
    for number, body in edits.items():   # an edit leaves the old grams behind (a contentless table)
        if number < len(made):
            made[number].body = body
            entry_sql.upsert_rows(conn, [entry_row(made[number], f"journal/{made[number].id}.md", 0, 0)])


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory):
    index = Index(tmp_path_factory.mktemp("search-properties"))
    yield index
    index.close()


def _scan(conn: sqlite3.Connection, query: str, flt: EntryFilter | None) -> set[str]:
    terms = [t.casefold() for t in search.split_terms(query)]
    found = set()
    for row in conn.execute("SELECT id, title, body, tags_text, starred FROM entries"):
        if flt is not None and flt.starred is not None and bool(row["starred"]) != flt.starred:
            continue
        columns = [(row[c] or "").casefold() for c in ("title", "body", "tags_text")]
        if all(any(t in column for column in columns) for t in terms):
            found.add(row["id"])
    return found


@settings(max_examples=200, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(items=entries, edits=st.dictionaries(st.integers(0, 11), texts, max_size=3), query=queries,
       cap=st.sampled_from([0, 1, 3, 1000]), starred=st.sampled_from([None, True]))
def test_search_finds_what_a_scan_of_every_entry_finds(index, items, edits, query, cap, starred) -> None:
    flt = EntryFilter(starred=starred) if starred is not None else None
    _index_notebook(index, items, edits)
    conn = index.connection()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(search, "RANKED_MATCHES", cap)
        found = search.search_entries(conn, query, flt, limit=100, offset=0)
        assert {hit.id for hit in found} == _scan(conn, query, flt), query
        page = [hit.id for hit in search.search_entries(conn, query, flt, limit=2, offset=1)]
        # The rows holding both scripts are a shortcut, never a different answer: the same page, in order.
        patch.setattr(search, "_few_rows_hold_every_script", lambda *_: False)
        assert [hit.id for hit in search.search_entries(conn, query, flt, limit=2, offset=1)] == page


def test_a_query_in_two_scripts_reads_only_the_rows_that_hold_both(index, monkeypatch) -> None:
    monkeypatch.setattr(search, "RANKED_MATCHES", 2)
    items = [("", "coffee every morning", [], False)] * 4 + [("", "早上的咖啡", ["日常"], False)] * 4
    items += [("Coffee", "和朋友喝咖啡", [], False), ("", "no match 咖啡馆 here, tea", [], False)]
    _index_notebook(index, items, {})
    conn = index.connection()
    taken = []
    monkeypatch.setattr(search, "_few_rows_hold_every_script",
                        lambda *a: taken.append(True) or search_few(*a))
    assert [h.id for h in search.search_entries(conn, "coffee 咖啡", None, 20, 0)] == ["e008"]
    assert taken == [True]
    # A term that may lie in a tag ("日常" is one) cannot rule the Chinese-only rows out by their text.
    assert not search_few(conn, ["coffee", "日常"])
    assert [h.id for h in search.search_entries(conn, "coffee 日常", None, 20, 0)] == []


search_few = search._few_rows_hold_every_script


@pytest.mark.parametrize("text,bits", [
    ("coffee", SCRIPT_LATIN), ("咖啡", SCRIPT_CJK), ("今天，我们。“好”！😀 2024", SCRIPT_CJK),
    ("Café 咖啡", SCRIPT_LATIN | SCRIPT_CJK), ("123 ... ——", 0), ("ｃｏｆｆｅｅ", 0), ("\u212a", SCRIPT_LATIN),
    ("Привет", SCRIPT_LATIN),   # any letter with case counts as Latin here: it may fold to a query's letters
])
def test_script_bits(text: str, bits: int) -> None:
    assert script_bits(text) == bits
    assert row_script({"title": "", "body": text}) == bits


def test_characters_that_fts5_folds_together_share_their_script_bits() -> None:
    """The rule search relies on: a case-insensitive match never joins two characters of different scripts."""
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE VIRTUAL TABLE t USING fts5(x, tokenize='trigram')")
    conn.execute("CREATE VIRTUAL TABLE v USING fts5vocab(t, 'instance')")
    codes = [c for c in [*range(0x20, 0x10000), *range(0x1D400, 0x1D800), *range(0x1F000, 0x1FB00)]
             if not 0xD800 <= c < 0xE000]
    conn.executemany("INSERT INTO t (rowid, x) VALUES (?, ?)", [(c, chr(c) * 3) for c in codes])
    differ = [(hex(doc), term) for term, doc in conn.execute("SELECT term, doc FROM v")
              if script_bits(chr(doc)) != script_bits(term[0])]
    assert differ == []
