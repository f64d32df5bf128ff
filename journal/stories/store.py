"""Story files on disk: one markdown file per story, atomic saves, an undo stack, the index kept in step.

``nb.stories`` is the one :class:`StoryStore` of a notebook. Pages, turn
operations and importers call it; nobody else reads or writes story files.
Every change goes through :meth:`StoryStore.update` (load, change, save under
the notebook's write lock, which holds between processes), so a background
summary, a click on the page and a second process appending turns never
overwrite each other's work. A story read earlier and saved with
:meth:`StoryStore.save` is checked against the file: if someone else wrote
it since, the stale copy is kept beside it and nothing is overwritten.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from journal.entries.model import check_title, clean_tags
from journal.errors import DuetError, InvalidInput, NotFound, SaveConflict
from journal.i18n import t
from journal.ids import new_id
from journal.names import create_at_free_path, private_stem, slugify
from journal.store.atomic import atomic_write_bytes
from journal.store import stories as story_sql
from journal.store.documents import content_version, file_version
from journal.stories import index as story_index
from journal.stories.fileformat import parse_story, render_story
from journal.stories.model import MODES, Story, StorySummary, Turn, clone_story
from journal.times import now
from journal.store.sealed import read_bytes

if TYPE_CHECKING:
    from journal.notebook import Notebook
    from journal.store.history import Version
    from journal.store.locks import NotebookLock

STORY_KIND = "stories"   # the story's versions live in .history/stories/<id>/; Undo takes the newest
DEFAULT_SLUG = "story"
LIST_LIMIT = 50
VIEW_CACHE_STORIES = 8   # parsed stories kept for display (the open one, a few recent)


class StoryStore:
    """All stories of one notebook (``<home>/stories/*.md``)."""

    def __init__(self, nb: "Notebook") -> None:
        self.nb = nb
        self.folder = Path(nb.home) / story_index.STORIES_FOLDER
        self._views: OrderedDict[str, tuple[tuple[str, str], Story]] = OrderedDict()
        self._views_lock = threading.Lock()

    # --- reading ---------------------------------------------------------------------

    def path_for(self, story_id: str) -> Path:
        relative = story_sql.path_of(self.nb.index, story_id)
        if relative is None:
            story_index.reindex_stories(self.nb)  # a file dropped in by hand since the last sync
            relative = story_sql.path_of(self.nb.index, story_id)
        if relative is None:
            raise NotFound("stories.errors.not_found", id=story_id)
        return self.nb.home / relative

    def _parsed(self, story_id: str) -> Story:
        """The parsed story, shared: reparsed only when the file's content changed.

        Keyed by a hash of the bytes, not (mtime, size): another process can
        rewrite a story within one clock tick at the same length, and a
        stale parse here would be saved back over its turns.
        """
        path = self.path_for(story_id)
        try:
            data = read_bytes(path)
            version = (str(path), content_version(data))
            with self._views_lock:
                cached = self._views.get(story_id)
                if cached is not None and cached[0] == version:
                    self._views.move_to_end(story_id)
                    return cached[1]
            text = data.decode("utf-8")
        except FileNotFoundError:
            story_sql.forget_story(self.nb.index, story_id)
            self._forget_view(story_id)
            raise NotFound("stories.errors.not_found", id=story_id) from None
        except UnicodeDecodeError:
            raise InvalidInput("errors.not_utf8", path=str(path)) from None
        story = parse_story(text, source=str(path))
        story.id = story_id  # a copied file was given its own id by the index
        story.path = path
        story.companion_name = story.companion_name or self._companion_name(story.companion)
        story.version = version[1]
        self._remember(story_id, version, story)
        return story

    def _remember(self, story_id: str, version: tuple[str, str], story: Story) -> None:
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
        return [story_index.summary_from_row(r, self.nb.home)
                for r in story_sql.story_rows(self.nb.index, companion, limit, offset)]

    def exists(self, story_id: str) -> bool:
        return story_sql.path_of(self.nb.index, story_id) is not None

    def branches_of(self, story_id: str) -> list[StorySummary]:
        return [story_index.summary_from_row(r, self.nb.home) for r in story_sql.branch_rows(self.nb.index, story_id)]

    def find_by_source(self, source: str) -> str | None:
        """The id of the story imported from ``source`` (e.g. ``chatgpt:<conversation id>``)."""
        return story_sql.id_from_source(self.nb.index, source)

    # --- writing ---------------------------------------------------------------------

    def lock(self, story_id: str) -> "NotebookLock":
        """The notebook's write lock (between threads and processes); ``story_id`` is kept for callers' clarity."""
        return self.nb.lock

    def _new_path(self, title: str, data: bytes) -> Path:
        """Create the story's file under a free name; never replaces a file made at the same instant."""
        return create_at_free_path(self.folder, private_stem(self.folder, slugify(title, default=DEFAULT_SLUG)), data)

    def _speakers(self, story: Story) -> dict[str, str]:
        return {"user": story.user_name or t("stories.file.you"), "companion": story.display_companion,
                "narrator": t("stories.file.narrator")}

    def render(self, story: Story) -> str:
        return render_story(story, self._speakers(story),
                            lambda n: t("stories.file.other_versions", count=n))

    def _write(self, story: Story, data: bytes | None = None) -> Story:
        """Index (and, unless ``data`` is already on disk, write) the story; the caller holds the lock."""
        assert story.path is not None
        if data is None:
            data = self.render(story).encode("utf-8")
            atomic_write_bytes(story.path, data)
        story.version = content_version(data)
        stat = story.path.stat()
        relative = story.path.relative_to(self.nb.home).as_posix()
        story_index.index_story(self.nb.index, story, relative, stat.st_mtime_ns, stat.st_size)
        self._remember(story.id, (str(story.path), story.version), clone_story(story))
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
            if story_sql.path_of(self.nb.index, story.id):
                raise InvalidInput("stories.errors.duplicate_id", id=story.id)
            data = self.render(story).encode("utf-8")
            story.path = self._new_path(story.title, data)
            return self._write(story, data)

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
        """Write ``story`` over its file; the previous file becomes a version (and the Undo step).

        A story read earlier (``story.version`` set) whose file has changed
        since is not written: it is kept as a conflict copy beside the file
        and :class:`SaveConflict` says where.
        """
        if story.path is None:
            story.path = self.path_for(story.id)
        with self.lock(story.id):
            story.updated = max(now(), story.created or now())
            if story.version is not None and file_version(story.path) != story.version:
                self._keep_conflict(story)
            if snapshot:
                self._push_snapshot(story)
            return self._write(story)

    def _keep_conflict(self, story: Story) -> None:
        from journal.store.conflicts import CONFLICT_KEY, write_conflict_copy

        assert story.path is not None
        copy = clone_story(story)
        copy.id, copy.extra = new_id(), {**story.extra, CONFLICT_KEY: story.id}
        copy.path = write_conflict_copy(story.path, self.render(copy).encode("utf-8"))
        story_index.reindex_stories(self.nb)
        raise SaveConflict(str(story.path), str(copy.path))

    def update(self, story_id: str, change: Callable[[Story], Any], *, snapshot: bool = True) -> Story:
        """Load the newest version, apply ``change`` to it, save; all under the story's lock."""
        with self.lock(story_id):
            story = self.get(story_id)
            change(story)
            return self.save(story, snapshot=snapshot)

    def delete(self, story_id: str) -> None:
        """Move the story's file to the notebook's trash (restorable for 30 days); its versions stay."""
        path = self.path_for(story_id)
        with self.lock(story_id):
            self.nb.trash.put([path])
            story_sql.forget_story(self.nb.index, story_id)
            self._forget_view(story_id)

    # --- versions and undo -------------------------------------------------------------

    def _push_snapshot(self, story: Story) -> None:
        """Keep the file as it is now as a version (a hard link: free, the save renames a new file in)."""
        assert story.path is not None
        self.nb.history.keep(STORY_KIND, story.id, story.path)

    def versions(self, story_id: str) -> list["Version"]:
        """Earlier versions, newest first (at most 20, none older than 30 days)."""
        return self.nb.history.versions(STORY_KIND, story_id)

    def read_version(self, story_id: str, version_id: str) -> Story:
        """An earlier version, parsed (not saved)."""
        version = self.nb.history.get(STORY_KIND, story_id, version_id)
        story = parse_story(read_bytes(version.path).decode("utf-8"), source=str(version.path))
        story.id = story_id
        return story

    def can_undo(self, story_id: str) -> bool:
        return bool(self.versions(story_id))

    def undo(self, story_id: str) -> Story:
        """Put back the file as it was before the last change (repeatable, as far as the versions go)."""
        with self.lock(story_id):
            versions = self.versions(story_id)
            if not versions:
                raise InvalidInput("stories.errors.nothing_to_undo")
            story = self._put_back(story_id, versions[0])
            self.nb.history.drop(versions[0])
            return story

    def restore_version(self, story_id: str, version_id: str) -> Story:
        """Make an earlier version current; the text it replaces becomes a version in turn (so it can be undone)."""
        with self.lock(story_id):
            version = self.nb.history.get(STORY_KIND, story_id, version_id)
            self.nb.history.keep(STORY_KIND, story_id, self.path_for(story_id))
            return self._put_back(story_id, version)

    def _put_back(self, story_id: str, version: "Version") -> Story:
        data = read_bytes(version.path)
        path = self.path_for(story_id)
        story = parse_story(data.decode("utf-8"), source=str(version.path))
        story.id, story.path = story_id, path
        atomic_write_bytes(path, data)
        self._forget_view(story_id)
        return self._write(story, data)
