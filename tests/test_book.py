""""Our story" as a book: a PDF pypdf opens, with the chapters bookmarked and the Chinese text extractable in
order; an EPUB ebooklib opens and that is structurally valid; privacy pass and AI labels as in a post."""

from __future__ import annotations

import json
import re
import zipfile
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from lxml import etree

from journal.cli import main
from journal.errors import InvalidInput
from journal.notebook import Notebook
from journal.share.book import build_book, export_book
from journal.stories.model import Turn

BASE = datetime(2026, 4, 2, 21, 0, tzinfo=timezone.utc)
NAMES = {"张伟": "林一"}


def _story(nb: Notebook):
    turns = []
    for day in range(3):
        when = BASE + timedelta(days=day)
        turns.append(Turn(id="", role="user", alternatives=[f"第{day + 1}夜：张伟说，雨一直下，我们在便利店门口聊到很晚。"],
                          created=when))
        turns.append(Turn(id="", role="companion",
                          alternatives=[f"*笑* 我记得第{day + 1}夜。Rain again, and you stayed until the last bus."],
                          created=when + timedelta(minutes=1)))
    story = nb.stories.create(title="凌晨两点的玫瑰", companion="c", companion_name="C", turns=turns)
    story.milestones = [{"date": "2026-04-03", "label": "第一次说晚安"}, {"date": "2026-04-04", "label": "约定"}]
    nb.stories.save(story)
    nb.create_entry("那天晚上我一个人走回家，想着张伟说过的话。", title="回家的路", created=BASE + timedelta(days=1, hours=2))
    return story


@pytest.fixture(scope="module")
def books(tmp_path_factory) -> dict[str, Path]:
    home = tmp_path_factory.mktemp("book-notebook")
    nb = Notebook.open(home)
    story = _story(nb)
    out = tmp_path_factory.mktemp("books")
    return {"pdf": export_book(nb, story.id, out / "our-story.pdf", with_entries=True, names=NAMES),
            "epub": export_book(nb, story.id, out / "our-story.epub", with_entries=True, names=NAMES),
            "home": home, "story": story.id}


def _in_order(text: str, pieces: list[str]) -> bool:
    # pypdf 7 puts a NUL before each character of fpdf2's CID fonts (whose encoding is an embedded
    # Identity CMap); poppler's pdftotext reads the same file clean. The characters and their order are right.
    flat = re.sub(r"[\s\x00]+", "", text)
    positions = [flat.find(re.sub(r"\s+", "", p)) for p in pieces]
    return all(p >= 0 for p in positions) and positions == sorted(positions)


def test_the_pdf_opens_has_the_chapters_and_chinese_text_in_order(books):
    from pypdf import PdfReader

    reader = PdfReader(books["pdf"])
    titles = [item.title for item in reader.outline if not isinstance(item, list)]
    assert titles == ["故事开始之前", "第一次说晚安", "约定"]  # milestones head the chapters
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert _in_order(text, ["凌晨两点的玫瑰", "目录", "第1夜：林一说，雨一直下", "我记得第1夜", "第2夜：林一说",
                            "回家的路", "想着林一说过的话", "第3夜"])
    assert "张伟" not in text  # the privacy pass, with the same pseudonym everywhere
    assert "AI生成" in re.sub(r"[\s\x00]+", "", text) and "*" not in text
    [node] = reader.xmp_metadata.get_nodes_in_namespace("", "http://www.tc260.org.cn/ns/AIGC/1.0/")
    fields = json.loads(node.firstChild.data)
    assert fields["Label"] == "1" and fields["ContentProducer"].startswith("Duet ") and len(fields["ProduceID"]) == 64


def test_the_epub_opens_with_ebooklib_and_is_structurally_valid(books):
    import ebooklib
    from ebooklib import epub

    path = books["epub"]
    with zipfile.ZipFile(path) as archive:
        first = archive.infolist()[0]
        assert first.filename == "mimetype" and first.compress_type == zipfile.ZIP_STORED
        assert archive.read("mimetype") == b"application/epub+zip"
        container = etree.fromstring(archive.read("META-INF/container.xml"))
        opf_path = container.find(".//{*}rootfile").get("full-path")
        opf = etree.fromstring(archive.read(opf_path))
        ns = {"opf": "http://www.idpf.org/2007/opf", "dc": "http://purl.org/dc/elements/1.1/"}
        for field in ("identifier", "title", "language"):
            assert opf.find(f".//dc:{field}", ns) is not None and opf.find(f".//dc:{field}", ns).text
        base = Path(opf_path).parent
        names = set(archive.namelist())
        manifest = {item.get("id"): (base / item.get("href")).as_posix() for item in opf.find("opf:manifest", ns)}
        assert all(href in names for href in manifest.values())
        spine = [ref.get("idref") for ref in opf.find("opf:spine", ns)]
        assert spine and all(idref in manifest for idref in spine)
        for href in manifest.values():
            if href.endswith(".xhtml"):
                etree.fromstring(archive.read(href))  # well-formed XHTML, or this raises
        assert b'name="AIGC"' in archive.read(opf_path)
    book = epub.read_epub(str(path))
    assert book.get_metadata("DC", "language")[0][0] == "zh-CN"
    assert [link.title for link in book.toc] == ["故事开始之前", "第一次说晚安", "约定"]
    text = "".join(item.get_content().decode("utf-8") for item in book.get_items_of_type(ebooklib.ITEM_DOCUMENT))
    assert _in_order(text, ["第1夜：林一说", "我记得第1夜", "回家的路", "第3夜"]) and "张伟" not in text
    assert "【AI生成】" in text
    fonts = [item for item in book.get_items() if item.file_name.endswith(".otf")]
    assert fonts and len(fonts[0].get_content()) < 2_000_000  # a subset of Noto Sans CJK, not the 20 MB face


def test_a_book_of_only_the_persons_words_has_no_label(tmp_path):
    nb = Notebook.open(tmp_path / "nb")
    story = nb.stories.create(title="Mine", companion="c", companion_name="C",
                              turns=[Turn(id="", role="user", alternatives=["Just me, writing."], created=BASE)])
    assert build_book(nb, story.id).label is None


def test_export_book_from_the_command_line_and_its_errors(books, tmp_path, capsys):
    home = str(books["home"])
    out = tmp_path / "cli.epub"
    assert main(["--home", home, "export", "book", books["story"], str(out), "--name", "张伟=林一"]) == 0
    assert out.is_file() and str(out) in capsys.readouterr().out
    assert main(["--home", home, "export", "book", books["story"], str(out)]) == 1  # exists: kept
    assert main(["--home", home, "export", "book", books["story"], str(tmp_path / "book.docx")]) == 1
    assert ".pdf" in capsys.readouterr().err
    with pytest.raises(InvalidInput):
        export_book(Notebook.open(home), books["story"], tmp_path / "x.txt")
