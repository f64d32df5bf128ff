"""The "page" card: a sheet of journal paper with the title and date on the first card."""

from __future__ import annotations

from dataclasses import dataclass

from PIL import Image, ImageDraw

from journal.share.drawing import baseline, gradient_canvas, rounded_rect, soft_shadow, text_line
from journal.share.fonts import font_set
from journal.share.formats import Format
from journal.share.layout import PagePlan, line_tops, paginate_lines
from journal.share.linebreak import visible, wrap
from journal.share.source import ShareSource
from journal.share.themes import Theme

SHEET_MARGIN = 56  # background visible around the sheet
SHEET_RADIUS = 44
SHEET_PADDING_X = 76
SHEET_PADDING_TOP = 92
FOOTER_HEIGHT = 124  # page number and AI mark at the bottom of the sheet
MARK_BOTTOM_GAP = 14  # between the AI mark and the sheet's lower edge
JUSTIFY_MAX_SLACK = 0.1  # stretch a line to the margin only if it is at least 90% full
LINE_HEIGHT = 1.8  # body line box as a multiple of the font size: airy, as notes on a phone are
PARAGRAPH_GAP = 0.55  # an empty line, as a share of a body line
TITLE_SCALE = 1.42
TITLE_LINE_HEIGHT = 1.38
META_SIZE = 28
RULE_WIDTH, RULE_HEIGHT = 72, 6
HEADER_GAP = 40  # between title, date, rule and body
SHADOW_BLUR, SHADOW_STRENGTH, SHADOW_OFFSET = 22, 34, 10


@dataclass(frozen=True)
class _Geometry:
    left: float
    right: float
    body_top: float  # where body text starts on pages after the first
    body_bottom: float
    title_lines: tuple[str, ...]
    title_size: int
    header_height: float  # room the title block takes on the first page


def _geometry(source: ShareSource, fmt: Format, size: int) -> _Geometry:
    left = SHEET_MARGIN + SHEET_PADDING_X
    right = fmt.width - SHEET_MARGIN - SHEET_PADDING_X
    top = SHEET_MARGIN + SHEET_PADDING_TOP
    bottom = fmt.height - SHEET_MARGIN - FOOTER_HEIGHT
    title_size = round(size * TITLE_SCALE)
    title_lines: tuple[str, ...] = ()
    header = 0.0
    if source.title:
        title_lines = tuple(wrap(source.title, font_set(title_size).measure, right - left))
        header += len(title_lines) * title_size * TITLE_LINE_HEIGHT + HEADER_GAP / 2
    if source.date_label() or source.title:
        header += META_SIZE * 1.6 + HEADER_GAP / 2 + RULE_HEIGHT + HEADER_GAP
    return _Geometry(left, right, top, bottom, title_lines, title_size, header)


def plan(source: ShareSource, fmt: Format, size: int) -> list[PagePlan]:
    geo = _geometry(source, fmt, size)
    fonts = font_set(size)
    # Body text breaks between any two characters (kinsoku rules kept): full lines, as printed Chinese
    # prose is set; phrase-level breaks are for titles and quotes, where short lines read well.
    lines = wrap(source.body, fonts.measure, geo.right - geo.left, phrases=False)
    height = geo.body_bottom - geo.body_top

    def capacity(index: int) -> float:
        return height - geo.header_height if index == 0 else height

    line_h = size * LINE_HEIGHT
    pages = paginate_lines(lines, capacity, line_h, line_h * PARAGRAPH_GAP)
    return [PagePlan(lines=page) for page in pages]


def _centring_offset(geo: _Geometry, page: PagePlan, size: int, total: int) -> float:
    """How far down a single card's title and text move so they sit in the middle of the sheet, not at its top
    above an empty page (#20.9). A carousel keeps its pages aligned."""
    if total > 1:
        return 0.0
    line_h = size * LINE_HEIGHT
    tops = line_tops(page.lines, 0.0, line_h, line_h * PARAGRAPH_GAP)
    last = max((i for i, line in enumerate(page.lines) if visible(line)), default=-1)
    block = geo.header_height + (tops[last] + line_h if last >= 0 else 0.0)
    return max(0.0, (geo.body_bottom - geo.body_top - block) / 2)


def draw(source: ShareSource, fmt: Format, theme: Theme, size: int, page: PagePlan, index: int,
         total: int, *, mark_width: float = 0.0) -> Image.Image:
    geo = _geometry(source, fmt, size)
    img = gradient_canvas(fmt.size, theme.background_top, theme.background_bottom)
    sheet = (SHEET_MARGIN, SHEET_MARGIN, fmt.width - SHEET_MARGIN, fmt.height - SHEET_MARGIN)
    soft_shadow(img, sheet, SHEET_RADIUS, SHADOW_STRENGTH if not theme.dark else SHADOW_STRENGTH * 2,
                SHADOW_BLUR, SHADOW_OFFSET)
    rounded_rect(img, sheet, SHEET_RADIUS, theme.paper)
    draw_ = ImageDraw.Draw(img)
    y = geo.body_top + _centring_offset(geo, page, size, total)
    if index == 0:
        y = _draw_header(draw_, img, source, theme, geo, y)
    fonts = font_set(size)
    line_h = size * LINE_HEIGHT
    width = geo.right - geo.left
    tops = line_tops(page.lines, y, line_h, line_h * PARAGRAPH_GAP)
    for number, (line, top) in enumerate(zip(page.lines, tops)):
        shown = visible(line)
        if not shown:
            continue
        last_of_text = index == total - 1 and number == len(page.lines) - 1
        if not last_of_text and _justify(line, fonts.measure(shown), width):
            fonts.draw_justified(draw_, (geo.left, baseline(fonts, top, line_h)), shown, width, theme.ink)
        else:
            text_line(draw_, fonts, geo.left, top, line_h, shown, theme.ink)
    if total > 1:
        meta = font_set(META_SIZE)
        label = f"{index + 1} / {total}"
        footer = fmt.height - SHEET_MARGIN - FOOTER_HEIGHT / 2 + META_SIZE / 2
        meta.draw(draw_, (geo.right - meta.measure(label), footer), label, fill=theme.muted)
    return img


def mark_anchor(fmt: Format, mark: tuple[float, float]) -> tuple[float, float]:
    """The AI mark sits in the sheet's footer, under the text's left edge."""
    return (SHEET_MARGIN + SHEET_PADDING_X - mark[1] * 0.3, fmt.height - SHEET_MARGIN - MARK_BOTTOM_GAP)


def _justify(line: str, measured: float, width: float) -> bool:
    """Justify lines that wrapped (not a paragraph's last line) and are nearly full already."""
    return not line.endswith(("\n", "\r")) and measured >= width * (1 - JUSTIFY_MAX_SLACK)


def _draw_header(draw_: ImageDraw.ImageDraw, img: Image.Image, source: ShareSource, theme: Theme, geo: _Geometry,
                 y: float) -> float:
    if geo.title_lines:
        fonts = font_set(geo.title_size)
        line_h = geo.title_size * TITLE_LINE_HEIGHT
        for line in geo.title_lines:
            text_line(draw_, fonts, geo.left, y, line_h, visible(line), theme.ink, embolden=1)
            y += line_h
        y += HEADER_GAP / 2
    if source.date_label() or source.title:
        meta = font_set(META_SIZE)
        if source.date_label():
            text_line(draw_, meta, geo.left, y, META_SIZE * 1.6, source.date_label(), theme.muted)
        y += META_SIZE * 1.6 + HEADER_GAP / 2
        rounded_rect(img, (geo.left, y, geo.left + RULE_WIDTH, y + RULE_HEIGHT), RULE_HEIGHT / 2, theme.accent)
        y += RULE_HEIGHT + HEADER_GAP
    return y
