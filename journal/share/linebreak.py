"""Wrap mixed Chinese and Latin text to a pixel width the way a typesetter would.

Break opportunities come from the Unicode line breaking algorithm (UAX #14,
via ``uniseg``): CJK may break between any two characters, but never before
closing punctuation such as ``，。！？）」`` nor after opening punctuation, and
Latin words stay whole. Widths come from the real font. Only a word wider
than the whole line is broken inside, between grapheme clusters.

Every function here keeps the text intact: joining the returned lines gives
back the input exactly (trailing spaces and newlines stay on their line and
are not counted in its width), which is what lets cards split text across
pages without losing a character.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Callable

from uniseg.graphemecluster import grapheme_clusters
from uniseg.linebreak import line_break_units

Measure = Callable[[str], float]

# Characters a line must not start with (closing brackets and quotes, stops, commas, small kana marks)
# and must not end with (opening brackets and quotes). UAX #14 already enforces these at ordinary
# break opportunities; the sets are used when a word wider than a line has to be broken by force.
NO_LINE_START = set("，。、；：！？）】」』〉》〕〗〙〛｝］’”…‥・·,.;:!?)]}%％‰°℃")
NO_LINE_END = set("（【「『〈《〔〖〘〚｛［‘“([{¥￥$£€#")
BALANCE_STEPS = 7  # binary search steps for balanced lines: within 1% of the width
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_CLAUSE_END = re.compile(r"""(?<=[，。！？；：、,.!?;:…])(?![，。！？；：、,.!?;:…”’」』）)\]"'])(?=\S)"""
                         r"|(?<=[，。！？；：、,.!?;:…][ \t])(?=\S)")
_NEWLINES = "\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"


def visible(line: str) -> str:
    """The part of a line that takes room: trailing spaces and the line end hang outside the margin."""
    return line.rstrip()


def wrap(text: str, measure: Measure, max_width: float, *, phrases: bool = True) -> list[str]:
    """Lines of ``text`` no wider than ``max_width`` (as ``measure`` sees it), joined back equal to ``text``.

    With ``phrases`` (the default), two Chinese characters are kept together
    when BudouX says they form one word ("玫瑰", "世界"), as long as the word
    fits on a line; UAX #14 alone would break between any two of them.
    A single grapheme wider than ``max_width`` (impossible at card sizes)
    gets a line of its own rather than an endless loop.
    """
    lines: list[str] = []
    for paragraph in text.splitlines(keepends=True):
        body = paragraph.rstrip(_NEWLINES)
        ending = paragraph[len(body) :]
        if not body:
            lines.append(paragraph)
            continue
        units = phrase_units(body) if phrases else list(_break_units(body))
        para_lines = _wrap_units(units, measure, max_width)
        para_lines[-1] += ending
        lines.extend(para_lines)
    return lines


def balanced_wrap(text: str, measure: Measure, max_width: float, *, min_ratio: float = 0.5) -> list[str]:
    """Like :func:`wrap`, but as narrow as possible without adding a line (CSS ``text-wrap: balance``).

    A two-line quote then reads as two halves instead of one full line and an orphan.
    """
    lines = wrap(text, measure, max_width)
    by_clause = _clause_wrap(text, measure, max_width)
    if by_clause is not None and len(by_clause) <= len(lines):
        return by_clause
    low, high = max_width * min_ratio, max_width
    best = lines
    for _ in range(BALANCE_STEPS):
        middle = (low + high) / 2
        trial = wrap(text, measure, middle)
        if len(trial) <= len(lines) and all(_fits(line, measure, middle) or len(visible(line)) <= 1 for line in trial):
            best, high = trial, middle
        else:
            low = middle
    return best


def _clause_wrap(text: str, measure: Measure, max_width: float) -> list[str] | None:
    """Lines that end only after punctuation (，。！？, . ! ?), or ``None`` when a clause is wider than a line."""
    lines: list[str] = []
    for paragraph in text.splitlines(keepends=True):
        clauses = [c for c in _CLAUSE_END.split(paragraph) if c]
        if not all(_fits(clause, measure, max_width) for clause in clauses):
            return None
        lines.extend(_wrap_units(clauses, measure, max_width) if clauses else [paragraph])
    return lines


def phrase_units(text: str) -> list[str]:
    """UAX #14 break units, merged where BudouX finds one Chinese word across the break."""
    return list(_phrase_units(text))


@lru_cache(maxsize=512)
def _break_units(text: str) -> tuple[str, ...]:
    # uniseg is pure Python and the slowest step; a card tries several font sizes on the same text
    return tuple(line_break_units(text))


@lru_cache(maxsize=512)
def _phrase_units(text: str) -> tuple[str, ...]:
    units = list(_break_units(text))
    if len(units) < 2 or not _HAN.search(text):
        return tuple(units)
    allowed = _budoux_boundaries(text)
    merged: list[str] = [units[0]]
    pos = len(units[0])
    for unit in units[1:]:
        before, after = text[pos - 1], text[pos]
        if _HAN.match(before) and _HAN.match(after) and pos not in allowed:
            merged[-1] += unit
        else:
            merged.append(unit)
        pos += len(unit)
    return tuple(merged)


def _budoux_boundaries(text: str) -> set[int]:
    offsets: set[int] = set()
    pos = 0
    for phrase in _budoux_parser().parse(text):
        pos += len(phrase)
        offsets.add(pos)
    return offsets


@lru_cache(maxsize=1)
def _budoux_parser():
    import budoux

    return budoux.load_default_simplified_chinese_parser()


def _fits(line: str, measure: Measure, max_width: float) -> bool:
    shown = visible(line)
    return not shown or measure(shown) <= max_width


def _wrap_units(units: list[str], measure: Measure, max_width: float) -> list[str]:
    lines: list[str] = []
    current = ""
    for unit in units:
        if _fits(current + unit, measure, max_width):
            current += unit
            continue
        if current:
            lines.append(current)
            current = ""
        if _fits(unit, measure, max_width):
            current = unit
            continue
        finer = list(_break_units(unit))
        pieces = _wrap_units(finer, measure, max_width) if len(finer) > 1 else break_word(unit, measure, max_width)
        lines.extend(pieces[:-1])
        current = pieces[-1]
    lines.append(current)
    return lines


def break_word(word: str, measure: Measure, max_width: float) -> list[str]:
    """Split a word wider than a line between grapheme clusters, keeping punctuation with its neighbour."""
    clusters = list(grapheme_clusters(word))
    pieces: list[list[str]] = [[]]
    for cluster in clusters:
        piece = pieces[-1]
        if not piece or _fits("".join(piece) + cluster, measure, max_width):
            piece.append(cluster)
            continue
        cut = _last_allowed_cut(piece + [cluster])
        if 0 < cut < len(piece) + 1:
            moved = (piece + [cluster])[cut:]
            del piece[cut:]
            pieces.append(moved)
            # the moved tail may itself be too wide only if a single cluster is; let it be
        else:
            pieces.append([cluster])
    return ["".join(piece) for piece in pieces]


def _last_allowed_cut(clusters: list[str]) -> int:
    """The last index ``i`` such that a line may end before ``clusters[i]``; 0 when none."""
    for i in range(len(clusters) - 1, 0, -1):
        if clusters[i][0] in NO_LINE_START or clusters[i - 1][-1] in NO_LINE_END:
            continue
        return i
    return 0
