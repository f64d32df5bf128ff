"""``export json``: one JSON document of every entry, story and companion, for other tools.

The shape is documented in the README ("JSON export"); ``format`` and
``version`` let a reader check what it holds. Times are ISO 8601 with the
writer's UTC offset, paths are relative to the notebook folder.
"""

from __future__ import annotations

import dataclasses
import json
import sys
from datetime import date, datetime
from pathlib import Path
from typing import Any

from journal.store import entries as entry_sql
from journal.entries.model import Entry
from journal.export.reading import read_contents
from journal.export.zip_export import ExportResult, check_out_file
from journal.store.atomic import atomic_write_bytes
from journal.store import stories as story_sql
from journal.times import now

JSON_FORMAT = "duet-notebook-json"
JSON_VERSION = 1
STDOUT = "-"


def _plain(value: Any, home: Path) -> Any:
    """Dataclasses, times and paths as JSON values; paths relative to the notebook."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Path):
        try:
            return value.relative_to(home).as_posix()
        except ValueError:
            return value.as_posix()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name), home) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): _plain(v, home) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [_plain(v, home) for v in value]
    return value


def entry_dict(entry: Entry, home: Path) -> dict[str, Any]:
    return {"id": entry.id, "title": entry.title, "created": entry.created.isoformat(),
            "updated": entry.updated.isoformat(), "tags": list(entry.tags), "mood": entry.mood,
            "feelings": list(entry.feelings), "starred": entry.starred,
            "path": _plain(entry.path, home) if entry.path else None, "body": entry.body,
            "extra": _plain(entry.extra, home)}


def story_dict(story: Any, home: Path) -> dict[str, Any]:
    data = _plain(story, home)
    data["turns"] = [{**turn, "text": turn["alternatives"][turn["chosen"]] if turn["alternatives"] else ""}
                     for turn in data.get("turns", [])]
    return data


def notebook_document(nb: Any) -> dict[str, Any]:
    home = Path(nb.home)
    contents = read_contents(home, entry_sql.id_owners(nb.index), story_sql.id_owners(nb.index))
    return {
        "format": JSON_FORMAT,
        "version": JSON_VERSION,
        "exported": now().isoformat(),
        "entries": [entry_dict(e, home) for e in contents.entries],
        "stories": [story_dict(s, home) for s in contents.stories],
        "companions": [_plain(c, home) for c in contents.companions],
        "unreadable": [u.to_dict() for u in contents.unreadable],
    }


def _encode(document: dict[str, Any]) -> bytes:
    return json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8") + b"\n"


def json_bytes(nb: Any) -> bytes:
    return _encode(notebook_document(nb))


def export_json(nb: Any, out: str | Path, *, overwrite: bool = False) -> ExportResult:
    """Write the document to ``out`` (atomically), or to standard output when ``out`` is ``-``."""
    path = None if str(out) == STDOUT else Path(out).expanduser()
    if path is not None:
        check_out_file(path, overwrite)
    document = notebook_document(nb)
    data = _encode(document)
    count = len(document["entries"]) + len(document["stories"])
    if path is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return ExportResult(STDOUT, count, len(data))
    atomic_write_bytes(path, data)
    return ExportResult(str(path), count, len(data))
