"""Counting and classifying mixed Chinese and English text the way a reader would.

A Chinese "word" is one Han character; a Latin word is a run of letters or
digits. Mixed text counts both, so a bilingual diary gets honest numbers.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from functools import cache

# Han ideographs, CJK extensions, compatibility ideographs; kana and hangul count per character too.
CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f\u3040-\u30ff\uac00-\ud7af"


# Compiled on first use: a class spanning the CJK blocks takes ~6 ms to compile, and the CLI's start-up
# should not pay for patterns a command never uses.
@cache
def _cjk_char() -> re.Pattern[str]:
    return re.compile(f"[{CJK}]")


@cache
def _cjk_run() -> re.Pattern[str]:
    return re.compile(f"[{CJK}]+")


@cache
def _latin_word() -> re.Pattern[str]:
    return re.compile(rf"[^\s{CJK}\W_]+(?:['’\-][^\s{CJK}\W_]+)*", re.UNICODE)


# The same words in ASCII text, where the character class is small: measure() runs on every file of a reindex.
_ASCII_WORD = re.compile(r"[A-Za-z0-9]+(?:['\-][A-Za-z0-9]+)*")


# Control characters that never occur in text a person wrote (tab, newline and carriage return are allowed).
BINARY_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

CJK_CHARS_PER_MINUTE = 300
LATIN_WORDS_PER_MINUTE = 230


_HIDDEN_HTML = re.compile(r"(?is)<(script|style)\b.*?</\1\s*>|<!--.*?-->")
_HTML_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
_MARKUP = [
    (re.compile(r"!\[\[[^\]]*\]\]|!\[[^\]]*\]\([^)]*\)"), ""),     # pictures: nothing to read
    (re.compile(r"\[([^\]]*)\]\([^)]*\)"), r"\1"),                  # links: their words
    (re.compile(r"(?m)^\s{0,3}(?:#{1,6}\s+|>\s?|[-*+]\s+|\d+[.)]\s+)"), ""),  # headings, quotes, list marks
    (re.compile(r"(\*\*|__|~~|`)"), ""),                                # emphasis marks
]


def visible_text(body: str) -> str:
    """What a reader sees of a markdown body: no HTML tags, link targets, pictures or emphasis marks.

    A few regexes rather than a full markdown render: this runs for every
    file in a reindex and for every search result, where a parse per entry
    would cost more than the rest of the work together.
    """
    if "<" in body:
        body = _HTML_TAG.sub(" ", _HIDDEN_HTML.sub(" ", body))
    for pattern, replacement in _MARKUP:
        body = pattern.sub(replacement, body)
    return html.unescape(body) if "&" in body else body


@dataclass(frozen=True)
class TextLength:
    """Latin words and CJK characters kept apart: "300 words" is wrong for 300 Chinese characters."""

    words: int
    cjk_chars: int

    @property
    def total(self) -> int:
        """The Chinese 字数 convention: one per Han character plus one per Latin word."""
        return self.words + self.cjk_chars


def measure(text: str) -> TextLength:
    """Words and CJK characters of what a reader sees of ``text`` (markup is not counted)."""
    shown = visible_text(text)
    if shown.isascii():
        return TextLength(words=len(_ASCII_WORD.findall(shown)), cjk_chars=0)
    return TextLength(words=len(_latin_word().findall(shown)), cjk_chars=sum(map(len, _cjk_run().findall(shown))))


def count_words(text: str) -> int:
    """Han characters plus Latin words."""
    return len(_cjk_char().findall(text)) + len(_latin_word().findall(text))


def reading_minutes(text: str) -> int:
    """Whole minutes to read ``text`` (at least 1 for non-empty text)."""
    cjk = len(_cjk_char().findall(text))
    latin = len(_latin_word().findall(text))
    minutes = cjk / CJK_CHARS_PER_MINUTE + latin / LATIN_WORDS_PER_MINUTE
    return max(1, round(minutes)) if (cjk or latin) else 0


def cjk_ratio(text: str) -> float:
    """Share of CJK characters among the letters of ``text`` (0.0 for none)."""
    cjk = len(_cjk_char().findall(text))
    latin = sum(len(w) for w in _latin_word().findall(text))
    return cjk / (cjk + latin) if (cjk + latin) else 0.0


def detect_language(text: str, default: str = "en") -> str:
    """``"zh"`` when the text is mostly Chinese, ``"en"`` when mostly Latin, else ``default``.

    A short Chinese entry with an English name in it ("今天和C聊了很久") is still
    Chinese: one CJK character weighs as much as a whole Latin word here.
    """
    cjk = len(_cjk_char().findall(text))
    latin = len(_latin_word().findall(text))
    if cjk == 0 and latin == 0:
        return default
    return "zh" if cjk >= latin else "en"




def is_cjk_term(term: str) -> bool:
    return bool(_cjk_run().fullmatch(term))


def cjk_grams(text: str) -> str:
    """Every CJK character and every pair of neighbours, space-separated, each once.

    Indexed as words, these find one- and two-character Chinese queries
    (雨, 琥珀), which are shorter than the trigrams FTS5 indexes.
    """
    runs = _cjk_run().findall(text)
    if not runs:
        return ""
    grams = set("".join(runs))
    for run in runs:
        grams.update(map(str.__add__, run, run[1:]))   # each neighbour pair, without slicing in Python
    return " ".join(grams)


def has_cjk(text: str) -> bool:
    return bool(_cjk_char().search(text))


# Which scripts a text holds, as bits, so that search can rule out whole groups of entries at once
# (an entry without Latin letters cannot contain "coffee"). Characters without case that belong to neither
# (ASCII digits and punctuation, general and CJK punctuation, full-width forms, symbols, emoji) set no bit.
# Every character that case-folds to a Latin letter (K, the Kelvin sign, ſ) sets LATIN, so a match found by
# FTS5's or LIKE's case-insensitive comparison always shares the query term's bits.
SCRIPT_LATIN, SCRIPT_CJK = 1, 2
_NO_SCRIPT = (r"\x00-\x40\x5b-\x60\x7b-\x7f\u2000-\u206f\u2190-\u23ff\u2500-\u27bf\u3000-\u303f"
              r"\ufe00-\ufe0f\uff00-\uffef\U0001f000-\U0001faff")


@cache
def _latin_script_char() -> re.Pattern[str]:
    return re.compile(f"[^{_NO_SCRIPT}{CJK}]")


def script_bits(text: str) -> int:
    """SCRIPT_LATIN when ``text`` has a letter outside CJK (Latin or any other), SCRIPT_CJK when it has CJK."""
    return (SCRIPT_LATIN if _latin_script_char().search(text) else 0) | (SCRIPT_CJK if has_cjk(text) else 0)


def cut_to_bytes(text: str, max_bytes: int) -> str:
    """``text`` shortened to at most ``max_bytes`` of UTF-8, never splitting a character or an emoji sequence.

    File names are limited in bytes (255 on most disks), not characters: 60
    CJK Extension B characters or 70 emoji are 240-280 bytes. Cutting by
    grapheme cluster keeps a family emoji or a flag whole.
    """
    if len(text.encode("utf-8")) <= max_bytes:
        return text
    from uniseg.graphemecluster import grapheme_clusters

    out, used = [], 0
    for cluster in grapheme_clusters(text):
        size = len(cluster.encode("utf-8"))
        if used + size > max_bytes:
            break
        out.append(cluster)
        used += size
    return "".join(out)
