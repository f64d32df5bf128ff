"""What a companion contributes to a prompt, with card macros filled in and creator notes left out.

Character cards write ``{{char}}`` and ``{{user}}`` (or the older ``<BOT>`` and
``<USER>``) where names go; the specs say these are replaced case-insensitively
in prompts. ``creator_notes`` are for the person reading the card and must
never reach the model, so nothing here reads that field.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from journal.companions.model import Companion

# {{char}} / {{user}} with optional inner spaces; <BOT>/<CHAR>/<USER> from V1 and V3 cards.
_MACRO = re.compile(r"\{\{\s*(char|user)\s*\}\}|<(bot|char|user)>", re.IGNORECASE)
_ORIGINAL = re.compile(r"\{\{\s*original\s*\}\}", re.IGNORECASE)
_START = re.compile(r"<START>", re.IGNORECASE)

# Fields that may feed a prompt. creator_notes, creator, character_version and tags are not here on purpose.
PROMPT_FIELDS = ("description", "personality", "scenario", "speaking_style", "user_persona",
                 "first_mes", "mes_example", "post_history_instructions")


def substitute(text: str, char: str, user: str) -> str:
    """Replace the name macros in one pass, so a name that itself contains ``{{user}}`` is left alone."""
    if not text:
        return text

    def name_for(match: re.Match[str]) -> str:
        word = (match.group(1) or match.group(2)).lower()
        return user if word == "user" else char

    return _MACRO.sub(name_for, text)


def readable(text: str, char: str) -> str:
    """Card text for a person to read, ``{{user}}`` named in the text's own language, not the interface's.

    An English card read in the Chinese interface said "writes letters to 我"; a Chinese one in
    the English interface, "写信给User".
    """
    from journal.i18n import t
    from journal.text import detect_language

    return substitute(text, char, t("stories.default_user_name", lang=detect_language(text)))


def split_examples(mes_example: str) -> list[str]:
    """The example dialogue blocks, split on ``<START>`` (any case), blank blocks dropped."""
    if not mes_example:
        return []
    blocks = _START.split(mes_example)
    return [block.strip() for block in blocks if block and block.strip()]


def system_prompt_for(companion: "Companion", default: str) -> str:
    """The card's ``system_prompt`` when it has one (``{{original}}`` = the default), else the default.

    Character Card V2: a non-empty card system prompt replaces the user's
    default; an empty one leaves the default in place.
    """
    own = companion.system_prompt or ""
    if not own.strip():
        return default
    return _ORIGINAL.sub(lambda _m: default, own)


def post_history_for(companion: "Companion", default: str) -> str:
    """Same rule as :func:`system_prompt_for`, for ``post_history_instructions``."""
    own = companion.post_history_instructions or ""
    if not own.strip():
        return default
    return _ORIGINAL.sub(lambda _m: default, own)


def prompt_fields(companion: "Companion", user: str) -> dict[str, object]:
    """The companion's prompt-worthy text with macros filled in: never ``creator_notes``.

    Returns the :data:`PROMPT_FIELDS` as strings, plus ``name`` (the name the
    model should use), ``greetings`` (first greeting then alternates) and
    ``examples`` (the ``<START>`` blocks), each already substituted.
    """
    char = companion.display_name
    out: dict[str, object] = {"name": char}
    for field_name in PROMPT_FIELDS:
        out[field_name] = substitute(getattr(companion, field_name) or "", char, user)
    from journal.companions.voice import voice_text

    voice = substitute(voice_text(companion), char, user).strip()
    if voice:   # the voice profile, as the person kept it, is part of how they speak
        out["speaking_style"] = "\n".join(part for part in (str(out["speaking_style"]).strip(), voice) if part)
    out["greetings"] = [substitute(g, char, user) for g in companion.greetings]
    out["examples"] = [substitute(block, char, user) for block in split_examples(companion.mes_example)]
    return out
