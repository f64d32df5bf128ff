"""Reading what a person hands to an import: a file, a folder or a zip, never trusted.

Each helper turns "this is not what it claims" (binary, wrong JSON, not a zip,
a zip member climbing out with ``../``) into one :class:`BrokenFile` sentence,
so no importer ever shows a traceback.
"""

from __future__ import annotations

import json
import posixpath
import re
import stat
import sys
import zipfile
from datetime import datetime
from pathlib import Path
from typing import Any

from journal.errors import BrokenFile, NotFound

MAX_INPUT_BYTES = 1_000_000_000      # one JSON or text file read into memory
MAX_MEMBER_BYTES = 2_000_000_000     # one file taken out of a zip (photos, videos)
READ_CHUNK_BYTES = 1 << 20
# A member that inflates over 200 times past 50 MB is a zip bomb: text compresses 5-50x, photos barely.
MAX_COMPRESSION_RATIO = 200
BOMB_FLOOR_BYTES = 50_000_000
BINARY_SNIFF_BYTES = 8192
MAX_SAFE_NAME_CHARS = 64             # a file name taken from an imported file, once reduced
_UNSAFE_NAME_CHARS = re.compile(r"[^A-Za-z0-9_-]+")


def safe_name(value: object, limit: int = MAX_SAFE_NAME_CHARS) -> str:
    """A name from an imported file reduced to letters, digits, ``_`` and ``-``: never a path.

    Imported files name things (Day One's photo ``md5`` and ``type``) that
    become file names in the notebook; ``../../x`` or ``/etc/host`` must
    become a plain name such as ``x`` or ``etchost``, never a way out.
    ``""`` when nothing usable is left.
    """
    return "" if value is None else _UNSAFE_NAME_CHARS.sub("", str(value))[:limit]


def path_inside(root: Path, relative: str) -> Path:
    """``root / relative``, or BrokenFile when it would leave ``root`` (``..``, absolute, a symlink out)."""
    target = root / relative
    parts = Path(relative).parts
    if not relative or Path(relative).is_absolute() or ".." in parts \
            or not target.resolve().is_relative_to(root.resolve()):
        raise BrokenFile("data.errors.outside_folder", name=relative[:MAX_SAFE_NAME_CHARS * 2])
    return target


def existing_path(path: str | Path) -> Path:
    """The path as given, or a sentence saying it is not there."""
    p = Path(path).expanduser()
    if not p.exists():
        raise NotFound("data.errors.no_such_path", path=str(path))
    return p


def read_bytes(path: Path, limit: int = MAX_INPUT_BYTES) -> bytes:
    try:
        size = path.stat().st_size
        if size > limit:
            raise BrokenFile("data.errors.too_large", name=path.name, limit_mb=limit // 1_000_000)
        return path.read_bytes()
    except IsADirectoryError:
        raise BrokenFile("data.errors.is_folder", name=path.name) from None
    except OSError as exc:
        raise BrokenFile("data.errors.unreadable", name=path.name, reason=exc.strerror or str(exc)) from exc


def decode_text(data: bytes, name: str) -> str:
    """UTF-8 text (a BOM is dropped); binary or another encoding is refused by name."""
    if b"\x00" in data[:BINARY_SNIFF_BYTES]:
        raise BrokenFile("data.errors.binary", name=name)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise BrokenFile("data.errors.not_utf8", name=name) from None
    return text[1:] if text.startswith("\ufeff") else text


def parse_json(data: bytes, name: str) -> Any:
    text = decode_text(data, name)
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise BrokenFile("data.errors.not_json", name=name, line=exc.lineno, reason=exc.msg) from None
    except RecursionError:   # lists inside lists thousands deep
        raise BrokenFile("errors.nested_too_deep", name=name, limit=sys.getrecursionlimit()) from None


def read_json(path: Path) -> Any:
    return parse_json(read_bytes(path), path.name)


def open_zip(path: Path) -> zipfile.ZipFile:
    """An open zip, or "this is not a zip file" for anything else."""
    try:
        return zipfile.ZipFile(path)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError):
        raise BrokenFile("data.errors.not_zip", name=path.name) from None
    except OSError as exc:
        raise BrokenFile("data.errors.unreadable", name=path.name, reason=exc.strerror or str(exc)) from exc


def looks_like_zip(path: Path) -> bool:
    return path.is_file() and zipfile.is_zipfile(path)


def safe_member_name(info: zipfile.ZipInfo) -> str | None:
    """The member's path if it stays inside the target folder; ``None`` for anything unsafe.

    Refused: absolute paths, drive letters, ``..`` segments, backslash paths
    and symbolic links, the ways a crafted zip writes outside its folder.
    """
    name = info.filename
    if "\\" in name or name.startswith("/") or (len(name) > 1 and name[1] == ":"):
        return None
    mode = info.external_attr >> 16
    if mode and stat.S_ISLNK(mode):
        return None
    normal = posixpath.normpath(name)
    if normal in (".", "") or normal.startswith("../") or normal == "..":
        return None
    return normal


def is_file_member(info: zipfile.ZipInfo) -> bool:
    """A member holding a file: not a folder, and not a member with an empty name (``is_dir()`` raises on those)."""
    return bool(info.filename) and not info.filename.endswith("/")


def member_time(info: zipfile.ZipInfo) -> datetime | None:
    """The member's date as local time, or ``None`` for a zero or impossible date (month 0, day 0…)."""
    try:
        return datetime(*info.date_time).astimezone().replace(microsecond=0)
    except (ValueError, OverflowError, OSError, TypeError):
        return None


def read_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int = MAX_MEMBER_BYTES) -> bytes:
    """A member's bytes, counting what is really inflated so a lying header cannot fill the disk."""
    if info.file_size > limit:
        raise BrokenFile("data.errors.too_large", name=info.filename, limit_mb=limit // 1_000_000)
    if info.file_size > BOMB_FLOOR_BYTES and info.file_size > MAX_COMPRESSION_RATIO * max(info.compress_size, 1):
        # zipfile never inflates past the declared size, so the header is what a bomb must lie big in
        raise BrokenFile("data.errors.zip_bomb", name=info.filename, ratio=info.file_size // max(info.compress_size, 1))
    chunks: list[bytes] = []
    total = 0
    try:
        with zf.open(info) as handle:
            while True:
                chunk = handle.read(READ_CHUNK_BYTES)
                if not chunk:
                    break
                total += len(chunk)
                if total > limit:
                    raise BrokenFile("data.errors.too_large", name=info.filename, limit_mb=limit // 1_000_000)
                chunks.append(chunk)
    except (zipfile.BadZipFile, OSError, EOFError, RuntimeError) as exc:
        # RuntimeError: an encrypted member; BadZipFile: a CRC mismatch or a cut-off archive.
        raise BrokenFile("data.errors.zip_member_broken", name=info.filename, reason=str(exc)) from None
    return b"".join(chunks)


def file_members(zf: zipfile.ZipFile) -> dict[str, zipfile.ZipInfo]:
    """Safe file members by normalized name (folders, unsafe names and macOS ``__MACOSX`` junk left out)."""
    out: dict[str, zipfile.ZipInfo] = {}
    for info in zf.infolist():
        if not is_file_member(info):
            continue
        name = safe_member_name(info)
        if name is None or name.startswith("__MACOSX/") or posixpath.basename(name) == ".DS_Store":
            continue
        out[name] = info
    return out
