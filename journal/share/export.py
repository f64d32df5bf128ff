"""The files of a post: PNG cards (a zip for a carousel), caption.txt, a markdown version and a safe HTML page.

Everything is built in memory first (the page offers each as a download),
then :func:`export_post` writes them atomically into a folder (the CLI).
The HTML page is self-contained and safe to open anywhere: inline CSS, no
external requests (a Content-Security-Policy says so too), and the writer's
text sanitized with ``nh3`` whatever it contained.
"""

from __future__ import annotations

import html
import io
import json
import re
import zipfile
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

from PIL import PngImagePlugin

from journal.rendering import markdown_to_html
from journal.share.aigc import XMP_KEYWORD, Label, content_hash, image_id
from journal.share.caption import caption_text, clamp_title, cut_at_word, format_hashtags
from journal.share.cards import Card, render_cards
from journal.errors import InvalidInput
from journal.i18n import t
from journal.share.formats import Format, get_format
from journal.share.layout import PagePlan
from journal.share.protect import ProtectedSource
from journal.share.source import ShareSource
from journal.share.themes import Theme, get_theme
from journal.share.thread import split_thread
from journal.store.atomic import atomic_write_many
from journal.text import detect_language

# Only prose survives: no images (they would load from elsewhere), no styles, no scripts, no handlers.
HTML_TAGS = {"p", "br", "hr", "strong", "em", "b", "i", "u", "s", "del", "mark", "code", "pre", "blockquote",
             "ul", "ol", "li", "h2", "h3", "h4", "a", "sup", "sub"}
HTML_ATTRIBUTES = {"a": {"href", "title"}}
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"
MARKDOWN_EXTENSIONS = ["sane_lists", "nl2br"]
PNG_COMPRESS_LEVEL = 6
_SLUG_BAD = re.compile(r"[^\w\u3400-\u9fff-]+")
SLUG_MAX_CHARS = 40


@dataclass
class Post:
    """One finished post: its cards (or thread posts) and its words."""

    source: ShareSource
    format: Format
    style: str
    theme: Theme
    cards: list[Card] = field(default_factory=list)
    thread: list[str] = field(default_factory=list)
    title: str = ""
    caption: str = ""
    hashtags: list[str] = field(default_factory=list)
    label: Label | None = None  # set when the post holds AI words: every file then carries the AIGC labels
    protected: ProtectedSource | None = None  # the privacy pass's findings, for the page to show
    cover: bool = False  # a cover with the title goes first in the carousel
    cover_photo: Path | None = None  # a picture from the notebook behind the cover's title

    @property
    def content_id(self) -> str:
        """A hash of everything the post's files are made from: the same choices give the same id."""
        words = json.dumps([asdict(self.source.readable()), self.format.name, self.style, self.theme.name, self.title,
                            self.caption, self.hashtags, self.label.lang if self.label else "", self.cover,
                            str(self.cover_photo or "")],
                           ensure_ascii=False, sort_keys=True, default=str)
        return content_hash(words)

    @property
    def stem(self) -> str:
        """A file name base from the date and title: ``2026-04-02-凌晨两点的玫瑰``."""
        words = cut_at_word(self.title or self.source.title, SLUG_MAX_CHARS)
        slug = _SLUG_BAD.sub("-", words).strip("-_")
        parts = [p for p in (self.source.date_label(), slug) if p]
        return "-".join(parts) or "post"


def build_post(source: ShareSource, fmt: str | Format, style: str, theme: str | Theme | None = None, *,
               title: str = "", caption: str = "", hashtags: list[str] | None = None, label: Label | None = None,
               protected: ProtectedSource | None = None, render: bool = True, cover: bool = False,
               cover_photo: Path | None = None) -> Post:
    """Render the cards (or split the thread) of ``source`` as the writer chose.

    Use :func:`journal.share.post.make_post`, which decides the privacy pass and the label; this is its
    last step. The thread is always split (it is cheap and may fail); ``render=False`` skips the cards.
    """
    fmt = get_format(fmt) if isinstance(fmt, str) else fmt
    theme = theme if isinstance(theme, Theme) else get_theme(theme)
    post = Post(source, fmt, style, theme, title=title, caption=caption, hashtags=list(hashtags or []), label=label,
                protected=protected, cover=cover and not fmt.is_thread, cover_photo=cover_photo)
    if fmt.is_thread:
        post.thread = split_thread(thread_text(source, label))
    elif render:
        post.cards = render_post_cards(post)
    return post


def render_post_cards(post: Post) -> list[Card]:
    """The cards of ``post`` (its cover first when it has one), each with the visible AI mark when labelled."""
    cards = render_cards(post.source, post.format, post.style, post.theme, post.label)
    if not post.cover:
        return cards
    if len(cards) + 1 > post.format.max_pages:
        raise InvalidInput("share.errors.too_long_for_format", format=t(f"share.formats.{post.format.name}"),
                           pages=post.format.max_pages - 1)
    return [render_cover(post), *(replace(card, index=card.index + 1, total=card.total + 1) for card in cards)]


def render_cover(post: Post) -> Card:
    """The cover card: the post's title large over the theme or a notebook picture, labelled like every card."""
    from journal.share.aigc import draw_mark, mark_box
    from journal.share.cover import draw_cover

    source = post.source.readable()
    subtitle = " · ".join(part for part in (source.date_label(), source.companion_name) if part)
    title = post.title or source.title or source.date_label() or "Duet"
    image = draw_cover(post.format, post.theme, title, subtitle, post.cover_photo)
    box = None
    if post.label is not None:
        draw_mark(image, post.label, post.theme.paper, post.theme.ink)
        box = mark_box(post.format.size, post.label)
    return Card(image=image, plan=PagePlan(), index=0, total=1, font_size=0, mark_box=box)


def thread_text(source: ShareSource, label: Label | None = None) -> str:
    """The words of the thread: the label line first when the post holds AI words, markdown marks gone,
    turns as ``speaker: text``."""
    source = source.readable()
    if source.kind == "turns":
        text = "\n\n".join(f"{t.speaker}: {t.text}" if t.speaker else t.text for t in source.turns)
    else:
        text = source.plain
    return f"{label.text_line}\n\n{text}" if label else text


def png_bytes(card: Card, label: Label | None = None) -> bytes:
    """The card as PNG; with ``label``, the TC260 XMP packet in an iTXt chunk, its ID the card's pixel hash."""
    buffer = io.BytesIO()
    info = None
    if label is not None:
        info = PngImagePlugin.PngInfo()
        info.add_itxt(XMP_KEYWORD, label.xmp(image_id(card.image)))
    card.image.save(buffer, format="PNG", compress_level=PNG_COMPRESS_LEVEL, pnginfo=info)
    return buffer.getvalue()


def post_pngs(post: Post, cards: list[Card] | None = None) -> list[bytes]:
    """Every card of ``post`` as labelled PNG bytes."""
    return [png_bytes(card, post.label) for card in (post.cards if cards is None else cards)]


def preview_image(png: bytes, width: int) -> bytes:
    """A card as a page shows it, at most ``width`` px wide: JPEG at quality 90 (PNG when it may be transparent).

    What Streamlit's ``st.image`` would make of the full PNG on every rerun (decode, resize, encode: tens of
    milliseconds a card, #19); made once per post, the page hands it over as it is.
    """
    from PIL import Image

    with Image.open(io.BytesIO(png)) as image:
        transparent = image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info)
        if image.width > width:
            image = image.resize((width, int(image.height * width / image.width)), resample=Image.BILINEAR)
        out = io.BytesIO()
        image.save(out, format="PNG" if transparent else "JPEG", quality=90)
    return out.getvalue()


def card_names(post: Post, count: int | None = None) -> list[str]:
    """``<stem>.png`` for one card, ``<stem>-01.png``… for a carousel (``count`` when cards are not attached)."""
    count = len(post.cards) if count is None else count
    if count == 1:
        return [f"{post.stem}.png"]
    return [f"{post.stem}-{i:02d}.png" for i in range(1, count + 1)]


def zip_bytes(post: Post) -> bytes:
    """Every card of a carousel in one zip, in posting order (01, 02, …)."""
    return zip_files(card_names(post), post_pngs(post))


def zip_files(names: list[str], contents: list[bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_STORED) as archive:  # PNG is compressed already
        for name, data in zip(names, contents):
            archive.writestr(name, data)
    return buffer.getvalue()


def caption_file(post: Post) -> str:
    return caption_text(post.caption, post.hashtags, post.title, post.label.text_line if post.label else "")


def thread_file(post: Post) -> str:
    return "\n\n---\n\n".join(post.thread) + "\n"


def markdown_file(post: Post) -> str:
    """The post as markdown: title, date, the text (turns as ``**speaker:** text``), caption and tags."""
    source = post.source
    lines: list[str] = []
    title = post.title or source.title
    if title:
        lines += [f"# {title}", ""]
    if source.date_label():
        lines += [f"*{source.date_label()}*", ""]
    if post.label:
        lines += [post.label.text_line, ""]
    if source.kind == "turns":
        for turn in source.turns:
            speaker = f"**{turn.speaker}:** " if turn.speaker else ""
            lines += [speaker + turn.text.replace("\n", "  \n"), ""]
    else:
        lines += [source.body, ""]
    if post.caption.strip():
        lines += ["---", "", post.caption.strip(), ""]
    if post.hashtags:
        lines += [format_hashtags(post.hashtags), ""]
    return "\n".join(lines)


def html_file(post: Post) -> str:
    """A self-contained page of the post in the card's theme colours."""
    source, theme = post.source, post.theme
    lang = "zh-CN" if detect_language(source.body) == "zh" else "en"
    title = post.title or source.title
    parts: list[str] = []
    if title:
        parts.append(f"<h1>{html.escape(title)}</h1>")
    if source.date_label():
        parts.append(f'<p class="date">{html.escape(source.date_label())}</p>')
    if post.label:
        parts.append(f'<p class="aigc">{html.escape(post.label.text_line)}</p>')
    if source.kind == "turns":
        parts.append('<div class="chat">')
        for turn in source.turns:
            side = "me" if turn.is_user else "them"
            who = f'<span class="who">{html.escape(turn.speaker)}</span>' if turn.speaker and not turn.is_user else ""
            parts.append(f'<div class="msg {side}">{who}<div class="bubble">{_prose(turn.text)}</div></div>')
        parts.append("</div>")
    else:
        parts.append(f'<div class="body">{_prose(source.body)}</div>')
    if post.caption.strip():
        parts.append(f'<p class="caption">{html.escape(post.caption.strip())}</p>')
    if post.hashtags:
        parts.append(f'<p class="tags">{html.escape(format_hashtags(post.hashtags))}</p>')
    page_title = html.escape(clamp_title(title) if title else source.date_label() or "Duet")
    meta = ""
    if post.label:  # the implicit label of a web page: the AIGC object in a meta element
        meta = f'<meta name="AIGC" content="{html.escape(post.label.json(post.content_id), quote=True)}">\n'
    return _HTML_TEMPLATE.format(lang=lang, csp=CSP, title=page_title, css=_css(theme), content="\n".join(parts),
                                 meta=meta)


def _prose(markdown_text: str) -> str:
    """Markdown to HTML with only harmless prose tags left (nh3, an allow-list)."""
    return markdown_to_html(markdown_text, tags=HTML_TAGS, attributes=HTML_ATTRIBUTES, extensions=MARKDOWN_EXTENSIONS)


def _css(theme: Theme) -> str:
    return _CSS.format(t=theme)


_CSS = """
body {{ margin: 0; padding: 32px 16px; background: linear-gradient({t.background_top}, {t.background_bottom});
  color: {t.ink}; font: 17px/1.8 "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", system-ui, sans-serif; }}
article {{ max-width: 640px; margin: 0 auto; background: {t.paper}; border-radius: 24px; padding: 40px 36px;
  box-shadow: 0 8px 28px rgba(0,0,0,.08); }}
h1 {{ font-size: 1.6em; line-height: 1.35; margin: 0 0 .2em; }}
.date {{ color: {t.muted}; font-size: .85em; margin: 0 0 1.4em; }}
.date::after {{ content: ""; display: block; width: 40px; height: 4px; border-radius: 2px; background: {t.accent};
  margin-top: 12px; }}
.body p {{ margin: 0 0 1em; }}
a {{ color: {t.accent}; }}
blockquote {{ border-left: 4px solid {t.accent}; margin: 0 0 1em; padding-left: 1em; color: {t.muted}; }}
.chat {{ display: flex; flex-direction: column; gap: 12px; }}
.msg {{ display: flex; flex-direction: column; max-width: 78%; }}
.msg.me {{ align-self: flex-end; align-items: flex-end; }}
.msg.them {{ align-self: flex-start; }}
.who {{ color: {t.muted}; font-size: .8em; margin: 0 0 4px 6px; }}
.bubble {{ border-radius: 20px; padding: 10px 16px; }}
.bubble p {{ margin: 0; }}
.me .bubble {{ background: {t.bubble_user}; color: {t.bubble_user_ink}; }}
.them .bubble {{ background: {t.bubble_other}; color: {t.bubble_other_ink}; box-shadow: 0 1px 2px rgba(0,0,0,.06); }}
.caption {{ margin-top: 2em; white-space: pre-wrap; }}
.tags {{ color: {t.accent}; }}
.aigc {{ color: {t.muted}; font-size: .85em; }}
"""

_HTML_TEMPLATE = """<!doctype html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{csp}">
<meta name="referrer" content="no-referrer">
{meta}<title>{title}</title>
<style>{css}</style>
</head>
<body>
<article>
{content}
</article>
</body>
</html>
"""


def export_post(post: Post, out_dir: str | Path) -> list[Path]:
    """Write the post's files into ``out_dir`` (created if missing); returns their paths in a stable order.

    Cards: one PNG each, plus a zip when there are several. Always
    ``caption.txt``, ``<stem>.md`` and ``<stem>.html``; ``thread.txt`` for a thread.
    """
    folder = Path(out_dir).expanduser()
    names, pngs = card_names(post), post_pngs(post)
    files = list(zip(names, pngs))
    if len(pngs) > 1:
        files.append((f"{post.stem}.zip", zip_files(names, pngs)))
    texts = [("thread.txt", thread_file(post))] if post.thread else []
    texts += [("caption.txt", caption_file(post)), (f"{post.stem}.md", markdown_file(post)),
              (f"{post.stem}.html", html_file(post))]
    files += [(name, text.encode("utf-8")) for name, text in texts]
    atomic_write_many((folder / name, data) for name, data in files)
    return [folder / name for name, _ in files]
