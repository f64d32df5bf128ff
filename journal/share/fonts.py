"""The fonts every card is set in, shipped as Python packages so a card looks the same on every machine.

Noto Sans CJK (``noto-cjk[sans]``) covers Chinese, Japanese, Korean and Latin.
Emoji and a few symbols it lacks come from Noto Emoji (monochrome) in
``manimgx-fonts`` when that package is installed; a character no font covers
is drawn with the CJK font's fallback box rather than crashing.
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


def fallback_font_paths() -> list[Path]:
    """Fonts tried, in order, for characters the CJK font does not have (emoji, rare symbols)."""
    try:
        import manimgx_fonts
    except ImportError:
        return []
    folder = Path(manimgx_fonts.__file__).parent
    names = ("NotoEmoji[wght].ttf", "NotoSansSymbols[wght].ttf", "NotoSans[wght].ttf")
    return [folder / name for name in names if (folder / name).exists()]


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

    def load(self, size: int) -> ImageFont.FreeTypeFont:
        return ImageFont.truetype(self.path, size, index=self.index)

    @property
    def coverage(self) -> frozenset[int]:
        return _coverage(self.path, self.index)


@lru_cache(maxsize=1)
def _faces() -> tuple[_Face, ...]:
    primary = _Face(str(cjk_font_path()), CJK_FACE_INDEX_SC)
    return (primary, *(_Face(str(p), 0) for p in fallback_font_paths()))


class FontSet:
    """One size of the card typeface: measures and draws text, switching font per character as needed."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._faces = _faces()
        self._fonts = [face.load(size) for face in self._faces]
        self.primary = self._fonts[0]
        ascent, descent = self.primary.getmetrics()
        self.ascent, self.descent = ascent, descent

    def _font_index(self, char: str) -> int:
        code = ord(char)
        for i, face in enumerate(self._faces):
            if code in face.coverage:
                return i
        return 0

    def runs(self, text: str) -> list[tuple[str, ImageFont.FreeTypeFont]]:
        """Split ``text`` into pieces that one font can draw, in order."""
        out: list[tuple[str, int]] = []
        for char in text:
            index = out[-1][1] if (out and ord(char) in _ATTACHING) else self._font_index(char)
            if out and out[-1][1] == index:
                out[-1] = (out[-1][0] + char, index)
            else:
                out.append((char, index))
        return [(piece, self._fonts[index]) for piece, index in out]

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
        for piece, font in self.runs(text):
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
