"""Split a passage into an X (Twitter) thread: posts of at most 280 weighted characters, numbered 1/n.

X counts most Latin-script characters as one and CJK, emoji and other
characters as two (twitter-text "weightedLength", config v3), and every URL as
23. No maintained Python port of twitter-text exists on PyPI, so the weighting
below copies its published ranges. Posts break at sentence ends when they can,
then at UAX #14 line-break opportunities, so a word is split only when it is
longer than a whole post.
"""

from __future__ import annotations

import re

from uniseg.emoji import extended_pictographic
from uniseg.graphemecluster import grapheme_clusters
from uniseg.sentencebreak import sentences

from journal.errors import InvalidInput
from journal.share.formats import THREAD_MAX_POSTS
from journal.share.linebreak import wrap

MAX_WEIGHTED_LENGTH = 280
URL_LENGTH = 23  # every link is shortened to t.co and counted as 23
# twitter-text v3: code points in these ranges weigh 1, everything else 2.
_LIGHT_RANGES = ((0x0000, 0x10FF), (0x2000, 0x200D), (0x2010, 0x201F), (0x2032, 0x2037))
_URL = re.compile(r"https?://\S+", re.IGNORECASE)


EMOJI_WEIGHT = 2  # an emoji sequence (❤️, 👩‍💻) counts as 2 however many code points it has


def _char_weight(char: str) -> int:
    code = ord(char)
    return 1 if any(low <= code <= high for low, high in _LIGHT_RANGES) else 2


# Code points that glue an emoji sequence together; without them every character stands alone.
_SEQUENCE_PARTS = re.compile("[\u200d\ufe0e\ufe0f\u20e3\U0001F1E6-\U0001F1FF\U0001F3FB-\U0001F3FF\U000E0020-\U000E007F]")


def _plain_weight(text: str) -> int:
    if text.isascii():
        return len(text)
    if not _SEQUENCE_PARTS.search(text):
        return sum(_char_weight(c) for c in text)
    total = 0
    for cluster in grapheme_clusters(text):
        if len(cluster) > 1 and any(extended_pictographic(c) for c in cluster):
            total += EMOJI_WEIGHT
        else:
            total += sum(_char_weight(c) for c in cluster)
    return total


def weighted_length(text: str) -> int:
    """The length X shows in its counter: CJK and emoji count twice, links 23."""
    total = 0
    pos = 0
    for match in _URL.finditer(text):
        total += _plain_weight(text[pos : match.start()]) + URL_LENGTH
        pos = match.end()
    return total + _plain_weight(text[pos:])


def _numbering(index: int, total: int) -> str:
    return f"{index}/{total}"


def split_thread(text: str, limit: int = MAX_WEIGHTED_LENGTH) -> list[str]:
    """The posts of a thread, each at most ``limit`` weighted characters including its ``i/n`` mark.

    A text that fits one post is returned as it is, without a number.
    """
    text = text.strip()
    if not text:
        raise InvalidInput("share.errors.empty_text")
    length = weighted_length(text)
    if length <= limit:
        return [text]
    if length > THREAD_MAX_POSTS * limit:  # cannot fit whatever the breaks; say so before any work
        raise InvalidInput("share.errors.thread_too_long", limit=THREAD_MAX_POSTS)
    total = 2
    while True:
        # room for " 12/12": the widest mark this many posts can need
        budget = limit - weighted_length(" " + _numbering(total, total))
        chunks = _chunks(text, budget)
        if len(chunks) <= total:
            break
        total = len(chunks)
    if len(chunks) > THREAD_MAX_POSTS:
        raise InvalidInput("share.errors.thread_too_long", limit=THREAD_MAX_POSTS)
    n = len(chunks)
    return [f"{chunk} {_numbering(i, n)}" for i, chunk in enumerate(chunks, start=1)]


def _chunks(text: str, budget: int) -> list[str]:
    """Greedy packing of sentences into posts; a sentence longer than a post is wrapped at line-break opportunities."""
    units: list[str] = []
    for sentence in sentences(text):
        if weighted_length(sentence.strip()) <= budget:
            units.append(sentence)
        else:
            units.extend(wrap(sentence, weighted_length, budget))
    chunks: list[str] = []
    current = ""
    for unit in units:
        candidate = current + unit
        if not current or weighted_length(candidate.strip()) <= budget:
            current = candidate
        else:
            chunks.append(current.strip())
            current = unit
    if current.strip():
        chunks.append(current.strip())
    return [c for c in chunks if c]
