"""Reading every entry, story and companion from the files (the truth), for the JSON and markdown exports.

The index is not consulted: an export must hold what is on disk even when
the index is stale. A file that cannot be parsed is returned as *unreadable*
with its raw text, so no export silently drops a word.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

from journal.entries import files as entry_files
from journal.entries.model import Entry
from journal.errors import DuetError
from journal.ids import claim_id
from journal.times import local_time
from journal.store.sealed import read_bytes


@dataclass
class Unreadable:
    relative: str
    error: str
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"path": self.relative, "error": self.error, "text": self.text}


@dataclass
class NotebookContents:
    entries: list[Entry] = field(default_factory=list)
    stories: list[Any] = field(default_factory=list)       # journal.stories.model.Story
    companions: list[Any] = field(default_factory=list)    # journal.companions.model.Companion
    unreadable: list[Unreadable] = field(default_factory=list)


def _raw(path: Path) -> str:
    try:
        return read_bytes(path).decode("utf-8", "replace")
    except OSError:
        return ""


def _md_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir()
                  if p.suffix == ".md" and not p.name.startswith(".") and p.is_file() and not p.is_symlink())


def read_contents(home: Path, owners: Mapping[str, str] | None = None,
                  story_owners: Mapping[str, str] | None = None) -> NotebookContents:
    """Everything on disk; ``owners`` and ``story_owners`` (``id -> path``, the index's view) decide which of
    two copies of a file keeps its id, as sync does (:func:`journal.ids.claim_id`)."""
    home = Path(home)
    out = NotebookContents()
    claimed = dict(owners or {})
    for state in sorted(entry_files.scan(home), key=lambda s: s.relative):
        try:
            out.entries.append(claim_id(home, entry_files.load(home, state.relative), state.relative, claimed))
        except DuetError as exc:
            out.unreadable.append(Unreadable(state.relative, exc.message(), _raw(home / state.relative)))
    out.entries.sort(key=lambda e: (e.created, e.id))

    from journal.stories.fileformat import parse_story
    from journal.stories.index import STORIES_FOLDER

    claimed_stories = dict(story_owners or {})
    for path in _md_files(home / STORIES_FOLDER):
        relative = path.relative_to(home).as_posix()
        try:
            story = parse_story(read_bytes(path).decode("utf-8"), source=relative)
            story.path = path
            out.stories.append(claim_id(home, story, relative, claimed_stories))
        except (DuetError, UnicodeDecodeError) as exc:
            message = exc.message() if isinstance(exc, DuetError) else str(exc)
            out.unreadable.append(Unreadable(relative, message, _raw(path)))

    from journal.companions.files import from_document
    from journal.companions.store import COMPANIONS_FOLDER
    from journal.store.documents import read_document

    for path in _md_files(home / COMPANIONS_FOLDER):
        relative = path.relative_to(home).as_posix()
        try:
            meta, body = read_document(path)
            out.companions.append(from_document(meta, body, path, local_time(path.stat().st_mtime)))
        except DuetError as exc:
            out.unreadable.append(Unreadable(relative, exc.message(), _raw(path)))
    return out
