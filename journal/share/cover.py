"""The cover: the first image of a carousel, its title large enough to read in a feed's thumbnail.

On Xiaohongshu the first image is what people see in the grid, and a title
longer than about 20 characters is folded; the pre-flight check warns about
that. The background is the theme's gradient, or a picture from the notebook,
darkened towards the bottom so the title stays legible on any photo.
"""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image, ImageDraw, ImageOps

from journal.share.drawing import gradient_canvas, rounded_rect, text_line
from journal.share.fonts import font_set
from journal.share.formats import Format
from journal.share.linebreak import balanced_wrap, visible
from journal.share.themes import Theme
from journal.errors import DuetError
from journal.store.sealed import read_bytes

TITLE_SIZES = (132, 120, 108, 96, 84, 72)  # the largest that fits in TITLE_MAX_LINES is used
TITLE_MAX_LINES = 3
TITLE_LINE_HEIGHT = 1.25
MARGIN_X = 96
SUBTITLE_SIZE = 36
RULE_WIDTH, RULE_HEIGHT = 96, 8
GAP = 44
PHOTO_SHADE = (0.15, 0.70)  # darkness of the photo's overlay at the top and at the bottom
PHOTO_INK = "#FFFFFF"


def open_photo(path: Path | None, size: tuple[int, int]) -> Image.Image | None:
    """The picture cropped to the card, or ``None`` when it is missing or not an image (never a crash)."""
    if path is None:
        return None
    try:
        with Image.open(io.BytesIO(read_bytes(path))) as opened:
            picture = ImageOps.exif_transpose(opened).convert("RGB")
    except (OSError, ValueError, DuetError, Image.DecompressionBombError):
        return None
    return ImageOps.fit(picture, size, Image.Resampling.LANCZOS)


def _shaded(photo: Image.Image) -> Image.Image:
    top, bottom = PHOTO_SHADE
    mask = Image.linear_gradient("L").resize(photo.size).point(lambda v: round(255 * (top + (bottom - top) * v / 255)))
    return Image.composite(Image.new("RGB", photo.size, (0, 0, 0)), photo, mask)


def title_lines(title: str, fmt: Format) -> tuple[list[str], int]:
    """The title wrapped in balanced lines at the largest size that keeps it within a few lines."""
    width = fmt.width - 2 * MARGIN_X
    for size in TITLE_SIZES:
        lines = balanced_wrap(title, font_set(size).measure, width)
        if len([line for line in lines if visible(line)]) <= TITLE_MAX_LINES:
            return lines, size
    size = TITLE_SIZES[-1]
    return balanced_wrap(title, font_set(size).measure, width), size


def draw_cover(fmt: Format, theme: Theme, title: str, subtitle: str = "", photo: Path | None = None) -> Image.Image:
    """The cover image: a large title centred, a short accent rule and a subtitle (date, companion) under it."""
    picture = open_photo(photo, fmt.size)
    if picture is not None:
        img, ink, muted = _shaded(picture), PHOTO_INK, PHOTO_INK
    else:
        img, ink, muted = gradient_canvas(fmt.size, theme.background_top, theme.background_bottom), theme.ink, theme.muted
    draw = ImageDraw.Draw(img)
    lines, size = title_lines(title, fmt)
    lines = [visible(line) for line in lines if visible(line)]
    line_h = size * TITLE_LINE_HEIGHT
    block = len(lines) * line_h + GAP + RULE_HEIGHT + (GAP + SUBTITLE_SIZE * 1.5 if subtitle else 0)
    y = (fmt.height - block) / 2
    fonts = font_set(size)
    for line in lines:
        text_line(draw, fonts, (fmt.width - fonts.measure(line)) / 2, y, line_h, line, ink, embolden=2)
        y += line_h
    y += GAP
    center = fmt.width / 2
    rounded_rect(img, (center - RULE_WIDTH / 2, y, center + RULE_WIDTH / 2, y + RULE_HEIGHT), RULE_HEIGHT / 2,
                 theme.accent)
    y += RULE_HEIGHT + GAP
    if subtitle:
        meta = font_set(SUBTITLE_SIZE)
        text_line(draw, meta, center - meta.measure(subtitle) / 2, y, SUBTITLE_SIZE * 1.5, subtitle, muted)
    return img


PICTURE_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".heic", ".gif")
PICTURES_LIMIT = 200


def notebook_pictures(home: Path) -> list[Path]:
    """Pictures kept in the notebook (``attachments/``, as imports and the vault put them), newest first."""
    folder = Path(home) / "attachments"
    if not folder.is_dir():
        return []
    found = [p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in PICTURE_SUFFIXES]
    return sorted(found, key=lambda p: p.stat().st_mtime, reverse=True)[:PICTURES_LIMIT]
