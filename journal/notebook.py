"""The one door into a notebook: pages and the CLI call this, never files or SQLite directly."""

from __future__ import annotations

import importlib
import os
import sqlite3
import threading
from dataclasses import replace
from functools import cached_property
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Mapping, Sequence, TypeVar

from journal.delete_all import delete_all as erase_notebook
from journal.entries import files as entry_files, index as entry_index, sync as entry_sync
from journal.entries.model import (Entry, EntryFilter, EntrySummary, apply_changes, check_body, check_mood,
                                   check_title, clean_tags, clean_words, default_title, entry_from_document)
from journal.entries.store import EntryStore
from journal.errors import BrokenFile, NotFound, SaveConflict
from journal.ids import new_id
from journal.notebook_parts import NotebookParts
from journal.paths import claim_new_folder, resolve_home
from journal.policies import crisis_checked
from journal.provenance import with_ai_words
from journal.settings import Settings, load_settings_file, settings_stamp, write_section
from journal.store import entries as entry_sql, search
from journal.store.conflicts import CONFLICT_KEY, ConflictCopy, find_conflicts, resolve, write_conflict_copy
from journal.store.documents import content_version, file_version, read_document
from journal.store.history import History, Version
from journal.store.index import INDEX_FOLDER, Index, is_damage
from journal.store.leftovers import remove_leftovers, temps_below, top_level_temps
from journal.store.locks import NotebookLock
from journal.store.sealed import KEY_FILE
from journal.store.trash import KEEP_DAYS as TRASH_KEEP_DAYS, Trash
from journal.times import now, parse_time

if TYPE_CHECKING:
    from journal.companions.store import CompanionStore
    from journal.stories.notebook_stories import NotebookStories

T = TypeVar("T")

ENTRY_KIND = "entries"        # history folder: .history/entries/<id>
BACKUP_BUILDERS = {"zip": "zip_export.zip_bytes", "json": "json_export.json_bytes",   # journal.export.<module>.<builder>
                   "markdown": "markdown_export.markdown_zip_bytes"}


class Notebook(NotebookParts):
    """A notebook folder: markdown files are the truth, ``.duet/index.db`` is derived."""

    def __init__(self, home: Path) -> None:
        self.home = Path(home)
        self.index = Index(self.home)
        self.lock = NotebookLock(self.home / INDEX_FOLDER)   # every write, between threads and processes
        self._sync_lock = threading.RLock()
        self._settings: tuple[Any, Settings] | None = None
        # "missing" or "damaged" when opening rebuilt the index from the files: the CLI's and app's one-line message.
        self.healed: str | None = None

    @classmethod
    def open(cls, home: str | os.PathLike[str] | None = None, *, sync: bool | str = True,
             passphrase: str | None = None) -> "Notebook":
        """Open (creating if needed) the notebook and pick up files edited while Duet was closed; ``sync="quick"``
        checks folders only (every CLI call). A vault needs its ``passphrase`` once per process (journal.vault)."""
        notebook = cls(resolve_home(home))
        claim_new_folder(notebook.home)   # the marker delete-all asks for
        if (notebook.home / KEY_FILE).is_file():   # a vault: journal.vault (and cryptography) load only then
            importlib.import_module("journal.vault").unlock(notebook.home, passphrase)
        if sync:
            notebook.sync(quick=(sync == "quick"))
        return notebook

    # --- entries -------------------------------------------------------------------

    @crisis_checked  # the save returns the crisis check of what was written (#21)
    def create_entry(self, body: str, *, title: str | None = None, tags: Sequence[str] = (),
                     mood: int | None = None, feelings: Sequence[str] = (), starred: bool = False,
                     created: datetime | None = None, extra: dict[str, Any] | None = None,
                     ai_words: Sequence[Mapping[str, str]] = ()) -> Entry:
        """Save a new entry; ``ai_words`` (``entries.model.ai_passage`` records) say which words are the AI's."""
        entry = self.prepare_entry(body, title=title, tags=tags, mood=mood, feelings=feelings, starred=starred,
                                   created=created, extra=with_ai_words(extra, ai_words))
        with self.lock, entry_files.taken_back_if_unindexed([entry], self.home):
            entry_files.create(self.home, entry)
            self._index_entries([entry])
        return entry

    def prepare_entry(self, body: str, *, title: str | None = None, tags: Sequence[str] = (),
                      mood: int | None = None, feelings: Sequence[str] = (), starred: bool = False,
                      created: datetime | None = None, updated: datetime | None = None,
                      extra: dict[str, Any] | None = None) -> Entry:
        """Validate and build an entry without saving it. Imports call this per item so one bad item is refused
        on its own before anything is written; :meth:`create_entries` then saves the rest."""
        body = check_body(body)
        created = parse_time(created or now()).replace(microsecond=0)  # parse_time gives naive times the local offset
        updated = parse_time(updated or created).replace(microsecond=0)
        return Entry(id=new_id(), title=check_title(title) or default_title(body, created), body=body,
                     created=created, updated=updated, mood=check_mood(mood), feelings=clean_words(feelings),
                     tags=entry_sql.tag_spellings(self.index.connection(), clean_tags(tags)),
                     starred=bool(starred), extra=dict(extra or {}))

    def create_entries(self, items: Iterable[Entry | Mapping[str, Any]]) -> list[Entry]:
        """Save many new entries: one disk flush and one index transaction for the lot.

        ``create_entry`` fsyncs and indexes each file, which makes a 10,000-entry
        import take many seconds; this is the batched path. Items are prepared
        entries or mappings of :meth:`prepare_entry` arguments; all are
        validated before any file is written. Names are chosen and written under
        the notebook lock, so another process's new entry is never replaced.
        """
        from journal.store.atomic import atomic_write_many

        entries = [item if isinstance(item, Entry) else self.prepare_entry(**item) for item in items]
        entry_index.unify_spellings(entries)  # "C" in one imported entry and "c" in the next: one tag
        with self.lock, entry_files.taken_back_if_unindexed(entries, self.home):
            taken: set[Path] = set()
            for entry in entries:
                entry.path = entry_files.new_path(self.home, entry, taken)
                taken.add(entry.path)
            rendered = [(entry, entry_files.render(entry)) for entry in entries]
            atomic_write_many((entry.path, data) for entry, data in rendered)
            for entry, data in rendered:
                entry.version = content_version(data)
            self._index_entries(entries)
        return entries

    def get_entry(self, entry_id: str) -> Entry:
        """The entry as its file says now; ``entry.version`` names that file's content for a later save."""
        relative = self._healing(lambda: entry_sql.path_of_id(self.index.connection(), entry_id))
        if relative is None:
            raise NotFound("journal.errors.not_found", id=entry_id)
        try:
            return entry_files.load(self.home, relative)
        except (FileNotFoundError, BrokenFile) as exc:
            if isinstance(exc, BrokenFile) and (self.home / relative).exists():
                raise
            entry_sql.delete_ids(self.index.connection(), [entry_id])
            raise NotFound("journal.errors.not_found", id=entry_id) from None

    def update_entry(self, entry_id: str, *, expected_version: str | None = None, **changes: Any) -> Entry:
        """Apply validated changes; the file keeps its name so links to it keep working.

        ``expected_version`` is the ``version`` of the entry the writer read (an editor opened earlier). If the
        file has changed since (another tab, the CLI, Obsidian) nothing is overwritten: the writer's version is
        saved as a conflict copy and :class:`SaveConflict` says where. Without it, the changes are applied to
        the newest file (a star toggle).
        """
        with self.lock:
            entry = self.get_entry(entry_id)
            stale = expected_version is not None and entry.version != expected_version
            apply_changes(entry, changes)
            entry.tags = entry_sql.tag_spellings(self.index.connection(), entry.tags)  # "c" saved as "C"
            entry.updated = max(now(), entry.created)
            if stale:
                self._keep_conflict(entry)
            return self._write_entry(entry)

    def save_entry(self, entry: Entry) -> Entry:
        """Write an entry read earlier with :meth:`get_entry` (and changed by the caller).

        Refused with :class:`SaveConflict` (the caller's text kept as a copy) when the file is no longer the
        version that was read.
        """
        if entry.path is None:
            raise NotFound("journal.errors.not_found", id=entry.id)
        entry.body = check_body(entry.body)
        entry.title = check_title(entry.title) or default_title(entry.body, entry.created)
        entry.tags = entry_sql.tag_spellings(self.index.connection(), clean_tags(entry.tags))
        entry.mood = check_mood(entry.mood)
        with self.lock:
            if entry.version is not None and file_version(entry.path) != entry.version:
                self._keep_conflict(entry)
            entry.updated = max(now(), entry.created)
            return self._write_entry(entry)

    @crisis_checked
    def _write_entry(self, entry: Entry) -> Entry:
        self.history.keep(ENTRY_KIND, entry.id, entry.path)
        entry_files.save(entry)
        self._index_entries([entry])
        return entry

    def _keep_conflict(self, entry: Entry) -> None:
        """Save the stale writer's ``entry`` beside its file, index it, and raise SaveConflict."""
        original = entry.path
        assert original is not None
        copy = replace(entry, id=new_id(), extra={**entry.extra, CONFLICT_KEY: entry.id})
        data = entry_files.render(copy)
        copy.path, copy.version = write_conflict_copy(original, data), content_version(data)
        self._index_entries([copy])
        raise SaveConflict(str(original), str(copy.path))

    def delete_entry(self, entry_id: str) -> None:
        """Move the entry's file to the trash (restorable for 30 days) and out of the index."""
        with self.lock:
            entry = self.get_entry(entry_id)
            self.trash.put([entry.path])
            entry_sql.delete_ids(self.index.connection(), [entry_id])
        self.discard_draft(entry_id)

    # --- history, trash and conflicts ---------------------------------------------------

    @cached_property
    def history(self) -> History:
        return History(self.home)

    @cached_property
    def trash(self) -> Trash:
        return Trash(self.home)

    @cached_property
    def app_lock(self) -> Any:   # journal.applock.AppLock: status, unlock, set, remove (argon2 loads only here)
        return importlib.import_module("journal.applock").AppLock(self.home, self.lock)

    def entry_versions(self, entry_id: str) -> list[Version]:
        """Earlier versions of an entry, newest first (at most 20, none older than 30 days)."""
        return self.history.versions(ENTRY_KIND, entry_id)

    def read_entry_version(self, entry_id: str, version_id: str) -> Entry:
        """An earlier version as an entry (not saved; its path is the current file's)."""
        version = self.history.get(ENTRY_KIND, entry_id, version_id)
        current = self.get_entry(entry_id)
        meta, body = read_document(version.path)
        old = entry_from_document(meta, body, current.path, "", current.created)
        old.id = entry_id
        return old

    def restore_entry_version(self, entry_id: str, version_id: str) -> Entry:
        """Make an earlier version the current one; what it replaces becomes a version in turn."""
        version = self.history.get(ENTRY_KIND, entry_id, version_id)
        with self.lock:
            current = self.get_entry(entry_id)
            self.history.keep(ENTRY_KIND, entry_id, current.path)
            self.history.put_back(version, current.path)
            restored = self.get_entry(entry_id)
            restored.id = entry_id
            self._index_entries([restored])
            return restored

    def restore_from_trash(self, item_id: str) -> list[Path]:
        """Put a deleted entry, story or companion back where it was (another name if that one is taken)."""
        with self.lock:
            paths = self.trash.restore(item_id)
        self.sync()
        return paths

    def conflicts(self) -> list[ConflictCopy]:
        """Conflict copies waiting for the person to choose."""
        return find_conflicts(self.home)

    def resolve_conflict(self, copy_path: str | Path, keep: str) -> Path:
        """Keep ``mine`` (the copy), ``theirs`` (the file) or ``both``; see :func:`conflicts.resolve`."""
        kept = resolve(self, copy_path, keep)
        self.sync()
        return kept

    def list_entries(self, flt: EntryFilter | None = None, limit: int = 20, offset: int = 0) -> list[EntrySummary]:
        return self._absolute(self._healing(lambda: search.list_entries(self.index.connection(), flt, limit, offset)))

    def count_entries(self, flt: EntryFilter | None = None) -> int:
        # A count reads every matching row (~15 ms for a tag at 100,000 entries) and the pager asks on every rerun.
        return self.index.memo(f"count {flt!r}", lambda: self._healing(lambda: search.count_entries(
            self.index.connection(), flt)))

    def search(self, query: str, flt: EntryFilter | None = None, limit: int = 20, offset: int = 0) -> list[EntrySummary]:
        return self._absolute(self._healing(
            lambda: search.search_entries(self.index.connection(), query, flt, limit, offset)))

    def _absolute(self, rows: list[EntrySummary]) -> list[EntrySummary]:
        for row in rows:
            row.path = str(self.home / row.path)
        return rows

    def all_tags(self) -> list[str]:
        return self._healing(lambda: entry_sql.all_tags(self.index.connection()))

    # --- the kinds, each with the same shape: nb.entries, nb.stories, nb.companions -------
    @cached_property
    def entries(self) -> EntryStore:
        """The journal entries: ``nb.entries.create(...)``, ``.get(id)``, ``.update(id, ...)``, ``.list()``."""
        return EntryStore(self)

    @property
    def settings(self) -> Settings:
        """The typed settings, parsed once per version of ``settings.yaml`` (each call costs one stat)."""
        stamp, cached = settings_stamp(self.home), self._settings
        if cached is None or cached[0] != stamp or stamp is None:
            cached = self._settings = (stamp, load_settings_file(self.home))
        return cached[1]

    def save_settings(self, section: str, values: Mapping[str, Any]) -> Settings:
        """Replace one section of ``settings.yaml`` (a secret is refused: nothing written); the new settings."""
        write_section(self.home, section, dict(values))
        return self.settings

    def import_file(self, kind: str, path: str | os.PathLike[str] | tuple[str, bytes], progress: Any = None) -> Any:
        """Bring another app's export (or a Duet backup) in; an ``ImportReport`` says what came in and what did not."""
        return importlib.import_module("journal.importers").run_import(self, kind, path, progress)

    def backup_bytes(self, fmt: str) -> bytes:
        """The whole notebook as one download: ``zip`` (restores byte for byte), ``json`` or ``markdown`` (zipped)."""
        module, builder = BACKUP_BUILDERS[fmt].split(".")
        return getattr(importlib.import_module(f"journal.export.{module}"), builder)(self)

    def delete_all(self, *, confirm: bool) -> Any:
        """Erase every file of the notebook and its index (``confirm`` must be True); a report lists what went.
        Waits for a sync under way (the app's background catch-up after start) so it never writes into the erasing."""
        with self._sync_lock:
            return erase_notebook(self, confirm=confirm)

    @cached_property
    def companions(self) -> "CompanionStore":
        """The companions of this notebook, as files under ``companions/`` (imported only when used)."""
        from journal.companions.store import CompanionStore
        return CompanionStore(self)

    @cached_property
    def stories(self) -> "NotebookStories":
        """The stories of this notebook (files under ``stories/``) and what can be done to them."""
        from journal.stories.notebook_stories import NotebookStories
        return NotebookStories(self)

    # --- index maintenance ---------------------------------------------------------

    def _index_entries(self, entries: Iterable[Entry]) -> None:
        """Index saved entries in one transaction, with the mtime and size their files have now."""
        rows = []
        for entry in entries:
            stat = entry.path.stat()
            rows.append(entry_index.entry_row(entry, entry.path.relative_to(self.home).as_posix(),
                                              stat.st_mtime_ns, stat.st_size))
        entry_sql.upsert_rows(self.index.connection(), rows)

    def sync(self, *, quick: bool = False, replace: bool = False) -> entry_sync.ReindexReport:
        """Pick up entry files created, changed or deleted while Duet was closed; broken ones are reported, untouched.
        ``quick`` rescans only folders whose mtime changed (see :mod:`journal.entries.sync`); ``replace`` reads
        every file and replaces the whole index with what they hold."""
        leftovers: list[Path] = []
        with self._sync_lock:
            try:
                report = self._sync(quick, leftovers, replace)
            except sqlite3.DatabaseError as exc:
                if not is_damage(exc):
                    raise
                self.index.destroy(damaged=True)
                self.index.rebuilt = "damaged"
                report = self._sync(quick, leftovers, replace)
            rebuilt, self.index.rebuilt = self.index.rebuilt, None
            if rebuilt == "damaged" or (rebuilt == "missing" and report.indexed):   # a new notebook is no news
                self.healed = rebuilt
        remove_leftovers(self.lock, leftovers)   # outside the sync lock: a writer may hold the write lock
        return report

    def _sync(self, quick: bool, leftovers: list[Path], replace: bool = False) -> entry_sync.ReindexReport:
        """Sync the index; crash leftovers met on the way are added to ``leftovers``."""
        from journal.stories.index import reindex_stories

        conn = self.index.connection()
        if self.index.rebuilt or replace:   # a new or rebuilt index: folder stamps say nothing about what it holds
            quick = False
        leftovers.clear()
        if quick:
            leftovers += top_level_temps(self.home, skip=[entry_files.JOURNAL_FOLDER])
            report = entry_sync.quick_sync(self.home, conn, leftovers)
        else:
            leftovers += temps_below(self.home)
            report = entry_sync.full_sync(self.home, conn, replace=replace)
            self.trash.empty(older_than_days=TRASH_KEEP_DAYS)
            report.broken += self.companions.unreadable()   # not indexed, but a bad one is listed with the rest
        report.indexed += reindex_stories(self, report.broken, every_file=replace)
        return report

    def _healing(self, query: Callable[[], T]) -> T:
        """Run an index query; if the index turns out damaged, rebuild it from the files and ask again."""
        try:
            result = query()
        except sqlite3.DatabaseError as exc:
            if not is_damage(exc):
                raise
            with self._sync_lock:
                self.index.destroy(damaged=True)
                self.index.rebuilt = "damaged"
        else:
            if not self.index.rebuilt:
                return result
        self.sync()   # a connection opened on a damaged or vanished file starts empty: fill it from the files
        return query()

    def reindex(self) -> entry_sync.ReindexReport:
        """Rebuild the index from the files alone, in place: the entries' rows are replaced in one transaction,
        so other processes read the old index until the new one is whole (never deleted files under their
        connections, #19), and every story file is read again."""
        return self.sync(replace=True)
