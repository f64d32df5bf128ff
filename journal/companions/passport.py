"""A companion passport: one PNG that is a Character Card anywhere, and the whole relationship in Duet.

The file is the companion's card (``chara`` V2 and ``ccv3`` V3 chunks, so
SillyTavern and every card reader open it as the character), with Duet's
own block in the card's ``extensions.duet.passport``: the personas the
person plays, and for each story with the companion its pinned memories
(with their sources), relationship note, milestones, attached lorebooks and
golden moments (each with the words it answered). The voice profile and the
companion's own lorebook already travel in the card. Importing a passport
gives a new companion and one story per story record holding exactly those
things, so exporting it again gives the same passport.
"""

from __future__ import annotations

import base64
from typing import TYPE_CHECKING, Any

from journal.errors import InvalidInput

if TYPE_CHECKING:
    from journal.companions.model import Companion
    from journal.notebook import Notebook

PASSPORT_KEY = "passport"       # Companion.extensions["duet"][PASSPORT_KEY]
PASSPORT_VERSION = 1
SOURCE_KEY = "passport_story"   # Story.extra: the id the story had in the passport (kept for the next export)


def _persona_record(nb: "Notebook", slug: str) -> dict[str, Any] | None:
    from journal.errors import DuetError
    from journal.store.sealed import read_bytes

    try:
        persona = nb.companions.personas.get(slug)
    except DuetError:
        return None
    picture = nb.companions.personas.avatar_path(persona)
    return {"slug": persona.slug, "name": persona.name, "description": persona.description,
            "picture": base64.b64encode(read_bytes(picture)).decode("ascii") if picture else None}


def passport_block(nb: "Notebook", slug: str) -> dict[str, Any]:
    """Everything about the relationship with ``slug`` that is not already in the card."""
    from journal.lorebooks.sources import attached_slugs
    from journal.stories.continuity import GOLDEN_KEY
    from journal.stories.keepsakes import MEMORY_SOURCES_KEY

    stories, personas, books = [], {}, {}
    for row in sorted(nb.stories.list(companion=slug, limit=10_000), key=lambda r: (r.created, r.id)):
        story = nb.stories.get(row.id)
        golden = []
        for n, turn in enumerate(story.turns):
            if turn.extra.get(GOLDEN_KEY):
                before = next((t.text for t in reversed(story.turns[:n]) if t.is_user), "")
                golden.append({"said": before, "reply": turn.text})
        persona = story.extra.get("persona")
        if isinstance(persona, str) and persona not in personas:
            record = _persona_record(nb, persona)
            if record:
                personas[persona] = record
        for book_slug in attached_slugs(story):
            if book_slug not in books:
                try:
                    books[book_slug] = {"slug": book_slug, "book": nb.companions.lorebooks.get(book_slug).book}
                except InvalidInput:
                    continue
                except Exception:   # a deleted book is simply not carried
                    continue
        stories.append({
            "id": story.extra.get(SOURCE_KEY) or story.id, "title": story.title, "mode": story.mode,
            "persona": persona if isinstance(persona, str) and persona in personas else None,
            "memories": list(story.memories), "memory_sources": dict(story.extra.get(MEMORY_SOURCES_KEY) or {}),
            "note": story.author_note, "note_depth": story.author_note_depth,
            "milestones": [dict(m) for m in story.milestones], "lorebooks": attached_slugs(story), "golden": golden,
        })
    return {"version": PASSPORT_VERSION, "personas": list(personas.values()), "lorebooks": list(books.values()),
            "stories": stories}


def passport_companion(nb: "Notebook", slug: str) -> "Companion":
    """The companion with its passport block inside the card's ``extensions.duet``."""
    from dataclasses import replace

    companion = nb.companions.get(slug)
    duet = dict(companion.extensions.get("duet") or {}) if isinstance(companion.extensions.get("duet"), dict) else {}
    duet[PASSPORT_KEY] = passport_block(nb, slug)
    return replace(companion, extensions={**companion.extensions, "duet": duet})


def export_passport(nb: "Notebook", slug: str) -> bytes:
    """The passport as a PNG card (the avatar, or a generated portrait, as its picture)."""
    from journal.companions.cards import card_bytes

    return card_bytes(nb, passport_companion(nb, slug), "png")


def import_passport(nb: "Notebook", data: bytes, filename: str = "passport.png") -> "Companion":
    """A new companion from the card, then its personas, shared lorebooks and stories; a plain card works too."""
    from journal.companions.cards import import_card

    companion = import_card(nb, data, filename)
    duet = companion.extensions.get("duet") if isinstance(companion.extensions.get("duet"), dict) else {}
    block = duet.get(PASSPORT_KEY)
    if block is None:
        return companion
    if not isinstance(block, dict) or block.get("version") != PASSPORT_VERSION:
        raise InvalidInput("companions.errors.bad_passport")
    duet = {k: v for k, v in duet.items() if k != PASSPORT_KEY}   # the block lives in stories now, not the card
    companion = nb.companions.update(companion.slug, extensions={**companion.extensions, "duet": duet})
    personas = {p["slug"]: _restore_persona(nb, p) for p in block.get("personas", []) if isinstance(p, dict)}
    books = {b["slug"]: _restore_book(nb, b) for b in block.get("lorebooks", []) if isinstance(b, dict)}
    for record in block.get("stories", []):
        if isinstance(record, dict):
            _restore_story(nb, companion, record, personas, books)
    return companion


def _restore_persona(nb: "Notebook", record: dict[str, Any]) -> str:
    """The slug of a persona with this name and description (an existing one, else a new one)."""
    for persona in nb.companions.personas.list():
        if persona.name == record.get("name") and persona.description == (record.get("description") or ""):
            return persona.slug
    picture = base64.b64decode(record["picture"]) if record.get("picture") else None
    return nb.companions.personas.create(str(record.get("name") or ""), str(record.get("description") or ""),
                                         avatar_bytes=picture).slug


def _restore_book(nb: "Notebook", record: dict[str, Any]) -> str:
    book = record.get("book") if isinstance(record.get("book"), dict) else {"entries": []}
    for stored in nb.companions.lorebooks.list():
        if stored.book == book:
            return stored.slug
    return nb.companions.lorebooks.create(str(book.get("name") or record.get("slug") or "lorebook"), book).slug


def _restore_story(nb: "Notebook", companion: "Companion", record: dict[str, Any], personas: dict[str, str],
                   books: dict[str, str]) -> None:
    from journal.stories.continuity import GOLDEN_KEY
    from journal.stories.keepsakes import MEMORY_SOURCES_KEY
    from journal.stories.model import Story
    from journal.stories.ops import new_turn

    turns = []
    for moment in record.get("golden", []):
        if moment.get("said"):
            turns.append(new_turn("user", str(moment["said"])))
        reply = new_turn("companion", str(moment.get("reply") or ""))
        reply.extra[GOLDEN_KEY] = True
        turns.append(reply)
    extra: dict[str, Any] = {SOURCE_KEY: record.get("id")}
    if record.get("memory_sources"):
        extra[MEMORY_SOURCES_KEY] = dict(record["memory_sources"])
    persona = personas.get(record.get("persona") or "")
    if persona:
        extra["persona"] = persona
    attached = [books[s] for s in record.get("lorebooks", []) if s in books]
    if attached:
        extra["lorebooks"] = attached
    story = Story(id="", title=str(record.get("title") or companion.name), companion=companion.slug,
                  mode=record.get("mode") if record.get("mode") in ("chat", "narrate") else "chat", turns=turns,
                  memories=[str(m) for m in record.get("memories", [])], author_note=str(record.get("note") or ""),
                  author_note_depth=int(record.get("note_depth") or 4),
                  milestones=[dict(m) for m in record.get("milestones", []) if isinstance(m, dict)],
                  companion_name=companion.name, extra=extra,
                  user_name=nb.companions.personas.get(persona).name if persona else "")
    nb.stories.add(story)
