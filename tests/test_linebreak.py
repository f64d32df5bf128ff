"""Line wrapping of mixed Chinese and Latin text, measured with the real card font."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from uniseg.graphemecluster import grapheme_clusters

from journal.share.fonts import font_set
from journal.share.linebreak import NO_LINE_END, NO_LINE_START, balanced_wrap, visible, wrap

FONT = font_set(40)
WIDTH = 808  # the text column of a page card at 1080 px
CLOSING = "，。、；：！？）」』】》"
OPENING = "（「『【《"

_tokens = st.one_of(
    st.sampled_from(list("我你他在的是了不人有这中大为上个国和时说天心夜里灯玫瑰")),  # CJK
    st.text(alphabet="abcdefghijklmnopqrstuvwxyzABC", min_size=1, max_size=14),  # Latin words
    st.sampled_from([" ", " ", "\n", "\n\n"]),
    st.sampled_from(list(CLOSING + OPENING + ",.!?\"'-😊❤️🌹")),
    st.text(alphabet="abcdefghij", min_size=30, max_size=60),  # a word wider than the column
)
texts = st.lists(_tokens, min_size=1, max_size=120).map("".join)


def _starts_after_hard_break(lines, i):
    return i == 0 or lines[i - 1].endswith("\n")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_wrap_keeps_text_fits_width_and_respects_punctuation(text):
    # a run of closing marks longer than a line cannot avoid starting a line with one
    assume(not re.search(f"[{CLOSING}]{{8,}}", text))
    lines = wrap(text, FONT.measure, WIDTH)
    assert "".join(lines) == text
    for i, line in enumerate(lines):
        shown = visible(line)
        if len(list(grapheme_clusters(shown))) > 1:
            assert FONT.measure(shown) <= WIDTH, line
        if shown and not _starts_after_hard_break(lines, i):
            assert line[0] not in CLOSING, (lines[i - 1], line)
            assert not lines[i - 1].rstrip().endswith(tuple(OPENING)), (lines[i - 1], line)


def test_chinese_breaks_between_characters_but_not_before_closing_punctuation():
    text = "今天和你聊了很久，" * 12
    lines = wrap(text, FONT.measure, WIDTH)
    assert len(lines) > 1
    assert all(not line.startswith("，") for line in lines)
    assert "".join(lines) == text


def test_latin_words_stay_whole():
    text = "In the realm of code and algorithm. You, Aria, are my rose. " * 4
    lines = wrap(text, FONT.measure, 400)
    words = set(text.split())
    for line in lines:
        for word in line.split():
            assert word in words  # no fragment of a word on any line


def test_overlong_word_is_broken_not_overflowing():
    word = "supercalifragilisticexpialidocious" * 3
    lines = wrap(word, FONT.measure, 300)
    assert len(lines) > 2 and "".join(lines) == word
    assert all(FONT.measure(visible(line)) <= 300 for line in lines)


def test_forced_break_keeps_closing_punctuation_with_its_word():
    text = "a" * 40 + "）" + "b" * 5
    lines = wrap(text, FONT.measure, 300)
    assert all(line[0] not in NO_LINE_START for line in lines[1:])
    assert all(line[-1] not in NO_LINE_END for line in lines[:-1])


def test_phrase_mode_keeps_chinese_words_together():
    # at a width of 9 characters "世界" would be split by plain UAX #14; BudouX keeps it whole
    text = "在代码与算法的世界里，你是我的玫瑰。"
    plain = wrap(text, FONT.measure, FONT.measure("在代码与算法的世界"[:8]) + 1, phrases=False)
    assert plain[0].endswith("世")
    phrased = wrap(text, FONT.measure, FONT.measure("在代码与算法的世界"[:8]) + 1)
    assert not phrased[0].endswith("世") and "".join(phrased) == text


def test_balanced_wrap_prefers_clauses_and_even_lines():
    big = font_set(72)
    lines = balanced_wrap("在代码与算法的世界里，你是我的玫瑰。", big.measure, 864)
    assert lines == ["在代码与算法的世界里，", "你是我的玫瑰。"]
    lines = balanced_wrap("In the realm of code and algorithm. You are my rose.", big.measure, 864)
    widths = [big.measure(visible(line)) for line in lines]
    assert max(widths) - min(widths) < 0.5 * max(widths)


def test_newlines_and_blank_lines_are_kept():
    text = "第一段。\n\nSecond paragraph.\r\nThird\n"
    assert "".join(wrap(text, FONT.measure, WIDTH)) == text


def test_a_balanced_quote_keeps_a_closing_ascii_quote_with_its_sentence():
    from journal.share.fonts import font_set
    from journal.share.linebreak import balanced_wrap

    text = '今天和 C 聊到 midnight，他说 "You, Aria, are my rose." 🌹🌹 我笑了（真的）。'
    lines = balanced_wrap(text, font_set(72).measure, 864)
    assert "".join(lines) == text
    assert not any(line.startswith('"') for line in lines[1:]), lines
