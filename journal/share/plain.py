"""An entry's markdown as the words a reader sees, for cards, threads and captions.

A card draws characters, not markup: ``## 今天`` or ``**图书馆**`` drawn as
typed looks broken on a post. The entry is parsed by Python-Markdown (the
same parser and extensions the Journal page renders with), and the tree is
written out as plain text instead of HTML: headings and paragraphs become
paragraphs, list items get a bullet or their number, links keep their words,
pictures their description, emphasis and code marks go. Raw HTML in an
entry is dropped with its tags (a ``<script>``'s content included, by nh3).
Single line breaks stay, as the Journal page shows them (``nl2br``).
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree

import markdown as _markdown
import nh3

EXTENSIONS = ["extra", "sane_lists"]
BULLET = "• "
PARAGRAPH_BREAK = "\n\n"
LIST_TAGS = {"ul", "ol"}
# blocks that hold only other blocks; their children are walked, they add no text themselves
CONTAINER_TAGS = {"div", "blockquote", "table", "thead", "tbody", "tr", "dl", "section"}
SKIPPED_TAGS = {"hr", "script", "style"}
_MARKUP = re.compile(r"[*_`#>\[\]<|~-]")  # text without any of these needs no parsing
_BLANK_RUN = re.compile(r"\n{3,}")
# a pair of emphasis marks around words: **bold**, *action*, __bold__, _italic_, ~~struck~~, `code`
_EMPHASIS = re.compile(r"(\*\*|__|~~|\*|`)(?=\S)(.+?)(?<=\S)\1|(?<!\w)_(?=\S)(.+?)(?<=\S)_(?!\w)", re.DOTALL)


def strip_emphasis(text: str) -> str:
    """``text`` with paired emphasis marks removed and nothing else touched.

    For one-line fields a person types (a title, a caption): ``#人机恋`` or ``1.`` at the start of
    a caption are words there, not markdown, so the full parse of :func:`markdown_to_plain` would be wrong.
    """
    previous = None
    while previous != text:  # ***both*** and nested marks
        previous = text
        text = _EMPHASIS.sub(lambda m: m.group(2) if m.group(2) is not None else m.group(3), text)
    return text


def markdown_to_plain(text: str) -> str:
    """The words of ``text`` without markdown marks, paragraphs separated by one blank line."""
    if not _MARKUP.search(text):
        return text
    md = _markdown.Markdown(extensions=EXTENSIONS)
    md.serializer = _serialize
    md.stripTopLevelTags = False  # our serializer writes no <div> to strip
    plain = md.convert(text)
    if "<" in plain:  # raw HTML that Python-Markdown passed through: keep its words only
        plain = html.unescape(nh3.clean(plain, tags=set()))
    return _BLANK_RUN.sub(PARAGRAPH_BREAK, plain).strip()


def _serialize(root: etree.Element) -> str:
    return PARAGRAPH_BREAK.join(block for block in _blocks(root) if block.strip())


def _blocks(element: etree.Element) -> list[str]:
    """The paragraphs under a container element, in order."""
    blocks: list[str] = []
    if element.text and element.text.strip():  # raw HTML placeholders sit here
        blocks.append(element.text.strip())
    for child in element:
        tag = child.tag
        if tag in SKIPPED_TAGS:
            pass
        elif tag in LIST_TAGS:
            blocks.append(_list(child))
        elif tag in CONTAINER_TAGS:
            blocks.extend(_blocks(child))
        else:  # p, h1-h6, pre, th/td and anything else that holds words
            blocks.append(_inline(child).strip())
        if child.tail and child.tail.strip():
            blocks.append(child.tail.strip())
    return blocks


def _list(element: etree.Element, depth: int = 0) -> str:
    lines: list[str] = []
    number = int(element.get("start", "1") or 1)
    for item in element:
        if item.tag != "li":
            continue
        marker = f"{number}. " if element.tag == "ol" else BULLET
        number += 1
        nested = [child for child in item if child.tag in LIST_TAGS]
        words = re.sub(r"\s*\n\s*\n\s*", "\n", "".join(_item_parts(item))).strip()
        lines.append("  " * depth + marker + words)
        lines.extend(_list(child, depth + 1) for child in nested)
    return "\n".join(lines)


def _item_parts(item: etree.Element) -> list[str]:
    """The words of a list item: its own text, or its paragraphs in a loose list; nested lists apart."""
    parts = [item.text or ""]
    for child in item:
        words = "" if child.tag in LIST_TAGS else _inline(child)
        parts.append(words + (child.tail or ""))
    return parts


def _inline(element: etree.Element) -> str:
    """The text inside one block: marks dropped, link words and picture descriptions kept."""
    parts = [element.text or ""]
    for child in element:
        if child.tag == "br":
            parts.append("\n")
        elif child.tag == "img":
            parts.append(child.get("alt", ""))
        elif child.tag in SKIPPED_TAGS:
            pass
        else:
            parts.append(_inline(child))
        parts.append(child.tail or "")
    return "".join(parts)
