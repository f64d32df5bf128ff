"""Pictures a markdown note embeds, copied into the notebook so they still show once imported.

A vault's notes point at pictures two ways: Obsidian's ``![[photo.png]]``
(found by file name anywhere in the vault) and markdown's
``![alt](folder/photo.png)`` (relative to the note). Left as they are, both
break the moment the note moves into ``journal/YYYY/MM/``; so each picture is
copied to ``attachments/<md5>.<ext>`` (the scheme Day One imports use, so a
picture is stored once) and the link is rewritten to a plain relative markdown
link, which Duet's reader, Obsidian and any markdown viewer all follow.
Anything else (a note transclusion, a web picture, a missing file) is left as
written; a missing or empty picture gets a warning naming it.
"""

from __future__ import annotations

import hashlib
import posixpath
import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Callable
from urllib.parse import unquote

from journal.entries.model import entry_folder
from journal.i18n import t

ATTACHMENTS_FOLDER = "attachments"
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".bmp", ".svg", ".avif", ".heic")
# One pass over both forms, so a rewritten link is never read again:
# ![[name.png]], ![[folder/name.png|300]], ![[name.png#heading]]  and
# ![alt](path), ![alt](<path with spaces>), ![alt](path "title")
_EMBED = re.compile(r"!\[\[(?P<wiki>[^\]|#\n]+)(?:#[^\]|\n]*)?(?:\|(?P<alias>[^\]\n]*))?\]\]"
                    r"|!\[(?P<alt>[^\]\n]*)\]\((?:<(?P<angled>[^>\n]+)>|(?P<plain>[^)\s]+))(?:\s+\"[^\"\n]*\")?\)")
_FENCE = re.compile(r"^\s*(```|~~~)")
_SIZE = re.compile(r"^\d+(x\d+)?$")
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")

Lookup = Callable[[str], "bytes | None"]   # a vault-relative posix path -> its bytes, or None


@dataclass
class VaultFiles:
    """How to read a file of the vault, and every picture in it by lower-cased file name (for ``![[name]]``)."""

    lookup: Lookup
    by_name: dict[str, list[str]] = field(default_factory=dict)

    @classmethod
    def of(cls, lookup: Lookup, relatives: list[str]) -> "VaultFiles":
        by_name: dict[str, list[str]] = {}
        for relative in sorted(relatives, key=lambda r: (r.count("/"), r)):   # Obsidian prefers the shortest path
            if relative.lower().endswith(IMAGE_SUFFIXES):
                by_name.setdefault(posixpath.basename(relative).lower(), []).append(relative)
        return cls(lookup, by_name)


@dataclass
class NoteMedia:
    body: str
    attachments: list[tuple[str, bytes]]
    warnings: list[str]


def is_picture(relative: str) -> bool:
    return relative.lower().endswith(IMAGE_SUFFIXES)


def _candidates(target: str, note: str, files: VaultFiles, wiki: bool) -> list[str]:
    """Vault paths ``target`` may mean, best first: beside the note, from the vault root, then by name."""
    target = target.strip()
    folder = posixpath.dirname(note)
    found = []
    if not wiki or "/" in target:
        found += [posixpath.normpath(posixpath.join(folder, target)), posixpath.normpath(target.lstrip("/"))]
    found += files.by_name.get(posixpath.basename(target).lower(), [])
    return [c for c in dict.fromkeys(found) if not c.startswith("../") and c != ".."]


def attachment_path(md5: str, ext: str) -> str:
    """Where an imported picture or file is stored, relative to the notebook: one copy per content."""
    return f"{ATTACHMENTS_FOLDER}/{md5}.{ext}"


def attachment_link(md5: str, ext: str, created: datetime) -> str:
    """The link to that file from the entry created at ``created`` (its ``journal/YYYY/MM/`` folder)."""
    depth = entry_folder(created).count("/") + 1
    return "../" * depth + attachment_path(md5, ext)


def outside_code(text: str, change: Callable[[str], str]) -> str:
    """``text`` with ``change`` applied to every line outside fenced code; fences and code stay as written."""
    out: list[str] = []
    in_code = False
    for line in text.split("\n"):
        if _FENCE.match(line):
            in_code = not in_code
        elif not in_code:
            line = change(line)
        out.append(line)
    return "\n".join(out)


def copy_pictures(body: str, note: str, created: datetime, files: VaultFiles) -> NoteMedia:
    """``body`` with its picture links pointing into the notebook, the pictures to write, and what was missing."""
    attachments: dict[str, bytes] = {}
    warnings: list[str] = []

    def picture(target: str, wiki: bool) -> str | None:
        if _SCHEME.match(target) or not is_picture(target):
            return None   # a web address, a note transclusion, a PDF: left as written
        for candidate in _candidates(target, note, files, wiki):
            data = files.lookup(candidate)
            if data is None:
                continue
            if not data:
                warnings.append(t("data.markdown.media_empty", file=candidate))
                return None
            ext = posixpath.splitext(candidate)[1].lstrip(".").lower()
            md5 = hashlib.md5(data).hexdigest()
            attachments[attachment_path(md5, ext)] = data
            return attachment_link(md5, ext, created)
        warnings.append(t("data.markdown.media_missing", file=target))
        return None

    def embed(match: re.Match[str]) -> str:
        if match.group("wiki"):
            target = match.group("wiki").rstrip("\\")   # ![[a.png\|300]] inside a table
            alias = (match.group("alias") or "").strip()
            alt = alias if alias and not _SIZE.match(alias) else posixpath.splitext(posixpath.basename(target))[0]
            link = picture(target, wiki=True)
        else:
            alt = match.group("alt")
            link = picture(unquote(match.group("angled") or match.group("plain")), wiki=False)
        return match.group(0) if link is None else f"![{alt}]({link})"

    return NoteMedia(outside_code(body, lambda line: _EMBED.sub(embed, line)), list(attachments.items()), warnings)
