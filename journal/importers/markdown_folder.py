"""A folder of markdown notes (an Obsidian vault, a Bear or Logseq export), or a zip of one.

Every ``.md`` file becomes an entry. Its front matter is kept: the keys Duet
knows (title, tags, mood, created…) are read as such, every other key stays
in the entry's front matter unchanged (a known key whose value Duet cannot
read, such as ``created: someday``, is kept as ``original_<key>``). A note
without a date gets its file's modification time. Pictures it embeds are
copied into the notebook (see ``vault_media``). Hidden folders
(``.obsidian``, ``.trash``, ``.git``) are left out.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import posixpath
from datetime import datetime
from pathlib import Path
from typing import Any, Iterator

from journal.entries.model import KNOWN_KEYS, check_mood
from journal.errors import BrokenFile, DuetError, InvalidInput
from journal.i18n import t
from journal.importers.report import ImportIssue, ImportReport, Progress
from journal.times import local_time, now, parse_time
from journal.importers.sources import (MAX_INPUT_BYTES, MAX_MEMBER_BYTES, decode_text, existing_path, file_members,
                                       looks_like_zip, member_time, open_zip, read_bytes,
                                       read_member)
from journal.importers.vault_media import VaultFiles, copy_pictures
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


def _time(meta: dict[str, Any], keys: tuple[str, ...], fallback: datetime, extra: dict[str, Any]) -> datetime:
    """The first date in ``keys``; a value that is not a date is kept as ``original_<key>``, never dropped."""
    value = _first(meta, keys)
    moment = parse_time(value, fallback=fallback)
    if value is not None and moment is fallback:
        key = next(k for k in keys if meta.get(k) is value)
        extra[f"original_{key}"] = value if isinstance(value, (str, int, float)) else str(value)
    return moment


def _title(meta: dict[str, Any]) -> str | None:
    """A title of any scalar type (``title: 1984`` is a title too)."""
    value = meta.get("title")
    if isinstance(value, (str, int, float)) and not isinstance(value, bool) and str(value).strip():
        return str(value).strip()
    return None


def parse_note(position: int, relative: str, data: bytes, file_time: datetime,
               files: VaultFiles | None = None) -> EntryItem:
    """One note as an entry item; raises a DuetError (reported for this note alone) when unreadable."""
    meta, body = parse_document(decode_text(data, relative), source=relative)
    if not body.strip():
        raise InvalidInput("data.errors.empty_note")
    extra: dict[str, Any] = {}
    created = _time(meta, DATE_KEYS, file_time, extra)
    updated = _time(meta, UPDATED_KEYS, max(file_time, created), extra)
    for key, value in meta.items():
        if key in RENAMED_KEYS:
            extra[RENAMED_KEYS[key]] = value
        elif key not in KNOWN_KEYS:
            extra[key] = value
    try:
        mood = check_mood(meta.get("mood"))
    except InvalidInput:
        mood, extra["mood_text"] = None, meta.get("mood")
    title = _title(meta)
    if title is None and meta.get("title") not in (None, ""):
        extra["original_title"] = meta["title"]
    tags = meta.get("tags", meta.get("tag"))
    media = copy_pictures(body, relative, created, files) if files is not None else None
    if media is not None:
        body = media.body
    fields = {"body": body, "title": title or posixpath.splitext(posixpath.basename(relative))[0],
              "tags": tags if isinstance(tags, (list, str)) else [], "mood": mood,
              "feelings": meta.get("feelings") or [], "starred": bool(meta.get("starred", False)),
              "created": created, "updated": max(updated, created), "extra": extra}
    return EntryItem(position=position, label=relative, source=source_id(relative, data), fields=fields,
                     attachments=media.attachments if media else [], warnings=media.warnings if media else [])


def _item(position: int, relative: str, load: Any, file_time: datetime,
          files: VaultFiles | None = None) -> EntryItem | ImportIssue:
    try:
        return parse_note(position, relative, load(), file_time, files)
    except DuetError as exc:
        return ImportIssue(position, relative, exc.message())


def _folder_files(root: Path) -> list[str]:
    """Every file of the vault outside hidden folders, vault-relative; symbolic links are not followed."""
    found = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            full = Path(folder) / name
            if not full.is_symlink():
                found.append(full.relative_to(root).as_posix())
    return found


def _folder_lookup(root: Path) -> Any:
    resolved = root.resolve()

    def lookup(relative: str) -> bytes | None:
        full = root / relative
        if full.is_symlink() or not full.is_file() or not full.resolve().is_relative_to(resolved):
            return None
        try:
            return read_bytes(full, MAX_MEMBER_BYTES)
        except DuetError:
            return None

    return lookup


def iter_folder(root: Path) -> tuple[int, Iterator[EntryItem | ImportIssue]]:
    everything = _folder_files(root)
    notes = [(relative, root / relative) for relative in everything if is_note(relative)]
    files = VaultFiles.of(_folder_lookup(root), everything)

    def items() -> Iterator[EntryItem | ImportIssue]:
        for position, (relative, full) in enumerate(notes, start=1):
            yield _item(position, relative, lambda f=full: read_bytes(f, MAX_INPUT_BYTES), local_time(full.stat().st_mtime), files)

    return len(notes), items()


def iter_zip(zf: Any) -> tuple[int, Iterator[EntryItem | ImportIssue]]:
    members = file_members(zf)
    notes = sorted(name for name in members if is_note(name))

    def lookup(relative: str) -> bytes | None:
        info = members.get(relative)
        if info is None or _is_hidden(relative):
            return None
        try:
            return read_member(zf, info)
        except DuetError:
            return None

    files = VaultFiles.of(lookup, [name for name in members if not _is_hidden(name)])

    def items() -> Iterator[EntryItem | ImportIssue]:
        for position, name in enumerate(notes, start=1):
            info = members[name]
            when = member_time(info) or now()   # a zero date in the zip: the note is dated today
            yield _item(position, name, lambda i=info: read_member(zf, i, MAX_INPUT_BYTES), when, files)

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
            beside = VaultFiles.of(_folder_lookup(path.parent), [])
            items = iter([_item(1, path.name, lambda: read_bytes(path), local_time(path.stat().st_mtime), beside)])
        else:
            raise BrokenFile("data.errors.not_markdown", name=path.name)
        if total == 0:
            report.add_warning(0, path.name, t("data.markdown.no_notes"))
        write_entry_items(nb, items, report, progress, total=total)
    return report
