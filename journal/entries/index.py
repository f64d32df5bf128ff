"""The ``entries`` table's rows as an entry gives them: its columns, search grams and tag keys.

The statements that write and read these rows live in :mod:`journal.store.entries`.
"""

from __future__ import annotations

import json
from typing import Any

from journal.entries.model import Entry
from journal.text import cjk_grams, measure, script_bits
from journal.times import to_utc_key


# One encoder for every row: json.dumps(..., ensure_ascii=False) builds a new one per call.
_to_json = json.JSONEncoder(ensure_ascii=False).encode


def entry_row(entry: Entry, relative_path: str, mtime_ns: int, size: int) -> dict[str, Any]:
    """The row's columns, and its search grams under ``grams`` and tags under ``tags`` (made where the entry is read:
    a reindex's worker)."""
    tags_text = " ".join(entry.tags)
    row = {
        "id": entry.id,
        "path": relative_path,
        "title": entry.title,
        "body": entry.body,
        "tags_json": _to_json(entry.tags),
        "tags_text": tags_text,
        "created": entry.created.isoformat(),
        "created_utc": to_utc_key(entry.created),
        "day": entry.created.strftime("%Y-%m-%d"),
        "updated": entry.updated.isoformat(),
        "mood": entry.mood,
        "feelings_json": _to_json(entry.feelings),
        "starred": int(entry.starred),
        "words": measure(entry.title + "\n" + entry.body).total,
        "source": entry.extra.get("source"),
        "mtime_ns": mtime_ns,
        "size": size,
        "grams": cjk_grams(f"{entry.title}\n{entry.body}\n{tags_text}"),
        "tags": entry.tags,   # as a list too: the index writer need not parse tags_json back
    }
    row["script"] = row_script(row)
    return row


def row_grams(row: dict[str, Any]) -> str:
    if "grams" in row:
        return row["grams"]
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
