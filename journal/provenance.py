"""Which words are the AI's: recorded in the notebook's own files, so it survives export, import and reindex.

- A story turn is the AI's when a companion or the narrator wrote it, or when
  the writer sent an AI suggestion as their own turn (``"ai": "suggestion"`` in
  the turn's marker, which the story file format keeps with the turn).
- An entry lists in its front matter the AI words the writer accepted into it
  (a continuation of the draft, a suggested title), each with what it was and when:

      ai_words:
      - kind: continuation
        at: 2026-04-02T21:14:00+08:00
        text: The rain kept on, and so did we.

The text is kept because an entry is free text: a later share can then tell
whether these words are still in what is being shared. Sharing (labels under
GB 45438-2025) and the reader (a quiet note) read it from here.
"""

from __future__ import annotations

import re
from typing import Any, Iterable, Mapping

from journal.entries.model import AI_WORDS_KEY as ENTRY_KEY, AI_WORDS_KINDS as KINDS, ai_passage as passage

TURN_KEY = "ai"  # the key in a story turn's extra data
AI_ROLES = frozenset({"companion", "narrator"})
MIN_MATCH_CHARS = 8  # a sentence of an AI passage shorter than this is too common to count as the AI's
_SENTENCE_END = re.compile(r"(?<=[。！？!?.…])\s*|\n+")
_SPACE = re.compile(r"\s+")


def turn_is_ai(turn: Any) -> bool:
    """A companion or narrator turn, or the writer's turn taken from an AI suggestion."""
    return getattr(turn, "role", "") in AI_ROLES or bool((getattr(turn, "extra", None) or {}).get(TURN_KEY))


def with_ai_words(extra: Mapping[str, Any] | None, passages: Iterable[Mapping[str, str]]) -> dict[str, Any]:
    """``extra`` (an entry's other front matter) with ``passages`` added to what it already records."""
    merged = dict(extra or {})
    known = entry_passages(merged)
    for item in passages:
        record = {key: str(item.get(key, "")) for key in ("kind", "at", "text")}
        if record["text"].strip() and record not in known:
            known.append(record)
    if known:
        merged[ENTRY_KEY] = known
    return merged


def entry_passages(extra_or_entry: Any) -> list[dict[str, str]]:
    """The valid records of an entry (its ``extra`` mapping or the entry); a malformed value counts as none."""
    extra = getattr(extra_or_entry, "extra", extra_or_entry) or {}
    raw = extra.get(ENTRY_KEY) if isinstance(extra, Mapping) else None
    if not isinstance(raw, list):
        return []
    out = []
    for item in raw:
        if isinstance(item, Mapping) and isinstance(item.get("text"), str) and item["text"].strip():
            out.append({"kind": str(item.get("kind") or "suggestion"), "at": str(item.get("at") or ""),
                        "text": item["text"]})
    return out


def _normal(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def entry_holds_ai_words(entry: Any, text: str, title: str = "") -> bool:
    """Whether ``text`` or ``title`` (what is being shared of ``entry``) still holds AI words it recorded.

    A recorded passage counts when any of its sentences (long enough not to be a commonplace) is
    still there: a writer who kept half of a continuation and rewrote the rest still shares AI words.
    """
    shared = _normal(text)
    for record in entry_passages(entry):
        words = _normal(record["text"])
        if record["kind"] == "title":
            if words and words == _normal(title):
                return True
            continue
        if words and words in shared:
            return True
        for sentence in _SENTENCE_END.split(record["text"]):
            sentence = _normal(sentence)
            if len(sentence) >= MIN_MATCH_CHARS and sentence in shared:
                return True
    return False


def describe(entry: Any) -> list[tuple[str, str]]:
    """(kind, when) of each AI passage an entry records, for the reader's quiet note."""
    return [(record["kind"], record["at"]) for record in entry_passages(entry)]
