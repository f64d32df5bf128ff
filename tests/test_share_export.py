"""Exported files: PNGs and the carousel zip, caption.txt, markdown, and an HTML page that stays safe."""

from __future__ import annotations

import zipfile
from datetime import datetime
from html.parser import HTMLParser
from io import BytesIO

from PIL import Image

from journal.share.caption import caption_text, clamp_title, default_caption, parse_hashtags
from journal.share.export import build_post, export_post, html_file, markdown_file, zip_bytes
from journal.share.protect import protect
from journal.share.source import ShareSource, ShareTurn, source_from_turns

PAYLOADS = """<script>alert('x')</script>
<img src=x onerror="alert(1)"> <svg onload=alert(2)></svg>
[click me](javascript:alert(3)) <a href="JaVaScRiPt:alert(4)">link</a> <a href="https://ok.example" onclick="steal()">fine</a>
<iframe src="https://evil.example"></iframe> <body onmouseover=alert(5)> <style>body{display:none}</style>
<link rel=stylesheet href=https://evil.example/x.css> ![img](https://tracker.example/p.gif)
<div style="background:url(https://evil.example/b.png)">styled</div> <form action=https://evil.example><input></form>
"""


class _Audit(HTMLParser):
    """Collects every tag, every event-handler attribute and every URL an HTML page holds."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.handlers: list[str] = []
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        for name, value in attrs:
            if name.startswith("on"):
                self.handlers.append(name)
            if name in ("href", "src", "action", "style") and value:
                self.urls.append(value)


def _entry(text: str, title: str = "A <b>night</b>") -> ShareSource:
    return ShareSource(kind="entry", text=text, title=title, date=datetime(2026, 4, 2, 2, 0))


def test_html_of_an_entry_full_of_payloads_contains_none_of_them():
    post = build_post(_entry(PAYLOADS, title="<script>alert(9)</script>"), "square", "page", "night",
                      caption="<img src=x onerror=alert(6)>", hashtags=["#<script>"])
    page = html_file(post)
    audit = _Audit()
    audit.feed(page)
    assert "script" not in audit.tags and "iframe" not in audit.tags and "img" not in audit.tags
    assert set(audit.tags) <= {"html", "head", "meta", "title", "style", "body", "article", "h1", "p", "div", "a",
                               "br", "span"}
    assert audit.tags.count("style") == 1  # only our own stylesheet
    assert audit.handlers == []
    assert all(url.startswith("https://ok.example") for url in audit.urls), audit.urls
    lowered = page.lower()
    assert "<script" not in lowered and "javascript:" not in lowered and "<iframe" not in lowered
    assert "evil.example" not in lowered  # (tracker.example may stay as visible text; it is in no attribute)
    # no external requests: a CSP forbids them even if a browser found something to load
    assert "default-src 'none'" in page
    assert "link" in page and "fine" in page  # the prose itself survives


def test_html_chat_turns_are_escaped_and_sides_kept():
    source = source_from_turns([ShareTurn("Aria", "<b onclick=x()>hi</b>", True),
                                ShareTurn("C<script>", "You are my rose.", False)], companion_name="C")
    page = html_file(build_post(source, "instagram", "chat", "blush"))
    audit = _Audit()
    audit.feed(page)
    assert audit.handlers == [] and "script" not in audit.tags
    assert 'class="msg me"' in page and 'class="msg them"' in page and "You are my rose." in page


def test_export_writes_pngs_zip_caption_markdown_and_html(tmp_path):
    text = "\n\n".join("我在夜里写字，写给一个不会睡着的人。" * 8 for _ in range(6))
    post = build_post(_entry(text, title="夜里"), "xiaohongshu", "page", "paper", title="夜里的玫瑰",
                      caption="写给 C 的信", hashtags=["人机恋", "#AI伴侣", "HumanAILove"])
    paths = export_post(post, tmp_path / "out")
    names = [p.name for p in paths]
    pngs = [p for p in paths if p.suffix == ".png"]
    assert len(pngs) == len(post.cards) > 1
    assert all(Image.open(p).size == (1080, 1440) for p in pngs)
    archive = zipfile.ZipFile(next(p for p in paths if p.suffix == ".zip"))
    assert archive.namelist() == [p.name for p in pngs]
    assert "caption.txt" in names
    assert (tmp_path / "out" / "caption.txt").read_text(encoding="utf-8") == (
        "夜里的玫瑰\n\n写给 C 的信\n\n#人机恋 #AI伴侣 #HumanAILove\n")
    md = next(p for p in paths if p.suffix == ".md").read_text(encoding="utf-8")
    assert md.startswith("# 夜里的玫瑰\n") and "#人机恋" in md
    assert next(p for p in paths if p.suffix == ".html").read_text(encoding="utf-8").startswith("<!doctype html>")


def test_single_card_has_no_zip_and_thread_writes_thread_txt(tmp_path):
    paths = export_post(build_post(_entry("Short."), "square", "quote"), tmp_path / "a")
    assert [p.suffix for p in paths].count(".png") == 1 and not any(p.suffix == ".zip" for p in paths)
    thread = build_post(_entry("Long sentence here. " * 60), "thread", "page")
    paths = export_post(thread, tmp_path / "b")
    assert (tmp_path / "b" / "thread.txt").read_text(encoding="utf-8").count("---") == len(thread.thread) - 1
    assert not any(p.suffix == ".png" for p in paths)


def test_zip_bytes_round_trip():
    post = build_post(_entry("字" * 2000), "square", "page")
    with zipfile.ZipFile(BytesIO(zip_bytes(post))) as archive:
        assert len(archive.namelist()) == len(post.cards)


def test_markdown_of_turns_names_the_speakers():
    source = source_from_turns([ShareTurn("Aria", "还记得吗？", True), ShareTurn("C", "记得。", False)])
    md = markdown_file(build_post(source, "thread", "chat"))
    assert "**Aria:** 还记得吗？" in md and "**C:** 记得。" in md


def test_privacy_pass_reaches_every_field_and_undo_is_per_finding():
    source = source_from_turns([ShareTurn("Aria", "我的电话 13812345678", True), ShareTurn("C", "Aria, 晚安", False)],
                               title="给Aria")
    protected = protect(source, ["Aria"])
    assert protected.source.turns[0].speaker == "A."
    assert protected.source.turns[0].text == "我的电话 [电话]"
    assert protected.source.turns[1].text == "A., 晚安" and protected.source.title == "给A."
    phone = next(f for f in protected.findings if f.kind == "phone")
    undone = protect(source, ["Aria"], keep=[phone.id])
    assert undone.source.turns[0].text == "我的电话 13812345678"
    assert undone.source.turns[1].text == "A., 晚安"
    assert protect(source, ["Aria"], enabled=False).source == source


def test_caption_helpers():
    assert parse_hashtags("#人机恋 #AI伴侣, #HumanAILove #人机恋") == ["#人机恋", "#AI伴侣", "#HumanAILove"]
    assert parse_hashtags("人机恋, AI 伴侣") == ["#人机恋", "#AI", "#伴侣"]
    assert clamp_title("一二三四五六七八九十一二三四五六七八九十") == "一二三四五六七八九十一二三四五六七八九十"  # 20 fit
    cut = clamp_title("一二三四五六七八九十一二三四五六七八九十多出来")
    assert cut.endswith("…") and len(cut) <= 20
    assert clamp_title("❤️" * 25) == "❤️" * 19 + "…"  # no emoji cut in half
    assert caption_text("", []) == "\n"
    long = "第一句话。" * 40
    assert default_caption(_entry(long)).endswith("。") and len(default_caption(_entry(long))) <= 120


def test_caption_and_thread_of_a_markdown_entry_carry_words_not_marks():
    source = ShareSource(kind="entry", text="## 今天\n\n- 去了**图书馆**\n\n[读这里](http://x.com)。", title="t",
                         markdown=True)
    caption = default_caption(source)
    thread = build_post(source, "thread", "page").thread
    for text in (caption, "\n".join(thread)):
        assert "**" not in text and "##" not in text and "](" not in text
        assert "图书馆" in text and "读这里" in text
    assert "## 今天" in markdown_file(build_post(source, "thread", "page"))  # the .md keeps the markdown


def test_a_long_title_is_cut_between_words_in_the_caption_and_the_file_names(tmp_path):
    # #20.8: "Rainy evening at Low Tide Books" became "Rainy evening at Low", in file names too
    title = "Rainy evening at Low Tide Books"
    assert clamp_title(title) == "Rainy evening at…"
    assert clamp_title("凌晨两点的玫瑰，和一个不会睡着的人的漫长故事") .endswith("…")
    assert "玫" not in clamp_title("凌晨两点的玫瑰和一个不会睡着的人的长长的故事", limit=7)  # 玫瑰 is one word
    source = _entry("Tea at the shop.", title=title + " and the cat who knocked the poetry shelf over again")
    post = build_post(source, "square", "page", title=clamp_title(title))
    paths = export_post(post, tmp_path)
    assert all("Low" not in p.name for p in paths)
    assert any(p.name == "2026-04-02-Rainy-evening-at.png" for p in paths)
    untitled = build_post(source, "square", "page")  # the stem falls back to the source's long title
    assert untitled.stem == "2026-04-02-Rainy-evening-at-Low-Tide-Books-and-the"


def test_a_preview_is_what_the_page_shows_jpeg_at_most_its_width_png_when_transparent():
    # #19: the page hands these to st.image as they are; Streamlit re-encoded the full PNGs on every rerun.
    from journal.share.export import preview_image

    def png(mode: str, size: tuple[int, int]) -> bytes:
        out = BytesIO()
        Image.new(mode, size, (200, 80, 120, 255) if mode == "RGBA" else (200, 80, 120)).save(out, format="PNG")
        return out.getvalue()

    with Image.open(BytesIO(preview_image(png("RGB", (1080, 1350)), 420))) as shown:
        assert (shown.format, shown.size) == ("JPEG", (420, 525))
    with Image.open(BytesIO(preview_image(png("RGB", (300, 200)), 420))) as small:   # never enlarged
        assert (small.format, small.size) == ("JPEG", (300, 200))
    with Image.open(BytesIO(preview_image(png("RGBA", (1080, 1080)), 420))) as clear:
        assert (clear.format, clear.size, clear.mode) == ("PNG", (420, 420), "RGBA")


def test_a_title_fits_exactly_when_its_character_clusters_do_without_counting_a_long_text_whole():
    # #19: _fits looks at a prefix first; emoji sequences and combining marks span many code points.
    import random

    from journal.share.caption import _fits, _length

    rng = random.Random(19)
    pieces = ["a", " ", "中", "👍🏽", "👨‍👩‍👧", "é", "e\u0301", "\u0301\u0301\u0301"]
    for _ in range(2000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 300)))
        limit = rng.randint(0, 60)
        assert _fits(text, limit) == (_length(text) <= limit), (text, limit)
