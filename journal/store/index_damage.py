"""Telling a damaged index from a busy one, and from one another process has just rebuilt.

A damaged index is deleted and rebuilt from the files; deleting a good one under other processes' connections
is the worse mistake (they keep writing into a file that no longer has a name), so every test here errs on the
side of "not damaged" when the file cannot be judged.
"""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path

# What a current index must hold; anything less (a hand-dropped table, a half-written schema) is rebuilt.
REQUIRED_COLUMNS = {
    "entries": {"id", "path", "title", "body", "tags_json", "created_utc", "mtime_ns", "size", "script"},
    "entries_fts": {"title", "body", "tags_text"},
    "stories": {"id", "path", "title", "companion", "updated", "mtime_ns", "size"},
    "story_turns": {"story_id", "idx", "text"},
    "story_turns_fts": {"text"},
    "entry_tags": {"tag_key", "created_utc", "entry_id"},
    "tag_spellings": {"tag_key", "spelling", "first_utc"},
    "entries_grams": {"grams"},
}
# sqlite3 messages that mean the file is damaged or not ours; "locked", "read-only" and "database schema has changed"
# (another connection changed it) do not ("malformed database schema" is damage by "malformed").
_DAMAGE_WORDS = ("not a database", "malformed", "corrupt", "no such table", "no such column", "disk image",
                 "has no column", "file is encrypted", "already exists")
PROBE_TIMEOUT_S = 5.0


def is_damage(exc: BaseException) -> bool:
    """True when an sqlite3 error means the index must be rebuilt (not that it is busy or read-only)."""
    return isinstance(exc, sqlite3.DatabaseError) and any(w in str(exc).lower() for w in _DAMAGE_WORDS)


def check_schema(conn: sqlite3.Connection) -> None:
    """Raise a damage error when a table or column the code needs is missing."""
    for table, needed in REQUIRED_COLUMNS.items():
        have = {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}
        if not needed <= have:
            raise sqlite3.DatabaseError(f"no such table or column in {table}")


def file_id(path: Path) -> tuple[int, int] | None:
    """Which file ``path`` names now (device, inode), or None when there is none."""
    with contextlib.suppress(OSError):
        return (stat := path.stat()).st_dev, stat.st_ino
    return None


def still_damaged(path: Path, schema_version: int) -> bool:
    """Whether the index at ``path`` is damaged now, judged afresh (the caller holds the migration lock).

    The same file (device, inode) is not proof of the same index: on ext4 a file created right after an unlink
    often gets the inode just freed, so a process that met damage a moment after another process rebuilt the index
    would otherwise delete the new one. Damage is what the opener tests (the header, the schema) plus SQLite's
    ``quick_check`` for a page found bad by a query; it only runs on the way to a rebuild that reads every file.
    A new empty file (another process about to migrate it) and a busy one are not damaged.
    """
    try:
        conn = sqlite3.connect(f"{path.as_uri()}?mode=rw", uri=True, timeout=PROBE_TIMEOUT_S)
    except sqlite3.Error as exc:
        return is_damage(exc)
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version == 0 and not conn.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchone():
            return False
        if version != schema_version:
            return True   # nobody migrates while the caller holds the lock: a half-made or foreign schema
        check_schema(conn)
        return [row[0] for row in conn.execute("PRAGMA quick_check")] != ["ok"]
    except sqlite3.Error as exc:
        return is_damage(exc)
    finally:
        conn.close()
