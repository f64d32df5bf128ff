"""Drawing primitives for cards: soft gradients, anti-aliased rounded shapes, avatars, lines of text.

Pillow draws rounded rectangles and circles without anti-aliasing, which
looks cheap on a phone screen; shapes here are drawn on a mask at
:data:`SUPERSAMPLE` times the size and scaled down, text is left to FreeType.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageColor, ImageDraw, ImageFilter, ImageOps
from uniseg.graphemecluster import grapheme_clusters

from journal.share.fonts import FontSet, font_set
from journal.errors import DuetError
from journal.store.sealed import read_bytes

SUPERSAMPLE = 3
AVATAR_INITIAL_RATIO = 0.46  # the initial's font size as a share of the circle's diameter

Color = str | tuple[int, ...]


def rgb(color: Color) -> tuple[int, int, int]:
    value = ImageColor.getrgb(color) if isinstance(color, str) else color
    return tuple(value[:3])  # type: ignore[return-value]


@lru_cache(maxsize=16)
def _gradient(size: tuple[int, int], top: Color, bottom: Color) -> Image.Image:
    mask = Image.linear_gradient("L").resize(size)
    return Image.composite(Image.new("RGB", size, rgb(bottom)), Image.new("RGB", size, rgb(top)), mask)


def gradient_canvas(size: tuple[int, int], top: Color, bottom: Color) -> Image.Image:
    """A new RGB image with a vertical gradient from ``top`` to ``bottom``."""
    return _gradient(size, top, bottom).copy()


@lru_cache(maxsize=32)
def _corner(radius: int) -> Image.Image:
    """The top-left quarter of a circle of ``radius``, anti-aliased by drawing it larger and scaling down."""
    big = Image.new("L", (radius * 2 * SUPERSAMPLE, radius * 2 * SUPERSAMPLE), 0)
    ImageDraw.Draw(big).ellipse((0, 0, big.width - 1, big.height - 1), fill=255)
    small = big.resize((radius * 2, radius * 2), Image.Resampling.LANCZOS)
    return small.crop((0, 0, radius, radius))


@lru_cache(maxsize=128)
def _shape_mask(size: tuple[int, int], radius: int) -> Image.Image:
    """A rounded-rectangle mask; only the four corners need anti-aliasing, so only they are supersampled."""
    w, h = size
    radius = max(0, min(radius, w // 2, h // 2))
    mask = Image.new("L", size, 255)
    if radius == 0:
        return mask
    corner = _corner(radius)
    mask.paste(corner, (0, 0))
    mask.paste(corner.transpose(Image.Transpose.FLIP_LEFT_RIGHT), (w - radius, 0))
    mask.paste(corner.transpose(Image.Transpose.FLIP_TOP_BOTTOM), (0, h - radius))
    mask.paste(corner.transpose(Image.Transpose.ROTATE_180), (w - radius, h - radius))
    return mask


def rounded_rect(img: Image.Image, box: tuple[float, float, float, float], radius: float, fill: Color) -> None:
    """A smooth-edged rounded rectangle, ``box`` = (left, top, right, bottom); a full radius makes a pill or circle."""
    left, top, right, bottom = (round(v) for v in box)
    size = (right - left, bottom - top)
    if size[0] <= 0 or size[1] <= 0:
        return
    img.paste(Image.new("RGB", size, rgb(fill)), (left, top), _shape_mask(size, round(radius)))


@lru_cache(maxsize=8)
def _shadow_mask(size: tuple[int, int], radius: int, strength: int, blur: int) -> Image.Image:
    pad = blur * 3
    w, h = size[0] + 2 * pad, size[1] + 2 * pad
    mask = Image.new("L", (w, h), 0)
    ImageDraw.Draw(mask).rounded_rectangle((pad, pad, w - pad, h - pad), radius=radius, fill=strength)
    return mask.filter(ImageFilter.GaussianBlur(blur))


def soft_shadow(img: Image.Image, box: tuple[float, float, float, float], radius: float, strength: int, blur: int,
                offset: int = 0) -> None:
    """A blurred dark halo under ``box``, so a sheet of paper seems to lie on the background."""
    left, top, right, bottom = (round(v) for v in box)
    mask = _shadow_mask((right - left, bottom - top), round(radius), strength, blur)
    pad = blur * 3
    img.paste(Image.new("RGB", mask.size, (0, 0, 0)), (left - pad, top - pad + offset), mask)


def initial_of(name: str) -> str:
    """The first letter or character of a name, as a person would write it in a circle."""
    for cluster in grapheme_clusters(name.strip()):
        if not cluster.isspace():
            return cluster.upper()
    return "·"


def ellipsize(text: str, measure: Callable[[str], float], width: float) -> str:
    """``text`` as it is when it fits ``width``, else shortened with "…", as a phone shortens a header."""
    if measure(text) <= width:
        return text
    while text and measure(text + "…") > width:
        text = text[:-1]
    return text + "…"


def avatar(img: Image.Image, center: tuple[float, float], diameter: int, name: str, image_path: Path | None,
           background: Color, ink: Color) -> None:
    """A round avatar: the companion's picture if it opens, else its initial on a coloured circle."""
    cx, cy = center
    left, top = round(cx - diameter / 2), round(cy - diameter / 2)
    mask = _shape_mask((diameter, diameter), diameter // 2)
    picture = _open_picture(image_path, diameter) if image_path else None
    if picture is not None:
        img.paste(picture, (left, top), mask)
        return
    img.paste(Image.new("RGB", (diameter, diameter), rgb(background)), (left, top), mask)
    fonts = font_set(round(diameter * AVATAR_INITIAL_RATIO))
    draw = ImageDraw.Draw(img)
    letter = initial_of(name)
    width = fonts.measure(letter)
    baseline = cy + (fonts.ascent - fonts.descent) / 2 - fonts.size * 0.08
    fonts.draw(draw, (cx - width / 2, baseline), letter, fill=ink, embolden=1)


def _open_picture(path: Path, diameter: int) -> Image.Image | None:
    """The picture cropped square, or ``None`` when the file is missing or not an image (never a crash)."""
    try:
        with Image.open(io.BytesIO(read_bytes(path))) as opened:
            picture = ImageOps.exif_transpose(opened).convert("RGB")
    except (OSError, ValueError, DuetError, Image.DecompressionBombError):
        return None
    return ImageOps.fit(picture, (diameter, diameter), Image.Resampling.LANCZOS)


def text_line(draw: ImageDraw.ImageDraw, fonts: FontSet, x: float, top: float, line_height: float, text: str,
              fill: Color, embolden: int = 0) -> None:
    """Draw one line so its glyphs sit in the middle of a line box starting at ``top``."""
    fonts.draw(draw, (x, baseline(fonts, top, line_height)), text, fill=fill, embolden=embolden)


def baseline(fonts: FontSet, top: float, line_height: float) -> float:
    """The baseline that centres a line's glyphs in a line box starting at ``top``."""
    return top + (line_height - (fonts.ascent + fonts.descent)) / 2 + fonts.ascent
