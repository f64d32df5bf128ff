"""Earlier versions of every entry, story and companion, so a person can see and restore what a note was.

Before a save replaces a file, the file as it is gets a hard link under
``.history/<kind>/<id>/`` (free: the save renames a new file over the name,
so the link keeps the old bytes; a copy where links are impossible). Each
note keeps at most :data:`MAX_VERSIONS` versions, none older than
:data:`MAX_AGE_DAYS`. A story's Undo is its newest version.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from journal.errors import NotFound
from journal.store.atomic import atomic_write_bytes
from journal.store.sealed import read_bytes

HISTORY_FOLDER = ".history"
MAX_VERSIONS = 20
MAX_AGE_DAYS = 30
_NS = 1_000_000_000


@dataclass(frozen=True)
class Version:
    id: str            # the file's stem: nanoseconds since the epoch and the writer's pid
    saved: datetime    # when this version was replaced (local time)
    path: Path
    size: int

    def to_dict(self) -> dict[str, object]:
        return {"version": self.id, "saved": self.saved.isoformat(), "size": self.size}


def _safe(part: str) -> str:
    return "".join(ch for ch in part if ch.isalnum() or ch in "-_") or "_"


class History:
    """The versions folder of one notebook."""

    def __init__(self, home: Path) -> None:
        self.folder = Path(home) / HISTORY_FOLDER

    def _dir(self, kind: str, item_id: str) -> Path:
        return self.folder / _safe(kind) / _safe(item_id)

    def keep(self, kind: str, item_id: str, path: Path) -> Version | None:
        """Keep ``path`` as it is now (before a save replaces it); None when there is no file yet."""
        path = Path(path)
        if not path.exists():
            return None
        stamp = time.time_ns()
        target = self._dir(kind, item_id) / f"{stamp:020d}-{os.getpid()}.md"
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            os.link(path, target)
        except FileNotFoundError:
            return None
        except OSError:
            try:
                atomic_write_bytes(target, read_bytes(path))
            except FileNotFoundError:
                return None
        self.prune(kind, item_id)
        return self._version(target)

    def versions(self, kind: str, item_id: str) -> list[Version]:
        """Newest first."""
        folder = self._dir(kind, item_id)
        try:
            names = sorted((p for p in folder.iterdir() if p.suffix == ".md"), reverse=True)
        except OSError:
            return []
        found = []
        for path in names:
            try:
                found.append(self._version(path))
            except (OSError, ValueError):
                continue
        return found

    def _version(self, path: Path) -> Version:
        stamp = int(path.stem.split("-", 1)[0])
        return Version(id=path.stem, saved=datetime.fromtimestamp(stamp / _NS).astimezone().replace(microsecond=0),
                       path=path, size=path.stat().st_size)

    def get(self, kind: str, item_id: str, version_id: str) -> Version:
        for version in self.versions(kind, item_id):
            if version.id == version_id:
                return version
        raise NotFound("history.errors.no_version", id=item_id, version=version_id)

    def put_back(self, version: Version, path: Path) -> None:
        """Write an earlier version over the note's file (the caller kept what it replaces)."""
        atomic_write_bytes(path, read_bytes(version.path))

    def drop(self, version: Version) -> None:
        version.path.unlink(missing_ok=True)

    def prune(self, kind: str, item_id: str) -> None:
        """At most MAX_VERSIONS, none older than MAX_AGE_DAYS."""
        cutoff = datetime.now().astimezone() - timedelta(days=MAX_AGE_DAYS)
        for number, version in enumerate(self.versions(kind, item_id)):
            if number >= MAX_VERSIONS or version.saved < cutoff:
                version.path.unlink(missing_ok=True)
