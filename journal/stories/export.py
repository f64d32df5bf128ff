"""Taking a story out of Duet: clean markdown to read or share, and a SillyTavern chat file.

The markdown export carries no Duet markers: just the title and each turn
under its speaker, optionally with the other versions quoted below. The
``.jsonl`` follows SillyTavern's chat files: a first line of metadata
(``user_name``, ``character_name``, ``create_date``, ``chat_metadata``), then
one message per line with ``name``, ``is_user``, ``mes``, ``send_date``,
``swipes`` and ``swipe_id``, so alternatives come through as swipes.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from journal.i18n import t
from journal.stories.model import Story, Turn
from journal.times import now

ST_CREATE_DATE_FORMAT = "%Y-%m-%d@%Hh%Mm%Ss"   # SillyTavern's humanized date for create_date
HEADING_TIME_FORMAT = "%Y-%m-%d %H:%M"


def speaker(story: Story, turn: Turn, lang: str | None = None) -> str:
    if turn.role == "user":
        return story.user_name or t("stories.file.you", lang=lang)
    if turn.role == "narrator":
        return t("stories.file.narrator", lang=lang)
    return story.display_companion


def to_markdown(story: Story, *, alternatives: bool = False, lang: str | None = None,
                turns: tuple[int, int] | None = None) -> str:
    """The story as plain markdown; ``turns`` = (first, last) indices to export a passage only."""
    first, last = turns if turns else (0, len(story.turns) - 1)
    parts = [f"# {story.title}\n"]
    for turn in story.turns[first:last + 1]:
        when = f" · {turn.created.strftime(HEADING_TIME_FORMAT)}" if turn.created else ""
        parts.append(f"\n### {speaker(story, turn, lang)}{when}\n\n{turn.text.strip()}\n")
        if alternatives and len(turn.alternatives) > 1:
            for number, text in enumerate(turn.alternatives, start=1):
                if number - 1 == turn.chosen:
                    continue
                quoted = "\n".join(f"> {line}" if line else ">" for line in text.strip().split("\n"))
                parts.append(f"\n> *{t('stories.export.version', lang=lang, number=number)}*\n>\n{quoted}\n")
    return "".join(parts)


def _send_date(moment: datetime | None) -> str:
    return (moment or now()).isoformat()


def to_sillytavern(story: Story, *, lang: str | None = None) -> str:
    """The story as a SillyTavern ``.jsonl`` chat (one JSON object per line)."""
    user = story.user_name or t("stories.file.you", lang=lang)
    character = story.display_companion
    created = story.created or (story.turns[0].created if story.turns and story.turns[0].created else now())
    metadata: dict[str, Any] = {}
    if story.author_note:
        metadata.update(note_prompt=story.author_note, note_depth=story.author_note_depth, note_interval=1)
    header = {"user_name": user, "character_name": character, "create_date": created.strftime(ST_CREATE_DATE_FORMAT),
              "chat_metadata": metadata}
    lines = [json.dumps(header, ensure_ascii=False)]
    for turn in story.turns:
        is_user = turn.role == "user"
        message: dict[str, Any] = {
            "name": user if is_user else character,
            "is_user": is_user,
            "is_system": False,
            "send_date": _send_date(turn.created),
            "mes": turn.text,
            "extra": {},
            "swipes": list(turn.alternatives) or [turn.text],
            "swipe_id": turn.chosen,
            "swipe_info": [{"send_date": _send_date(turn.created), "extra": {}} for _ in (turn.alternatives or [""])],
        }
        lines.append(json.dumps(message, ensure_ascii=False))
    return "\n".join(lines) + "\n"


def export_filename(story: Story, extension: str) -> str:
    from journal.names import slugify

    return f"{slugify(story.title, default='story')}.{extension}"
