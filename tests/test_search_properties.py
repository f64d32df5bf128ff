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
from hypothesis import HealthCheck, example, given, settings
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
       caps=st.sampled_from([(0, 0), (0, 2), (1, 4), (3, 3), (1000, 5000)]), starred=st.sampled_from([None, True]))
@example(items=[("", "一杯咖啡", ["coffee"], False)], edits={}, query="coffee 咖啡", caps=(0, 0), starred=None)
def test_search_finds_what_a_scan_of_every_entry_finds(index, items, edits, query, caps, starred) -> None:
    flt = EntryFilter(starred=starred) if starred is not None else None
    _index_notebook(index, items, edits)
    conn = index.connection()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(search, "RANKED_MATCHES", caps[0])   # ranked up to here; then a walk filtered by the index
        patch.setattr(search, "WALK_FILTER_MATCHES", caps[1])
        patch.setattr(search, "WALK_FILTER_DENSITY", 10 ** 6)   # the small notebooks here are all "sparse"
        found = search.search_entries(conn, query, flt, limit=100, offset=0)
        assert {hit.id for hit in found} == _scan(conn, query, flt), query
        page = [hit.id for hit in search.search_entries(conn, query, flt, limit=2, offset=1)]
        # The rows holding both scripts and the walk's filter are shortcuts, never a different answer: the same
        # page, in order.
        patch.setattr(search, "_few_rows_hold_every_script", lambda *_: False)
        patch.setattr(search, "WALK_FILTER_MATCHES", 0)
        assert [hit.id for hit in search.search_entries(conn, query, flt, limit=2, offset=1)] == page


def test_a_query_in_two_scripts_reads_only_the_rows_that_hold_both(index, monkeypatch) -> None:
    monkeypatch.setattr(search, "RANKED_MATCHES", 2)
    monkeypatch.setattr(search, "WALK_FILTER_MATCHES", 2)
    items = [("", "coffee every morning", [], False)] * 4 + [("", "早上的咖啡", ["日常"], False)] * 4
    items += [("Coffee", "和朋友喝咖啡", [], False), ("", "no match 咖啡馆 here, tea", [], False)]
    _index_notebook(index, items, {})
    conn = index.connection()
    assert search_few(conn, ["coffee", "咖啡"])
    assert [h.id for h in search.search_entries(conn, "coffee 咖啡", None, 20, 0)] == ["e008"]
    monkeypatch.setattr(search, "_few_rows_hold_every_script", lambda *_: pytest.fail("not the shortcut"))
    assert [h.id for h in search.search_entries(conn, "coffee", None, 20, 0)][-1] == "e000"
    monkeypatch.setattr(search, "_few_rows_hold_every_script", search_few)
    # A term that may lie in a tag cannot rule the Chinese-only rows out by their text.
    _index_notebook(index, [*items, ("", "一杯咖啡", ["coffee"], False)], {})
    assert not search_few(conn, ["coffee", "咖啡"])
    assert [h.id for h in search.search_entries(conn, "coffee 咖啡", None, 20, 0)] == ["e010", "e008"]
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


markdownish = st.lists(st.sampled_from([*"ab 咖\n\t#>-*+_~`!()[]<&1.)２", "![x](p.png)", "[w](u)", "**", "# ", "1. ",
                                         "<b>", "&amp;"]), max_size=40).map("".join)


@settings(max_examples=300, deadline=None)
@given(body=markdownish)
@example(body="咖啡\n２. 一杯")   # a list mark numbered in full-width digits, in text that is not ASCII
def test_visible_text_skips_only_patterns_that_cannot_match(body: str) -> None:
    """Snippets of every search result and every reindexed file run visible_text: a quick check skips a pattern
    when the text lacks what its matches must contain, and the answer is the one running every pattern gives."""
    import html

    from journal import text

    expected = body
    if "<" in expected:
        expected = text._HTML_TAG.sub(" ", text._HIDDEN_HTML.sub(" ", expected))
    for pattern, replacement, _ in text._MARKUP:
        expected = pattern.sub(replacement, expected)
    expected = html.unescape(expected) if "&" in expected else expected
    assert text.visible_text(body) == expected


def _scripts_as_recorded(nb) -> dict[str, tuple[int, int]]:
    rows = nb.index.connection().execute("SELECT id, title, body, script FROM entries")
    return {r["id"]: (r["script"], row_script({"title": r["title"], "body": r["body"]})) for r in rows}


def test_an_index_from_before_the_script_column_is_migrated_and_a_bulk_reindex_fills_it(tmp_path: Path,
                                                                                        monkeypatch) -> None:
    from journal.entries import sync as entry_sync
    from journal.notebook import Notebook

    nb = Notebook.open(tmp_path)
    made = [nb.create_entry(body, title=title) for title, body in
            [("Coffee", "早上的咖啡"), ("", "coffee only"), ("", "只有咖啡"), ("", "2024 ...")]]
    conn = nb.index.connection()
    with conn:   # the index as m003 left it: no script column, the FTS update trigger on every column
        conn.execute("DROP INDEX idx_entries_script")
        conn.execute("ALTER TABLE entries DROP COLUMN script")
        conn.execute("DELETE FROM _sqlite_migrations WHERE name = 'm004_entry_scripts'")
        conn.execute("DROP TRIGGER entries_au")
        conn.execute('CREATE TRIGGER "entries_au" AFTER UPDATE ON "entries" BEGIN '
                     'INSERT INTO "entries_fts" ("entries_fts", rowid, "title", "body", "tags_text") '
                     'VALUES(\'delete\', old.rowid, old."title", old."body", old."tags_text"); '
                     'INSERT INTO "entries_fts" (rowid, "title", "body", "tags_text") '
                     'VALUES (new.rowid, new."title", new."body", new."tags_text"); END')
        conn.execute("PRAGMA user_version = 3")
    nb.index.close()
    migrated = Notebook.open(tmp_path, sync=False)
    scripts = _scripts_as_recorded(migrated)
    assert [scripts[e.id][0] for e in made] == [SCRIPT_LATIN | SCRIPT_CJK, SCRIPT_LATIN, SCRIPT_CJK, 0]
    assert all(recorded == computed for recorded, computed in scripts.values())
    trigger = migrated.index.connection().execute("SELECT sql FROM sqlite_master WHERE name = 'entries_au'").fetchone()[0]
    assert "UPDATE OF title, body, tags_text" in trigger
    assert [h.id for h in migrated.search("coffee 咖啡")] == [made[0].id]
    migrated.update_entry(made[1].id, body="coffee and 咖啡 now")   # an edit still reaches the full-text index
    assert {h.id for h in migrated.search("coffee 咖啡")} == {made[0].id, made[1].id}
    migrated.index.close()

    monkeypatch.setattr(entry_sync, "BULK_MIN_FILES", 1)   # a reindex of the empty index fills it in bulk
    rebuilt = Notebook(tmp_path)
    assert rebuilt.reindex().indexed == 4
    assert _scripts_as_recorded(rebuilt) == {**scripts, made[1].id: (SCRIPT_LATIN | SCRIPT_CJK,) * 2}
