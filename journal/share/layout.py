"""Pagination: deciding which lines and bubbles go on which card, before anything is drawn.

Kept apart from drawing so the rule "the text of all pages joined equals the
input" can be checked without rendering, and so shrinking (trying a smaller
font) costs only measurements.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Sequence

from journal.share.linebreak import visible

MIN_SPLIT_LINES = 2  # a bubble is split across cards only if at least this many lines stay on each side


@dataclass
class Bubble:
    """A piece of one chat turn on one card (a long turn may continue on the next card)."""

    turn: int
    is_user: bool
    lines: list[str]
    continues: bool = False  # more of this turn follows on the next card
    continued: bool = False  # this piece continues a turn from the previous card

    @property
    def text(self) -> str:
        return "".join(self.lines)


@dataclass
class PagePlan:
    """What one card shows: lines of text (page and quote styles) or bubbles (chat)."""

    lines: list[str] = field(default_factory=list)
    bubbles: list[Bubble] = field(default_factory=list)

    @property
    def text(self) -> str:
        if self.bubbles:
            return "".join(b.text for b in self.bubbles)
        return "".join(self.lines)


def line_tops(lines: Sequence[str], top: float, line_height: float, blank_height: float) -> list[float]:
    """Where each line's box starts when drawn from ``top``; the same rule :func:`paginate_lines` counts with."""
    tops: list[float] = []
    y = top
    has_text = False
    for line in lines:
        tops.append(y)
        if visible(line):
            y += line_height
            has_text = True
        elif has_text:
            y += blank_height
    return tops


def paginate_lines(lines: Sequence[str], capacity: Callable[[int], float], line_height: float,
                   blank_height: float) -> list[list[str]]:
    """Fill pages top to bottom; ``capacity(i)`` is the height free for text on page ``i``.

    Blank lines (paragraph breaks) never start a new page and take no room
    at the top of one, since they are invisible there; they stay in the
    page's text so nothing is lost. A page always takes at least one line.
    """
    pages: list[list[str]] = [[]]
    used = 0.0
    has_text = False
    for line in lines:
        if not visible(line):
            pages[-1].append(line)
            if has_text:
                used += blank_height
            continue
        if has_text and used + line_height > capacity(len(pages) - 1):
            pages.append([])
            used = 0.0
        pages[-1].append(line)
        used += line_height
        has_text = True
    return pages


@dataclass(frozen=True)
class BubbleMetrics:
    line_height: float
    pad_y: float
    gap_same: float  # between two bubbles of the same speaker
    gap_other: float  # between bubbles of different speakers


def paginate_bubbles(turns: Sequence[tuple[bool, list[str]]], capacity: Callable[[int], float],
                     m: BubbleMetrics) -> list[list[Bubble]]:
    """Flow chat bubbles onto pages, splitting a long bubble between lines rather than cutting it."""
    pages: list[list[Bubble]] = [[]]
    used = 0.0
    for index, (is_user, lines) in enumerate(turns):
        remaining = list(lines)
        continued = False
        while remaining:
            page = pages[-1]
            gap = 0.0 if not page else (m.gap_same if page[-1].is_user == is_user else m.gap_other)
            free = capacity(len(pages) - 1) - used - gap - 2 * m.pad_y
            fit = int(free // m.line_height) if free > 0 else 0
            if fit >= len(remaining):
                page.append(Bubble(index, is_user, remaining, continued=continued))
                used += gap + 2 * m.pad_y + len(remaining) * m.line_height
                break
            can_split = fit >= MIN_SPLIT_LINES and len(remaining) - fit >= 1
            if not page and not can_split:
                fit = max(1, fit)  # an empty card must take something, or we would loop forever
                can_split = True
            if can_split:
                piece, remaining = remaining[:fit], remaining[fit:]
                page.append(Bubble(index, is_user, piece, continues=True, continued=continued))
                continued = True
            pages.append([])
            used = 0.0
    return [p for p in pages if p] or [[]]
