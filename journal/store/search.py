"""Listing and full-text search over the index, for Chinese as well as English.

FTS5's trigram tokenizer indexes every three-character run, so Chinese text
needs no word segmentation. Terms of one or two characters (``聊``, ``玫瑰``)
are shorter than a trigram and are matched with ``LIKE`` instead, which the
trigram index also serves. Results with any trigram term are ranked by bm25;
others newest first.
"""

from __future__ import annotations

import json
import re
import sqlite3
from typing import Any

from journal.entries.model import EntryFilter, EntrySummary
from journal.errors import InvalidInput

TRIGRAM = 3
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
        where.append("EXISTS (SELECT 1 FROM json_each(e.tags_json) WHERE json_each.value = ? COLLATE NOCASE)")
        params.append(flt.tag.lstrip("#@"))
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


def list_entries(conn: sqlite3.Connection, flt: EntryFilter | None, limit: int, offset: int) -> list[EntrySummary]:
    where, params = _filter_sql(flt)
    sql = f"SELECT {_SUMMARY_COLUMNS} FROM entries e"
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY e.created_utc DESC, e.id DESC LIMIT ? OFFSET ?"
    return [_summary(r, []) for r in conn.execute(sql, [*params, limit, offset])]


def count_entries(conn: sqlite3.Connection, flt: EntryFilter | None) -> int:
    where, params = _filter_sql(flt)
    sql = "SELECT count(*) FROM entries e" + (" WHERE " + " AND ".join(where) if where else "")
    return conn.execute(sql, params).fetchone()[0]


def fts_phrase(term: str) -> str:
    """``term`` as one FTS5 phrase, its quotes doubled: never read as query syntax."""
    return '"' + term.replace('"', '""') + '"'


def _like_pattern(term: str) -> str:
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def search_entries(conn: sqlite3.Connection, query: str, flt: EntryFilter | None,
                   limit: int, offset: int) -> list[EntrySummary]:
    terms = split_terms(query)
    if not terms:
        raise InvalidInput("journal.errors.bad_query")
    long_terms = [t for t in terms if len(t) >= TRIGRAM]
    short_terms = [t for t in terms if len(t) < TRIGRAM]
    where, params = _filter_sql(flt)
    for term in short_terms:
        where.append("(e.title LIKE ? ESCAPE '\\' OR e.body LIKE ? ESCAPE '\\' OR e.tags_text LIKE ? ESCAPE '\\')")
        params.extend([_like_pattern(term)] * 3)
    if long_terms:
        match = " AND ".join(fts_phrase(t) for t in long_terms)
        sql = (f"SELECT {_SUMMARY_COLUMNS} FROM entries_fts f JOIN entries e ON e.rowid = f.rowid "
               f"WHERE entries_fts MATCH ?")
        params.insert(0, match)
        if where:
            sql += " AND " + " AND ".join(where)
        sql += " ORDER BY bm25(entries_fts, 10.0, 1.0, 5.0), e.created_utc DESC, e.id DESC LIMIT ? OFFSET ?"
    else:
        sql = f"SELECT {_SUMMARY_COLUMNS} FROM entries e WHERE " + " AND ".join(where)
        sql += " ORDER BY e.created_utc DESC, e.id DESC LIMIT ? OFFSET ?"
    try:
        rows = conn.execute(sql, [*params, limit, offset]).fetchall()
    except sqlite3.OperationalError as exc:
        raise InvalidInput("journal.errors.bad_query") from exc
    return [_summary(r, terms) for r in rows]


_MARKUP = [
    (re.compile(r"!\[\[[^\]]*\]\]|!\[[^\]]*\]\([^)]*\)"), ""),     # pictures: nothing to read
    (re.compile(r"\[([^\]]*)\]\([^)]*\)"), r"\1"),                  # links: their words
    (re.compile(r"(?m)^\s{0,3}(?:#{1,6}\s+|>\s?|[-*+]\s+|\d+[.)]\s+)"), ""),  # headings, quotes, list marks
    (re.compile(r"(\*\*|__|~~|`)"), ""),                                # emphasis marks
]


def plain_text(body: str) -> str:
    """The words of a markdown body, for snippets (a few regexes: a full parse costs the CLI its start-up time)."""
    for pattern, replacement in _MARKUP:
        body = pattern.sub(replacement, body)
    return body


def make_snippet(body: str, terms: list[str]) -> str:
    """A short excerpt around the first match, every match wrapped in ``**``."""
    flat = " ".join(plain_text(body).split())
    if not terms:
        return flat[:SNIPPET_MAX_CHARS] + ("…" if len(flat) > SNIPPET_MAX_CHARS else "")
    pattern = re.compile("|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True)), re.IGNORECASE)
    first = pattern.search(flat)
    start = max(0, first.start() - SNIPPET_CONTEXT_CHARS) if first else 0
    window = flat[start:start + SNIPPET_MAX_CHARS]
    marked = pattern.sub(lambda m: f"{HIGHLIGHT_OPEN}{m.group(0)}{HIGHLIGHT_CLOSE}", window)
    return ("…" if start else "") + marked + ("…" if start + SNIPPET_MAX_CHARS < len(flat) else "")
