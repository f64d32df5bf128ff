"""The one door into a notebook: pages and the CLI call this, never files or SQLite directly."""

from __future__ import annotations

import os
import threading
from functools import cached_property
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Mapping, Sequence

from journal.entries import files as entry_files, index as entry_index, sync as entry_sync
from journal.entries.model import (Entry, EntryFilter, EntrySummary, check_body, check_mood, check_title,
                                   clean_tags, clean_words, default_title)
from journal.entries.sync import ReindexReport
from journal.errors import DuetError, NotFound
from journal.ids import new_id
from journal.paths import resolve_home
from journal.store import search
from journal.store.index import Index
from journal.times import now, parse_time

if TYPE_CHECKING:
    from journal.companions.store import CompanionStore
    from journal.stories.store import StoryStore

DRAFTS_FOLDER = "drafts"


class Notebook:
    """A notebook folder: markdown files are the truth, ``.duet/index.db`` is derived."""

    def __init__(self, home: Path) -> None:
        self.home = Path(home)
        self.index = Index(self.home)
        self._sync_lock = threading.Lock()

    @classmethod
    def open(cls, home: str | os.PathLike[str] | None = None, *, sync: bool | str = True) -> "Notebook":
        """Open (creating if needed) the notebook and pick up files edited while Duet was closed.

        ``sync="quick"`` checks folders only: fast enough for every CLI call.
        """
        notebook = cls(resolve_home(home))
        if sync:
            notebook.sync(quick=(sync == "quick"))
        return notebook

    # --- entries -------------------------------------------------------------------

    def create_entry(self, body: str, *, title: str | None = None, tags: Sequence[str] = (),
                     mood: int | None = None, feelings: Sequence[str] = (), starred: bool = False,
                     created: datetime | None = None, extra: dict[str, Any] | None = None) -> Entry:
        entry = self.prepare_entry(body, title=title, tags=tags, mood=mood, feelings=feelings, starred=starred,
                                   created=created, extra=extra)
        entry.path = entry_files.new_path(self.home, entry)
        entry_files.save(entry)
        self._index_entries([entry])
        return entry

    def prepare_entry(self, body: str, *, title: str | None = None, tags: Sequence[str] = (),
                      mood: int | None = None, feelings: Sequence[str] = (), starred: bool = False,
                      created: datetime | None = None, updated: datetime | None = None,
                      extra: dict[str, Any] | None = None) -> Entry:
        """Validate and build an entry without saving it.

        Imports call this per item so one bad item is refused on its own
        before anything is written; :meth:`create_entries` then saves the rest.
        """
        body = check_body(body)
        created = parse_time(created or now()).replace(microsecond=0)  # parse_time gives naive times the local offset
        updated = parse_time(updated or created).replace(microsecond=0)
        return Entry(id=new_id(), title=check_title(title) or default_title(body, created), body=body,
                     created=created, updated=updated, tags=clean_tags(tags), mood=check_mood(mood),
                     feelings=clean_words(feelings), starred=bool(starred), extra=dict(extra or {}))

    def create_entries(self, items: Iterable[Entry | Mapping[str, Any]]) -> list[Entry]:
        """Save many new entries: one disk flush and one index transaction for the lot.

        ``create_entry`` fsyncs and indexes each file, which makes a 10,000-entry
        import take many seconds; this is the batched path. Items are prepared
        entries or mappings of :meth:`prepare_entry` arguments; all are
        validated before any file is written.
        """
        from journal.store.atomic import atomic_write_many
        from journal.store.documents import render_document

        entries = [item if isinstance(item, Entry) else self.prepare_entry(**item) for item in items]
        taken: set[Path] = set()
        for entry in entries:
            entry.path = entry_files.new_path(self.home, entry, taken)
            taken.add(entry.path)
        atomic_write_many((entry.path, render_document(entry.front_matter(), entry.body).encode("utf-8"))
                          for entry in entries)
        self._index_entries(entries)
        return entries

    def get_entry(self, entry_id: str) -> Entry:
        row = self.index.connection().execute("SELECT path FROM entries WHERE id = ?", (entry_id,)).fetchone()
        if row is None:
            raise NotFound("journal.errors.not_found", id=entry_id)
        try:
            return entry_files.load(self.home, row["path"])
        except FileNotFoundError:
            entry_index.delete_ids(self.index.connection(), [entry_id])
            raise NotFound("journal.errors.not_found", id=entry_id) from None

    def update_entry(self, entry_id: str, **changes: Any) -> Entry:
        """Apply validated changes; the file keeps its name so links to it keep working."""
        entry = self.get_entry(entry_id)
        if "body" in changes:
            entry.body = check_body(changes["body"])
        if "title" in changes:
            entry.title = check_title(changes["title"]) or default_title(entry.body, entry.created)
        if "tags" in changes:
            entry.tags = clean_tags(changes["tags"])
        if "mood" in changes:
            entry.mood = check_mood(changes["mood"])
        if "feelings" in changes:
            entry.feelings = clean_words(changes["feelings"])
        if "starred" in changes:
            entry.starred = bool(changes["starred"])
        if changes.get("created") is not None:  # a new date; the file keeps its name and folder
            entry.created = parse_time(changes["created"]).replace(microsecond=0)
        if "extra" in changes:
            entry.extra.update(changes["extra"] or {})
        entry.updated = max(now(), entry.created)
        entry_files.save(entry)
        self._index_entries([entry])
        return entry

    def delete_entry(self, entry_id: str) -> None:
        entry = self.get_entry(entry_id)
        try:
            entry.path.unlink()
        except FileNotFoundError:
            pass
        entry_index.delete_ids(self.index.connection(), [entry_id])
        self.discard_draft(entry_id)

    def list_entries(self, flt: EntryFilter | None = None, limit: int = 20, offset: int = 0) -> list[EntrySummary]:
        return self._absolute(search.list_entries(self.index.connection(), flt, limit, offset))

    def count_entries(self, flt: EntryFilter | None = None) -> int:
        return search.count_entries(self.index.connection(), flt)

    def search(self, query: str, flt: EntryFilter | None = None, limit: int = 20, offset: int = 0) -> list[EntrySummary]:
        return self._absolute(search.search_entries(self.index.connection(), query, flt, limit, offset))

    def _absolute(self, rows: list[EntrySummary]) -> list[EntrySummary]:
        for row in rows:
            row.path = str(self.home / row.path)
        return rows

    def all_tags(self) -> list[str]:
        rows = self.index.connection().execute(
            "SELECT DISTINCT value FROM entries, json_each(entries.tags_json) ORDER BY value COLLATE NOCASE")
        return [r[0] for r in rows]

    # --- drafts: a draft survives a rerun, a refresh and a crash --------------------

    def _draft_path(self, key: str) -> Path:
        safe = "".join(ch for ch in key if ch.isalnum() or ch in "-_") or "new"
        return self.home / DRAFTS_FOLDER / f"{safe}.md"

    def save_draft(self, key: str, *, body: str, title: str = "", tags: Sequence[str] = (),
                   mood: int | None = None, feelings: Sequence[str] = (), starred: bool = False,
                   day: date | None = None) -> None:
        """Autosave what is being written; never validated, never indexed."""
        from journal.store.documents import write_document

        meta = {"title": title or "", "tags": list(tags or []), "mood": mood, "feelings": list(feelings or []),
                "starred": bool(starred), "day": day.isoformat() if day else None, "saved": now().isoformat()}
        write_document(self._draft_path(key), meta, body or "")

    def load_draft(self, key: str) -> dict[str, Any] | None:
        """The autosaved draft, or None; a damaged draft file counts as none rather than an error."""
        from journal.store.documents import read_document

        path = self._draft_path(key)
        if not path.exists():
            return None
        try:
            meta, body = read_document(path)
        except DuetError:
            return None
        try:
            mood = check_mood(meta.get("mood"))
        except DuetError:
            mood = None
        try:
            day = date.fromisoformat(str(meta["day"])) if meta.get("day") else None
        except ValueError:
            day = None
        return {"title": str(meta.get("title") or ""), "tags": clean_tags(meta.get("tags")), "mood": mood,
                "feelings": clean_words(meta.get("feelings")), "starred": bool(meta.get("starred")), "day": day,
                "body": body.rstrip("\n")}

    def discard_draft(self, key: str) -> None:
        try:
            self._draft_path(key).unlink()
        except FileNotFoundError:
            pass

    # --- companions (journal/companions/store.py) -------------------------------------

    @cached_property
    def companions(self) -> "CompanionStore":
        """The companions of this notebook, as files under ``companions/`` (imported only when used)."""
        from journal.companions.store import CompanionStore

        return CompanionStore(self)

    # --- stories (journal/stories/store.py) ----------------------------------------

    @cached_property
    def stories(self) -> "StoryStore":
        """The stories of this notebook, as files under ``stories/`` (imported only when used)."""
        from journal.stories.store import StoryStore

        return StoryStore(self)

    # --- index maintenance ---------------------------------------------------------

    def _index_entries(self, entries: Iterable[Entry]) -> None:
        """Index saved entries in one transaction, with the mtime and size their files have now."""
        rows = []
        for entry in entries:
            stat = entry.path.stat()
            rows.append(entry_index.entry_row(entry, entry.path.relative_to(self.home).as_posix(),
                                              stat.st_mtime_ns, stat.st_size))
        entry_index.upsert_rows(self.index.connection(), rows)

    def sync(self, *, quick: bool = False) -> ReindexReport:
        """Pick up entry files created, changed or deleted while Duet was closed.

        Broken files are reported and left untouched; ``quick`` rescans only
        folders whose mtime changed (see :mod:`journal.entries.sync`).
        """
        with self._sync_lock:
            conn = self.index.connection()
            report = entry_sync.quick_sync(self.home, conn) if quick else entry_sync.full_sync(self.home, conn)
            from journal.stories.index import reindex_stories
            report.indexed += reindex_stories(self, report.broken)
            return report

    def reindex(self) -> ReindexReport:
        """Throw the index away and rebuild it from the files alone."""
        with self._sync_lock:
            self.index.destroy()
        return self.sync()
