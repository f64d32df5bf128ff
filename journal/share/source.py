"""What to share, described without knowing where it came from (an entry, story turns, one line).

Stories live in another module; they call :func:`source_from_turns` with
:class:`ShareTurn` objects, so the share package never imports them.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, Iterable, Literal

from journal.errors import InvalidInput

SourceKind = Literal["entry", "turns", "line"]

# A share longer than this is almost certainly a paste accident; it would make hundreds of cards.
MAX_SOURCE_CHARS = 50_000


@dataclass(frozen=True)
class ShareTurn:
    """One message of a conversation: who said it, what, whether it was the writer, and whether the AI wrote it."""

    speaker: str
    text: str
    is_user: bool
    ai: bool = False  # a companion or narrator turn, or an AI suggestion the writer sent as theirs


@dataclass(frozen=True)
class ShareSource:
    """Everything a card, a thread or an HTML page needs, and nothing about storage.

    ``text`` is the body for entries and lines; for ``turns`` the body is the
    turns themselves (``text`` may stay empty). ``source_id`` is the entry or
    story id, kept only so exports can be named.
    """

    kind: SourceKind
    text: str = ""
    title: str = ""
    date: date | datetime | None = None
    turns: tuple[ShareTurn, ...] = ()
    companion_name: str = ""
    companion_avatar: Path | None = None
    tags: tuple[str, ...] = ()
    source_id: str = ""
    attribution: str = ""
    markdown: bool = False  # ``text`` and turns are markdown, so cards, threads and captions show the words only
    ai_words: bool = False  # ``text`` or ``title`` holds words the AI wrote (an accepted continuation or title)

    def replace(self, **changes: Any) -> "ShareSource":
        return dataclasses.replace(self, **changes)

    @property
    def body(self) -> str:
        """The plain text of the post: the text, or the turns one paragraph each."""
        if self.kind == "turns":
            return "\n\n".join(turn.text for turn in self.turns)
        return self.text

    @property
    def plain(self) -> str:
        """The body as a reader sees it: without markdown marks (cards, threads, captions)."""
        return self.readable().body

    def readable(self) -> "ShareSource":
        """This source with every text as a reader sees it: ``*smiles*`` → ``smiles``, ``**bold**`` → ``bold``.

        Entries, story turns (``*She is already reaching for the kettle.*``) and typed lines are all
        markdown in the notebook; a post shows words, not marks. A turn with no words left is dropped.
        """
        if not self.markdown:
            return self
        from journal.share.plain import markdown_to_plain, strip_emphasis

        turns = tuple(dataclasses.replace(turn, text=markdown_to_plain(turn.text)) for turn in self.turns)
        return self.replace(
            text=markdown_to_plain(self.text) if self.text else "",
            title=strip_emphasis(self.title),
            attribution=strip_emphasis(self.attribution),
            turns=tuple(turn for turn in turns if turn.text.strip()),
            markdown=False,
        )

    def date_label(self) -> str:
        """``YYYY-MM-DD`` or empty: a date reads the same in every language."""
        if self.date is None:
            return ""
        return self.date.strftime("%Y-%m-%d")


def _check_text(text: str) -> str:
    if "\x00" in text:
        raise InvalidInput("share.errors.binary_text")
    if len(text) > MAX_SOURCE_CHARS:
        raise InvalidInput("share.errors.too_much_text", limit=MAX_SOURCE_CHARS)
    return text


def _clean(text: str | None) -> str:
    """Normalise line ends and trim outer whitespace, the only change a share makes to the words."""
    return (text or "").replace("\r\n", "\n").replace("\r", "\n").strip()


def source_from_entry(entry: Any) -> ShareSource:
    """A share of a whole journal entry (``journal.entries.model.Entry`` or anything with its fields)."""
    from journal.provenance import entry_holds_ai_words

    text = _check_text(_clean(getattr(entry, "body", "")))
    if not text:
        raise InvalidInput("share.errors.empty_text")
    title = _clean(getattr(entry, "title", "") or "")
    return ShareSource(
        kind="entry",
        text=text,
        title=title,
        ai_words=entry_holds_ai_words(entry, text, title),
        date=getattr(entry, "created", None),
        tags=tuple(getattr(entry, "tags", ()) or ()),
        source_id=str(getattr(entry, "id", "") or ""),
        markdown=True,
    )


def source_from_turns(
    turns: Iterable[ShareTurn],
    *,
    companion_name: str = "",
    companion_avatar: Path | None = None,
    title: str = "",
    date: date | datetime | None = None,
    source_id: str = "",
    tags: Iterable[str] = (),
) -> ShareSource:
    """A share of a selection of story turns: the hook the stories module calls.

    Turns whose text is empty are dropped (a bubble with nothing in it says nothing).
    """
    kept: list[ShareTurn] = []
    for turn in turns:
        text = _check_text(_clean(turn.text))
        if text:
            kept.append(ShareTurn(speaker=_clean(turn.speaker), text=text, is_user=bool(turn.is_user),
                                  ai=bool(turn.ai)))
    if not kept:
        raise InvalidInput("share.errors.empty_text")
    _check_text("\n\n".join(t.text for t in kept))
    return ShareSource(
        kind="turns",
        turns=tuple(kept),
        title=_clean(title),
        date=date,
        companion_name=_clean(companion_name),
        companion_avatar=Path(companion_avatar) if companion_avatar else None,
        source_id=source_id,
        tags=tuple(tags),
        markdown=True,
    )


def source_from_line(
    text: str, *, title: str = "", attribution: str = "", date: date | datetime | None = None, source_id: str = ""
) -> ShareSource:
    """A share of one line, the natural input of a quote card."""
    text = _check_text(_clean(text))
    if not text:
        raise InvalidInput("share.errors.empty_text")
    return ShareSource(
        kind="line", text=text, title=_clean(title), attribution=_clean(attribution), date=date, source_id=source_id,
        markdown=True,
    )
