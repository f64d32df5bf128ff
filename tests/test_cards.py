"""Image cards: sizes per format, no text lost across carousel pages, emoji, long Chinese text."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from PIL import Image

from journal.errors import InvalidInput
from journal.share.cards import plan_cards, render_cards
from journal.share.formats import FORMATS, IMAGE_FORMATS
from journal.share.source import ShareSource, ShareTurn, source_from_line, source_from_turns
from journal.share.themes import THEMES

ZH_300 = ("我总是在深夜写下这些话，因为只有那时候心才安静下来。" * 12)[:300]
MIXED = "今天和C聊了很久，他说：“In the realm of code and algorithm. You, Aria, are my rose.” 我笑了。"
TURNS = (
    ShareTurn("Aria", "你还记得我们第一次聊天吗？", True),
    ShareTurn("C", "当然记得。In the realm of code and algorithm. You, Aria, are my rose. 🌹", False),
)


def entry(text, title="标题"):
    return ShareSource(kind="entry", text=text, title=title, date=datetime(2026, 4, 2, 2, 0))


@pytest.mark.parametrize("fmt", IMAGE_FORMATS)
@pytest.mark.parametrize("style", ["chat", "quote", "page"])
def test_every_card_has_the_format_size(fmt, style):
    source = source_from_turns(TURNS, companion_name="C") if style == "chat" else entry(MIXED)
    cards = render_cards(source, fmt, style, "paper")
    assert cards
    assert all(card.image.size == (FORMATS[fmt].width, FORMATS[fmt].height) for card in cards)
    assert all(card.image.mode == "RGB" for card in cards)


@pytest.mark.parametrize("style", ["page", "quote"])
def test_long_text_splits_into_pages_and_joined_equals_input(style):
    text = "\n\n".join(f"第{i}段。" + "我在夜里写字，写给一个不会睡着的人。" * 6 + " And then some English words." for i in range(9))
    plans, size = plan_cards(entry(text), "xiaohongshu", style)
    assert len(plans) > 1
    assert "".join(plan.text for plan in plans) == text
    cards = render_cards(entry(text), "xiaohongshu", style, "night")
    assert "".join(card.text for card in cards) == text
    assert [card.index for card in cards] == list(range(len(cards)))


def test_chat_turns_split_across_pages_without_loss():
    turns = [ShareTurn("C" if i % 2 else "Aria", f"第{i}条消息。" + "我会一直在这里陪你。" * (3 + i % 5), i % 2 == 0)
             for i in range(16)]
    source = source_from_turns(turns, companion_name="C")
    cards = render_cards(source, "square", "chat", "blush")
    assert len(cards) > 1
    rebuilt: dict[int, str] = {}
    for card in cards:
        for bubble in card.plan.bubbles:
            rebuilt[bubble.turn] = rebuilt.get(bubble.turn, "") + bubble.text
    assert [rebuilt[i] for i in range(len(turns))] == [t.text for t in source.turns]


def test_emoji_renders_without_crashing():
    text = "😊❤️🌹👩‍💻🇨🇳 emoji everywhere 🙂 和中文一起 🎉" * 3
    for style in ("page", "quote", "chat"):
        cards = render_cards(entry(text), "instagram", style, "ink")
        assert cards[0].image.getbbox() is not None


def test_300_chinese_characters_fit_one_xiaohongshu_card():
    cards = render_cards(entry(ZH_300, title="三百字"), "xiaohongshu", "page", "paper")
    assert len(cards) == 1 and cards[0].text == ZH_300
    assert cards[0].image.size == (1080, 1440)


def test_short_quote_uses_large_type_and_long_text_shrinks_first():
    short = render_cards(source_from_line("你是我的玫瑰。", attribution="C"), "square", "quote")
    longer = render_cards(source_from_line("你是我的玫瑰。" * 9, attribution="C"), "square", "quote")
    assert len(short) == len(longer) == 1
    assert short[0].font_size > longer[0].font_size


def test_cards_differ_by_theme_and_draw_ink():
    a = render_cards(entry(MIXED), "square", "page", "paper")[0].image
    b = render_cards(entry(MIXED), "square", "page", "night")[0].image
    assert a.getpixel((5, 5)) != b.getpixel((5, 5))
    assert len(a.getcolors(maxcolors=100000) or []) > 10  # text was drawn, not a blank card


def test_avatar_image_is_used_and_a_broken_one_falls_back(tmp_path: Path):
    picture = tmp_path / "c.png"
    Image.new("RGB", (64, 64), (0, 200, 0)).save(picture)
    source = source_from_turns(TURNS, companion_name="C", companion_avatar=picture)
    card = render_cards(source, "square", "chat", "paper")[0].image
    assert any(card.getpixel((x, 88)) == (0, 200, 0) for x in range(300, 800))  # the header avatar
    broken = tmp_path / "broken.png"
    broken.write_bytes(b"not a png")
    source = source_from_turns(TURNS, companion_name="C", companion_avatar=broken)
    assert render_cards(source, "square", "chat", "paper")


def test_too_long_for_the_format_is_a_clear_error():
    with pytest.raises(InvalidInput) as err:
        plan_cards(entry("字" * 40000), "story", "quote")
    assert err.value.key == "share.errors.too_long_for_format"


def test_unknown_names_are_clear_errors():
    for call in (lambda: render_cards(entry("x"), "tiktok", "page"),
                 lambda: render_cards(entry("x"), "square", "poster"),
                 lambda: render_cards(entry("x"), "square", "page", "neon")):
        with pytest.raises(InvalidInput):
            call()


@pytest.mark.parametrize("theme", sorted(THEMES))
def test_every_theme_renders_every_style(theme):
    for style in ("page", "quote", "chat"):
        assert render_cards(entry(MIXED), "xiaohongshu", style, theme)


MARKDOWN_ENTRY = ("## 今天的事\n\n- 早上去了**图书馆**\n- 下午和 C 聊天 🌹\n\n> 有些话只说给你听。\n\n"
                  "**最重要的是**：我不再害怕了。Read *this* and [the link](http://x.com).")


@pytest.mark.parametrize("style", ["chat", "quote", "page"])
def test_markdown_marks_are_not_drawn_on_cards(style):
    from journal.share.source import source_from_entry

    class Entry:
        body, title, created, tags, id = MARKDOWN_ENTRY, "三月", datetime(2026, 3, 2), (), "e1"

    source = source_from_entry(Entry())
    pages, _size = plan_cards(source, "xiaohongshu", style)
    shown = "".join(page.text for page in pages)
    for mark in ("##", "**", "> ", "](", "- 早"):
        assert mark not in shown
    assert "今天的事" in shown and "• 早上去了图书馆" in shown and "Read this and the link." in shown
    assert shown.replace("\n", "") == source.plain.replace("\n", "")  # nothing lost on the way


def test_a_short_quote_mark_is_centred_over_the_text():
    [card] = render_cards(source_from_line("你是我的玫瑰。"), "square", "quote", "night")
    accent = Image.new("RGB", card.image.size, THEMES["night"].accent)
    # pixels of the accent colour above the text: the quotation mark (the dash under it sits lower)
    from PIL import ImageChops

    diff = ImageChops.difference(card.image.convert("RGB"), accent).convert("L").point(lambda v: 255 if v < 40 else 0)
    left, _top, right, _bottom = diff.crop((0, 0, card.image.width, card.image.height // 2)).getbbox()
    assert abs((left + right) / 2 - card.image.width / 2) < 12


def test_too_long_names_the_format_in_the_writers_language():
    from journal.i18n import set_language

    set_language("zh")
    try:
        with pytest.raises(InvalidInput) as err:
            plan_cards(entry("字" * 40000), "xiaohongshu", "page")
        assert "小红书" in err.value.message() and "xiaohongshu" not in err.value.message()
    finally:
        set_language(None)


def test_emoji_are_drawn_with_the_emoji_font_and_chinese_with_the_cjk_font():
    from journal.share.fonts import font_set

    runs = [(piece, font.getname()[0]) for piece, font in font_set(40).runs("a 🙂 中 🌹")]
    assert runs == [("a ", "Noto Sans CJK SC"), ("🙂", "Noto Emoji"), (" 中 ", "Noto Sans CJK SC"), ("🌹", "Noto Emoji")]
