"""A gentle generated portrait for a companion without a picture, so every card PNG has an image to carry it.

The colours are chosen from the name (the same companion always gets the
same portrait): a soft two-tone gradient, a pale circle with the name's first
letter or character, and the name beneath, in the bundled CJK-capable font.
"""

from __future__ import annotations

import hashlib
import io
from functools import lru_cache

from PIL import Image, ImageDraw

from journal.errors import DuetError
from journal.store.sealed import read_bytes

AVATAR_SIZE = (400, 600)          # the 2:3 portrait character cards use
CIRCLE_RATIO = 0.56               # circle diameter as a share of the width
CIRCLE_CENTER_Y = 0.42            # circle centre as a share of the height
INITIAL_RATIO = 0.46              # initial's font size as a share of the circle
NAME_SIZE = 34
NAME_GAP = 40                     # pixels between the circle and the name
NAME_MARGIN = 28                  # pixels kept clear at each side of the name
GENERATED_CACHE = 512             # portraits kept in memory (about 10 KB each)
WEBP_QUALITY = 85                 # lossy thumbnails (chat bubbles) stay a few KB

# (top colour, bottom colour, circle, ink): dusk, sea glass, apricot, lavender, moss, rose.
PALETTES = (
    ((58, 64, 110), (196, 140, 160), (246, 232, 236), (70, 60, 100)),
    ((84, 140, 150), (214, 232, 220), (244, 250, 246), (44, 92, 100)),
    ((232, 150, 110), (250, 222, 190), (255, 246, 236), (150, 80, 50)),
    ((140, 120, 190), (226, 214, 240), (248, 244, 252), (84, 64, 130)),
    ((96, 128, 92), (220, 228, 196), (246, 248, 238), (60, 84, 56)),
    ((200, 110, 130), (248, 214, 210), (255, 244, 244), (130, 56, 72)),
)


def _palette(name: str) -> tuple[tuple[int, int, int], ...]:
    digest = hashlib.sha256(name.strip().casefold().encode("utf-8")).digest()
    return PALETTES[digest[0] % len(PALETTES)]


def generated_avatar(name: str) -> Image.Image:
    from journal.share.drawing import ellipsize, gradient_canvas, initial_of
    from journal.share.fonts import font_set

    width, height = AVATAR_SIZE
    top, bottom, circle, ink = _palette(name)
    img = gradient_canvas(AVATAR_SIZE, top, bottom)
    draw = ImageDraw.Draw(img)
    diameter = round(width * CIRCLE_RATIO)
    cx, cy = width / 2, height * CIRCLE_CENTER_Y
    draw.ellipse((cx - diameter / 2, cy - diameter / 2, cx + diameter / 2, cy + diameter / 2), fill=circle)
    fonts = font_set(round(diameter * INITIAL_RATIO))
    letter = initial_of(name)
    baseline = cy + (fonts.ascent - fonts.descent) / 2
    fonts.draw(draw, (cx - fonts.measure(letter) / 2, baseline), letter, fill=ink, embolden=1)
    name_fonts = font_set(NAME_SIZE)
    label = ellipsize(name.strip(), name_fonts.measure, width - 2 * NAME_MARGIN)
    name_baseline = cy + diameter / 2 + NAME_GAP + name_fonts.ascent
    name_fonts.draw(draw, (cx - name_fonts.measure(label) / 2, name_baseline), label, fill=ink, embolden=1)
    return img


@lru_cache(maxsize=GENERATED_CACHE)
def thumbnail(path: str | None, mtime_ns: int, name: str, box: tuple[int, int], fmt: str = "PNG") -> bytes:
    """A small picture of the avatar file at ``path`` (or of the generated portrait), scaled to fit ``box``.

    Pages show many avatars per rerun; handing Streamlit full-size pictures
    made it decode and scale each one every time. The file's mtime is part
    of the key, so a new picture gives a new thumbnail.
    """
    from PIL import ImageOps

    picture = None
    if path:
        try:
            with Image.open(io.BytesIO(read_bytes(path))) as opened:
                picture = opened.convert("RGBA" if "A" in opened.getbands() else "RGB")
        except (OSError, ValueError, SyntaxError, DuetError, Image.DecompressionBombError):
            picture = None
    if picture is None:
        picture = generated_avatar(name)
    picture = ImageOps.contain(picture, box, Image.Resampling.LANCZOS)
    out = io.BytesIO()
    picture.save(out, format=fmt, **({"quality": WEBP_QUALITY} if fmt == "WEBP" else {}))
    return out.getvalue()


@lru_cache(maxsize=GENERATED_CACHE)
def generated_avatar_png(name: str) -> bytes:
    out = io.BytesIO()
    generated_avatar(name).save(out, format="PNG", optimize=True)
    return out.getvalue()
