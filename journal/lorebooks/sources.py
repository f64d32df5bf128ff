"""Which lorebooks take part in a story's replies: the companion's own book, then the books the story attaches."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any, Sequence

from journal.lorebooks.book import Lorebook, read_book
from journal.lorebooks.store import STORY_KEY

if TYPE_CHECKING:
    from journal.companions.model import Companion
    from journal.lorebooks.activation import Fired
    from journal.notebook import Notebook
    from journal.stories.model import Story

log = logging.getLogger(__name__)
_READ: dict[tuple[str, str], Lorebook] = {}   # (source, file version) -> its entries, read once
READ_CACHE_BOOKS = 64


def _read(data: dict, name: str, source: str, version: str | None) -> Lorebook:
    """Entries read once per version of the file that holds them (a 500-entry book costs ~2 ms to read)."""
    if version is None:   # not from a file (a companion being edited): read every time
        return read_book(data, name=name, source=source)
    key = (source, version)
    book = _READ.get(key)
    if book is None:
        book = read_book(data, name=name, source=source)
        if len(_READ) >= READ_CACHE_BOOKS:
            _READ.clear()
        _READ[key] = book
    return book


def attached_slugs(story: "Story") -> list[str]:
    slugs = story.extra.get(STORY_KEY)
    return [s for s in slugs if isinstance(s, str)] if isinstance(slugs, list) else []


def story_lorebooks(nb: "Notebook", story: "Story", companion: "Companion | None") -> list[Lorebook]:
    """The companion's ``character_book`` (when it has one) and the story's attached books that still exist."""
    from journal.errors import DuetError

    books: list[Lorebook] = []
    if companion is not None and isinstance(companion.character_book, dict):
        books.append(_read(companion.character_book, companion.name, f"companion:{companion.slug}",
                           companion.version))
    for slug in attached_slugs(story):
        try:
            stored = nb.companions.lorebooks.get(slug)
        except DuetError as exc:   # a deleted or broken book must not stop the reply
            log.warning("lorebook %s left out: %s", slug, exc.message())
            continue
        books.append(_read(stored.book, stored.name, f"lorebook:{slug}", stored.version))
    return books


def fire(nb: "Notebook", story: "Story", companion: "Companion | None", history: Sequence[Any], *, char: str,
         user: str, lang: str, budget: int) -> list[tuple["Fired", dict[str, Any]]]:
    """The entries that fire on ``history`` (the turns before the reply), each with what "why" reports of it."""
    from journal.companions.macros import substitute
    from journal.lorebooks.activation import activate, describe
    from journal.stories.tokens import message_tokens

    books = story_lorebooks(nb, story, companion)
    if not books:
        return []
    deepest = max(book.deepest for book in books)
    scanned = [turn.text for turn in history[max(0, len(history) - deepest):]]
    result = activate(books, scanned, budget=budget, cost=message_tokens, fill=lambda text: substitute(text, char, user))
    return [(item, {**item.to_dict(), "why": item.reason, "reason": describe(item, lang)}) for item in result.all]
