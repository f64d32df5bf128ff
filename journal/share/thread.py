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
from journal.share.linebreak import phrase_units, wrap

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


# A post ends, by preference, at a sentence end, else after a clause (, ; :), else between words,
# as long as the post is at least this full; a sentence's tail carried into the next post keeps at least
# ORPHAN_MIN_UNITS words (or CJK phrases), so no post starts with "for!" alone.
FILL_RATIO = 0.5
ORPHAN_MIN_UNITS = 3
SENTENCE, CLAUSE, WORD = 3, 2, 1
_CLAUSE_MARKS = tuple(",;:，；：、—…")


def _breaks(text: str) -> list[tuple[int, int]]:
    """Every place a post may end, as (offset, kind), in order; the end of the text is a sentence end."""
    kinds: dict[int, int] = {}
    pos = 0
    for unit in phrase_units(text):
        pos += len(unit)
        kinds[pos] = CLAUSE if unit.rstrip().endswith(_CLAUSE_MARKS) else WORD
    pos = 0
    for sentence in sentences(text):
        pos += len(sentence)
        kinds[pos] = SENTENCE
    return sorted(kinds.items())


def _chunks(text: str, budget: int) -> list[str]:
    """Posts of at most ``budget`` weighted characters, each ended at the best break that fills it enough."""
    breaks = _breaks(text)
    chunks: list[str] = []
    start, first = 0, 0  # first: index in ``breaks`` of the first break after ``start``
    while start < len(text) and text[start:].strip():
        fitting = _last_fitting(text, start, breaks, first, budget)
        if fitting < first:  # one word longer than a post: split it between characters
            piece = wrap(text[start:], weighted_length, budget, phrases=False)[0]
            chunks.append(piece.strip())
            start += len(piece)
            first = next((i for i, (offset, _kind) in enumerate(breaks) if offset > start), len(breaks))
            continue
        chosen = fitting if breaks[fitting][0] == len(text) else _best_break(text, start, breaks, first, fitting,
                                                                            budget)
        end = breaks[chosen][0]
        chunks.append(text[start:end].strip())
        start, first = end, chosen + 1
    return [c for c in chunks if c]


def _last_fitting(text: str, start: int, breaks: list[tuple[int, int]], first: int, budget: int) -> int:
    """Index of the last break whose post from ``start`` fits ``budget`` (binary search), ``first - 1`` if none."""
    low, high = first, len(breaks) - 1
    found = first - 1
    while low <= high:
        middle = (low + high) // 2
        if weighted_length(text[start : breaks[middle][0]].strip()) <= budget:
            found, low = middle, middle + 1
        else:
            high = middle - 1
    return found


def _best_break(text: str, start: int, breaks: list[tuple[int, int]], first: int, last: int, budget: int) -> int:
    """The latest sentence end that fills the post enough, else clause end, else word break leaving no orphan."""
    enough = FILL_RATIO * budget
    for kind in (SENTENCE, CLAUSE):
        for i in range(last, first - 1, -1):
            if breaks[i][1] >= kind and weighted_length(text[start : breaks[i][0]].strip()) >= enough:
                return i
    for i in range(last, first - 1, -1):
        if _tail_units(breaks, i) >= ORPHAN_MIN_UNITS:
            return i
    return last


def _tail_units(breaks: list[tuple[int, int]], index: int) -> int:
    """How many words (break units) of the sentence follow the break at ``index``."""
    count = 0
    for _offset, kind in breaks[index + 1 :]:
        count += 1
        if kind >= CLAUSE:
            return count
    return count
