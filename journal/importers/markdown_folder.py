"""A folder of markdown notes (an Obsidian vault, a Bear or Logseq export), or a zip of one.

Every ``.md`` file becomes an entry. Its front matter is kept: the keys Duet
knows (title, tags, mood, created…) are read as such, every other key stays
in the entry's front matter unchanged. A note without a date gets its file's
modification time. Hidden folders (``.obsidian``, ``.trash``, ``.git``) are
left out.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import posixpath
from datetime import datetime
from pathlib import Path
from typing import Any, Iterator

from journal.entries import KNOWN_KEYS, check_mood, parse_time
from journal.errors import BrokenFile, DuetError, InvalidInput
from journal.i18n import t
from journal.importers.report import ImportIssue, ImportReport, Progress
from journal.importers.sources import (MAX_INPUT_BYTES, decode_text, existing_path, file_members, looks_like_zip,
                                       open_zip, read_bytes, read_member)
from journal.importers.writer import EntryItem, write_entry_items
from journal.store.documents import parse_document

KIND = "markdown"
NOTE_SUFFIXES = (".md", ".markdown")
SOURCE_HASH_CHARS = 16
DATE_KEYS = ("created", "date", "created_at")
UPDATED_KEYS = ("updated", "modified", "updated_at")
# Keys of a note that would clash with what Duet writes are kept under another name.
RENAMED_KEYS = {"id": "original_id", "source": "original_source"}


def _is_hidden(relative: str) -> bool:
    return any(part.startswith(".") or part == "__MACOSX" for part in relative.split("/"))


def is_note(relative: str) -> bool:
    return relative.lower().endswith(NOTE_SUFFIXES) and not _is_hidden(relative)


def source_id(relative: str, data: bytes) -> str:
    return f"{KIND}:{relative}:{hashlib.sha1(data).hexdigest()[:SOURCE_HASH_CHARS]}"


def _first(meta: dict[str, Any], keys: tuple[str, ...]) -> Any:
    for key in keys:
        if meta.get(key) not in (None, ""):
            return meta[key]
    return None


def parse_note(position: int, relative: str, data: bytes, file_time: datetime) -> EntryItem:
    """One note as an entry item; raises a DuetError (reported for this note alone) when unreadable."""
    meta, body = parse_document(decode_text(data, relative), source=relative)
    if not body.strip():
        raise InvalidInput("data.errors.empty_note")
    created = parse_time(_first(meta, DATE_KEYS), fallback=file_time)
    updated = parse_time(_first(meta, UPDATED_KEYS), fallback=max(file_time, created))
    extra: dict[str, Any] = {}
    for key, value in meta.items():
        if key in RENAMED_KEYS:
            extra[RENAMED_KEYS[key]] = value
        elif key not in KNOWN_KEYS:
            extra[key] = value
    try:
        mood = check_mood(meta.get("mood"))
    except InvalidInput:
        mood, extra["mood_text"] = None, meta.get("mood")
    title = meta.get("title") if isinstance(meta.get("title"), str) and meta["title"].strip() else None
    tags = meta.get("tags", meta.get("tag"))
    fields = {"body": body, "title": title or posixpath.splitext(posixpath.basename(relative))[0],
              "tags": tags if isinstance(tags, (list, str)) else [], "mood": mood,
              "feelings": meta.get("feelings") or [], "starred": bool(meta.get("starred", False)),
              "created": created, "updated": max(updated, created), "extra": extra}
    return EntryItem(position=position, label=relative, source=source_id(relative, data), fields=fields)


def _item(position: int, relative: str, load: Any, file_time: datetime) -> EntryItem | ImportIssue:
    try:
        return parse_note(position, relative, load(), file_time)
    except DuetError as exc:
        return ImportIssue(position, relative, exc.message())


def _folder_notes(root: Path) -> list[tuple[str, Path]]:
    notes = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            full = Path(folder) / name
            relative = full.relative_to(root).as_posix()
            if is_note(relative) and not full.is_symlink():
                notes.append((relative, full))
    return notes


def _file_time(path: Path) -> datetime:
    return datetime.fromtimestamp(path.stat().st_mtime).astimezone().replace(microsecond=0)


def iter_folder(root: Path) -> tuple[int, Iterator[EntryItem | ImportIssue]]:
    notes = _folder_notes(root)

    def items() -> Iterator[EntryItem | ImportIssue]:
        for position, (relative, full) in enumerate(notes, start=1):
            yield _item(position, relative, lambda f=full: read_bytes(f, MAX_INPUT_BYTES), _file_time(full))

    return len(notes), items()


def iter_zip(zf: Any) -> tuple[int, Iterator[EntryItem | ImportIssue]]:
    members = file_members(zf)
    notes = sorted(name for name in members if is_note(name))

    def items() -> Iterator[EntryItem | ImportIssue]:
        for position, name in enumerate(notes, start=1):
            info = members[name]
            when = datetime(*info.date_time).astimezone().replace(microsecond=0)
            yield _item(position, name, lambda i=info: read_member(zf, i, MAX_INPUT_BYTES), when)

    return len(notes), items()


def import_path(nb: Any, path: str | Path, progress: Progress | None = None) -> ImportReport:
    """Import every note under a folder (or inside a zip); a single ``.md`` file works too."""
    path = existing_path(path)
    report = ImportReport(KIND)
    with contextlib.ExitStack() as stack:
        if path.is_dir():
            total, items = iter_folder(path)
        elif looks_like_zip(path):
            total, items = iter_zip(stack.enter_context(open_zip(path)))
        elif path.suffix.lower() in NOTE_SUFFIXES:
            total = 1
            items = iter([_item(1, path.name, lambda: read_bytes(path), _file_time(path))])
        else:
            raise BrokenFile("data.errors.not_markdown", name=path.name)
        if total == 0:
            report.add_warning(0, path.name, t("data.markdown.no_notes"))
        write_entry_items(nb, items, report, progress, total=total)
    return report
