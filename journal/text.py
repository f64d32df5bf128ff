"""Counting and classifying mixed Chinese and English text the way a reader would.

A Chinese "word" is one Han character; a Latin word is a run of letters or
digits. Mixed text counts both, so a bilingual diary gets honest numbers.
"""

from __future__ import annotations

import re

# Han ideographs, CJK extensions, compatibility ideographs; kana and hangul count per character too.
CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f\u3040-\u30ff\uac00-\ud7af"
_CJK_CHAR = re.compile(f"[{CJK}]")
_LATIN_WORD = re.compile(rf"[^\s{CJK}\W_]+(?:['’\-][^\s{CJK}\W_]+)*", re.UNICODE)

# Control characters that never occur in text a person wrote (tab, newline and carriage return are allowed).
BINARY_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

CJK_CHARS_PER_MINUTE = 300
LATIN_WORDS_PER_MINUTE = 230


def count_words(text: str) -> int:
    """Han characters plus Latin words."""
    return len(_CJK_CHAR.findall(text)) + len(_LATIN_WORD.findall(text))


def reading_minutes(text: str) -> int:
    """Whole minutes to read ``text`` (at least 1 for non-empty text)."""
    cjk = len(_CJK_CHAR.findall(text))
    latin = len(_LATIN_WORD.findall(text))
    minutes = cjk / CJK_CHARS_PER_MINUTE + latin / LATIN_WORDS_PER_MINUTE
    return max(1, round(minutes)) if (cjk or latin) else 0


def cjk_ratio(text: str) -> float:
    """Share of CJK characters among the letters of ``text`` (0.0 for none)."""
    cjk = len(_CJK_CHAR.findall(text))
    latin = sum(len(w) for w in _LATIN_WORD.findall(text))
    return cjk / (cjk + latin) if (cjk + latin) else 0.0


def detect_language(text: str, default: str = "en") -> str:
    """``"zh"`` when the text is mostly Chinese, ``"en"`` when mostly Latin, else ``default``.

    A short Chinese entry with an English name in it ("今天和C聊了很久") is still
    Chinese: one CJK character weighs as much as a whole Latin word here.
    """
    cjk = len(_CJK_CHAR.findall(text))
    latin = len(_LATIN_WORD.findall(text))
    if cjk == 0 and latin == 0:
        return default
    return "zh" if cjk >= latin else "en"


def has_cjk(text: str) -> bool:
    return bool(_CJK_CHAR.search(text))
