""""Our story" as a book: a story (and, if wanted, the journal entries around it) as a typeset PDF or an EPUB.

Why these libraries: ``fpdf2`` writes PDF in pure Python, embeds and subsets
the same Noto Sans CJK font the cards use (from the OTC, face SC), and makes
bookmarks and a table of contents; WeasyPrint would need Pango and Cairo from
the system, which Windows and macOS users do not have. ``ebooklib`` is the
maintained EPUB 2/3 writer for Python (manifest, spine, navigation document).

Lines in the PDF are broken by :func:`journal.share.linebreak.wrap` (UAX #14
with BudouX phrases, the rules the cards use: no 。，after a break, Latin words
whole), measured with the PDF font itself. In the EPUB the reader's engine
breaks lines; the CSS asks for strict CJK rules and the document says its
language. The privacy pass and the AI labels are the share pipeline's: the same
names become the same pseudonyms everywhere, and a book that holds AI words says
so on its cover, at its start, in every page's footer and in its metadata.
"""

from __future__ import annotations

import html
import io
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, Iterable, Mapping

from journal.errors import InvalidInput
from journal.i18n import t
from journal.share.aigc import Label, content_hash
from journal.share.plain import markdown_to_plain
from journal.share.privacy import parse_names, redact
from journal.text import detect_language

BOOK_SUFFIXES = (".pdf", ".epub")
PAGE_FORMAT = (148, 210)  # A5 in millimetres (fpdf2 warns about its own "A5" name since 2.8.5)
MARGIN_MM = 18
BODY_PT, HEADING_PT, TITLE_PT, META_PT, FOOTER_PT = 10.5, 16, 26, 8.5, 7.5
LINE_HEIGHT = 1.75  # body line box as a multiple of the font size
PT_TO_MM = 25.4 / 72
PARAGRAPH_GAP_MM = 2.2
ENTRY_LIMIT = 2000  # entries looked at for --with-entries (a story's weeks, not a lifetime)


@dataclass
class Block:
    """One piece of the book: a story turn (with who spoke) or a journal entry (with its title)."""

    when: datetime | None
    heading: str  # the speaker, or the entry's title
    text: str
    ai: bool = False
    is_entry: bool = False


@dataclass
class Chapter:
    title: str
    day: str  # YYYY-MM-DD of its first block, or ""
    blocks: list[Block] = field(default_factory=list)


@dataclass
class Book:
    title: str
    companion: str
    lang: str
    chapters: list[Chapter]
    label: Label | None
    first_day: str
    last_day: str

    @property
    def content_id(self) -> str:
        parts = [self.title, self.companion] + [f"{c.title}\x1f{b.heading}\x1f{b.text}" for c in self.chapters
                                                  for b in c.blocks]
        return content_hash(*parts)


def _day(value: Any) -> str:
    return value.strftime("%Y-%m-%d") if isinstance(value, (date, datetime)) else ""


def _plain(text: str) -> str:
    return markdown_to_plain(text or "").strip()


def build_book(nb: Any, story_id: str, *, with_entries: bool = False,
               names: Mapping[str, str] | Iterable[str] | None = None) -> Book:
    """The book of a story: chapters at its milestones (else one per day), the privacy pass applied to all."""
    from journal.provenance import entry_holds_ai_words, turn_is_ai
    from journal.stories.export import speaker

    story = nb.stories.get(story_id)
    names_map = parse_names(names or {})

    def private(text: str, kinds: tuple[str, ...] | None = None) -> str:
        options = {"kinds": kinds} if kinds else {}
        return redact(text, names_map, **options).text if text else text

    lang = "zh" if detect_language(" ".join(turn.text for turn in story.turns)) == "zh" else "en"  # the book's
    blocks = [Block(turn.created or story.created, private(speaker(story, turn, lang), ("name",)),
                    private(_plain(turn.text)), ai=turn_is_ai(turn)) for turn in story.turns if _plain(turn.text)]
    if not blocks:
        raise InvalidInput("share.book.empty_story", title=story.title)
    days = [b.when for b in blocks if b.when]
    first, last = (min(days), max(days)) if days else (None, None)
    if with_entries and first and last:
        from journal.entries.model import EntryFilter

        for summary in nb.list_entries(EntryFilter(date_from=first.date(), date_to=last.date()), limit=ENTRY_LIMIT):
            entry = nb.get_entry(summary.id)
            body = _plain(entry.body)
            if body:
                blocks.append(Block(entry.created, private(entry.title), private(body), is_entry=True,
                                    ai=entry_holds_ai_words(entry, entry.body, entry.title)))
    blocks.sort(key=lambda b: (b.when is None, _sortable(b.when)))
    chapters = _chapters(blocks, story.milestones or [], private, lang)
    label = Label(lang) if any(b.ai for b in blocks) else None
    return Book(private(story.title), private(story.display_companion, ("name",)), lang, chapters, label,
                _day(first), _day(last))


def _sortable(when: datetime | None) -> float:
    if when is None:
        return 0.0
    return when.timestamp() if when.tzinfo else when.replace(tzinfo=None).timestamp()


def _chapters(blocks: list[Block], milestones: list[dict[str, Any]], private, lang: str) -> list[Chapter]:
    """Milestones head chapters (what comes before the first opens the book); without any, one chapter a day."""
    marks = sorted((str(m.get("date") or ""), private(str(m.get("label") or ""))) for m in milestones
                   if isinstance(m, Mapping) and m.get("date"))
    chapters: list[Chapter] = []
    if marks:
        opening = Chapter(t("share.book.opening", lang=lang), "")
        chapters.append(opening)
        for day, label in marks:
            chapters.append(Chapter(label or day, day))
        for block in blocks:
            day = _day(block.when)
            target = opening
            for chapter in chapters[1:]:
                if day and day >= chapter.day:
                    target = chapter
            target.blocks.append(block)
        return [c for c in chapters if c.blocks]
    for block in blocks:
        day = _day(block.when)
        if not chapters or chapters[-1].day != day:
            chapters.append(Chapter(day or t("share.book.undated", lang=lang), day))
        chapters[-1].blocks.append(block)
    return chapters


# --- PDF ----------------------------------------------------------------------------------------


def book_pdf(book: Book) -> bytes:
    """The book as PDF: cover, table of contents, chapters (bookmarked), dates, labels."""
    from fpdf import FPDF

    from journal.share.fonts import CJK_FACE_INDEX_SC, cjk_font_path, fallback_font_paths
    from journal.share.linebreak import wrap

    class _Pdf(FPDF):
        def footer(self) -> None:
            if self.page_no() == 1:
                return
            self.set_y(-12)
            self.set_font("body", size=FOOTER_PT)
            self.set_text_color(150, 140, 128)
            mark = f"{book.label.mark} · " if book.label else ""
            self.cell(0, 5, f"{mark}{book.title} · {self.page_no()}", align="C")

    pdf = _Pdf(format=PAGE_FORMAT)
    pdf.set_margins(MARGIN_MM, MARGIN_MM, MARGIN_MM)
    pdf.set_auto_page_break(True, margin=MARGIN_MM)
    pdf.add_font("body", fname=str(cjk_font_path()), collection_font_number=CJK_FACE_INDEX_SC)
    fallbacks = []
    for number, path in enumerate(p for p in fallback_font_paths() if "Emoji" in p.name or "Symbols" in p.name):
        pdf.add_font(f"fallback{number}", fname=str(path))
        fallbacks.append(f"fallback{number}")
    pdf.set_fallback_fonts(fallbacks)
    pdf.set_lang("zh-CN" if book.lang == "zh" else "en")
    pdf.set_title(book.title)
    pdf.set_creator("Duet")
    pdf.set_producer(_producer())
    if book.label:
        pdf.set_subject(book.label.text_line)
        pdf.set_keywords(f"AIGC {book.label.json(book.content_id)}")
        pdf.set_xmp_metadata(book.label.xmpmeta(book.content_id))
    width = pdf.w - 2 * MARGIN_MM

    def paragraph(text: str, size: float, colour=(59, 52, 44), gap: float = PARAGRAPH_GAP_MM) -> None:
        pdf.set_font("body", size=size)
        pdf.set_text_color(*colour)
        line_h = size * PT_TO_MM * LINE_HEIGHT
        for para in text.split("\n"):
            for line in wrap(para, pdf.get_string_width, width) if para.strip() else [""]:
                pdf.cell(width, line_h, line.rstrip(), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(gap)

    # cover
    pdf.add_page()
    pdf.set_y(pdf.h * 0.32)
    pdf.set_font("body", size=TITLE_PT)
    for line in wrap(book.title, pdf.get_string_width, width):
        pdf.cell(width, TITLE_PT * PT_TO_MM * 1.4, line.strip(), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6)
    pdf.set_font("body", size=BODY_PT + 1)
    pdf.set_text_color(120, 110, 100)
    subtitle = t("share.book.subtitle", companion=book.companion, lang=book.lang)
    pdf.cell(width, 8, subtitle, align="C", new_x="LMARGIN", new_y="NEXT")
    dates = " – ".join(d for d in dict.fromkeys((book.first_day, book.last_day)) if d)
    pdf.cell(width, 8, dates, align="C", new_x="LMARGIN", new_y="NEXT")
    if book.label:  # the explicit label of a text: at its start, on the cover
        pdf.set_y(pdf.h - MARGIN_MM - 22)
        pdf.set_font("body", size=BODY_PT + 2)
        pdf.set_text_color(59, 52, 44)
        pdf.cell(width, 8, book.label.mark, align="L", new_x="LMARGIN", new_y="NEXT")
        paragraph(book.label.text_line, META_PT + 0.5, (120, 110, 100))

    # contents
    pdf.add_page()
    pdf.insert_toc_placeholder(_render_toc(book), pages=max(1, len(book.chapters) // 22 + 1))
    for chapter in book.chapters:
        if pdf.get_y() > MARGIN_MM + 2:
            pdf.add_page()
        pdf.start_section(chapter.title, level=0)
        pdf.set_font("body", size=HEADING_PT)
        pdf.set_text_color(59, 52, 44)
        for line in wrap(chapter.title, pdf.get_string_width, width):
            pdf.cell(width, HEADING_PT * PT_TO_MM * 1.5, line.strip(), new_x="LMARGIN", new_y="NEXT")
        if chapter.day and chapter.day != chapter.title:
            paragraph(chapter.day, META_PT, (150, 140, 128))
        pdf.ln(3)
        for block in chapter.blocks:
            when = block.when.strftime("%Y-%m-%d %H:%M") if block.when else ""
            head = " · ".join(part for part in (block.heading, when) if part)
            paragraph(head, META_PT, (201, 138, 100) if not block.is_entry else (120, 110, 100), gap=0.6)
            paragraph(block.text, BODY_PT)
    buffer = io.BytesIO()
    pdf.output(buffer)
    return buffer.getvalue()


def _render_toc(book: Book):
    def render(pdf, outline) -> None:
        pdf.set_x(MARGIN_MM)
        pdf.set_font("body", size=HEADING_PT)
        pdf.set_text_color(59, 52, 44)
        pdf.cell(0, 12, t("share.book.contents", lang=book.lang), new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("body", size=BODY_PT)
        for section in outline:
            link = pdf.add_link(page=section.page_number)
            pdf.cell(pdf.w - 2 * MARGIN_MM - 12, 7.5, section.name, link=link)
            pdf.cell(12, 7.5, str(section.page_number), align="R", link=link, new_x="LMARGIN", new_y="NEXT")
    return render


def _producer() -> str:
    from journal.share.aigc import producer

    return producer()


# --- EPUB ---------------------------------------------------------------------------------------

_EPUB_CSS = """
@font-face { font-family: "Duet CJK"; src: url("fonts/duet-cjk.otf"); }
body { font-family: "Duet CJK", "Noto Sans CJK SC", sans-serif; line-height: 1.8; line-break: strict;
  word-break: normal; overflow-wrap: break-word; }
h1 { font-size: 1.5em; margin: 1.2em 0 .2em; }
.date, .meta { color: #8a7e70; font-size: .85em; }
.who { color: #c98a64; font-size: .85em; margin: 1.2em 0 .2em; }
.entry .who { color: #8a7e70; }
.aigc { color: #8a7e70; font-size: .9em; border-left: 3px solid #c98a64; padding-left: .6em; }
.cover { text-align: center; margin-top: 30%; }
"""


def book_epub(book: Book) -> bytes:
    """The book as EPUB 3: a title page, one document per chapter, the navigation, an embedded CJK font subset."""
    from ebooklib import epub

    lang = "zh-CN" if book.lang == "zh" else "en"
    doc = epub.EpubBook()
    doc.set_identifier(f"urn:uuid:{uuid.UUID(book.content_id[:32])}")
    doc.set_title(book.title)
    doc.set_language(lang)
    doc.add_author(t("share.book.author", lang=book.lang))
    doc.add_metadata(None, "meta", _producer(), {"name": "generator"})
    if book.label:  # the implicit label, as a web page carries it
        doc.add_metadata(None, "meta", book.label.json(book.content_id), {"name": "AIGC"})
    css = epub.EpubItem(uid="style", file_name="style/book.css", media_type="text/css", content=_EPUB_CSS)
    doc.add_item(css)
    all_text = book.title + book.companion + "".join(b.heading + b.text for c in book.chapters for b in c.blocks)
    font = _font_subset(all_text + (book.label.text_line if book.label else "") + "0123456789-–·: ")
    doc.add_item(epub.EpubItem(uid="font", file_name="style/fonts/duet-cjk.otf", media_type="font/otf", content=font))

    def page(name: str, title: str, body: str) -> epub.EpubHtml:
        item = epub.EpubHtml(title=title, file_name=name, lang=lang)
        item.content = f"<h1>{html.escape(title)}</h1>{body}" if title else body
        item.add_item(css)
        return item

    dates = " – ".join(d for d in dict.fromkeys((book.first_day, book.last_day)) if d)
    label = f'<p class="aigc">{html.escape(book.label.text_line)}</p>' if book.label else ""
    cover = page("cover.xhtml", "", f'<div class="cover"><h1>{html.escape(book.title)}</h1>'
                 f'<p class="meta">{html.escape(t("share.book.subtitle", companion=book.companion, lang=book.lang))}</p>'
                 f'<p class="date">{html.escape(dates)}</p>{label}</div>')
    cover.title = book.title
    doc.add_item(cover)
    chapters = []
    for number, chapter in enumerate(book.chapters, start=1):
        parts = [f'<p class="date">{html.escape(chapter.day)}</p>'] if chapter.day and chapter.day != chapter.title else []
        for block in chapter.blocks:
            when = block.when.strftime("%Y-%m-%d %H:%M") if block.when else ""
            head = " · ".join(part for part in (block.heading, when) if part)
            paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in block.text.split("\n") if p.strip())
            kind = "entry" if block.is_entry else "turn"
            parts.append(f'<div class="{kind}"><p class="who">{html.escape(head)}</p>{paragraphs}</div>')
        item = page(f"chapter-{number:03d}.xhtml", chapter.title, "".join(parts))
        doc.add_item(item)
        chapters.append(item)
    doc.toc = [epub.Link(item.file_name, item.title, f"chapter{n}") for n, item in enumerate(chapters, start=1)]
    doc.add_item(epub.EpubNcx())
    doc.add_item(epub.EpubNav())
    doc.spine = [cover, "nav", *chapters]
    buffer = io.BytesIO()
    epub.write_epub(buffer, doc, {})
    return buffer.getvalue()


def _font_subset(text: str) -> bytes:
    """The CJK face with only the characters the book uses (the whole font is 20 MB; a book needs a few hundred)."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    from journal.share.fonts import CJK_FACE_INDEX_SC, cjk_font_path

    font = TTFont(str(cjk_font_path()), fontNumber=CJK_FACE_INDEX_SC, lazy=False)
    options = subset.Options()
    options.layout_features = ["*"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=text)
    subsetter.subset(font)
    buffer = io.BytesIO()
    font.save(buffer)
    return buffer.getvalue()


def export_book(nb: Any, story_id: str, out: str | Path, *, with_entries: bool = False,
                names: Mapping[str, str] | Iterable[str] | None = None, overwrite: bool = False) -> Path:
    """Write the book to ``out`` (``.pdf`` or ``.epub``, atomically); an existing file is kept unless ``overwrite``."""
    from journal.store.atomic import atomic_write_bytes

    out = Path(out).expanduser()
    suffix = out.suffix.lower()
    if suffix not in BOOK_SUFFIXES:
        raise InvalidInput("share.book.bad_suffix", path=str(out))
    if out.exists() and not overwrite:
        raise InvalidInput("share.book.out_exists", path=str(out))
    book = build_book(nb, story_id, with_entries=with_entries, names=names)
    atomic_write_bytes(out, book_pdf(book) if suffix == ".pdf" else book_epub(book))
    return out
