"""The "chat" card: selected turns as message bubbles under the companion's name, like a phone screenshot."""

from __future__ import annotations

from PIL import Image, ImageDraw

from journal.share.drawing import avatar, ellipsize, gradient_canvas, rgb, rounded_rect, text_line
from journal.share.fonts import font_set
from journal.share.formats import Format
from journal.share.layout import Bubble, BubbleMetrics, PagePlan, paginate_bubbles
from journal.share.linebreak import visible, wrap
from journal.share.source import ShareSource
from journal.share.themes import Theme

HEADER_HEIGHT = 176
HEADER_AVATAR = 84
NAME_SIZE = 36
HEADER_TEXT_MARGIN = 140  # keeps the title clear of the page number
SIDE_MARGIN = 44
AVATAR_SIZE = 76
AVATAR_GAP = 20
BUBBLE_MAX_SHARE = 0.70  # of the card width: the other side stays open, as on a phone
BUBBLE_PAD_X, BUBBLE_PAD_Y = 34, 24
BUBBLE_RADIUS = 36
LINE_HEIGHT = 1.52
GAP_SAME, GAP_OTHER = 16, 40
TOP_GAP = 44  # below the header
STAMP_SIZE = 26  # the date chip above the first message
STAMP_HEIGHT = 56
INPUT_BAR_HEIGHT = 150  # the empty message field at the bottom
INPUT_PILL_HEIGHT = 80
SEND_BUTTON = 80
PAGE_NUMBER_SIZE = 26


def _text_width(fmt: Format) -> float:
    return fmt.width * BUBBLE_MAX_SHARE - 2 * BUBBLE_PAD_X


def _metrics(size: int) -> BubbleMetrics:
    return BubbleMetrics(size * LINE_HEIGHT, BUBBLE_PAD_Y, GAP_SAME, GAP_OTHER)


def _first_page_extra(source: ShareSource) -> float:
    return STAMP_HEIGHT + TOP_GAP / 2 if source.date_label() else 0.0


def plan(source: ShareSource, fmt: Format, size: int) -> list[PagePlan]:
    fonts = font_set(size)
    width = _text_width(fmt)
    turns = [(turn.is_user, wrap(turn.text, fonts.measure, width)) for turn in source.turns]
    room = fmt.height - HEADER_HEIGHT - TOP_GAP - INPUT_BAR_HEIGHT - TOP_GAP / 2
    extra = _first_page_extra(source)
    pages = paginate_bubbles(turns, lambda i: room - (extra if i == 0 else 0.0), _metrics(size))
    return [PagePlan(bubbles=page) for page in pages]


def _companion(source: ShareSource) -> str:
    if source.companion_name:
        return source.companion_name
    return next((t.speaker for t in source.turns if not t.is_user and t.speaker), "")


def draw(source: ShareSource, fmt: Format, theme: Theme, size: int, page: PagePlan, index: int,
         total: int, *, mark_width: float = 0.0) -> Image.Image:
    # bubbles stand out from a tinted screen, as on a phone; header and input bar are paper
    img = gradient_canvas(fmt.size, theme.background_top, theme.background_bottom)
    draw_ = ImageDraw.Draw(img)
    name = _companion(source)
    _draw_header(img, draw_, source, fmt, theme, name, index, total)
    y = HEADER_HEIGHT + TOP_GAP + _centring_offset(source, fmt, size, page, total)
    if index == 0 and source.date_label():
        y = _draw_stamp(img, draw_, fmt, theme, source.date_label(), y)
    fonts = font_set(size)
    metrics = _metrics(size)
    previous: Bubble | None = None
    for bubble in page.bubbles:
        if previous is not None:
            y += metrics.gap_same if previous.is_user == bubble.is_user else metrics.gap_other
        show_avatar = not bubble.is_user and not bubble.continued and (previous is None or previous.is_user)
        y = _draw_bubble(img, draw_, fmt, theme, fonts, metrics, bubble, y, show_avatar, name, source)
        previous = bubble
    _draw_input_bar(img, fmt, theme, mark_width)
    return img


def mark_anchor(fmt: Format, mark: tuple[float, float]) -> tuple[float, float]:
    """The AI mark sits at the left of the input bar, which then starts after it."""
    return (SIDE_MARGIN, fmt.height - (INPUT_BAR_HEIGHT - mark[1]) / 2)


def _block_height(bubbles: list[Bubble], metrics: BubbleMetrics) -> float:
    """The height the bubbles of one card take, gaps included (the rule :func:`paginate_bubbles` counts with)."""
    height = 0.0
    for number, bubble in enumerate(bubbles):
        if number:
            height += metrics.gap_same if bubbles[number - 1].is_user == bubble.is_user else metrics.gap_other
        height += len(bubble.lines) * metrics.line_height + 2 * metrics.pad_y
    return height


def _centring_offset(source: ShareSource, fmt: Format, size: int, page: PagePlan, total: int) -> float:
    """A short conversation on a single card sits in the middle of the screen, not under the header
    above an empty one (#20.9); a carousel keeps its cards aligned at the top."""
    if total > 1:
        return 0.0
    room = fmt.height - HEADER_HEIGHT - TOP_GAP - INPUT_BAR_HEIGHT - TOP_GAP / 2
    block = _first_page_extra(source) + _block_height(page.bubbles, _metrics(size))
    return max(0.0, (room - block) / 2)


def _draw_header(img: Image.Image, draw_: ImageDraw.ImageDraw, source: ShareSource, fmt: Format, theme: Theme,
                 name: str, index: int, total: int) -> None:
    img.paste(rgb(theme.paper), (0, 0, fmt.width, HEADER_HEIGHT))
    label = font_set(NAME_SIZE)
    # no companion (an entry shown as the writer's messages): the title heads the screen, without an avatar
    heading = name or source.title
    if heading:
        heading = ellipsize(heading, label.measure, fmt.width - 2 * HEADER_TEXT_MARGIN)
    avatar_room = HEADER_AVATAR + AVATAR_GAP if name else 0
    name_width = label.measure(heading) if heading else 0
    group = avatar_room + name_width - (AVATAR_GAP if name and not heading else 0)
    left = (fmt.width - group) / 2
    center_y = HEADER_HEIGHT / 2
    if name:
        avatar(img, (left + HEADER_AVATAR / 2, center_y), HEADER_AVATAR, name, source.companion_avatar,
               theme.accent, theme.paper)
    if heading:
        baseline = center_y + (label.ascent - label.descent) / 2 - 2
        label.draw(draw_, (left + avatar_room, baseline), heading, fill=theme.ink, embolden=1)
    draw_.line((0, HEADER_HEIGHT - 1, fmt.width, HEADER_HEIGHT - 1), fill=rgb(theme.background_bottom), width=2)
    if total > 1:
        meta = font_set(PAGE_NUMBER_SIZE)
        text = f"{index + 1}/{total}"
        baseline = center_y + (meta.ascent - meta.descent) / 2
        meta.draw(draw_, (fmt.width - SIDE_MARGIN - meta.measure(text), baseline), text, fill=theme.muted)


def _draw_stamp(img: Image.Image, draw_: ImageDraw.ImageDraw, fmt: Format, theme: Theme, label: str,
                y: float) -> float:
    meta = font_set(STAMP_SIZE)
    width = meta.measure(label) + 2 * STAMP_SIZE
    left = (fmt.width - width) / 2
    rounded_rect(img, (left, y, left + width, y + STAMP_HEIGHT), STAMP_HEIGHT / 2, theme.paper)
    text_line(draw_, meta, left + STAMP_SIZE, y, STAMP_HEIGHT, label, theme.muted)
    return y + STAMP_HEIGHT + TOP_GAP / 2


def _draw_bubble(img: Image.Image, draw_: ImageDraw.ImageDraw, fmt: Format, theme: Theme, fonts, metrics,
                 bubble: Bubble, y: float, show_avatar: bool, name: str, source: ShareSource) -> float:
    shown = [visible(line) for line in bubble.lines]
    width = max((fonts.measure(line) for line in shown), default=0) + 2 * BUBBLE_PAD_X
    height = len(bubble.lines) * metrics.line_height + 2 * metrics.pad_y
    if bubble.is_user:
        right = fmt.width - SIDE_MARGIN
        left = right - width
        fill, ink = theme.bubble_user, theme.bubble_user_ink
    else:
        left = SIDE_MARGIN + AVATAR_SIZE + AVATAR_GAP
        fill, ink = theme.bubble_other, theme.bubble_other_ink
        if show_avatar:
            avatar(img, (SIDE_MARGIN + AVATAR_SIZE / 2, y + AVATAR_SIZE / 2), AVATAR_SIZE, name,
                   source.companion_avatar, theme.accent, theme.paper)
    rounded_rect(img, (left, y, left + width, y + height), BUBBLE_RADIUS, fill)
    top = y + metrics.pad_y
    for line in shown:
        if line:
            text_line(draw_, fonts, left + BUBBLE_PAD_X, top, metrics.line_height, line, ink)
        top += metrics.line_height
    return y + height


def _draw_input_bar(img: Image.Image, fmt: Format, theme: Theme, mark_width: float = 0.0) -> None:
    top = fmt.height - INPUT_BAR_HEIGHT
    img.paste(rgb(theme.paper), (0, top, fmt.width, fmt.height))
    ImageDraw.Draw(img).line((0, top, fmt.width, top), fill=rgb(theme.background_bottom), width=2)
    pill_top = top + (INPUT_BAR_HEIGHT - INPUT_PILL_HEIGHT) / 2
    right = fmt.width - SIDE_MARGIN - SEND_BUTTON - AVATAR_GAP
    left = SIDE_MARGIN + (mark_width + AVATAR_GAP if mark_width else 0)  # the AI mark takes the bar's left end
    rounded_rect(img, (left, pill_top, right, pill_top + INPUT_PILL_HEIGHT), INPUT_PILL_HEIGHT / 2,
                 theme.background_top)
    button_left = fmt.width - SIDE_MARGIN - SEND_BUTTON
    rounded_rect(img, (button_left, pill_top, button_left + SEND_BUTTON, pill_top + SEND_BUTTON), SEND_BUTTON / 2,
                 theme.accent)
    # a small paper-plane-like chevron on the send button, drawn so no icon font is needed
    cx, cy = button_left + SEND_BUTTON / 2, pill_top + SEND_BUTTON / 2
    ImageDraw.Draw(img).polygon([(cx - 14, cy - 16), (cx + 18, cy), (cx - 14, cy + 16), (cx - 8, cy)],
                                fill=rgb(theme.paper))
