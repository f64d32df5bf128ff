"""China's labels for AI-generated content (GB 45438-2025) on everything Duet shares that holds AI words.

Since 2025-09-01 the 《人工智能生成合成内容标识办法》 and the mandatory standard
GB 45438-2025 ask for two labels on AI-generated images and text:

- an **explicit** one people see: on an image, a mark such as "AI生成" at an
  edge or corner, its text at least 5% of the image's shorter side high; in a
  text, a mark at its start or end;
- an **implicit** one in the file: for images, XMP in the TC260 namespace
  ``http://www.tc260.org.cn/ns/AIGC/1.0/`` whose ``AIGC`` property is a JSON
  object (``Label``, ``ContentProducer``, ``ProduceID``, ``ReservedCode1``,
  ``ContentPropagator``, ``PropagateID``, ``ReservedCode2``).

Duet is the producer (its name and version), and the ID is a hash of the
content, so the same post always carries the same ID and a changed one a new ID.
The propagator fields are left for the platform that publishes the post. A post
made only of the person's own words carries no label: the rules are about AI
content, and a false label would misinform as much as a missing one. There is
no switch to turn a label off (removing it is what the rules forbid).
"""

from __future__ import annotations

import hashlib
import html
import json
import math
from dataclasses import dataclass
from functools import lru_cache

from PIL import Image, ImageDraw

from journal.share.source import ShareSource

TC260_NAMESPACE = "http://www.tc260.org.cn/ns/AIGC/1.0/"
XMP_KEYWORD = "XML:com.adobe.xmp"  # the PNG iTXt keyword XMP lives under
LABEL_GENERATED = "1"  # the standard's values: 1 generated, 2 possibly generated, 3 suspected
MIN_TEXT_HEIGHT_RATIO = 0.05  # the standard: the mark's text at least 5% of the image's shorter side
TEXT_HEIGHT_RATIO = 0.056  # what Duet draws: a margin over the minimum, measured on the glyphs' ink
CORNER_MARGIN_RATIO = 0.035  # from the image's edges, as a share of the shorter side
PAD_X, PAD_Y = 0.42, 0.26  # the pill around the mark, as shares of the font size
MARK_TEXT = {"zh": "AI生成", "en": "AI-generated"}
TEXT_LINE = {"zh": "【AI生成】本文含人工智能生成的内容。", "en": "[AI-generated] This post contains AI-generated text."}
FIELDS = ("Label", "ContentProducer", "ProduceID", "ReservedCode1", "ContentPropagator", "PropagateID",
          "ReservedCode2")


def producer() -> str:
    """The ``ContentProducer``: this program and its version."""
    from journal import __version__

    return f"Duet {__version__}"


def holds_ai_words(source: ShareSource) -> bool:
    """Whether any word of the post came from the AI (a companion or narrator turn, an accepted continuation)."""
    return source.ai_words or any(turn.ai for turn in source.turns)


def content_hash(*parts: str | bytes) -> str:
    """The ``ProduceID``: SHA-256 of the content, hex."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode("utf-8") if isinstance(part, str) else part)
        digest.update(b"\x00")
    return digest.hexdigest()


@dataclass(frozen=True)
class Label:
    """The labels one post carries: the language of its visible marks and the IDs of its files."""

    lang: str  # "zh" or "en": the post's language, so the mark reads in it

    @property
    def mark(self) -> str:
        return MARK_TEXT.get(self.lang, MARK_TEXT["en"])

    @property
    def text_line(self) -> str:
        """The explicit label for a text (caption, thread, HTML, markdown)."""
        return TEXT_LINE.get(self.lang, TEXT_LINE["en"])

    def fields(self, produce_id: str) -> dict[str, str]:
        """The ``AIGC`` JSON object, every field present (empty when Duet has nothing to say)."""
        return {"Label": LABEL_GENERATED, "ContentProducer": producer(), "ProduceID": produce_id,
                "ReservedCode1": "", "ContentPropagator": "", "PropagateID": "", "ReservedCode2": ""}

    def json(self, produce_id: str) -> str:
        return json.dumps(self.fields(produce_id), ensure_ascii=False, separators=(",", ":"))

    def xmpmeta(self, produce_id: str) -> str:
        """The ``x:xmpmeta`` element holding the ``TC260:AIGC`` property (a PDF writer adds its own packet)."""
        value = html.escape(self.json(produce_id), quote=True)
        return (
            '<x:xmpmeta xmlns:x="adobe:ns:meta/">'
            '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
            f'<rdf:Description rdf:about="" xmlns:TC260="{TC260_NAMESPACE}">'
            f"<TC260:AIGC>{value}</TC260:AIGC>"
            "</rdf:Description></rdf:RDF></x:xmpmeta>"
        )

    def xmp(self, produce_id: str) -> str:
        """An XMP packet with the ``TC260:AIGC`` property, as image files carry it."""
        return ('<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>' + self.xmpmeta(produce_id)
                + '<?xpacket end="w"?>')


def image_id(image: Image.Image) -> str:
    """The ``ProduceID`` of a card: a hash of its pixels (the file's bytes would include the ID itself)."""
    return content_hash(f"{image.mode}:{image.size}", image.tobytes())


@lru_cache(maxsize=16)
def _mark_size(text: str, target: int) -> tuple[int, tuple[int, int, int, int]]:
    """The smallest font size whose ink for ``text`` is at least ``target`` px high, and that ink's box."""
    from journal.share.fonts import font_set

    size = target
    while True:
        fonts = font_set(size)
        box = _ink(fonts, text)
        if box[3] - box[1] >= target:
            return size, box
        size += 1


def _ink(fonts, text: str) -> tuple[int, int, int, int]:
    """Where ``text`` puts ink, relative to its origin on the baseline."""
    size = fonts.size
    width = math.ceil(fonts.measure(text)) + 2 * size
    canvas = Image.new("RGB", (width, size * 3), "black")
    fonts.draw(ImageDraw.Draw(canvas), (size, size * 2), text, fill="white")
    left, top, right, bottom = canvas.convert("L").getbbox() or (size, size * 2, size, size * 2)
    return left - size, top - size * 2, right - size, bottom - size * 2


def mark_size(size: tuple[int, int], label: Label) -> tuple[float, float]:
    """Width and height of the mark's pill on an image of ``size`` (its text sized per the standard)."""
    from journal.share.fonts import font_set

    font_size, ink = _mark_size(label.mark, math.ceil(min(size) * TEXT_HEIGHT_RATIO))
    return (font_set(font_size).measure(label.mark) + 2 * PAD_X * font_size,
            (ink[3] - ink[1]) + 2 * PAD_Y * font_size)


def corner_anchor(size: tuple[int, int]) -> tuple[float, float]:
    """The default place of the mark: its pill's bottom-left point, near the image's bottom-left corner."""
    margin = min(size) * CORNER_MARGIN_RATIO
    return (margin, size[1] - margin)


def mark_box(size: tuple[int, int], label: Label,
             anchor: tuple[float, float] | None = None) -> tuple[float, float, float, float]:
    """Where the visible mark's pill sits: its bottom-left point at ``anchor`` (a card style's footer corner)."""
    pill_w, pill_h = mark_size(size, label)
    left, bottom = anchor or corner_anchor(size)
    return (left, bottom - pill_h, left + pill_w, bottom)


def draw_mark(image: Image.Image, label: Label, paper: str, ink: str,
              anchor: tuple[float, float] | None = None) -> None:
    """The visible mark: "AI生成" in the card's own ink on a pill of its paper colour, in a bottom corner.

    Quiet but legible: the contrast of the card's body text, no red stamp.
    """
    from journal.share.drawing import rounded_rect
    from journal.share.fonts import font_set

    font_size, box = _mark_size(label.mark, math.ceil(min(image.size) * TEXT_HEIGHT_RATIO))
    left, top, right, bottom = mark_box(image.size, label, anchor)
    rounded_rect(image, (left, top, right, bottom), (bottom - top) / 2, paper)
    baseline = top + PAD_Y * font_size - box[1]
    font_set(font_size).draw(ImageDraw.Draw(image), (left + PAD_X * font_size, baseline), label.mark, fill=ink)
