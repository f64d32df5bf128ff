"""A share of story turns, read from the stories module (CLI ``share ID --turns A-B`` and the Share page).

The stories package is someone else's; this module only reads a story and
hands :func:`journal.share.source.source_from_turns` the turns, so the card
code never imports stories. Turn numbers are 1-based and inclusive, as a
person counts them.
"""

from __future__ import annotations

import re
from typing import Any

from journal.errors import DuetError, InvalidInput, NotFound
from journal.share.source import ShareSource, ShareTurn, source_from_turns

INCOMPLETE_MARK = " (…)"  # a reply that stopped early says so on the card too, in any language
_RANGE = re.compile(r"^\s*(\d+)\s*(?:[-–:]\s*(\d+))?\s*$")


def parse_turn_range(value: str) -> tuple[int, int]:
    """``"3-7"`` → (3, 7), ``"5"`` → (5, 5); 1-based, inclusive."""
    match = _RANGE.match(value or "")
    if not match:
        raise InvalidInput("share.errors.bad_turns", value=value)
    first = int(match.group(1))
    last = int(match.group(2) or first)
    if first < 1 or last < first:
        raise InvalidInput("share.errors.bad_turns", value=value)
    return first, last


def source_from_story(nb: Any, story_id: str, first: int | None = None, last: int | None = None) -> ShareSource:
    """Turns ``first``..``last`` (1-based, inclusive; all when omitted) of a story as a share."""
    try:
        from journal.stories.export import speaker
    except ImportError as exc:  # the stories module is not in this build
        raise DuetError("share.errors.stories_not_yet") from exc
    story = nb.stories.get(story_id)
    count = len(story.turns)
    first = first or 1
    if count == 0 or first > count:  # the message names the range the writer asked for
        raise InvalidInput("share.errors.turns_out_of_range", first=first, last=last or first, count=count)
    last = min(last or count, count)
    chosen = story.turns[first - 1 : last]
    from journal.provenance import turn_is_ai

    turns = [ShareTurn(speaker=speaker(story, t), text=_shared_text(t), is_user=t.is_user, ai=turn_is_ai(t))
             for t in chosen]
    when = next((t.created for t in chosen if t.created), None) or story.created
    return source_from_turns(
        turns,
        companion_name=story.display_companion,
        companion_avatar=_avatar(nb, story.companion),
        title=story.title,
        date=when,
        source_id=story.id,
        tags=story.tags,
    )


def _shared_text(turn: Any) -> str:
    """The turn's words, marked when the reply was cut short (token limit, Stop, a failure)."""
    from journal.stories.ops import INCOMPLETE_KEY

    return turn.text + INCOMPLETE_MARK if turn.extra.get(INCOMPLETE_KEY) else turn.text


def _avatar(nb: Any, slug: str):
    """The companion's picture, or ``None`` (an initial is drawn) when there is none or it is gone."""
    try:
        companion = nb.companions.get(slug)
        return nb.companions.avatar_path(companion)
    except (NotFound, DuetError, OSError, AttributeError):
        return None
