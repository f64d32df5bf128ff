"""Image cards for a post: chat screenshots, quote cards and journal pages, split into a carousel when long.

Text is never cut: a card first tries smaller type, then spills onto more
cards (up to the format's limit), and only then refuses with a clear error.
The text of all cards joined equals the text given, which the tests check.
"""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass
from types import ModuleType
from typing import Callable

from PIL import Image

from journal.errors import InvalidInput
from journal.share.aigc import Label, corner_anchor, draw_mark, mark_box, mark_size
from journal.share.formats import Format, check_style, get_format
from journal.share.layout import PagePlan
from journal.share.source import ShareSource, ShareTurn
from journal.share.themes import Theme, get_theme

# Body sizes (px at 1080 wide) tried for a single card, then for a carousel, largest first.
# A short text takes the largest size, so it fills the card instead of leaving most of it empty (#20.9).
SIZES = {
    "page": {"single": (56, 50, 44, 40, 37, 34), "split": (44, 40, 36, 32, 28)},
    "quote": {"single": (72, 66, 60, 54, 48, 44), "split": (44, 40, 36, 32)},
    "chat": {"single": (48, 44, 40, 37, 34), "split": (40, 36, 32, 28)},
}


@dataclass
class Card:
    """One rendered image of a post and the part of the text it shows."""

    image: Image.Image
    plan: PagePlan
    index: int
    total: int
    font_size: int
    mark_box: tuple[float, float, float, float] | None = None  # where the AI mark is drawn, when it is

    @property
    def text(self) -> str:
        return self.plan.text


def _style_module(style: str):
    """Each style is a module with ``plan(source, fmt, size)`` and ``draw(...)``."""
    return importlib.import_module(f"journal.share.style_{check_style(style)}")


def prepare_source(source: ShareSource, style: str) -> ShareSource:
    """Give every style something to show: the words without markdown marks; an entry as chat
    becomes the writer's bubbles, one per paragraph."""
    source = source.readable()  # a card draws the words, not the markdown marks
    if style == "chat" and source.kind != "turns":
        paragraphs = [p.strip() for p in re.split(r"\n\s*\n", source.text) if p.strip()]
        turns = tuple(ShareTurn(speaker="", text=p, is_user=True) for p in paragraphs)
        return source.replace(kind="turns", turns=turns)
    return source


def _card_format(fmt: Format | str) -> Format:
    fmt = get_format(fmt) if isinstance(fmt, str) else fmt
    if fmt.is_thread:
        raise InvalidInput("share.errors.thread_has_no_cards")
    return fmt


def plan_cards(source: ShareSource, fmt: Format | str, style: str) -> tuple[list[PagePlan], int]:
    """The pages a post needs and the font size chosen: the largest size that fits one card,
    else the largest that fits the format's card limit."""
    fmt = _card_format(fmt)
    module = _style_module(style)
    return _plan(prepare_source(source, style), fmt, module, style)


def _plan(prepared: ShareSource, fmt: Format, module: ModuleType, style: str) -> tuple[list[PagePlan], int]:
    """:func:`plan_cards` for a source already through :func:`prepare_source`."""
    if not prepared.body.strip():
        raise InvalidInput("share.errors.empty_text")
    planner: Callable[[ShareSource, Format, int], list[PagePlan]] = module.plan  # type: ignore[attr-defined]
    for size in SIZES[style]["single"]:
        pages = planner(prepared, fmt, size)
        if len(pages) == 1:
            return pages, size
    for size in SIZES[style]["split"]:
        pages = planner(prepared, fmt, size)
        if len(pages) <= fmt.max_pages:
            return pages, size
    from journal.i18n import t

    raise InvalidInput("share.errors.too_long_for_format", format=t(f"share.formats.{fmt.name}"), pages=fmt.max_pages)


def mark_anchor(module: ModuleType, fmt: Format, label: Label) -> tuple[float, float]:
    """Where a style puts the AI mark (its footer's left end), or the image's bottom-left corner."""
    anchor = getattr(module, "mark_anchor", None)
    return anchor(fmt, mark_size(fmt.size, label)) if anchor else corner_anchor(fmt.size)


def render_cards(source: ShareSource, fmt: Format | str, style: str, theme: Theme | str | None = None,
                 label: Label | None = None) -> list[Card]:
    """Render every card of a post, in order; with ``label``, each card carries the visible AI mark."""
    fmt = _card_format(fmt)
    theme = theme if isinstance(theme, Theme) else get_theme(theme)
    module = _style_module(style)
    prepared = prepare_source(source, style)
    pages, size = _plan(prepared, fmt, module, style)
    total = len(pages)
    cards = []
    for index, page in enumerate(pages):
        image = module.draw(prepared, fmt, theme, size, page, index, total,  # type: ignore[attr-defined]
                            mark_width=mark_size(fmt.size, label)[0] if label else 0.0)
        box = None
        if label is not None:
            anchor = mark_anchor(module, fmt, label)
            draw_mark(image, label, theme.paper, theme.ink, anchor)
            box = mark_box(fmt.size, label, anchor)
        cards.append(Card(image=image, plan=page, index=index, total=total, font_size=size, mark_box=box))
    return cards
