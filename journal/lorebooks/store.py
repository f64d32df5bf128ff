"""Standalone lorebooks: ``lorebooks/<slug>.md``, a world several companions and stories can share.

A companion's own book lives in its card (``character_book``); a standalone
book is the same shape in its own note: the description as the body, the
book's settings and entries as front matter (readable in Obsidian, edited
by hand if need be). Stories attach books by slug in ``Story.extra``
(:data:`STORY_KEY`). The folder is the index: a notebook holds a handful.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from journal.errors import BrokenFile, DuetError, InvalidInput, NotFound, SaveConflict
from journal.lorebooks.book import MAX_ENTRIES, empty_book, make_entry, read_book
from journal.names import free_path, private_stem, slugify
from journal.store.atomic import atomic_write_bytes
from journal.store.documents import (build_front_matter, content_version, exact_front_matter, file_version,
                                     read_versioned, render_document, restore_front_matter)

if TYPE_CHECKING:
    from journal.companions.model import Companion
    from journal.notebook import Notebook

LOREBOOKS_FOLDER = "lorebooks"
KIND = "lorebook"
STORY_KEY = "lorebooks"          # Story.extra: the slugs of the standalone books a story attaches
DEFAULT_SLUG = "lorebook"
MAX_NAME_CHARS = 100
BOOK_KEYS = ("name", "scan_depth", "token_budget", "recursive_scanning", "extensions", "entries")
KNOWN_KEYS = frozenset(("type", *BOOK_KEYS))


@dataclass
class BookFile:
    """A standalone lorebook: its slug (file stem) and the book in the card's ``character_book`` shape."""

    slug: str
    book: dict[str, Any]
    path: Path | None = None
    version: str | None = field(default=None, compare=False, repr=False)

    @property
    def name(self) -> str:
        name = self.book.get("name")
        return name if isinstance(name, str) and name.strip() else self.slug


def _check_book(book: Any, source: str) -> dict[str, Any]:
    if not isinstance(book, dict) or not isinstance(book.get("entries", []), list):
        raise InvalidInput("lorebooks.errors.not_a_book", path=source)
    if len(book.get("entries", [])) > MAX_ENTRIES:
        raise InvalidInput("lorebooks.errors.too_many_entries", limit=MAX_ENTRIES)
    name = book.get("name")
    if name is not None and (not isinstance(name, str) or len(name) > MAX_NAME_CHARS):
        raise InvalidInput("lorebooks.errors.bad_name", limit=MAX_NAME_CHARS)
    return book


def render(entry: BookFile) -> bytes:
    book = entry.book
    fields = {"type": KIND, **{key: book.get(key) for key in BOOK_KEYS}}
    extra = {k: v for k, v in book.items() if k not in KNOWN_KEYS and k != "description"}
    meta = exact_front_matter(build_front_matter(fields, extra, known=KNOWN_KEYS, keep=("type", "name", "entries")))
    description = book.get("description") if isinstance(book.get("description"), str) else ""
    return render_document(meta, description).encode("utf-8")


def parse(path: Path) -> BookFile:
    meta, body, version = read_versioned(path)
    meta = restore_front_matter(meta)
    if meta.get("type") not in (None, KIND):
        raise BrokenFile("lorebooks.errors.broken_file", path=str(path), reason=str(meta.get("type")))
    book = {k: v for k, v in meta.items() if k != "type"}
    book.setdefault("entries", [])
    description = body[:-1] if body.endswith("\n") else body
    book["description"] = description
    try:
        _check_book(book, str(path))
    except InvalidInput as exc:
        raise BrokenFile("lorebooks.errors.broken_file", path=str(path), reason=exc.message()) from None
    return BookFile(slug=path.stem, book=book, path=path, version=version)


class LorebookStore:
    """The standalone lorebooks of one notebook."""

    def __init__(self, nb: "Notebook") -> None:
        self.nb = nb
        self.folder = Path(nb.home) / LOREBOOKS_FOLDER
        self.broken: list[tuple[str, str]] = []
        self._cache: dict[Path, tuple[int, int, BookFile]] = {}
        self._lock = threading.Lock()

    def _load(self, path: Path) -> BookFile:
        """Parsed once per (mtime, size): a 500-entry book is read from YAML once, not on every reply."""
        stat = path.stat()
        with self._lock:
            cached = self._cache.get(path)
        if cached is not None and cached[:2] == (stat.st_mtime_ns, stat.st_size):
            return cached[2]
        book = parse(path)
        with self._lock:
            self._cache[path] = (stat.st_mtime_ns, stat.st_size, book)
        return book

    def list(self) -> list[BookFile]:
        books, broken = [], []
        for path in sorted(self.folder.glob("*.md")) if self.folder.is_dir() else []:
            try:
                books.append(self._load(path))
            except DuetError as exc:
                broken.append((path.name, exc.message()))
        self.broken = broken
        return sorted(books, key=lambda b: (b.name.casefold(), b.slug))

    def get(self, slug: str) -> BookFile:
        path = self.folder / f"{slug}.md"
        if not slug or "/" in slug or "\\" in slug or slug.startswith(".") or not path.is_file():
            raise NotFound("lorebooks.errors.not_found", name=str(slug))
        return self._load(path)

    def find(self, name_or_slug: str) -> BookFile:
        wanted = (name_or_slug or "").strip()
        folded = wanted.casefold()
        matches = [b for b in self.list() if wanted == b.slug or folded in (b.slug.casefold(), b.name.casefold())]
        if len(matches) == 1:
            return matches[0]
        if matches:
            raise InvalidInput("lorebooks.errors.ambiguous", name=wanted)
        raise NotFound("lorebooks.errors.not_found", name=wanted)

    def create(self, name: str, book: dict[str, Any] | None = None) -> BookFile:
        name = (name or "").strip()
        if not name:
            raise InvalidInput("lorebooks.errors.no_name")
        book = dict(book) if book is not None else empty_book(name)
        book["name"] = name
        entry = BookFile(slug="", book=_check_book(book, name))
        with self.nb.lock:
            self.folder.mkdir(parents=True, exist_ok=True)
            entry.path = free_path(self.folder, private_stem(self.folder, slugify(name, default=DEFAULT_SLUG)))
            entry.slug = entry.path.stem
            return self._write(entry)

    def save(self, entry: BookFile) -> BookFile:
        """Write a book read earlier; refused (kept as nothing written) when the file changed since it was read."""
        _check_book(entry.book, entry.slug)
        path = self.folder / f"{entry.slug}.md"
        with self.nb.lock:
            if entry.version is not None and file_version(path) not in (entry.version, None):
                raise SaveConflict(str(path), str(path))
            entry.path = path
            return self._write(entry)

    def _write(self, entry: BookFile) -> BookFile:
        assert entry.path is not None
        data = render(entry)
        atomic_write_bytes(entry.path, data)
        entry.version = content_version(data)
        with self._lock:
            self._cache.pop(entry.path, None)
        return entry

    def delete(self, slug: str) -> None:
        book = self.get(slug)
        with self.nb.lock:
            self.nb.trash.put([book.path])
        with self._lock:
            self._cache.pop(book.path, None)

    def import_world_info(self, data: bytes, name: str) -> BookFile:
        """A SillyTavern World Info JSON file (or a card's ``character_book`` JSON) as a new standalone book."""
        from journal.lorebooks.worldinfo import parse_world_info

        return self.create(name, parse_world_info(data, name))

    def export_world_info(self, slug: str) -> bytes:
        from journal.lorebooks.worldinfo import world_info_bytes

        return world_info_bytes(self.get(slug).book)

    # --- a companion's own book (its card's character_book): what the Companions page's editor changes ---------

    def companion_entries(self, slug: str) -> list[dict[str, Any]]:
        """The entries of the companion's ``character_book`` as stored (disabled ones too), for the editor."""
        book = self.nb.companions.get(slug).character_book
        entries = book.get("entries") if isinstance(book, dict) else None
        return [dict(e) for e in entries if isinstance(e, dict)] if isinstance(entries, list) else []

    def _change_companion_book(self, slug: str, change: Any) -> "Companion":
        companion = self.nb.companions.get(slug)
        book = dict(companion.character_book) if isinstance(companion.character_book, dict) else empty_book(companion.name)
        entries = [e for e in book.get("entries", []) if isinstance(e, dict)] if isinstance(book.get("entries"), list) else []
        change(entries)
        if len(entries) > MAX_ENTRIES:
            raise InvalidInput("lorebooks.errors.too_many_entries", limit=MAX_ENTRIES)
        book["entries"] = entries
        companion.character_book = book
        return self.nb.companions.save(companion)

    def save_companion_entry(self, slug: str, index: int | None, **fields: Any) -> "Companion":
        """Add (``index`` None) or edit one entry; fields the editor does not show are kept as they were."""
        def change(entries: list[dict[str, Any]]) -> None:
            if index is None:
                entries.append(make_entry(**fields))
            else:
                position = self._position(entries, index)
                entries[position] = make_entry(**fields, base=entries[position])
        return self._change_companion_book(slug, change)

    def switch_companion_entry(self, slug: str, index: int, enabled: bool) -> "Companion":
        def change(entries: list[dict[str, Any]]) -> None:
            position = self._position(entries, index)
            entries[position] = {**entries[position], "enabled": bool(enabled)}
        return self._change_companion_book(slug, change)

    def remove_companion_entry(self, slug: str, index: int) -> "Companion":
        return self._change_companion_book(slug, lambda entries: entries.pop(self._position(entries, index)))

    @staticmethod
    def _position(entries: list[dict[str, Any]], index: int) -> int:
        if not isinstance(index, int) or not 0 <= index < len(entries):
            raise InvalidInput("lorebooks.errors.no_entry", number=(index + 1) if isinstance(index, int) else index)
        return index

    def test_sentence(self, book: dict[str, Any] | None, sentence: str, *, char: str = "", user: str = "",
                      lang: str | None = None) -> list[dict[str, Any]]:
        """What fires in ``book`` when ``sentence`` is the latest turn: each entry, why, and its text.

        The editor's "test a sentence": the same engine as a reply, with the
        whole book in reach (no budget) so a person sees every match.
        """
        from journal.companions.macros import substitute
        from journal.lorebooks.activation import activate, describe
        from journal.stories.tokens import message_tokens

        if not isinstance(sentence, str) or not sentence.strip():
            return []
        read = read_book(book or {}, name=(book or {}).get("name") or char, source="test")
        result = activate([read], [sentence], budget=10**9, cost=message_tokens,
                          fill=lambda text: substitute(text, char or "{{char}}", user or "{{user}}"))
        return [{**f.to_dict(), "reason": describe(f, lang), "text": f.text} for f in result.fired]
