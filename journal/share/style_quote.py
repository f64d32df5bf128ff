"""The "quote" card: one line, large, on a calm gradient, with a quotation mark and who said it."""

from __future__ import annotations

from functools import lru_cache

from PIL import Image, ImageDraw

from journal.share.drawing import gradient_canvas, rounded_rect, text_line
from journal.share.fonts import font_set
from journal.share.formats import Format
from journal.share.layout import PagePlan, line_tops, paginate_lines
from journal.share.linebreak import balanced_wrap, visible, wrap
from journal.share.source import ShareSource
from journal.share.themes import Theme

MARGIN_X = 108
TOP_RESERVED = 330  # the quotation mark lives here
BOTTOM_RESERVED = 300  # attribution, date and page number
LINE_HEIGHT = 1.62
PARAGRAPH_GAP = 0.6
CENTERED_MAX_LINES = 4  # a short quote is centred line by line; a longer one reads better flush left
QUOTE_MARK = "\u201c"
QUOTE_MARK_SIZE = 300
QUOTE_MARK_GAP = 24  # between the mark's glyph and the first line
ATTRIBUTION_SIZE = 34
META_SIZE = 28
ATTRIBUTION_GAP = 72
DASH_WIDTH, DASH_HEIGHT = 48, 4
PAGE_NUMBER_BOTTOM = 90


@lru_cache(maxsize=4)
def _ink_box(size: int, text: str) -> tuple[int, int, int, int]:
    """Where ``text`` puts ink, relative to its origin on the baseline (Pillow's ``getbbox`` gives the
    layout box, which for “ is the whole full-width em square)."""
    font = font_set(size).primary
    canvas = Image.new("L", (size * 3, size * 3))
    ImageDraw.Draw(canvas).text((size, size * 2), text, font=font, fill=255, anchor="ls")
    left, top, right, bottom = canvas.getbbox() or (size, size * 2, size, size * 2)
    return left - size, top - size * 2, right - size, bottom - size * 2


def attribution_of(source: ShareSource) -> str:
    if source.attribution:
        return source.attribution
    if source.kind == "turns":
        speakers = {turn.speaker for turn in source.turns if turn.speaker}
        return speakers.pop() if len(speakers) == 1 else source.companion_name
    return source.title


def plan(source: ShareSource, fmt: Format, size: int) -> list[PagePlan]:
    fonts = font_set(size)
    width = fmt.width - 2 * MARGIN_X
    line_h = size * LINE_HEIGHT
    room = fmt.height - TOP_RESERVED - BOTTOM_RESERVED
    pages = paginate_lines(wrap(source.body, fonts.measure, width), lambda _index: room, line_h,
                           line_h * PARAGRAPH_GAP)
    if len(pages) == 1:
        # balancing never adds a line, so a quote that fits still fits; it is only worth it for one card
        pages = [balanced_wrap(source.body, fonts.measure, width)]
    return [PagePlan(lines=page) for page in pages]


def _block_height(lines: list[str], line_h: float) -> float:
    tops = line_tops(lines, 0.0, line_h, line_h * PARAGRAPH_GAP)
    last = max((i for i, line in enumerate(lines) if visible(line)), default=-1)
    return tops[last] + line_h if last >= 0 else 0.0


def _footer_height(source: ShareSource) -> float:
    height = 0.0
    if attribution_of(source) or source.date_label():
        height += ATTRIBUTION_GAP + DASH_HEIGHT + ATTRIBUTION_SIZE / 2
    if attribution_of(source):
        height += ATTRIBUTION_SIZE * 1.5
    if source.date_label():
        height += META_SIZE * 1.6
    return height


def mark_anchor(fmt: Format, mark: tuple[float, float]) -> tuple[float, float]:
    """The AI mark sits in the bottom-left corner, on the page number's line."""
    return (MARGIN_X - mark[1] * 0.3, fmt.height - PAGE_NUMBER_BOTTOM + mark[1] / 2 - META_SIZE / 3)


def draw(source: ShareSource, fmt: Format, theme: Theme, size: int, page: PagePlan, index: int,
         total: int, *, mark_width: float = 0.0) -> Image.Image:
    img = gradient_canvas(fmt.size, theme.background_top, theme.background_bottom)
    draw_ = ImageDraw.Draw(img)
    fonts = font_set(size)
    line_h = size * LINE_HEIGHT
    last = index == total - 1
    block = _block_height(page.lines, line_h)
    group = block + (_footer_height(source) if last else 0.0)
    mark = font_set(QUOTE_MARK_SIZE)
    # the glyph of “ sits high and (in the CJK face) right in its box: place the ink, not the box
    mark_box = _ink_box(QUOTE_MARK_SIZE, QUOTE_MARK)
    mark_height = mark_box[3] - mark_box[1] + QUOTE_MARK_GAP
    # mark, text and attribution are centred together, the text never above TOP_RESERVED
    top = max(TOP_RESERVED, (fmt.height - group - mark_height) / 2 + mark_height)
    widths = [fonts.measure(visible(line)) for line in page.lines]
    centered = sum(1 for line in page.lines if visible(line)) <= CENTERED_MAX_LINES
    ink_left, ink_width = mark_box[0], mark_box[2] - mark_box[0]
    mark_x = ((fmt.width - ink_width) / 2 if centered else MARGIN_X) - ink_left
    mark_baseline = top - QUOTE_MARK_GAP - mark_box[3]
    mark.draw(draw_, (mark_x, mark_baseline), QUOTE_MARK, fill=theme.accent)

    for line, width, y in zip(page.lines, widths, line_tops(page.lines, top, line_h, line_h * PARAGRAPH_GAP)):
        if not visible(line):
            continue
        x = (fmt.width - width) / 2 if centered else MARGIN_X
        text_line(draw_, fonts, x, y, line_h, visible(line), theme.ink)

    y = top + block + ATTRIBUTION_GAP
    who = attribution_of(source)
    if last and (who or source.date_label()):
        center = fmt.width / 2
        rounded_rect(img, (center - DASH_WIDTH / 2, y, center + DASH_WIDTH / 2, y + DASH_HEIGHT), DASH_HEIGHT / 2,
                     theme.accent)
        y += DASH_HEIGHT + ATTRIBUTION_SIZE / 2
        if who:
            att = font_set(ATTRIBUTION_SIZE)
            text_line(draw_, att, center - att.measure(who) / 2, y, ATTRIBUTION_SIZE * 1.5, who, theme.ink, embolden=1)
            y += ATTRIBUTION_SIZE * 1.5
        if source.date_label():
            meta = font_set(META_SIZE)
            label = source.date_label()
            text_line(draw_, meta, center - meta.measure(label) / 2, y, META_SIZE * 1.6, label, theme.muted)
    if total > 1:
        meta = font_set(META_SIZE)
        label = f"{index + 1} / {total}"
        meta.draw(draw_, ((fmt.width - meta.measure(label)) / 2, fmt.height - PAGE_NUMBER_BOTTOM), label,
                  fill=theme.muted)
    return img
