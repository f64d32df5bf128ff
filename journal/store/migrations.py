"""The index schema as plain, named migrations, applied in order and recorded.

The index is derived from the markdown files, so a migration may always be
replaced by deleting ``index.db`` and running ``reindex``; these functions
exist so that an upgrade keeps working without that.
"""

from __future__ import annotations

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


def apply(db: Database) -> None:
    migrations.apply(db)
