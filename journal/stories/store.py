"""Story files on disk: one markdown file per story, atomic saves, an undo stack, the index kept in step.

``nb.stories`` is the one :class:`StoryStore` of a notebook. Pages, turn
operations and importers call it; nobody else reads or writes story files.
Every change goes through :meth:`StoryStore.update` (load, change, save under
a per-story lock), so a background summary and a click on the page never
overwrite each other's work.
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from journal.entries.model import check_title, clean_tags
from journal.errors import DuetError, InvalidInput, NotFound
from journal.i18n import t
from journal.ids import new_id
from journal.names import free_path, slugify
from journal.store.atomic import atomic_write_text
from journal.stories import index as story_index
from journal.stories.fileformat import parse_story, render_story
from journal.stories.model import MODES, Story, StorySummary, Turn, clone_story
from journal.times import now

if TYPE_CHECKING:
    from journal.notebook import Notebook

UNDO_FOLDER = ".undo"
UNDO_DEPTH = 20          # snapshots kept per story; older ones are dropped
DEFAULT_SLUG = "story"
LIST_LIMIT = 50
VIEW_CACHE_STORIES = 8   # parsed stories kept for display (the open one, a few recent)


class StoryStore:
    """All stories of one notebook (``<home>/stories/*.md``)."""

    def __init__(self, nb: "Notebook") -> None:
        self.nb = nb
        self.folder = Path(nb.home) / story_index.STORIES_FOLDER
        self._locks: dict[str, threading.RLock] = {}
        self._locks_guard = threading.Lock()
        self._views: OrderedDict[str, tuple[tuple[str, int, int], Story]] = OrderedDict()
        self._views_lock = threading.Lock()

    # --- reading ---------------------------------------------------------------------

    def _conn(self):
        return self.nb.index.connection()

    def path_for(self, story_id: str) -> Path:
        relative = story_index.path_of(self._conn(), story_id)
        if relative is None:
            story_index.reindex_stories(self.nb)  # a file dropped in by hand since the last sync
            relative = story_index.path_of(self._conn(), story_id)
        if relative is None:
            raise NotFound("stories.errors.not_found", id=story_id)
        return self.nb.home / relative

    def _parsed(self, story_id: str) -> Story:
        """The parsed story, shared: reparsed only when the file's (path, mtime, size) changed."""
        path = self.path_for(story_id)
        try:
            stat = path.stat()
            version = (str(path), stat.st_mtime_ns, stat.st_size)
            with self._views_lock:
                cached = self._views.get(story_id)
                if cached is not None and cached[0] == version:
                    self._views.move_to_end(story_id)
                    return cached[1]
            data = path.read_bytes()
            text = data.decode("utf-8")
        except FileNotFoundError:
            story_index.forget_story(self._conn(), story_id)
            self._forget_view(story_id)
            raise NotFound("stories.errors.not_found", id=story_id) from None
        except UnicodeDecodeError:
            raise InvalidInput("errors.not_utf8", path=str(path)) from None
        story = parse_story(text, source=str(path))
        story.id = story_id  # a copied file was given its own id by the index
        story.path = path
        story.companion_name = story.companion_name or self._companion_name(story.companion)
        if len(data) == stat.st_size:   # not rewritten between stat and read
            self._remember(story_id, version, story)
        return story

    def _remember(self, story_id: str, version: tuple[str, int, int], story: Story) -> None:
        with self._views_lock:
            self._views[story_id] = (version, story)
            self._views.move_to_end(story_id)
            while len(self._views) > VIEW_CACHE_STORIES:
                self._views.popitem(last=False)

    def _forget_view(self, story_id: str) -> None:
        with self._views_lock:
            self._views.pop(story_id, None)

    def _companion_name(self, slug: str) -> str:
        """The companion's own name, so a story never shows its file name ("wren-ashby") to a person."""
        try:
            return self.nb.companions.get(slug).name
        except DuetError:
            return ""

    def get(self, story_id: str) -> Story:
        """The story as its file says now, as a private copy the caller may change; raises NotFound or BrokenFile."""
        return clone_story(self._parsed(story_id))

    def view(self, story_id: str) -> Story:
        """The story for display only: shared between reruns, so never change it (use :meth:`update`).

        Parsing a 2,000-turn file costs ~70 ms; a page rerun that changed
        nothing only ``stat``-s the file and gets the parsed story back.
        """
        return self._parsed(story_id)

    def list(self, companion: str | None = None, limit: int = LIST_LIMIT, offset: int = 0) -> list[StorySummary]:
        """Stories, most recently updated first."""
        sql = "SELECT * FROM stories"
        params: list[Any] = []
        if companion:
            sql += " WHERE companion = ?"
            params.append(companion)
        sql += " ORDER BY updated DESC, id DESC LIMIT ? OFFSET ?"
        return [story_index.summary_from_row(r, self.nb.home) for r in self._conn().execute(sql, [*params, limit, offset])]

    def exists(self, story_id: str) -> bool:
        return story_index.path_of(self._conn(), story_id) is not None

    def branches_of(self, story_id: str) -> list[StorySummary]:
        rows = self._conn().execute("SELECT * FROM stories WHERE branch_of = ? ORDER BY created_utc", (story_id,))
        return [story_index.summary_from_row(r, self.nb.home) for r in rows]

    def find_by_source(self, source: str) -> str | None:
        """The id of the story imported from ``source`` (e.g. ``chatgpt:<conversation id>``)."""
        row = self._conn().execute("SELECT id FROM stories WHERE source = ?", (source,)).fetchone()
        return row["id"] if row else None

    # --- writing ---------------------------------------------------------------------

    def lock(self, story_id: str) -> threading.RLock:
        with self._locks_guard:
            return self._locks.setdefault(story_id, threading.RLock())

    def _new_path(self, title: str) -> Path:
        path = free_path(self.folder, slugify(title, default=DEFAULT_SLUG))
        assert path is not None  # no limit on tries
        return path

    def _speakers(self, story: Story) -> dict[str, str]:
        return {"user": story.user_name or t("stories.file.you"), "companion": story.display_companion,
                "narrator": t("stories.file.narrator")}

    def render(self, story: Story) -> str:
        return render_story(story, self._speakers(story),
                            lambda n: t("stories.file.other_versions", count=n))

    def _write(self, story: Story) -> Story:
        assert story.path is not None
        atomic_write_text(story.path, self.render(story))
        stat = story.path.stat()
        relative = story.path.relative_to(self.nb.home).as_posix()
        story_index.index_story(self._conn(), story, relative, stat.st_mtime_ns, stat.st_size)
        self._remember(story.id, (str(story.path), stat.st_mtime_ns, stat.st_size), clone_story(story))
        return story

    def add(self, story: Story) -> Story:
        """Write a story built elsewhere (an importer, a branch) as a new file; fills id, times and path."""
        if story.mode not in MODES:
            raise InvalidInput("stories.errors.bad_mode", mode=str(story.mode))
        story.title = check_title(story.title) or t("stories.untitled")
        story.tags = clean_tags(story.tags)
        story.id = story.id or new_id()
        moment = now()
        story.created = story.created or (story.turns[0].created if story.turns and story.turns[0].created else moment)
        story.updated = story.updated or moment
        for turn in story.turns:
            turn.id = turn.id or new_id()
        with self.lock(story.id):
            if story_index.path_of(self._conn(), story.id):
                raise InvalidInput("stories.errors.duplicate_id", id=story.id)
            story.path = self._new_path(story.title)
            return self._write(story)

    def create(self, *, title: str, companion: str, mode: str = "chat", companion_name: str = "",
               user_name: str = "", scenario: dict[str, str] | None = None, tags: Sequence[str] = (),
               turns: Sequence[Turn] = (), extra: dict[str, Any] | None = None,
               created: datetime | None = None) -> Story:
        if not str(companion or "").strip():
            raise InvalidInput("stories.errors.no_companion")
        story = Story(id="", title=title, companion=companion, mode=mode, turns=list(turns), tags=list(tags),
                      created=created, companion_name=companion_name or self._companion_name(companion),
                      user_name=user_name,
                      scenario={k: v for k, v in (scenario or {}).items() if v}, extra=dict(extra or {}))
        return self.add(story)

    def save(self, story: Story, *, snapshot: bool = True) -> Story:
        """Write ``story`` over its file; the previous file becomes an undo snapshot."""
        if story.path is None:
            story.path = self.path_for(story.id)
        with self.lock(story.id):
            if snapshot:
                self._push_snapshot(story)
            story.updated = max(now(), story.created or now())
            return self._write(story)

    def update(self, story_id: str, change: Callable[[Story], Any], *, snapshot: bool = True) -> Story:
        """Load the newest version, apply ``change`` to it, save; all under the story's lock."""
        with self.lock(story_id):
            story = self.get(story_id)
            change(story)
            return self.save(story, snapshot=snapshot)

    def delete(self, story_id: str) -> None:
        path = self.path_for(story_id)
        with self.lock(story_id):
            try:
                path.unlink()
            except FileNotFoundError:
                pass
            story_index.forget_story(self._conn(), story_id)
            self._forget_view(story_id)
            for snapshot in self._snapshots(story_id):
                snapshot.unlink(missing_ok=True)

    # --- undo ------------------------------------------------------------------------

    def _undo_dir(self, story_id: str) -> Path:
        safe = "".join(ch for ch in story_id if ch.isalnum() or ch in "-_") or "story"
        return self.folder / UNDO_FOLDER / safe

    def _snapshots(self, story_id: str) -> list[Path]:
        folder = self._undo_dir(story_id)
        if not folder.is_dir():
            return []
        return sorted(p for p in folder.iterdir() if p.suffix == ".md")

    def _push_snapshot(self, story: Story) -> None:
        """Keep the file as it is now for Undo.

        A hard link costs nothing: the save that follows replaces the story
        file by rename, so the link keeps the old content. Where links are not
        possible (some network or FAT drives) the bytes are copied.
        """
        assert story.path is not None
        if not story.path.exists():
            return
        target = self._undo_dir(story.id) / f"{new_id()}.md"
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            os.link(story.path, target)
        except OSError:
            from journal.store.atomic import atomic_write_bytes

            try:
                previous = story.path.read_bytes()
            except FileNotFoundError:
                return
            atomic_write_bytes(target, previous)
        for old in self._snapshots(story.id)[:-UNDO_DEPTH]:
            old.unlink(missing_ok=True)

    def can_undo(self, story_id: str) -> bool:
        return bool(self._snapshots(story_id))

    def undo(self, story_id: str) -> Story:
        """Put back the file as it was before the last change (repeatable, up to ``UNDO_DEPTH`` times)."""
        with self.lock(story_id):
            snapshots = self._snapshots(story_id)
            if not snapshots:
                raise InvalidInput("stories.errors.nothing_to_undo")
            newest = snapshots[-1]
            text = newest.read_bytes().decode("utf-8")
            path = self.path_for(story_id)
            story = parse_story(text, source=str(newest))
            story.id, story.path = story_id, path
            atomic_write_text(path, text)
            self._forget_view(story_id)
            stat = path.stat()
            story_index.index_story(self._conn(), story, path.relative_to(self.nb.home).as_posix(),
                                    stat.st_mtime_ns, stat.st_size)
            os.unlink(newest)
            return story

