"""Ids of entries and stories: lower-case ULIDs for new things, a path hash for hand-made notes without one."""

from __future__ import annotations

import hashlib


def new_id() -> str:
    """A lower-case ULID (sortable by creation time, like ``llm``'s ids)."""
    from ulid import ULID

    return str(ULID()).lower()


def derived_id(relative_path: str) -> str:
    """A stable id for a hand-made note that has none, so reindexing gives the same id."""
    return "f" + hashlib.sha1(relative_path.encode("utf-8")).hexdigest()[:25]
