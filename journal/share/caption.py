"""Captions and hashtags for a post, and the AI's suggestion of a title, caption and tags.

The suggestion is only ever a proposal: the page shows it and applies it when
the writer accepts, so nothing the model writes goes out under their name unread.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import islice

from uniseg.graphemecluster import grapheme_clusters

from journal.share.source import ShareSource

TITLE_MAX_CHARS = 20  # a Xiaohongshu note title holds at most 20 characters
MAX_HASHTAGS = 10
HASHTAG_MAX_CHARS = 30
CAPTION_EXCERPT_CHARS = 120  # the default caption: the opening of the text, cut at a sentence if possible
_NOT_IN_TAG = r"\s#，。！？,.!?;；:：、()（）\[\]【】{}\"'“”‘’<>"  # spaces, "#" and punctuation end a hashtag
_HASHTAG = re.compile(f"#([^{_NOT_IN_TAG}]+)")
_TAG_BAD = re.compile(f"[{_NOT_IN_TAG}]+")


def normalize_hashtag(tag: str) -> str | None:
    """``"AI 伴侣"`` → ``"#AI伴侣"``; ``None`` for a tag with nothing left in it."""
    body = _TAG_BAD.sub("", tag.strip().lstrip("#"))[:HASHTAG_MAX_CHARS]
    return f"#{body}" if body else None


def normalize_hashtags(tags: list[str] | tuple[str, ...]) -> list[str]:
    """Cleaned, de-duplicated (case-insensitively), at most :data:`MAX_HASHTAGS`, order kept."""
    out: list[str] = []
    seen: set[str] = set()
    for tag in tags:
        clean = normalize_hashtag(tag)
        if clean and clean.lower() not in seen:
            seen.add(clean.lower())
            out.append(clean)
    return out[:MAX_HASHTAGS]


def parse_hashtags(text: str) -> list[str]:
    """Hashtags written in free text: ``"#人机恋 #AI伴侣, love"`` → ``["#人机恋", "#AI伴侣"]``.

    Tags separated by spaces or commas without ``#`` count too, since people type both.
    """
    found = _HASHTAG.findall(text)
    if not found:
        found = [part for part in re.split(r"[\s,，、]+", text) if part]
    return normalize_hashtags(found)


def format_hashtags(tags: list[str]) -> str:
    return " ".join(normalize_hashtags(tags))


def hashtags_from_source(source: ShareSource) -> list[str]:
    return normalize_hashtags(list(source.tags))


ELLIPSIS = "…"
PREFIX_CHARS_PER_CLUSTER = 8   # code points looked at per character cluster before counting a whole text
_TRAILING_PUNCTUATION = " \t,.;:!?-–—，。、；：！？"


def cut_at_word(text: str, limit: int) -> str:
    """The longest start of ``text`` of at most ``limit`` characters that ends between words.

    Words are UAX #14 units, and Chinese words come from BudouX, so "Rainy evening at Low Tide"
    becomes "Rainy evening at" and 凌晨两点的玫瑰 is not cut inside 玫瑰. A first word longer than
    ``limit`` is cut between characters (grapheme clusters, never inside an emoji).
    """
    from journal.share.linebreak import phrase_units

    text = text.strip()
    if _fits(text, limit):
        return text
    kept = ""
    for unit in phrase_units(text):
        if _length((kept + unit).rstrip()) > limit:
            break
        kept += unit
    if not kept.strip():
        kept = "".join(list(grapheme_clusters(text))[:limit])
    return kept.rstrip()


def _length(text: str) -> int:
    return sum(1 for _ in grapheme_clusters(text))


def _fits(text: str, limit: int) -> bool:
    """``_length(text) <= limit`` without segmenting all of a long text: a title made from a long entry's first
    words was segmented whole, several times on every rerun of the Share page (#19). Every character cluster of a
    prefix but its last is one of the text's, so a prefix with ``limit + 2`` of them settles it."""
    if len(text) <= limit:
        return True
    prefix = text[:PREFIX_CHARS_PER_CLUSTER * (limit + 2)]
    if len(prefix) < len(text) and next(islice(grapheme_clusters(prefix), limit + 1, None), None) is not None:
        return False
    return _length(text) <= limit


def clamp_title(title: str, limit: int = TITLE_MAX_CHARS) -> str:
    """At most ``limit`` characters, cut between words and marked with "…" when cut.

    Xiaohongshu cuts a longer title wherever the 20th character falls ("Rainy evening at Low"); a title
    shortened here ends at a word and says it was shortened ("Rainy evening at…").
    """
    title = title.strip()
    if _fits(title, limit):
        return title
    return cut_at_word(title, limit - 1).rstrip(_TRAILING_PUNCTUATION) + ELLIPSIS


def default_caption(source: ShareSource) -> str:
    """The opening of the text, ended at a sentence when one ends early enough."""
    text = re.sub(r"\s+", " ", source.plain).strip()
    if len(text) <= CAPTION_EXCERPT_CHARS:
        return text
    head = text[:CAPTION_EXCERPT_CHARS]
    stops = [m.end() for m in re.finditer(r"[。！？!?]|\. ", head)]
    if stops and stops[-1] >= CAPTION_EXCERPT_CHARS // 3:
        return head[: stops[-1]].strip()
    return head.rstrip() + "…"


def caption_text(caption: str, hashtags: list[str], title: str = "", label_line: str = "") -> str:
    """The text of ``caption.txt``: title line, the AI label line when there is one, caption, then the hashtags."""
    parts = [clamp_title(title)] if title.strip() else []
    if label_line:  # the explicit label of a text goes at its start (GB 45438-2025)
        parts.append(label_line)
    if caption.strip():
        parts.append(caption.strip())
    tags = format_hashtags(hashtags)
    if tags:
        parts.append(tags)
    return "\n\n".join(parts) + "\n"


@dataclass(frozen=True)
class Suggestion:
    """What the AI proposes; applied only when the writer accepts."""

    title: str = ""
    caption: str = ""
    hashtags: list[str] = field(default_factory=list)
