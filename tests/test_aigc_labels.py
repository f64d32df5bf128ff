"""GB 45438-2025 labels: a visible mark of the standard's size on every card that holds AI words, the TC260
XMP packet in every PNG, a line in the caption, the thread, the markdown and the HTML; nothing on a post made
only of the person's own words."""

from __future__ import annotations

import io
import json
import re
import xml.etree.ElementTree as ET
from datetime import datetime

import pytest
from PIL import Image, ImageChops

from journal.share.aigc import FIELDS, MIN_TEXT_HEIGHT_RATIO, TC260_NAMESPACE, XMP_KEYWORD, Label, mark_box
from journal.share.export import caption_file, export_post, html_file, markdown_file, png_bytes, thread_file
from journal.share.post import make_post
from journal.share.source import ShareTurn, source_from_turns
from journal.share.themes import THEMES

WHEN = datetime(2026, 4, 2, 21, 14)


def _turns(ai: bool, lang: str = "zh"):
    words = {"zh": ("你还记得我们第一次聊天吗？", "当然记得。那天下着雨，你说你睡不着。"),
             "en": ("Do you remember our first talk?", "Of course. It was raining and you could not sleep.")}[lang]
    turns = [ShareTurn("Aria", words[0], True), ShareTurn("C", words[1], False, ai=ai)]
    if not ai:  # the person's words only: both turns are theirs
        turns = [ShareTurn("Aria", words[0], True), ShareTurn("Aria", words[1], True)]
    return source_from_turns(turns, companion_name="C", date=WHEN, title="第一晚" if lang == "zh" else "First night")


def _xmp_fields(png: bytes) -> dict[str, str] | None:
    image = Image.open(io.BytesIO(png))
    packet = image.info.get(XMP_KEYWORD)
    if packet is None:
        return None
    root = ET.fromstring(re.sub(r"<\?xpacket[^>]*\?>", "", packet))
    node = root.find(f".//{{{TC260_NAMESPACE}}}AIGC")
    assert node is not None and node.text
    return json.loads(node.text)


def _mark_ink_height(card, theme_name: str) -> int:
    """The pixel height of the mark's text, measured on the rendered card: ink-coloured pixels in its corner."""
    left, top, right, bottom = (round(v) for v in card.mark_box)
    assert bottom > card.image.height * 0.85 and (left < card.image.width * 0.15)  # a bottom-left corner
    corner = card.image.crop((left, top, right, bottom)).convert("RGB")
    ink = Image.new("RGB", corner.size, THEMES[theme_name].ink)
    mask = ImageChops.difference(corner, ink).convert("L").point(lambda v: 255 if v < 90 else 0)
    box = mask.getbbox()
    assert box is not None, "no mark drawn"
    return box[3] - box[1]


@pytest.mark.parametrize("fmt,style,lang", [("xiaohongshu", "chat", "zh"), ("square", "quote", "en"),
                                            ("story", "page", "zh"), ("instagram", "chat", "en")])
def test_a_card_from_a_companion_turn_carries_the_mark_and_the_xmp(fmt, style, lang):
    post = make_post(_turns(ai=True, lang=lang), fmt, style, "paper")
    assert post.label is not None and post.label.lang == lang
    for card in post.cards:
        shorter = min(card.image.size)
        height = _mark_ink_height(card, "paper")
        assert height >= MIN_TEXT_HEIGHT_RATIO * shorter, (height, shorter)
        fields = _xmp_fields(png_bytes(card, post.label))
        assert fields is not None and list(fields) == list(FIELDS)
        assert fields["Label"] == "1" and fields["ContentProducer"].startswith("Duet ")
        assert re.fullmatch(r"[0-9a-f]{64}", fields["ProduceID"])
    mark = {"zh": "AI生成", "en": "AI-generated"}[lang]
    assert mark in caption_file(post) and mark in markdown_file(post)


def test_the_mark_is_in_the_posts_language_and_drawn_in_the_corner():
    zh = make_post(_turns(ai=True, lang="zh"), "square", "chat", "paper")
    en = make_post(_turns(ai=True, lang="en"), "square", "chat", "paper")
    assert zh.label.mark == "AI生成" and en.label.mark == "AI-generated"
    left, top, right, bottom = mark_box((1080, 1080), zh.label)
    assert left < 60 and bottom > 1080 - 60  # bottom-left corner, at the edge as the standard asks


def test_a_post_of_only_the_persons_words_has_no_label():
    post = make_post(_turns(ai=False), "xiaohongshu", "chat", "paper")
    assert post.label is None
    for card in post.cards:
        assert _xmp_fields(png_bytes(card, post.label)) is None
    labelled = make_post(_turns(ai=True), "xiaohongshu", "chat", "paper")
    # the same corner differs: the unlabelled card has no mark there
    assert post.cards[0].mark_box is None
    box = tuple(round(v) for v in labelled.cards[0].mark_box)
    assert ImageChops.difference(post.cards[0].image.crop(box), labelled.cards[0].image.crop(box)).getbbox()
    assert "AI" not in caption_file(post) and "AIGC" not in html_file(post)


def test_thread_html_and_every_exported_png_carry_the_label(tmp_path):
    post = make_post(_turns(ai=True), "thread", "page")
    assert thread_file(post).startswith("【AI生成】")
    carousel = make_post(source_from_turns([ShareTurn("C", "我会一直在这里陪你。" * 40, False, ai=True)] * 4,
                                           companion_name="C"), "xiaohongshu", "chat", "night")
    assert len(carousel.cards) > 1
    paths = export_post(carousel, tmp_path)
    pngs = [p for p in paths if p.suffix == ".png"]
    assert len(pngs) == len(carousel.cards)
    ids = set()
    for path in pngs:
        fields = _xmp_fields(path.read_bytes())
        assert fields is not None and fields["Label"] == "1"
        ids.add(fields["ProduceID"])
    assert len(ids) == len(pngs)  # each card's own content hash
    page = next(p for p in paths if p.suffix == ".html").read_text("utf-8")
    meta = re.search(r'<meta name="AIGC" content="([^"]+)"', page)
    assert meta and json.loads(meta.group(1).replace("&quot;", '"'))["Label"] == "1"
    assert "AI生成" in page
