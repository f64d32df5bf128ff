"""Markdown to HTML that is safe to show: rendered by ``markdown``, cleaned by ``nh3``.

Entries are written by the user but also imported from other tools and
pasted from the web, so any HTML inside them is treated as hostile.
"""

from __future__ import annotations

import markdown as _markdown
import nh3

MARKDOWN_EXTENSIONS = ["extra", "sane_lists", "nl2br"]
ALLOWED_TAGS = {
    "p", "br", "hr", "strong", "em", "b", "i", "u", "s", "del", "ins", "mark", "code", "pre", "blockquote",
    "ul", "ol", "li", "h1", "h2", "h3", "h4", "h5", "h6", "a", "img", "table", "thead", "tbody", "tr", "th",
    "td", "sup", "sub", "span", "div", "dl", "dt", "dd", "abbr",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "title"}, "abbr": {"title"},
                      "th": {"align"}, "td": {"align"}}
URL_SCHEMES = {"http", "https", "mailto"}


def sanitize_html(html: str) -> str:
    """Strip scripts, event handlers, styles and ``javascript:`` links; keep the prose."""
    return nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, url_schemes=URL_SCHEMES,
                     link_rel="noopener noreferrer nofollow")


def markdown_to_html(text: str) -> str:
    return sanitize_html(_markdown.markdown(text, extensions=MARKDOWN_EXTENSIONS, output_format="html"))
