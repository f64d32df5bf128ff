"""How a companion maps to ``companions/<slug>.md``: the persona as the note's body, the rest as front matter.

The file is meant to be read and edited by hand (in Obsidian or any editor):
the persona, the longest text, is the body; every other field is a plainly
named front matter key, multi-line text in readable ``|`` blocks. Keys Duet
does not know are kept in ``Companion.extra`` and written back unchanged.
"""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path
from typing import Any

from journal.companions.model import Companion
from journal.errors import BrokenFile, InvalidInput
from journal.store.documents import build_front_matter, exact_front_matter, restore_front_matter
from journal.text import BINARY_CONTROL
from journal.times import iso, parse_time

MAX_NAME_CHARS = 100
MAX_FIELD_CHARS = 200_000      # one text field; a long persona is a few thousand characters
MAX_GREETINGS = 100
MAX_SLUG_CHARS = 60
DEFAULT_SLUG = "companion"
_SLUG_OK = re.compile(r"^[^\W_][\w-]*$", re.UNICODE)

# Text fields other than the body (description), in the order a reader meets them in the file.
SHOWN_TEXT_FIELDS = ("first_mes", "personality", "scenario", "speaking_style", "user_persona", "mes_example")
OPTIONAL_TEXT_FIELDS = ("system_prompt", "post_history_instructions", "creator_notes", "creator",
                        "character_version")
TEXT_FIELDS = ("name", "description", *SHOWN_TEXT_FIELDS, *OPTIONAL_TEXT_FIELDS)
KNOWN_KEYS = frozenset(("type", "name", "created", "updated", "tags", "language", "avatar",
                        "alternate_greetings", "extensions", "character_book", "card_extra",
                        *SHOWN_TEXT_FIELDS, *OPTIONAL_TEXT_FIELDS))
KIND = "companion"


def is_valid_slug(slug: Any) -> bool:
    return isinstance(slug, str) and len(slug) <= MAX_SLUG_CHARS * 2 and bool(_SLUG_OK.match(slug))


def check_text(value: Any, field_name: str) -> str:
    """A text field as a string: ``None`` is empty, binary or enormous text is refused."""
    if value is None:
        return ""
    if not isinstance(value, str):
        raise InvalidInput("companions.errors.bad_field", field=field_name)
    if len(value) > MAX_FIELD_CHARS:
        raise InvalidInput("companions.errors.field_too_long", field=field_name, limit=MAX_FIELD_CHARS)
    if BINARY_CONTROL.search(value):
        raise InvalidInput("companions.errors.binary_text", field=field_name)
    return value


def check_text_list(value: Any, field_name: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, (list, tuple)) or len(value) > MAX_GREETINGS * 10:
        raise InvalidInput("companions.errors.bad_field", field=field_name)
    return [check_text(item, field_name) for item in value]


def check_name(value: Any) -> str:
    name = check_text(value, "name").strip()
    if not name:
        raise InvalidInput("companions.errors.no_name")
    if len(name) > MAX_NAME_CHARS:
        raise InvalidInput("companions.errors.name_too_long", limit=MAX_NAME_CHARS)
    return name


def validate(companion: Companion) -> Companion:
    """Check every field a person or a card can fill; raises :class:`InvalidInput` naming the field."""
    companion.name = check_name(companion.name)
    for name in TEXT_FIELDS[1:]:
        setattr(companion, name, check_text(getattr(companion, name), name))
    companion.alternate_greetings = check_text_list(companion.alternate_greetings, "alternate_greetings")
    if len(companion.alternate_greetings) > MAX_GREETINGS:
        raise InvalidInput("companions.errors.too_many_greetings", limit=MAX_GREETINGS)
    companion.tags = [t.strip() for t in check_text_list(companion.tags, "tags") if t.strip()]
    if companion.language not in ("", "en", "zh"):
        companion.language = ""
    for name in ("extensions", "card_extra", "extra"):
        value = getattr(companion, name)
        if value is None:
            setattr(companion, name, {})
        elif not isinstance(value, dict):
            raise InvalidInput("companions.errors.bad_field", field=name)
    if companion.character_book is not None and not isinstance(companion.character_book, dict):
        raise InvalidInput("companions.errors.bad_field", field="character_book")
    return companion


def front_matter(companion: Companion) -> dict[str, Any]:
    """Keys in a stable, readable order; advanced card fields only when they hold something."""
    fields: dict[str, Any] = {
        "type": KIND, "name": companion.name,
        "created": iso(companion.created) if companion.created else None,
        "updated": iso(companion.updated) if companion.updated else None,
        "tags": list(companion.tags), "language": companion.language, "avatar": companion.avatar,
        SHOWN_TEXT_FIELDS[0]: getattr(companion, SHOWN_TEXT_FIELDS[0]),
        "alternate_greetings": list(companion.alternate_greetings),
        **{name: getattr(companion, name) for name in SHOWN_TEXT_FIELDS[1:]},
        **{name: getattr(companion, name) for name in OPTIONAL_TEXT_FIELDS},
        "extensions": companion.extensions, "character_book": companion.character_book,
        "card_extra": companion.card_extra,
    }
    keep = ("type", "name", "tags", "alternate_greetings", *SHOWN_TEXT_FIELDS,
            *(("character_book",) if companion.character_book is not None else ()))
    return exact_front_matter(build_front_matter(fields, companion.extra, known=KNOWN_KEYS, keep=keep))


def body_text(companion: Companion) -> str:
    """The note body: the description, plus one newline that :func:`from_document` takes off again."""
    return companion.description + "\n" if companion.description else ""


def from_document(meta: dict[str, Any], body: str, path: Path, file_time: datetime) -> Companion:
    """Build a companion from a parsed note; a hand-edit mistake becomes :class:`BrokenFile`."""
    description = body[:-1] if body.endswith("\n") else body
    try:
        meta = restore_front_matter(meta)
        companion = Companion(
            slug=path.stem, name=meta.get("name") or path.stem, description=description,
            alternate_greetings=meta.get("alternate_greetings") or [], tags=meta.get("tags") or [],
            language=str(meta.get("language") or ""), avatar=_avatar_value(meta.get("avatar")),
            extensions=meta.get("extensions") or {}, character_book=meta.get("character_book"),
            card_extra=meta.get("card_extra") or {},
            extra={k: v for k, v in meta.items() if k not in KNOWN_KEYS},
            created=parse_time(meta.get("created"), file_time),
            updated=parse_time(meta.get("updated"), file_time), path=path,
        )
        for name in (*SHOWN_TEXT_FIELDS, *OPTIONAL_TEXT_FIELDS):
            value = meta.get(name)
            setattr(companion, name, "" if value is None else (value if isinstance(value, str) else str(value)))
        return validate(companion)
    except InvalidInput as exc:
        raise BrokenFile("companions.errors.broken_file", path=str(path), reason=exc.message()) from None


def _avatar_value(value: Any) -> str | None:
    return value if isinstance(value, str) and value.strip() else None
