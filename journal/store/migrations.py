"""The index schema as plain, named migrations, applied in order and recorded.

The index is derived from the markdown files, so a migration may always be
replaced by deleting ``index.db`` and running ``reindex``; these functions
exist so that an upgrade keeps working without that.
"""

from __future__ import annotations

import json

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

migrations = Migrations("duet")


@migrations()
def m001_entries(db: Database) -> None:
    db["entries"].create(
        {
            "id": str, "path": str, "title": str, "body": str, "tags_json": str, "tags_text": str,
            "created": str, "created_utc": str, "day": str, "updated": str, "mood": int,
            "feelings_json": str, "starred": int, "words": int, "source": str,
            "mtime_ns": int, "size": int,
        },
        pk="id",
        not_null={"path", "created", "created_utc", "day"},
    )
    db["entries"].create_index(["created_utc"])
    db["entries"].create_index(["day"])
    db["entries"].create_index(["path"], unique=True)
    db["entries"].create_index(["source"])
    db["entries"].enable_fts(["title", "body", "tags_text"], tokenize="trigram", create_triggers=True)


@migrations()
def m002_stories(db: Database) -> None:
    """Stories and their turns (chosen text only), so long stories are listed and searched without parsing."""
    db["stories"].create(
        {
            "id": str, "path": str, "title": str, "companion": str, "mode": str, "created": str,
            "created_utc": str, "updated": str, "turns": int, "branch_of": str, "branch_turn": str,
            "source": str, "moods_json": str, "mtime_ns": int, "size": int,
        },
        pk="id",
        not_null={"path"},
    )
    db["stories"].create_index(["path"], unique=True)
    db["stories"].create_index(["companion"])
    db["stories"].create_index(["branch_of"])
    db["stories"].create_index(["source"])
    db["story_turns"].create(
        {
            "story_id": str, "idx": int, "turn_id": str, "role": str, "kind": str, "text": str,
            "created": str, "created_utc": str, "day": str,
        },
        pk=("story_id", "idx"),
    )
    db["story_turns"].create_index(["created_utc"])
    db["story_turns"].enable_fts(["text"], tokenize="trigram", create_triggers=True)


@migrations()
def m003_tags_and_filters(db: Database) -> None:
    """Tags in their own table, keyed without case; an index for "starred only"; CJK grams for short queries.

    The Journal's tag list and filters then read a few index pages instead of
    every entry's JSON on each click, and "C" and "c" are one tag, shown with
    the spelling first used.
    """
    from journal.entries.index import row_grams
    from journal.store.entries import index_tags

    # A tag's entries in time order, so "entries tagged C, newest first" reads one page of this key.
    db.execute("CREATE TABLE entry_tags (tag_key TEXT NOT NULL, created_utc TEXT NOT NULL, entry_id TEXT NOT NULL, "
               "PRIMARY KEY (tag_key, created_utc, entry_id)) WITHOUT ROWID")
    db.execute("CREATE INDEX entry_tags_entry ON entry_tags(entry_id)")
    db.execute("CREATE TABLE tag_spellings (tag_key TEXT PRIMARY KEY, spelling TEXT NOT NULL, first_utc TEXT NOT NULL) "
               "WITHOUT ROWID")
    db.execute("CREATE TRIGGER entries_tags_ad AFTER DELETE ON entries BEGIN "
               "DELETE FROM entry_tags WHERE entry_id = old.id; END")
    db.execute("CREATE INDEX idx_entries_starred ON entries(starred, created_utc, id)")
    db.execute("CREATE VIRTUAL TABLE entries_grams USING fts5(grams, content='', detail=none)")
    for rowid, title, body, tags_text in db.execute("SELECT rowid, title, body, tags_text FROM entries"):
        grams = row_grams({"title": title, "body": body, "tags_text": tags_text})
        if grams:
            db.execute("INSERT INTO entries_grams (rowid, grams) VALUES (?, ?)", (rowid, grams))
    rows = db.execute("SELECT id, created_utc, tags_json FROM entries").fetchall()
    index_tags(db.conn, [(entry_id, created, json.loads(tags or "[]")) for entry_id, created, tags in rows])


@migrations()
def m004_entry_scripts(db: Database) -> None:
    """Which scripts each entry's title and body hold (journal.text.script_bits), indexed.

    Two common words that never meet (``coffee 咖啡``) need rows holding both
    Latin and CJK: a search reads those few instead of both long lists of matches.
    """
    from journal.entries.index import row_script

    # The full-text index follows title, body and tags only: setting another column (this one for every row
    # here, "starred" on a click) no longer deletes and re-adds the row's trigrams.
    db.execute("DROP TRIGGER IF EXISTS entries_au")
    db.execute('CREATE TRIGGER "entries_au" AFTER UPDATE OF title, body, tags_text ON "entries" BEGIN\n'
               '  INSERT INTO "entries_fts" ("entries_fts", rowid, "title", "body", "tags_text") '
               'VALUES(\'delete\', old.rowid, old."title", old."body", old."tags_text");\n'
               '  INSERT INTO "entries_fts" (rowid, "title", "body", "tags_text") '
               'VALUES (new.rowid, new."title", new."body", new."tags_text");\nEND')
    db.execute("ALTER TABLE entries ADD COLUMN script INTEGER")
    rows = db.execute("SELECT rowid, title, body FROM entries").fetchall()
    db.conn.executemany("UPDATE entries SET script = ? WHERE rowid = ?",
                        [(row_script({"title": title, "body": body}), rowid) for rowid, title, body in rows])
    db.execute("CREATE INDEX idx_entries_script ON entries(script, created_utc, id)")


def apply(db: Database) -> None:
    migrations.apply(db)
