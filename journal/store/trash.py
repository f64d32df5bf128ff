"""The notebook's trash: a deleted entry, story or companion is moved here, restorable for 30 days.

``.trash/<item id>/`` holds the deleted files at their paths inside the
notebook (``journal/2026/04/…md``, ``companions/wren.md`` with its picture),
so restoring is moving them back. The folder name starts with the time of
the delete; items older than :data:`KEEP_DAYS` are emptied at the next open.
``.trash`` is the folder name Obsidian uses for its own trash.
"""

from __future__ import annotations

import os
import secrets
import shutil
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Iterable

from journal.errors import DuetError, NotFound, StorageError
from journal.store.documents import read_document

TRASH_FOLDER = ".trash"
KEEP_DAYS = 30
_STAMP = "%Y%m%dT%H%M%S"
KINDS = {"journal": "entry", "stories": "story", "companions": "companion"}


@dataclass
class TrashItem:
    id: str
    kind: str                 # entry, story or companion
    title: str
    deleted: datetime
    files: list[str] = field(default_factory=list)   # paths inside the notebook, as they were

    def to_dict(self) -> dict[str, object]:
        return {"id": self.id, "kind": self.kind, "title": self.title, "deleted": self.deleted.isoformat(),
                "files": list(self.files)}


class Trash:
    def __init__(self, home: Path) -> None:
        self.home = Path(home)
        self.folder = self.home / TRASH_FOLDER

    def put(self, paths: Iterable[Path]) -> TrashItem | None:
        """Move ``paths`` (files inside the notebook) into one new trash item; missing files are skipped."""
        moment = datetime.now().astimezone().replace(microsecond=0)
        item_dir = self.folder / f"{moment.strftime(_STAMP)}-{secrets.token_hex(3)}"
        moved = False
        for path in paths:
            path = Path(path)
            if not path.exists():
                continue
            target = item_dir / path.relative_to(self.home)
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
                os.replace(path, target)
            except OSError as exc:
                raise StorageError("errors.write_failed", path=str(path), reason=exc.strerror or str(exc)) from exc
            moved = True
        return self._item(item_dir) if moved else None

    def list(self) -> list[TrashItem]:
        """Newest first."""
        try:
            folders = sorted((p for p in self.folder.iterdir() if p.is_dir()), reverse=True)
        except OSError:
            return []
        items = []
        for folder in folders:
            item = self._item(folder)
            if item is not None:
                items.append(item)
        return items

    def _item(self, folder: Path) -> TrashItem | None:
        try:
            deleted = datetime.strptime(folder.name.split("-", 1)[0], _STAMP).astimezone()
        except ValueError:
            return None
        files = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())
        if not files:
            return None
        kind = KINDS.get(files[0].split("/", 1)[0], "file")
        note = next((f for f in files if f.endswith(".md")), files[0])
        title = Path(note).stem
        try:
            meta, _ = read_document(folder / note)
            title = str(meta.get("title") or meta.get("name") or title)
        except DuetError:
            pass
        return TrashItem(id=folder.name, kind=kind, title=title, deleted=deleted, files=files)

    def get(self, item_id: str) -> TrashItem:
        item = self._item(self.folder / Path(item_id).name) if item_id and "/" not in item_id else None
        if item is None:
            raise NotFound("history.errors.no_trash_item", id=item_id)
        return item

    def restore(self, item_id: str) -> list[Path]:
        """Move the item's files back; a name taken meanwhile gets ``-2``, ``-3``…; the restored paths."""
        item = self.get(item_id)
        folder = self.folder / item.id
        restored = []
        for relative in item.files:
            source = folder / relative
            target = self.home / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            counter = 2
            while True:
                try:
                    os.link(source, target)   # never replaces a file made since the delete
                    break
                except FileExistsError:
                    target = target.with_name(f"{Path(relative).stem}-{counter}{Path(relative).suffix}")
                    counter += 1
                except OSError as exc:
                    raise StorageError("errors.write_failed", path=str(target), reason=exc.strerror or str(exc)) from exc
            source.unlink()
            restored.append(target)
        shutil.rmtree(folder, ignore_errors=True)
        return restored

    def empty(self, older_than_days: int | None = None) -> int:
        """Delete items for good (all, or those deleted more than ``older_than_days`` ago); how many went."""
        cutoff = None if older_than_days is None else datetime.now().astimezone() - timedelta(days=older_than_days)
        count = 0
        for item in self.list():
            if cutoff is None or item.deleted < cutoff:
                shutil.rmtree(self.folder / item.id, ignore_errors=True)
                count += 1
        return count
