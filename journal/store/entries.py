"""The SQL of the ``entries`` table and its tags: rows written from the entry files, and the reads of every job.

The rows themselves are built from an entry by :mod:`journal.entries.index`
(columns, search grams, tag keys); every statement about entries is here, each
whole-notebook read in one statement, never one per entry.
"""

from __future__ import annotations

import contextlib
import json
import operator
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from typing import Any

from journal.entries.index import row_grams, tag_key
from journal.store.index import Index

_COLUMNS = ("id", "path", "title", "body", "tags_json", "tags_text", "created", "created_utc", "day",
            "updated", "mood", "feelings_json", "starred", "words", "source", "mtime_ns", "size", "script")
_UPSERT = (
    f"INSERT INTO entries ({', '.join(_COLUMNS)}) VALUES ({', '.join('?' for _ in _COLUMNS)}) "
    f"ON CONFLICT(id) DO UPDATE SET {', '.join(f'{c}=excluded.{c}' for c in _COLUMNS if c != 'id')} RETURNING rowid"
)
# Postings are only ever added (a contentless table cannot forget a row without its old text): rows of deleted or
# edited entries may linger, so search confirms every row the grams table offers (journal/store/search.py).
_GRAMS = "INSERT INTO entries_grams (rowid, grams) VALUES (?, ?)"


def row_tags(row: dict[str, Any]) -> list[str]:
    """A row's tags: as the reader gave them (a reindex's worker), else from their JSON."""
    tags = row.get("tags")
    return tags if tags is not None else json.loads(row["tags_json"])


def index_tags(conn: sqlite3.Connection, entries: list[tuple[str, str, list[str]]]) -> None:
    """Replace the tag rows of ``(entry id, created_utc, tags)``.

    A tag is listed in the spelling of the oldest entry that has it, whatever
    order files are indexed in, so a reindex shows the same list.
    """
    conn.executemany("DELETE FROM entry_tags WHERE entry_id = ?", [(entry_id,) for entry_id, _, _ in entries])
    _insert_tags(conn, entries)


def _insert_tags(conn: sqlite3.Connection, entries: list[tuple[str, str, list[str]]]) -> None:
    rows = [(tag_key(tag), entry_id, tag, created) for entry_id, created, tags in entries for tag in tags]
    conn.executemany("INSERT OR IGNORE INTO entry_tags (tag_key, created_utc, entry_id) VALUES (?, ?, ?)",
                     [(key, created, entry_id) for key, entry_id, _, created in rows])
    conn.executemany(
        "INSERT INTO tag_spellings (tag_key, spelling, first_utc) VALUES (?, ?, ?) ON CONFLICT(tag_key) DO UPDATE "
        "SET spelling = excluded.spelling, first_utc = excluded.first_utc WHERE excluded.first_utc < first_utc",
        [(key, tag, created) for key, _, tag, created in rows])


def upsert_rows(conn: sqlite3.Connection, rows: list[dict[str, Any]]) -> None:
    """Insert or update rows in one transaction; the FTS triggers keep search in step."""
    with conn:
        _upsert(conn, rows)


def _upsert(conn: sqlite3.Connection, rows: list[dict[str, Any]]) -> None:
    for row in rows:
        conn.execute("DELETE FROM entries WHERE path = ? AND id != ?", (row["path"], row["id"]))
        rowid = conn.execute(_UPSERT, [row[c] for c in _COLUMNS]).fetchone()[0]
        grams = row_grams(row)
        if grams:
            conn.execute(_GRAMS, (rowid, grams))
    index_tags(conn, [(row["id"], row["created_utc"], row_tags(row)) for row in rows])


# A bulk load writes the rows, their full-text and gram postings and their tags itself, so it sets aside every
# trigger on ``entries`` (sqlite-utils' three FTS ones, journal/store/migrations.py, and the tags' clean-up) and puts
# them back before it commits. Without triggers, ``DELETE FROM entries`` also empties the table at once, not row by row.
# A plain INSERT: "OR REPLACE" costs a fifth more per row here (each unique index probed before every insert) and
# the rows a batch replaces are taken out first (_forget_replaced).
_INSERT_NUMBERED = (f"INSERT INTO entries (rowid, {', '.join(_COLUMNS)}) "
                    f"VALUES (?, {', '.join('?' for _ in _COLUMNS)})")
_FTS_INSERT = "INSERT INTO entries_fts (rowid, title, body, tags_text) VALUES (?, ?, ?, ?)"
_VALUES = operator.itemgetter(*_COLUMNS)   # a row's values in column order, in C: the main process's Python per file
_FTS_VALUES = operator.itemgetter("title", "body", "tags_text")
_FTS_FORGET = "INSERT INTO entries_fts (entries_fts, rowid, title, body, tags_text) VALUES ('delete', ?, ?, ?, ?)"
# What a reindex takes out before it writes the rows again: every entry's row, postings and tags.
_CLEAR = ("DELETE FROM entry_tags", "DELETE FROM tag_spellings", "DELETE FROM entries",
          "INSERT INTO entries_fts (entries_fts) VALUES ('delete-all')",
          "INSERT INTO entries_grams (entries_grams) VALUES ('delete-all')")
# For the length of a bulk load only: FTS5 writes its postings as a new segment each time its in-memory terms pass
# ``hashsize`` (1 MiB unless set), and merging a thousand small segments costs more than the terms themselves
# (at 100,000 entries, 0.25 -> 0.14 ms of CPU per file). A bigger page cache gained ~5% for 64 MB more RSS: not kept.
BULK_FTS_HASH_BYTES = 16 * 1024 * 1024
FTS_HASH_BYTES_DEFAULT = 1024 * 1024
_FTS_SET = "INSERT INTO entries_fts (entries_fts, rank) VALUES (?, ?)"


@contextlib.contextmanager
def bulk_load(conn: sqlite3.Connection, *, replace: bool = False,
              by_row: bool = False) -> Iterator[Callable[[list[dict[str, Any]]], None] | None]:
    """Fill the ``entries`` table fast: yields a writer of row batches, or None when the table holds rows (and
    ``replace`` is not asked). ``by_row`` keeps the triggers and writes row by row (a small notebook's reindex:
    the same single transaction, nothing set aside).

    Row by row, the trigram index costs three times the rest of a reindex
    together: each trigger's insert ends in its own small FTS5 segment. Here
    the triggers are set aside, rows go in with ``executemany``, and their
    text goes straight into the full-text index, which keeps its postings in
    memory for the whole transaction (as FTS5's ``rebuild`` does, but while
    worker processes read the next files instead of after them). The
    triggers are put back at the end.

    All of it is one transaction, and with ``replace`` (a reindex) emptying
    the tables is part of it: other processes read the old index until the
    new one is committed, never a missing or half-made one, and a reindex cut
    short leaves the index it started from. (A reindex used to delete the
    database files under the other processes' connections: one of them, opening
    a brand-new notebook, then met "no such table".) Writers elsewhere wait
    meanwhile; a save that cannot wait keeps its file for the next sync.
    """
    conn.execute("BEGIN IMMEDIATE")
    try:
        if not replace and conn.execute("SELECT 1 FROM entries LIMIT 1").fetchone() is not None:
            conn.rollback()
            yield None
            return
        triggers = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'entries'"
                                ).fetchall()
        for name, _ in triggers:
            conn.execute(f'DROP TRIGGER "{name}"')
        if replace:
            for statement in _CLEAR:
                conn.execute(statement)
        if by_row:
            for _, sql in triggers:
                conn.execute(sql)
            yield lambda rows: _upsert(conn, rows)
            conn.commit()
            return
        hash_bytes = conn.execute("SELECT v FROM entries_fts_config WHERE k = 'hashsize'").fetchone()
        conn.execute(_FTS_SET, ("hashsize", BULK_FTS_HASH_BYTES))
        next_rowid = 1

        def write(rows: list[dict[str, Any]]) -> None:
            nonlocal next_rowid
            rows = list({row["id"]: row for row in rows}.values())   # an id twice in a batch: the last file wins
            _forget_replaced(conn, rows)
            numbered = list(enumerate(rows, start=next_rowid))
            next_rowid += len(rows)
            conn.executemany(_INSERT_NUMBERED, [(rowid, *_VALUES(row)) for rowid, row in numbered])
            conn.executemany(_FTS_INSERT, [(rowid, *_FTS_VALUES(row)) for rowid, row in numbered])
            conn.executemany(_GRAMS, [(rowid, grams) for rowid, row in numbered if (grams := row_grams(row))])
            _insert_tags(conn, [(row["id"], row["created_utc"], row_tags(row)) for row in rows])

        yield write
        conn.execute(_FTS_SET, ("hashsize", hash_bytes[0] if hash_bytes else FTS_HASH_BYTES_DEFAULT))
        for _, sql in triggers:
            conn.execute(sql)
        conn.commit()
    except BaseException:
        if conn.in_transaction:
            conn.rollback()
        raise


def _forget_replaced(conn: sqlite3.Connection, rows: list[dict[str, Any]]) -> None:
    """Take out the rows that ``rows`` will replace (same id or path), with their postings and tags: no trigger
    does it during a bulk load.

    Rare: an id is claimed twice only when the file that held it vanished
    during the reindex. One indexed probe per row of the batch.
    """
    ids, paths = [row["id"] for row in rows], [row["path"] for row in rows]
    old = conn.execute(f"SELECT rowid, title, body, tags_text, id FROM entries WHERE id IN "
                       f"({', '.join('?' for _ in ids)}) OR path IN ({', '.join('?' for _ in paths)})",
                       ids + paths).fetchall()
    if old:
        conn.executemany(_FTS_FORGET, [tuple(r)[:4] for r in old])
        conn.executemany("DELETE FROM entries WHERE rowid = ?", [(r[0],) for r in old])
        conn.executemany("DELETE FROM entry_tags WHERE entry_id = ?", [(r[4],) for r in old])


def all_tags(conn: sqlite3.Connection) -> list[str]:
    """Every tag in use, once whatever its case, in its first spelling, sorted without case.

    Reads the small spellings table and one index probe per tag: the same
    few milliseconds with ten entries or a hundred thousand.
    """
    rows = conn.execute("SELECT spelling FROM tag_spellings s WHERE EXISTS "
                        "(SELECT 1 FROM entry_tags t WHERE t.tag_key = s.tag_key) ORDER BY s.tag_key")
    return [r[0] for r in rows]


def tag_spellings(conn: sqlite3.Connection, tags: list[str]) -> list[str]:
    """``tags`` written the way the notebook already spells them ("c" becomes "C" if "C" came first)."""
    if not tags:
        return tags
    keys = [tag_key(t) for t in tags]
    known = dict(conn.execute(f"SELECT tag_key, spelling FROM tag_spellings WHERE tag_key IN "
                              f"({', '.join('?' for _ in keys)})", keys).fetchall())
    return [known.get(key, tag) for key, tag in zip(keys, tags)]


def delete_ids(conn: sqlite3.Connection, ids: list[str]) -> None:
    with conn:
        conn.executemany("DELETE FROM entries WHERE id = ?", [(i,) for i in ids])


def file_states(conn: sqlite3.Connection, folders: Iterable[str] | None = None) -> dict[str, tuple[str, int, int]]:
    """``relative path -> (id, mtime_ns, size)`` of everything indexed, or of the files directly in ``folders``.

    A quick sync after one saved file asks for one folder: a range of the
    path index, not every row of a large notebook.
    """
    if folders is None:
        rows = conn.execute("SELECT path, id, mtime_ns, size FROM entries")
        return {r[0]: (r[1], r[2], r[3]) for r in rows}
    states: dict[str, tuple[str, int, int]] = {}
    for folder in folders:
        prefix = folder.rstrip("/") + "/"
        rows = conn.execute("SELECT path, id, mtime_ns, size FROM entries WHERE path >= ? AND path < ?",
                            (prefix, prefix + "\U0010ffff"))
        states.update((r[0], (r[1], r[2], r[3])) for r in rows if "/" not in r[0][len(prefix):])
    return states


def path_of_id(conn: sqlite3.Connection, entry_id: str) -> str | None:
    row = conn.execute("SELECT path FROM entries WHERE id = ?", (entry_id,)).fetchone()
    return row[0] if row else None

VAULT_STAMPS_TABLE = "vault_folder_stamps"   # a vault's folder stamps, inside its (sealed, in-memory) index


def vault_stamps(conn: sqlite3.Connection) -> dict[str, int] | None:
    """A vault's folder stamps as the index snapshot keeps them (journal.entries.sync), or None."""
    try:
        row = conn.execute(f"SELECT stamps FROM {VAULT_STAMPS_TABLE}").fetchone()
    except sqlite3.OperationalError:
        return None
    data = json.loads(row[0]) if row else None
    return data if isinstance(data, dict) else None


def save_vault_stamps(conn: sqlite3.Connection, stamps: dict[str, int]) -> None:
    with conn:
        conn.execute(f"CREATE TABLE IF NOT EXISTS {VAULT_STAMPS_TABLE} (stamps TEXT NOT NULL)")
        conn.execute(f"DELETE FROM {VAULT_STAMPS_TABLE}")
        conn.execute(f"INSERT INTO {VAULT_STAMPS_TABLE} (stamps) VALUES (?)", (json.dumps(stamps, sort_keys=True),))


def id_owners(index: Index) -> dict[str, str]:
    """``id -> relative path`` of every indexed entry: which file the app shows for each id (a backup writes that)."""
    return {r["id"]: r["path"] for r in index.connection().execute("SELECT id, path FROM entries")}


def known_sources(index: Index) -> set[str]:
    """Every import source id already indexed (``jrnl:<hash>``, ``dayone:<uuid>``), read in one query."""
    return {row[0] for row in index.connection().execute("SELECT source FROM entries WHERE source IS NOT NULL")}


def stat_rows(index: Index, earliest_utc: date, since: date) -> list[sqlite3.Row]:
    """``id, title, created, day, words, mood, tags_json, feelings_json`` of entries written on local days from
    ``since``, oldest first, without bodies.

    The range on ``created_utc`` (from ``earliest_utc``, a day before ``since``: local days start up to 14 hours
    before UTC ones) lets the created_utc index serve both the WHERE and the ORDER BY; on ``day`` alone, SQLite
    walks every entry in time order to skip the sort, which the step-back check paid on every rerun.
    """
    return index.connection().execute(
        "SELECT id, title, created, day, words, mood, tags_json, feelings_json FROM entries "
        "WHERE created_utc >= ? AND day >= ? ORDER BY created_utc, id",
        (earliest_utc.isoformat(), since.isoformat())).fetchall()


def change_stamp(index: Index) -> tuple:
    """Changes whenever an entry or a story is added, edited or deleted (two aggregate queries): a cache key."""
    conn = index.connection()
    entries = tuple(conn.execute("SELECT count(*), max(updated), max(mtime_ns), sum(mood) FROM entries").fetchone())
    stories = tuple(conn.execute("SELECT count(*), max(updated), max(mtime_ns), sum(turns) FROM stories").fetchone())
    return entries + stories
