"""Ids of entries and stories: lower-case ULIDs for new things, a path hash for hand-made notes without one."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")


def new_id() -> str:
    """A lower-case ULID (sortable by creation time, like ``llm``'s ids)."""
    from ulid import ULID

    return str(ULID()).lower()


def derived_id(relative_path: str) -> str:
    """A stable id for a hand-made note that has none, so reindexing gives the same id."""
    return "f" + hashlib.sha1(relative_path.encode("utf-8")).hexdigest()[:25]


def claim_id(home: Path, item: T, relative: str, owners: dict[str, str]) -> T:
    """Give a hand-copied file (an entry or a story) its own id, so the copy and its original both stay findable.

    ``owners`` maps ids to the file that holds them (the index's view, then
    files read so far) and is updated. The file that held the id first keeps
    it; a copy gets an id derived from its path, the same on every reindex.
    Sync and every export read files through this rule, so an export never
    holds two entries or two stories with one id.
    """
    item.id = claimed_id(home, item.id, relative, owners)  # type: ignore[attr-defined]
    return item


def claimed_id(home: Path, item_id: str, relative: str, owners: dict[str, str]) -> str:
    """:func:`claim_id` for a bare id (an index row read by a worker process): the id the file at ``relative`` gets."""
    owner = owners.get(item_id)
    if owner and owner != relative and (Path(home) / owner).exists():
        item_id = derived_id(relative)
    owners[item_id] = relative
    return item_id
