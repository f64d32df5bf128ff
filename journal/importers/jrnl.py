"""jrnl: its JSON export (``jrnl --export json``) and its plain-text journal file.

Both forms are read into the same title/body split jrnl itself makes (first
sentence or first line is the title), so an entry imported from the text file
and again from a JSON export of the same journal gets the same source id and
is not doubled.
"""

from __future__ import annotations

import hashlib
import re
from datetime import datetime
from pathlib import Path
from typing import Any

from journal.errors import BrokenFile, DuetError, InvalidInput
from journal.i18n import t, tn
from journal.importers.report import ImportIssue, ImportReport, Progress, has_key
from journal.importers.sources import decode_text, existing_path, parse_json, read_bytes
from journal.importers.writer import EntryItem, write_entry_items

KIND = "jrnl"
SOURCE_HASH_CHARS = 20
LABEL_CHARS = 40
DEFAULT_TIME = "00:00"
# "[2024-05-01 21:30] Title", also jrnl's newer default "[2024-05-01 09:30:00 PM] Title".
DATE_LINE = re.compile(r"^\[(\d{4}-\d{2}-\d{2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*([AaPp][Mm]))?\] ?(.*)$")
# jrnl's own tag rule: a tag symbol at the start of a word, then word characters and -+*#/.
TAG_PATTERN = re.compile(r"(?<!\S)@([-+*#/\w]+)")
# jrnl's sentence splitter (after segtok): a terminal and spaces, or a CJK terminal on its own.
SENTENCE_END = re.compile(
    r"([.!?\u2026\u203C\u203D\u2047\u2048\u2049\u22EF\uFE52\uFE57]['\u2019\"\u201D]?[\]\)]*\s+)"
    r"|[\uFF01\uFF0E\uFF1F\uFF61\u3002]"
)


def split_title(text: str) -> tuple[str, str]:
    """Title and body the way jrnl splits them: the first line, else the first sentence."""
    text = text.strip()
    newline = text.find("\n")
    if newline >= 0:
        return text[:newline].strip(), text[newline + 1:].strip()
    match = SENTENCE_END.search(text)
    if not match:
        return text, ""
    return text[:match.end()].strip(), text[match.end():].strip()


def source_id(day: str, time: str, title: str, body: str) -> str:
    digest = hashlib.sha1(f"{day} {time}\n{title.strip()}\n{body.strip()}".encode("utf-8")).hexdigest()
    return f"{KIND}:{digest[:SOURCE_HASH_CHARS]}"


def _label(day: str, title: str) -> str:
    return f"{day} {title[:LABEL_CHARS]}".strip()


def _item(position: int, day: str, time: str, title: str, body: str, tags: list[str], starred: bool) -> EntryItem:
    try:
        created = datetime.strptime(f"{day} {time}", "%Y-%m-%d %H:%M")
    except ValueError:
        raise InvalidInput("data.errors.bad_date", value=f"{day} {time}") from None
    text = body if body.strip() else title   # a title-only jrnl entry keeps its words as the body
    return EntryItem(position=position, label=_label(day, title), source=source_id(day, time, title, body),
                     fields={"body": text, "title": title, "tags": tags, "starred": starred, "created": created})


# --- JSON export ---------------------------------------------------------------------

def parse_json_export(data: Any, name: str) -> list[EntryItem | ImportIssue]:
    if not isinstance(data, dict) or not isinstance(data.get("entries"), list) or not has_key(data["entries"], "date"):
        # Another app's "entries" (a Day One journal): one sentence, not a complaint per entry.
        raise BrokenFile("data.errors.wrong_shape", name=name, kind=t("data.names.jrnl"))
    items: list[EntryItem | ImportIssue] = []
    for position, raw in enumerate(data["entries"], start=1):
        try:
            items.append(_json_entry(position, raw))
        except DuetError as exc:
            items.append(ImportIssue(position, name, exc.message()))
    return items


def _json_entry(position: int, raw: Any) -> EntryItem:
    if not isinstance(raw, dict):
        raise InvalidInput("data.errors.item_not_object")
    day = str(raw.get("date") or "").strip()
    time = str(raw.get("time") or DEFAULT_TIME).strip()
    title = str(raw.get("title") or "").strip()
    body = str(raw.get("body") or "").strip()
    tags = raw.get("tags") or []
    if not isinstance(tags, list):
        tags = [tags]
    return _item(position, day, time, title, body, [str(tag) for tag in tags], bool(raw.get("starred")))


# --- plain-text journal file ---------------------------------------------------------

def _clock(hour: str, minute: str, meridiem: str | None) -> str:
    h = int(hour)
    if meridiem:
        h = h % 12 + (12 if meridiem.lower() == "pm" else 0)
    return f"{h:02d}:{minute}"


def parse_text_journal(text: str, name: str) -> list[EntryItem | ImportIssue]:
    lines = text.replace("\r\n", "\n").split("\n")
    starts = [i for i, line in enumerate(lines) if DATE_LINE.match(line)]
    if not starts:
        raise BrokenFile("data.errors.not_jrnl_text", name=name)
    items: list[EntryItem | ImportIssue] = []
    if any(line.strip() for line in lines[:starts[0]]):
        items.append(ImportIssue(0, name, tn("data.jrnl.text_before_first", starts[0])))
    for position, start in enumerate(starts, start=1):
        end = starts[position] if position < len(starts) else len(lines)
        match = DATE_LINE.match(lines[start])
        assert match is not None
        day, hour, minute, _seconds, meridiem, first = match.groups()
        starred = first.strip().endswith("*")
        if starred:
            first = first.strip(" *")
        title, body = split_title(first + "\n" + "\n".join(lines[start + 1:end]))
        tags = list(dict.fromkeys(tag.lower() for tag in TAG_PATTERN.findall(f"{title}\n{body}")))
        try:
            items.append(_item(position, day, _clock(hour, minute, meridiem), title, body, tags, starred))
        except DuetError as exc:
            items.append(ImportIssue(position, t("data.label.line", line=start + 1), exc.message()))
    return items


def parse_file(path: Path) -> list[EntryItem | ImportIssue]:
    """Either form, told apart by the content rather than the file name."""
    text = decode_text(read_bytes(path), path.name)
    if text.lstrip().startswith("{"):
        return parse_json_export(parse_json(text.encode("utf-8"), path.name), path.name)
    return parse_text_journal(text, path.name)


def import_path(nb: Any, path: str | Path, progress: Progress | None = None) -> ImportReport:
    path = existing_path(path)
    if path.is_dir():
        raise BrokenFile("data.errors.is_folder", name=path.name)
    return write_entry_items(nb, parse_file(path), ImportReport(KIND), progress)
