"""Listing and full-text search over the index, for Chinese as well as English.

FTS5's trigram tokenizer indexes every three-character run, so Chinese text
needs no word segmentation. Chinese terms of one or two characters (``聊``,
``玫瑰``) are shorter than a trigram: the ``entries_grams`` table indexes every
CJK character and pair as a word for them, and ``LIKE`` confirms each row.
A search reads one page of results, never every match: see search_entries.
"""

from __future__ import annotations

import json
import re
import sqlite3
from typing import Any

from journal.entries.model import EntryFilter, EntrySummary
from journal.errors import InvalidInput
from journal.entries.index import tag_key
from journal.text import SCRIPT_CJK, SCRIPT_LATIN, is_cjk_term, script_bits, visible_text

TRIGRAM = 3
# Up to this many matches are ranked; a query that matches more shows the newest first (see search_entries).
RANKED_MATCHES = 1000
SNIPPET_CONTEXT_CHARS = 40
SNIPPET_MAX_CHARS = 160
HIGHLIGHT_OPEN, HIGHLIGHT_CLOSE = "**", "**"
_SUMMARY_COLUMNS = "e.id, e.title, e.created, e.path, e.body, e.tags_json, e.mood, e.starred, e.words"


def split_terms(query: str) -> list[str]:
    """Whitespace-separated terms; a quoted phrase stays one term."""
    terms = [a or b for a, b in re.findall(r'"([^"]+)"|(\S+)', query)]
    return [t for t in (term.strip().strip('"').strip() for term in terms) if t]


def _filter_sql(flt: EntryFilter | None) -> tuple[list[str], list[Any]]:
    where: list[str] = []
    params: list[Any] = []
    if flt is None:
        return where, params
    if flt.tag:
        where.append("EXISTS (SELECT 1 FROM entry_tags t WHERE t.tag_key = ? AND t.entry_id = e.id)")
        params.append(tag_key(flt.tag.lstrip("#@")))
    if flt.date_from:
        where.append("e.day >= ?")
        params.append(flt.date_from.isoformat())
    if flt.date_to:
        where.append("e.day <= ?")
        params.append(flt.date_to.isoformat())
    if flt.starred is not None:
        where.append("e.starred = ?")
        params.append(int(flt.starred))
    return where, params


def _summary(row: sqlite3.Row, terms: list[str]) -> EntrySummary:
    return EntrySummary(
        id=row["id"], title=row["title"], created=row["created"], path=row["path"],
        snippet=make_snippet(row["body"], terms), tags=json.loads(row["tags_json"] or "[]"),
        mood=row["mood"], starred=bool(row["starred"]), words=row["words"] or 0,
    )


def _listing(flt: EntryFilter | None) -> tuple[str, list[Any], str]:
    """FROM … WHERE … for a filtered listing, its parameters, and the newest-first order.

    With a tag, rows come from that tag's own index entries, already in time
    order: a page of "tagged C" never sorts or counts the rest of the notebook.
    """
    if flt is not None and flt.tag:
        where, params = _filter_sql(EntryFilter(date_from=flt.date_from, date_to=flt.date_to, starred=flt.starred))
        sql = ("FROM entry_tags t JOIN entries e ON e.id = t.entry_id WHERE t.tag_key = ?"
               + "".join(" AND " + w for w in where))
        return sql, [tag_key(flt.tag.lstrip("#@")), *params], "ORDER BY t.created_utc DESC, t.entry_id DESC"
    where, params = _filter_sql(flt)
    sql = "FROM entries e" + (" WHERE " + " AND ".join(where) if where else "")
    return sql, params, "ORDER BY e.created_utc DESC, e.id DESC"


def list_entries(conn: sqlite3.Connection, flt: EntryFilter | None, limit: int, offset: int) -> list[EntrySummary]:
    source, params, order = _listing(flt)
    sql = f"SELECT {_SUMMARY_COLUMNS} {source} {order} LIMIT ? OFFSET ?"
    return [_summary(r, []) for r in conn.execute(sql, [*params, limit, offset])]


def count_entries(conn: sqlite3.Connection, flt: EntryFilter | None) -> int:
    source, params, _ = _listing(flt)
    return conn.execute(f"SELECT count(*) {source}", params).fetchone()[0]


def fts_phrase(term: str) -> str:
    """``term`` as one FTS5 phrase, its quotes doubled: never read as query syntax."""
    return '"' + term.replace('"', '""') + '"'


def _like_pattern(term: str) -> str:
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def search_entries(conn: sqlite3.Connection, query: str, flt: EntryFilter | None,
                   limit: int, offset: int) -> list[EntrySummary]:
    """One page of matches, without reading every match first.

    A probe counts matches up to :data:`RANKED_MATCHES` through an index
    (trigrams for terms of three or more characters, the CJK grams table for
    one- and two-character Chinese terms). Under that, the matches are ranked
    (bm25 for trigram terms, else newest first). Over it, the word is common:
    walking the entries newest first and checking each with ``LIKE`` stops
    after one page (a few dozen rows), where asking FTS5 about each row, or
    ranking every match, would read all of them.
    """
    terms = split_terms(query)
    if not terms:
        raise InvalidInput("journal.errors.bad_query")
    long_terms = [t for t in terms if len(t) >= TRIGRAM]
    gram_terms = [t for t in terms if len(t) < TRIGRAM and is_cjk_term(t)]
    short_terms = [t for t in terms if len(t) < TRIGRAM]
    where, params = _filter_sql(flt)
    for term in short_terms:  # checked on each row even when the grams table found it: it may hold stale rows
        where.append(_LIKE_ROW_CHECK)
        params.extend([_like_pattern(term)] * 3)
    fts_match = " AND ".join(fts_phrase(t) for t in long_terms)
    gram_match = " AND ".join(fts_phrase(t) for t in gram_terms)
    try:
        if fts_match and _matches_at_most(conn, "entries_fts", fts_match, RANKED_MATCHES):
            sql = (f"SELECT {_SUMMARY_COLUMNS} FROM entries_fts f JOIN entries e ON e.rowid = f.rowid "
                   f"WHERE entries_fts MATCH ?{''.join(' AND ' + w for w in where)} "
                   f"ORDER BY bm25(entries_fts, 10.0, 1.0, 5.0), e.created_utc DESC, e.id DESC LIMIT ? OFFSET ?")
            rows = conn.execute(sql, [fts_match, *params, limit, offset]).fetchall()
        elif gram_match and _matches_at_most(conn, "entries_grams", gram_match, RANKED_MATCHES):
            if fts_match:
                where.insert(0, _FTS_ROW_CHECK)
                params.insert(0, fts_match)
            sql = (f"SELECT {_SUMMARY_COLUMNS} FROM entries e WHERE e.rowid IN "
                   f"(SELECT rowid FROM entries_grams WHERE entries_grams MATCH ?)"
                   f"{''.join(' AND ' + w for w in where)} ORDER BY e.created_utc DESC, e.id DESC LIMIT ? OFFSET ?")
            rows = conn.execute(sql, [gram_match, *params, limit, offset]).fetchall()
        elif fts_match and gram_match and _few_rows_hold_every_script(conn, terms):
            # Common words in two scripts (coffee 咖啡): only rows holding both scripts can match, and they are few.
            where.insert(0, _FTS_ROW_CHECK)
            params.insert(0, fts_match)
            sql = (f"SELECT {_SUMMARY_COLUMNS} FROM entries e WHERE e.script = ? AND {' AND '.join(where)} "
                   f"ORDER BY e.created_utc DESC, e.id DESC LIMIT ? OFFSET ?")
            rows = conn.execute(sql, [_BOTH_SCRIPTS, *params, limit, offset]).fetchall()
        elif fts_match and gram_match:
            # Two common words may never meet: take the rows both indexes name instead of walking them all.
            sql = (f"SELECT {_SUMMARY_COLUMNS} FROM entries e WHERE "
                   f"e.rowid IN (SELECT rowid FROM entries_fts WHERE entries_fts MATCH ? INTERSECT "
                   f"SELECT rowid FROM entries_grams WHERE entries_grams MATCH ?)"
                   f"{''.join(' AND ' + w for w in where)} ORDER BY e.created_utc DESC, e.id DESC LIMIT ? OFFSET ?")
            rows = conn.execute(sql, [fts_match, gram_match, *params, limit, offset]).fetchall()
        else:
            for term in long_terms:
                where.append(_LIKE_ROW_CHECK)
                params.extend([_like_pattern(term)] * 3)
            sql = (f"SELECT {_SUMMARY_COLUMNS} FROM entries e WHERE {' AND '.join(where)} "
                   f"ORDER BY e.created_utc DESC, e.id DESC LIMIT ? OFFSET ?")
            rows = conn.execute(sql, [*params, limit, offset]).fetchall()
    except sqlite3.OperationalError as exc:
        raise InvalidInput("journal.errors.bad_query") from exc
    return [_summary(r, terms) for r in rows]


_FTS_ROW_CHECK = "EXISTS (SELECT 1 FROM entries_fts WHERE entries_fts MATCH ? AND rowid = e.rowid)"
_LIKE_ROW_CHECK = "(e.title LIKE ? ESCAPE '\\' OR e.body LIKE ? ESCAPE '\\' OR e.tags_text LIKE ? ESCAPE '\\')"


def _matches_at_most(conn: sqlite3.Connection, table: str, match: str, cap: int) -> bool:
    """Whether ``match`` finds at most ``cap`` rows of ``table``; stops reading at ``cap + 1``."""
    sql = f"SELECT count(*) FROM (SELECT 1 FROM {table} WHERE {table} MATCH ? LIMIT ?)"
    return conn.execute(sql, (match, cap + 1)).fetchone()[0] <= cap


_BOTH_SCRIPTS = SCRIPT_LATIN | SCRIPT_CJK


def _few_rows_hold_every_script(conn: sqlite3.Connection, terms: list[str]) -> bool:
    """Whether the terms need Latin and CJK both, and at most :data:`RANKED_MATCHES` titles and bodies hold both.

    A match in a title or body shares its term's scripts (journal.text.script_bits), so only the rows whose
    ``script`` has both bits can match: read those through their index and check each. Tags are not in
    ``script``: when a term may lie in a tag (an English tag on a Chinese entry), the rule does not hold.
    """
    needed = 0
    for term in terms:
        needed |= script_bits(term)
    if needed != _BOTH_SCRIPTS or _a_tag_may_hold(conn, terms):
        return False
    sql = "SELECT count(*) FROM (SELECT 1 FROM entries WHERE script = ? LIMIT ?)"
    return conn.execute(sql, (_BOTH_SCRIPTS, RANKED_MATCHES + 1)).fetchone()[0] <= RANKED_MATCHES


def _a_tag_may_hold(conn: sqlite3.Connection, terms: list[str]) -> bool:
    """Whether any term may be found in an entry's ``tags_text`` (its tags joined by spaces), erring towards yes.

    Every tag in use has a key (its case-folded spelling) in ``tag_spellings``. A term without spaces lies
    within one tag; for terms and keys of ASCII, CJK and caseless characters, case-folded containment is
    exactly FTS5's and LIKE's case-insensitive match. Anything else (a space, another script) counts as maybe.
    """
    keys = [key for (key,) in conn.execute("SELECT tag_key FROM tag_spellings")]
    if not keys:
        return False
    if any(not _plain(key) for key in keys):
        return True
    return any(not _plain(term) or any(c.isspace() for c in term) or any(term.casefold() in key for key in keys)
               for term in terms)


def _plain(text: str) -> bool:
    """ASCII, CJK or caseless: characters that case-fold the same way in Python, FTS5 and LIKE."""
    return text.isascii() or not script_bits("".join(c for c in text if not c.isascii())) & SCRIPT_LATIN


def _highlight_spans(text: str, pattern: re.Pattern[str]) -> list[tuple[int, int]]:
    """Match spans with touching ones joined: 妈妈 is one highlight, not ``**妈****妈**``."""
    spans: list[tuple[int, int]] = []
    for match in pattern.finditer(text):
        if spans and match.start() <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(spans[-1][1], match.end()))
        else:
            spans.append((match.start(), match.end()))
    return spans


def make_snippet(body: str, terms: list[str]) -> str:
    """A short excerpt of the visible text around the first match, every match wrapped in ``**``."""
    flat = " ".join(visible_text(body).split())
    if not terms:
        return flat[:SNIPPET_MAX_CHARS] + ("…" if len(flat) > SNIPPET_MAX_CHARS else "")
    pattern = re.compile("|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True)), re.IGNORECASE)
    first = pattern.search(flat)
    start = max(0, first.start() - SNIPPET_CONTEXT_CHARS) if first else 0
    end = start + SNIPPET_MAX_CHARS
    window = flat[start:end]
    marked, cursor = [], 0
    for span_start, span_end in _highlight_spans(window, pattern):
        marked += [window[cursor:span_start], HIGHLIGHT_OPEN, window[span_start:span_end], HIGHLIGHT_CLOSE]
        cursor = span_end
    marked.append(window[cursor:])
    return ("…" if start else "") + "".join(marked) + ("…" if end < len(flat) else "")
