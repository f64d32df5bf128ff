"""Drafts: what is being written, autosaved so it survives a rerun, a refresh and a crash.

A draft is a markdown file under ``drafts/`` keyed by what is being edited
(``new`` or an entry id). It is never validated and never indexed: half a
thought is still the writer's, and a damaged draft counts as none.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from journal.entries.model import check_mood, clean_tags, clean_words
from journal.errors import DuetError
from journal.store.documents import read_document, write_document
from journal.times import now

DRAFTS_FOLDER = "drafts"


def draft_path(home: Path, key: str) -> Path:
    safe = "".join(ch for ch in key if ch.isalnum() or ch in "-_") or "new"
    return Path(home) / DRAFTS_FOLDER / f"{safe}.md"


def save_draft(home: Path, key: str, *, body: str, title: str = "", tags: Sequence[str] = (),
               mood: int | None = None, feelings: Sequence[str] = (), starred: bool = False,
               day: date | None = None) -> None:
    meta = {"title": title or "", "tags": list(tags or []), "mood": mood, "feelings": list(feelings or []),
            "starred": bool(starred), "day": day.isoformat() if day else None, "saved": now().isoformat()}
    write_document(draft_path(home, key), meta, body or "")


def load_draft(home: Path, key: str) -> dict[str, Any] | None:
    path = draft_path(home, key)
    if not path.exists():
        return None
    try:
        meta, body = read_document(path)
    except DuetError:
        return None
    try:
        mood = check_mood(meta.get("mood"))
    except DuetError:
        mood = None
    try:
        day = date.fromisoformat(str(meta["day"])) if meta.get("day") else None
    except ValueError:
        day = None
    return {"title": str(meta.get("title") or ""), "tags": clean_tags(meta.get("tags")), "mood": mood,
            "feelings": clean_words(meta.get("feelings")), "starred": bool(meta.get("starred")), "day": day,
            "body": body.rstrip("\n")}


def discard_draft(home: Path, key: str) -> None:
    try:
        draft_path(home, key).unlink()
    except FileNotFoundError:
        pass
