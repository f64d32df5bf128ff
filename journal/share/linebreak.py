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

from typing import Callable

from uniseg.graphemecluster import grapheme_clusters
from uniseg.linebreak import line_break_units

Measure = Callable[[str], float]

# Characters a line must not start with (closing brackets and quotes, stops, commas, small kana marks)
# and must not end with (opening brackets and quotes). UAX #14 already enforces these at ordinary
# break opportunities; the sets are used when a word wider than a line has to be broken by force.
NO_LINE_START = set("，。、；：！？）】」』〉》〕〗〙〛｝］’”…‥・·,.;:!?)]}%％‰°℃")
NO_LINE_END = set("（【「『〈《〔〖〘〚｛［‘“([{¥￥$£€#")
_NEWLINES = "\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"


def visible(line: str) -> str:
    """The part of a line that takes room: trailing spaces and the line end hang outside the margin."""
    return line.rstrip()


def wrap(text: str, measure: Measure, max_width: float) -> list[str]:
    """Lines of ``text`` no wider than ``max_width`` (as ``measure`` sees it), joined back equal to ``text``.

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
        para_lines = _wrap_paragraph(body, measure, max_width)
        para_lines[-1] += ending
        lines.extend(para_lines)
    return lines


def _fits(line: str, measure: Measure, max_width: float) -> bool:
    shown = visible(line)
    return not shown or measure(shown) <= max_width


def _wrap_paragraph(body: str, measure: Measure, max_width: float) -> list[str]:
    lines: list[str] = []
    current = ""
    for unit in line_break_units(body):
        if _fits(current + unit, measure, max_width):
            current += unit
            continue
        if current:
            lines.append(current)
            current = ""
        if _fits(unit, measure, max_width):
            current = unit
            continue
        pieces = break_word(unit, measure, max_width)
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
