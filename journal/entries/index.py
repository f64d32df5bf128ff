"""The ``entries`` table's rows as an entry gives them: its columns, search grams and tag keys.

The statements that write and read these rows live in :mod:`journal.store.entries`.
"""

from __future__ import annotations

import json
from typing import Any

from journal.entries.model import Entry
from journal.text import cjk_grams, measure, script_bits
from journal.times import to_utc_key


def entry_row(entry: Entry, relative_path: str, mtime_ns: int, size: int) -> dict[str, Any]:
    row = {
        "id": entry.id,
        "path": relative_path,
        "title": entry.title,
        "body": entry.body,
        "tags_json": json.dumps(entry.tags, ensure_ascii=False),
        "tags_text": " ".join(entry.tags),
        "created": entry.created.isoformat(),
        "created_utc": to_utc_key(entry.created),
        "day": entry.created.strftime("%Y-%m-%d"),
        "updated": entry.updated.isoformat(),
        "mood": entry.mood,
        "feelings_json": json.dumps(entry.feelings, ensure_ascii=False),
        "starred": int(entry.starred),
        "words": measure(entry.title + "\n" + entry.body).total,
        "source": entry.extra.get("source"),
        "mtime_ns": mtime_ns,
        "size": size,
    }
    row["script"] = row_script(row)
    return row


def row_grams(row: dict[str, Any]) -> str:
    return cjk_grams(f"{row['title']}\n{row['body']}\n{row['tags_text']}")


def row_script(row: dict[str, Any]) -> int:
    """The scripts of a row's title and body; tags are left out (an English tag on a Chinese entry is
    common), so search checks the notebook's tags on its own (journal/store/search.py)."""
    return script_bits(f"{row['title']}\n{row['body']}")


def tag_key(tag: str) -> str:
    """What makes two tags the same tag: "C" and "c", "Dream" and "dream"."""
    return tag.casefold()


def unify_spellings(entries: list[Entry]) -> None:
    """Entries saved together write each tag the way the first of them does ("C", then "c" becomes "C")."""
    first: dict[str, str] = {}
    for entry in entries:
        entry.tags = [first.setdefault(tag_key(tag), tag) for tag in entry.tags]
