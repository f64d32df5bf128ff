"""Markdown files with YAML front matter, the one on-disk format of entries, stories and companions.

Front matter keys stay Obsidian-friendly (``tags`` a list, ISO dates as
strings), so the folder reads well in any editor.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Any, Collection, Mapping

import yaml

from journal.errors import BrokenFile
from journal.limits import MAX_NODES, check_structure
from journal.store.atomic import atomic_write_text
from journal.store.sealed import read_bytes

FENCE = "---"
# libyaml parses ~10x faster than pure Python: reindexing 10,000 notes depends on it.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


# --- the fast path: the plain front matter Duet itself writes, read without building a YAML event stream ---------
# Anything outside this small subset (a block string, a double-quoted escape, an anchor, a comment, a date YAML
# would turn into a datetime, a float…) goes to PyYAML, so the result is always what PyYAML would give
# (tests/test_front_matter_fast.py checks that on generated documents).
_FAST_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
# Printable YAML characters that cannot start or change a plain scalar; no line breaks of any kind (NEL, LS, PS).
_PLAIN = re.compile("[^\\x00-\\x20\\x7f-\\x9f\\u2028\\u2029\\ufeff\\ud800-\\udfff\\ufffe\\uffff"
                    "\\-?:,\\[\\]{}#&*!|>'\"%@`~=<]"
                    "[^\\x00-\\x1f\\x7f-\\x9f\\u2028\\u2029\\ufeff\\ud800-\\udfff\\ufffe\\uffff:#,\\[\\]{}'\"]*")
_QUOTED = re.compile("'((?:[^'\\x00-\\x1f\\x7f-\\x9f\\u2028\\u2029\\ufeff\\ud800-\\udfff\\ufffe\\uffff]|'')*)'")
_PLAIN_DECIMAL = re.compile(r"0|[1-9][0-9]*")
_STR, _INT, _BOOL, _NULL = (f"tag:yaml.org,2002:{name}" for name in ("str", "int", "bool", "null"))
_RESOLVER = yaml.resolver.Resolver()
_UNSURE = object()


def _fast_scalar(text: str) -> Any:
    """One scalar of the subset, as PyYAML would read it, or ``_UNSURE``."""
    quoted = _QUOTED.fullmatch(text)
    if quoted:
        return quoted.group(1).replace("''", "'")
    if not _PLAIN.fullmatch(text) or text != text.strip():
        return _UNSURE
    tag = _RESOLVER.resolve(yaml.ScalarNode, text, (True, False))
    if tag == _STR:
        return text
    if tag == _INT and _PLAIN_DECIMAL.fullmatch(text):
        return int(text)
    if tag == _BOOL and text.lower() in ("true", "false"):
        return text.lower() == "true"
    if tag == _NULL:
        return None
    return _UNSURE


def _fast_front_matter(raw: str) -> dict[str, Any] | None:
    """``key: scalar``, ``key: [a, b]`` and ``key:`` with ``- item`` lines; None for anything else."""
    meta: dict[str, Any] = {}
    items: list[Any] | None = None     # the block list being read, under the last key
    indent = ""                        # its items' indentation, the same for all of them
    for line in raw.split("\n"):
        line = line[:-1] if line.endswith("\r") else line
        if not line:
            continue
        if line.lstrip(" ").startswith("- "):
            lead, _, rest = line.partition("- ")
            if items is None or lead != (indent if items else lead) or lead not in ("", "  "):
                return None
            value = _fast_scalar(rest.strip(" "))
            if value is _UNSURE:
                return None
            indent = lead
            items.append(value)
            continue
        key, colon, rest = line.partition(":")
        if not colon or (rest and rest[0] != " ") or key in meta or not _FAST_KEY.fullmatch(key) \
                or _RESOLVER.resolve(yaml.ScalarNode, key, (True, False)) != _STR:
            return None    # not a plain key, or a repeated one: PyYAML's rules, not ours
        rest = rest.strip(" ")
        items = None
        if not rest:
            meta[key] = items = []
        elif rest.startswith("[") and rest.endswith("]"):
            inner = rest[1:-1].strip(" ")
            values = [_fast_scalar(part.strip(" ")) for part in inner.split(",")] if inner else []
            if any(v is _UNSURE for v in values):
                return None
            meta[key] = tuple(values)   # a tuple until the end: told apart from a bare ``key:``
        else:
            meta[key] = _fast_scalar(rest)
            if meta[key] is _UNSURE:
                return None
    # ``key:`` with no items under it is YAML's null
    return {k: list(v) if isinstance(v, tuple) else (v or None) if isinstance(v, list) else v for k, v in meta.items()}


class _Dumper(yaml.SafeDumper):
    """Block-style YAML that keeps multi-line text readable (``|`` blocks)."""


def _str_representer(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str_representer)


def dump_front_matter(metadata: dict[str, Any]) -> str:
    return yaml.dump(
        metadata, Dumper=_Dumper, allow_unicode=True, sort_keys=False, default_flow_style=False, width=1000
    )


def render_document(metadata: dict[str, Any], body: str) -> str:
    """The full text of a note: front matter fence, YAML, fence, body."""
    body = body if body.endswith("\n") or not body else body + "\n"
    return f"{FENCE}\n{dump_front_matter(metadata)}{FENCE}\n\n{body}"


def parse_document(text: str, source: str = "") -> tuple[dict[str, Any], str]:
    """Split a note into (front matter, body); a note without front matter has ``{}``.

    Raises :class:`BrokenFile` when the front matter is not a YAML mapping,
    so a hand-edited mistake is reported rather than silently dropped.
    """
    if text.startswith("\ufeff"):
        text = text[1:]
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].rstrip("\r\n") != FENCE:
        return {}, text
    for end, line in enumerate(lines[1:], start=1):
        if line.rstrip("\r\n") in (FENCE, "..."):
            break
    else:
        raise BrokenFile("errors.front_matter_unclosed", path=source)
    raw = "".join(lines[1:end])
    metadata = _fast_front_matter(raw)
    fast = metadata is not None
    try:
        if metadata is None:
            metadata = yaml.load(raw, Loader=_LOADER) if raw.strip() else {}
    except yaml.YAMLError as exc:
        raise BrokenFile("errors.front_matter_invalid", path=source, reason=_first_line(exc)) from exc
    except (ValueError, OverflowError, TypeError, RecursionError) as exc:
        # a value YAML recognises but cannot build: ``created: 2024-02-30``, a timestamp in year 0
        raise BrokenFile("errors.front_matter_invalid", path=source, reason=_first_line(exc)) from None
    if not isinstance(metadata, dict):
        raise BrokenFile("errors.front_matter_not_mapping", path=source)
    if not (fast and len(raw) < MAX_NODES):   # the fast path's flat mapping holds fewer values than characters
        check_structure(metadata, source or "front matter")
    body = "".join(lines[end + 1 :])
    if body.startswith("\n"):
        body = body[1:]
    elif body.startswith("\r\n"):
        body = body[2:]
    return metadata, body


def read_document(path: Path) -> tuple[dict[str, Any], str]:
    meta, body, _version = read_versioned(path)
    return meta, body


def read_versioned(path: Path) -> tuple[dict[str, Any], str, str]:
    """(front matter, body, version): the version names the exact bytes read, for :func:`content_version`."""
    try:
        data = read_bytes(path)
    except FileNotFoundError as exc:
        raise BrokenFile("errors.file_missing", path=str(path)) from exc
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BrokenFile("errors.not_utf8", path=str(path)) from exc
    meta, body = parse_document(text, source=str(path))
    return meta, body, content_version(data)


def content_version(data: bytes) -> str:
    """A short name for exactly these bytes: a save compares it to tell whether someone else wrote the file.

    A hash rather than mtime and size: two saves within one clock tick, or an
    edit that keeps the length, would fool a stat, not a hash.
    """
    return hashlib.sha256(data).hexdigest()[:32]


def file_version(path: Path) -> str | None:
    """The :func:`content_version` of the file now, or None when there is no file."""
    try:
        return content_version(read_bytes(path))
    except FileNotFoundError:
        return None


def write_document(path: Path, metadata: dict[str, Any], body: str) -> None:
    atomic_write_text(Path(path), render_document(metadata, body))


def _first_line(exc: Exception) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


JSON_SUFFIX = "_json"


def _is_empty(value: Any) -> bool:
    return value is None or value is False or (isinstance(value, (str, list, tuple, dict)) and not value)


def build_front_matter(fields: Mapping[str, Any], extra: Mapping[str, Any], *, known: Collection[str],
                       keep: Collection[str] = ()) -> dict[str, Any]:
    """The one way entries, stories and companions lay out their front matter.

    ``fields`` come first in their order, empty ones left out unless named in
    ``keep`` (a note stays short to read); then the keys a person or another
    tool added (``extra``), untouched, so a hand edit or an import never loses
    information. ``known`` keys in ``extra`` are Duet's own and never doubled.
    """
    meta = {key: value for key, value in fields.items() if key in keep or not _is_empty(value)}
    for key, value in extra.items():
        if key not in known and key not in meta:
            meta[key] = value
    return meta


def exact_front_matter(meta: dict[str, Any]) -> dict[str, Any]:
    """``meta`` with every value YAML would not give back unchanged stored as JSON text under ``<key>_json``.

    YAML reads a few rare characters (NEL ``\\x85`` and friends) as line
    breaks, which would quietly change a card's text or a story's turn;
    checking the round trip is cheap and makes "kept unchanged" a guarantee.
    """
    parsed, _ = parse_document(render_document(meta, ""))
    if parsed == meta:
        return meta
    return {key if parsed.get(key) == value else key + JSON_SUFFIX:
            value if parsed.get(key) == value else json.dumps(value, ensure_ascii=True, default=str)
            for key, value in meta.items()}


def restore_front_matter(meta: dict[str, Any]) -> dict[str, Any]:
    """Undo :func:`exact_front_matter`: ``<key>_json`` text becomes ``key`` again (when ``key`` is absent)."""
    out = dict(meta)
    for key, value in meta.items():
        if not isinstance(key, str):   # YAML keys may be null, numbers or dates (``Null:``, ``1:``)
            continue
        base = key[: -len(JSON_SUFFIX)]
        if key.endswith(JSON_SUFFIX) and base and base not in meta and isinstance(value, str):
            try:
                out[base] = json.loads(value)
            except ValueError:
                continue
            del out[key]
    return out
