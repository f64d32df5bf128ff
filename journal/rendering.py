"""Markdown to HTML that is safe to show: rendered by ``markdown``, cleaned by ``nh3``.

Entries are written by the user but also imported from other tools and
pasted from the web, so any HTML inside them is treated as hostile. Pictures
that live in the notebook (Day One photos, Obsidian attachments) are linked
relatively, which a browser cannot follow; they are inlined as ``data:`` URIs,
and only image files inside the notebook folder are ever read.

A picture from anywhere else (``![](https://…)``, ``<img src=http…>``) is a
request to someone else's server the moment the note is shown: a tracking
pixel. It is left out and replaced by a placeholder naming its host until the
person allows pictures for that note (``remote_images=True``).
"""

from __future__ import annotations

import base64
import html as _html
import mimetypes
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable
from urllib.parse import unquote, urlsplit

import markdown as _markdown
import nh3

from journal.errors import DuetError
from journal.i18n import t
from journal.store.sealed import read_bytes

MARKDOWN_EXTENSIONS = ["extra", "sane_lists", "nl2br"]
ALLOWED_TAGS = {
    "p", "br", "hr", "strong", "em", "b", "i", "u", "s", "del", "ins", "mark", "code", "pre", "blockquote",
    "ul", "ol", "li", "h1", "h2", "h3", "h4", "h5", "h6", "a", "img", "table", "thead", "tbody", "tr", "th",
    "td", "sup", "sub", "span", "div", "dl", "dt", "dd", "abbr",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "title"}, "abbr": {"title"},
                      "th": {"align"}, "td": {"align"}}
URL_SCHEMES = {"http", "https", "mailto"}
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".webp"}
MAX_INLINE_IMAGE_BYTES = 10_000_000
# nh3's output quotes every attribute and escapes ``"``, ``<`` and ``>`` inside it, so these are exact on it.
_IMG_TAG = re.compile(r"<img\b([^>]*)>")
_ATTRIBUTE = re.compile(r'([\w-]+)="([^"]*)"')
NAMED_SRC_CHARS = 40
INLINE_PREFIX = "data:"   # a picture carried inside the note (a notebook photo): loads nothing

RelativeUrl = Callable[[str], "str | None"]


def sanitize_html(html: str, relative: RelativeUrl | None = None, *, tags: set[str] = ALLOWED_TAGS,
                  attributes: dict[str, set[str]] = ALLOWED_ATTRIBUTES) -> str:
    """Strip scripts, event handlers, styles and ``javascript:`` links; keep the prose.

    ``relative`` rewrites relative URLs (return None to drop one); without it
    they are kept as written. ``tags`` and ``attributes`` are the allow-list
    (a shared post keeps fewer: no pictures, no tables).
    """
    return nh3.clean(html, tags=tags, attributes=attributes, url_schemes=URL_SCHEMES,
                     link_rel="noopener noreferrer nofollow", url_relative=relative)


@dataclass(frozen=True)
class Rendered:
    """A note as safe HTML, and the hosts of the pictures left out of it (so a page can offer to load them)."""

    html: str
    blocked_hosts: tuple[str, ...] = ()


def render(text: str, relative: RelativeUrl | None = None, *, remote_images: bool = False,
           tags: set[str] = ALLOWED_TAGS, attributes: dict[str, set[str]] = ALLOWED_ATTRIBUTES,
           extensions: list[str] = MARKDOWN_EXTENSIONS) -> Rendered:
    """Markdown to sanitized HTML; pictures that would be fetched from elsewhere are placeholders unless allowed."""
    rendered = _markdown.markdown(text, extensions=extensions, output_format="html")
    html = sanitize_html(rendered, relative, tags=tags, attributes=attributes)
    return Rendered(html) if remote_images else block_remote_images(html)


def markdown_to_html(text: str, relative: RelativeUrl | None = None, *, remote_images: bool = False,
                     tags: set[str] = ALLOWED_TAGS, attributes: dict[str, set[str]] = ALLOWED_ATTRIBUTES,
                     extensions: list[str] = MARKDOWN_EXTENSIONS) -> str:
    return render(text, relative, remote_images=remote_images, tags=tags, attributes=attributes,
                  extensions=extensions).html


def block_remote_images(html: str) -> Rendered:
    """Every ``<img>`` of sanitized HTML that is not carried inside the note becomes a placeholder naming its host."""
    hosts: list[str] = []

    def placeholder(match: re.Match[str]) -> str:
        found = {name.lower(): _html.unescape(value) for name, value in _ATTRIBUTE.findall(match.group(1))}
        src = found.get("src", "").strip()
        if not src or src.lower().startswith(INLINE_PREFIX):
            return match.group(0)
        host = _host(src)
        hosts.append(host)
        alt = found.get("alt", "").strip()
        words = (t("privacy.images.blocked_alt", host=host, alt=alt) if alt
                 else t("privacy.images.blocked", host=host))
        return f'<span class="duet-blocked-image">🖼 {_html.escape(words)}</span>'

    cleaned = _IMG_TAG.sub(placeholder, html)
    return Rendered(cleaned, tuple(dict.fromkeys(hosts)))


def _host(src: str) -> str:
    """The server a picture would come from; a path with no host is named as written (shortened)."""
    try:
        host = urlsplit(src).hostname
    except ValueError:
        host = None
    return host or src[:NAMED_SRC_CHARS]


def notebook_images(home: Path, folder: Path) -> RelativeUrl:
    """A ``relative`` rewriter for a note in ``folder``: pictures in the notebook become ``data:`` URIs.

    Anything else relative (another note, a file outside the notebook, a
    missing or oversized file) is dropped rather than left as a broken link.
    """
    root = Path(home).resolve()

    def rewrite(url: str) -> str | None:
        path_part = unquote(urlsplit(url).path)
        if not path_part:
            return None
        target = (Path(folder) / path_part).resolve()
        if not target.is_relative_to(root) or target.suffix.lower() not in IMAGE_SUFFIXES:
            return None
        try:
            if target.stat().st_size > MAX_INLINE_IMAGE_BYTES:
                return None
            data = read_bytes(target)
        except (OSError, DuetError):
            return None
        mime = mimetypes.guess_type(target.name)[0] or "image/png"
        return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"

    return rewrite
