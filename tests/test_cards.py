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


def _starter_greeting(slug: str) -> str:
    import yaml

    text = (Path(__file__).parent.parent / "journal" / "companions" / "starters" / f"{slug}.md").read_text("utf-8")
    return yaml.safe_load(text.split("---")[1])["first_mes"]


@pytest.mark.parametrize("slug", ["wren-ashby", "zhou-yu"])
def test_action_marks_of_the_starter_greetings_never_leave_the_notebook(slug):
    # #20.6: both starter greetings showed raw *action* marks on story cards, one-line cards, captions and threads
    from journal.share.caption import default_caption
    from journal.share.export import build_post

    greeting = _starter_greeting(slug)
    assert greeting.count("*") >= 2
    turns = source_from_turns([ShareTurn("Me", "**Hi** there, *waves*", True), ShareTurn("C", greeting, False)],
                              companion_name="C")
    line = source_from_line("*She is already reaching for the kettle.* Tea?", attribution="*C*")
    for source in (turns, line):
        for style in ("chat", "quote", "page"):
            pages, _size = plan_cards(source, "xiaohongshu", style)
            shown = "".join(page.text for page in pages)
            assert "*" not in shown
        assert "*" not in default_caption(source)
        assert "*" not in "".join(build_post(source, "thread", "page").thread)
    shown = "".join(p.text for p in plan_cards(line, "square", "quote")[0])
    assert shown == "She is already reaching for the kettle. Tea?"


def test_curly_quotes_take_the_width_of_the_script_around_them():
    # #20.5: "don’t" was drawn "don’　t": the Chinese face's full-width apostrophe between Latin letters
    from journal.share.fonts import font_set

    fonts = font_set(44)
    for straight, curly in (("don't", "don’t"), ("I'll", "I’ll"), ('"Hi"', "“Hi”"), ("wait...", "wait…")):
        assert fonts.measure(curly) < fonts.measure(straight) + 0.25 * fonts.size, curly
    assert fonts.measure("“你好”") >= 3.8 * fonts.size  # among Chinese the quotes stay full-width
    assert fonts.measure("他说：“好。”") >= 5.8 * fonts.size


def _pixels(image: Image.Image, test) -> int:
    return sum(1 for pixel in image.convert("RGB").getdata() if test(pixel))


def test_emoji_are_drawn_in_colour_and_flags_are_flags():
    # #20.10: emoji were monochrome outlines and flags were boxes
    from PIL import ImageDraw

    from journal.share.fonts import font_set

    fonts = font_set(80)
    canvas = Image.new("RGB", (400, 140), "white")
    fonts.draw(ImageDraw.Draw(canvas), (10, 110), "🇨🇳🌹", fill=(0, 0, 0))
    flag = canvas.crop((0, 0, 10 + fonts.measure("🇨🇳"), 140))
    red = _pixels(flag, lambda p: p[0] > 180 and p[1] < 90 and p[2] < 90)
    yellow = _pixels(flag, lambda p: p[0] > 200 and p[1] > 160 and p[2] < 90)
    assert red > 1000 and yellow > 30  # a red field with yellow stars, not a box or an outline
    assert fonts.measure("🇨🇳") < 1.5 * fonts.size  # one flag, not two letter boxes
    rose = canvas.crop((10 + fonts.measure("🇨🇳"), 0, 400, 140))
    assert _pixels(rose, lambda p: p[1] > p[0] + 10 and p[1] > p[2] + 80) > 50  # a green leaf


def _ink_box(image: Image.Image, colour) -> tuple[int, int, int, int]:
    """The bounding box of the pixels drawn in ``colour`` (within a small tolerance for anti-aliasing)."""
    from PIL import ImageChops

    target = Image.new("RGB", image.size, colour)
    mask = ImageChops.difference(image.convert("RGB"), target).convert("L").point(lambda v: 255 if v < 24 else 0)
    box = mask.getbbox()
    assert box is not None
    return box


@pytest.mark.parametrize("style", ["page", "chat"])
def test_a_short_text_is_sized_up_and_centred_not_left_at_the_top(style):
    # #20.9: a short text left 70–80% of a card empty
    theme = THEMES["paper"]
    if style == "page":
        source = entry("Rainy evening. Tea with Wren at the shop, and the cat asleep on the poetry shelf.",
                       title="Rainy evening")
        colours = [theme.ink]
    else:
        source = source_from_turns([ShareTurn("Me", "Are you still up?", True),
                                    ShareTurn("C", "Always, for you.", False)], companion_name="C")
        colours = [theme.bubble_user, theme.bubble_other]
    [card] = render_cards(source, "xiaohongshu", style, theme)
    if style == "chat":  # the messages' screen, between the header and the input bar
        from journal.share.style_chat import HEADER_HEIGHT, INPUT_BAR_HEIGHT

        screen = card.image.crop((0, HEADER_HEIGHT + 2, card.image.width, card.image.height - INPUT_BAR_HEIGHT - 2))
    else:
        screen = card.image
    boxes = [_ink_box(screen, colour) for colour in colours]
    top, bottom = min(box[1] for box in boxes), max(box[3] for box in boxes)
    assert abs((top + bottom) / 2 - screen.height / 2) < 0.08 * screen.height, (top, bottom, screen.height)
    assert card.font_size >= 48


def test_emoji_keep_a_font_when_the_colour_font_lacks_them():
    # OpenMoji draws emoji in colour; an emoji it lacks (or a machine without it) falls back to Noto Emoji's
    # outlines, never to a box. None of the other fallback fonts has these.
    from journal.share.fonts import _coverage, fallback_font_paths

    covered = set().union(*(_coverage(str(path), 0) for path in fallback_font_paths()))
    assert {ord(c) for c in "🙂🌹❤🎉"} <= covered
