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


def apply(db: Database) -> None:
    migrations.apply(db)
