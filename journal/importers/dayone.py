"""Day One: its export zip (``Journal.json`` + ``photos/``) or the JSON file on its own.

Photos are copied into the notebook as ``attachments/<md5>.<type>`` (Day One
already names them by content, so the same photo is stored once) and linked
from the entry body with a relative markdown image link, which Obsidian and
any markdown viewer follow. Day One writes its markdown with punctuation
escaped (``\\.``, ``\\-``); that is undone so the note reads as it was written.
"""

from __future__ import annotations

import contextlib
import posixpath
import re
import zipfile
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable, Iterator
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from journal.entries.model import default_title
from journal.errors import BrokenFile, DuetError, InvalidInput
from journal.i18n import t
from journal.importers.report import ImportIssue, ImportReport, Progress, has_key
from journal.times import parse_time
from journal.importers.sources import (MAX_MEMBER_BYTES, existing_path, file_members, looks_like_zip, open_zip,
                                       parse_json, path_inside, read_bytes, read_member, safe_name)
from journal.importers.vault_media import attachment_link, attachment_path, outside_code
from journal.importers.writer import EntryItem, write_entry_items

KIND = "dayone"
KEPT_KEYS = ("location", "weather")          # kept verbatim in the entry's front matter
# Backslash before ASCII punctuation, Day One's markdown escaping.
_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")
# ![](dayone-moment://<id>) for photos, dayone-moment:/video/<id> etc. for other media.
_MOMENT = re.compile(r"(!?)\[([^\]]*)\]\(dayone-moment:/{1,2}(?:(video|audio|pdfAttachment|pdf)/)?([0-9A-Fa-f]{32})\)")
# Media lists in an entry, the folder Day One puts their files in, and how the file is named.
_MEDIA = (("photos", "photos"), ("videos", "videos"), ("audios", "audios"), ("pdfAttachments", "pdfs"))
_DEFAULT_EXT = {"photos": "jpeg", "videos": "mov", "audios": "m4a", "pdfAttachments": "pdf"}
_IMAGE_LISTS = {"photos"}
MAX_EXT_CHARS = 10
_IMAGE_LINK = re.compile(r"!\[[^\]]*\]\([^)]*\)")


def unescape_markdown(text: str) -> str:
    """Undo Day One's backslash escapes outside fenced code (where a backslash is literal)."""
    return outside_code(text, lambda line: _ESCAPED.sub(r"\1", line))


@dataclass
class _Media:
    identifier: str
    md5: str
    ext: str
    folder: str
    is_image: bool
    title: str


def _media_of(raw: dict[str, Any]) -> list[_Media]:
    found: list[_Media] = []
    for key, folder in _MEDIA:
        listed = raw.get(key)
        for media in listed if isinstance(listed, list) else []:   # "photos": true in a crafted file
            if not isinstance(media, dict) or not media.get("md5"):
                continue
            md5 = safe_name(media["md5"])   # a path in "md5" or "type" is reduced to a plain name (#11)
            ext = safe_name(media.get("type") or media.get("format"), MAX_EXT_CHARS).lower() or _DEFAULT_EXT[key]
            if not md5:
                continue
            found.append(_Media(identifier=str(media.get("identifier") or "").upper(), md5=md5,
                                ext=ext, folder=folder, is_image=key in _IMAGE_LISTS,
                                title=str(media.get("title") or media.get("pdfName") or "")))
    return found


def _created(raw: dict[str, Any]) -> datetime:
    """``creationDate`` (UTC) shown in the entry's own time zone, as Day One showed it."""
    value = raw.get("creationDate")
    if not value:
        raise InvalidInput("data.errors.missing_field", field="creationDate")
    moment = parse_time(str(value))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    zone = raw.get("timeZone")
    if isinstance(zone, str) and zone:
        try:
            return moment.astimezone(ZoneInfo(zone.replace("\\/", "/")))
        except (ZoneInfoNotFoundError, ValueError):
            pass
    return moment


class _Files:
    """Finds a media file in a zip or beside a JSON file, by the names Day One uses."""

    def __init__(self, lookup: Callable[[str], bytes | None]) -> None:
        self._lookup = lookup

    def find(self, media: _Media) -> bytes | None:
        names = [f"{media.folder}/{media.md5}.{media.ext}", f"{media.md5}.{media.ext}"]
        if media.ext == "jpeg":
            names += [f"{media.folder}/{media.md5}.jpg", f"{media.md5}.jpg"]
        for name in names:
            data = self._lookup(name)
            if data is not None:
                return data
        return None


def _title(body: str, created: datetime) -> str:
    """The first line, as Day One shows it, without picture links in it (else the date)."""
    return default_title(_IMAGE_LINK.sub("", body), created)


def parse_entry(position: int, raw: Any, files: _Files, name: str) -> EntryItem:
    if not isinstance(raw, dict):
        raise InvalidInput("data.errors.item_not_object")
    uuid = str(raw.get("uuid") or "").strip()
    if not uuid:
        raise InvalidInput("data.errors.missing_field", field="uuid")
    created = _created(raw)
    text = unescape_markdown(str(raw.get("text") or "")).strip()
    media = _media_of(raw)
    by_id = {m.identifier: m for m in media if m.identifier}
    attachments: list[tuple[str, bytes]] = []
    warnings: list[str] = []
    linked: set[str] = set()
    stored: dict[str, str] = {}   # md5 -> link, for media whose file was found and is not empty

    for item in media:
        data = files.find(item)
        if not data:
            key = "data.dayone.media_missing" if data is None else "data.dayone.media_empty"
            warnings.append(t(key, file=f"{item.folder}/{item.md5}.{item.ext}"))
            continue
        attachments.append((attachment_path(item.md5, item.ext), data))
        stored[item.md5] = attachment_link(item.md5, item.ext, created)

    def replace(match: re.Match[str]) -> str:
        bang, alt, _kind, ident = match.groups()
        item = by_id.get(ident.upper())
        if item is None or item.md5 not in stored:
            return ""   # the media is missing; a warning says which
        linked.add(item.md5)
        label = alt or item.title
        if item.is_image:
            return f"![{label}]({stored[item.md5]})"
        return f"{bang}[{label or item.md5}]({stored[item.md5]})"

    text = _MOMENT.sub(replace, text).strip()
    unlinked = [m for m in media if m.md5 in stored and m.md5 not in linked]
    extra_links = [f"![{m.title}]({stored[m.md5]})" if m.is_image else f"[{m.title or m.md5}]({stored[m.md5]})"
                   for m in dict((m.md5, m) for m in unlinked).values()]
    body = "\n\n".join(part for part in [text, "\n".join(extra_links)] if part)
    if not body:
        raise InvalidInput("data.errors.empty_item")
    tags = raw.get("tags") or []   # Day One leaves the key out when there are none
    extra = {key: raw[key] for key in KEPT_KEYS if raw.get(key)}
    updated = parse_time(str(raw["modifiedDate"]), fallback=created) if raw.get("modifiedDate") else None
    fields = {"body": body, "title": _title(body, created), "tags": tags if isinstance(tags, list) else [tags],
              "starred": bool(raw.get("starred")), "created": created,
              "updated": max(updated, created) if updated else None, "extra": extra}
    return EntryItem(position=position, label=f"{name} · {created:%Y-%m-%d %H:%M}", source=f"{KIND}:{uuid}",
                     fields=fields, attachments=attachments, warnings=warnings)


def check_journal(data: Any, name: str) -> list[Any]:
    """The ``entries`` list of a Day One journal, or one sentence saying this is not one."""
    if not isinstance(data, dict) or not isinstance(data.get("entries"), list) \
            or not has_key(data["entries"], "creationDate"):   # a jrnl export also has "entries"
        raise BrokenFile("data.errors.wrong_shape", name=name, kind=t("data.names.dayone"))
    return data["entries"]


def iter_journal(entries: list[Any], name: str, files: _Files) -> Iterator[EntryItem | ImportIssue]:
    """Items one by one, so photos are read only as their entries are written."""
    for position, raw in enumerate(entries, start=1):
        try:
            yield parse_entry(position, raw, files, name)
        except DuetError as exc:
            yield ImportIssue(position, name, exc.message())


Journal = tuple[str, list[Any], _Files]


def _zip_journals(zf: zipfile.ZipFile, zip_name: str) -> list[Journal]:
    members = file_members(zf)
    names = [n for n in members if n.lower().endswith(".json")]
    if not names:
        raise BrokenFile("data.errors.no_dayone_journal", name=zip_name)
    journals: list[Journal] = []
    for journal_name in sorted(names, key=lambda n: (n.count("/"), n)):
        folder = posixpath.dirname(journal_name)
        data = parse_json(read_member(zf, members[journal_name]), journal_name)
        base = posixpath.basename(journal_name)
        journals.append((base, check_journal(data, base), _Files(_zip_lookup(zf, members, folder))))
    return journals


def _zip_lookup(zf: zipfile.ZipFile, members: dict[str, zipfile.ZipInfo], folder: str) -> Callable[[str], bytes | None]:
    def lookup(name: str) -> bytes | None:
        info = members.get(posixpath.join(folder, name) if folder else name)
        return read_member(zf, info) if info is not None else None

    return lookup


def _folder_lookup(folder: Path) -> Callable[[str], bytes | None]:
    """Files beside the JSON only: a name that leads out of the folder (or a symbolic link) is not read."""
    def lookup(name: str) -> bytes | None:
        try:
            candidate = path_inside(folder, name)
        except BrokenFile:
            return None
        if candidate.is_symlink() or not candidate.is_file():
            return None
        return read_bytes(candidate, MAX_MEMBER_BYTES)

    return lookup


def _file_journals(path: Path) -> list[Journal]:
    if path.is_dir():
        files = sorted(f for f in path.glob("*.json") if f.is_file() and not f.is_symlink())
        if not files:
            raise BrokenFile("data.errors.no_dayone_journal", name=path.name)
        folder = path
    else:
        if path.suffix.lower() == ".zip":
            raise BrokenFile("data.errors.not_zip", name=path.name)
        files, folder = [path], path.parent
    return [(f.name, check_journal(parse_json(read_bytes(f), f.name), f.name), _Files(_folder_lookup(folder)))
            for f in files]


def import_path(nb: Any, path: str | Path, progress: Progress | None = None) -> ImportReport:
    """Import a Day One export zip, a folder holding its JSON, or the JSON file itself."""
    path = existing_path(path)
    report = ImportReport(KIND)
    with contextlib.ExitStack() as stack:
        if looks_like_zip(path):
            journals = _zip_journals(stack.enter_context(open_zip(path)), path.name)
        else:
            journals = _file_journals(path)
        total = sum(len(entries) for _name, entries, _files in journals)
        items = (item for name, entries, files in journals for item in iter_journal(entries, name, files))
        write_entry_items(nb, items, report, progress, total=total)
    return report
