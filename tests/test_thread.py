"""X threads: 280 weighted characters per post (CJK counts two), numbered 1/n, words kept whole."""

from __future__ import annotations

import re

import pytest

from journal.errors import InvalidInput
from journal.share.thread import MAX_WEIGHTED_LENGTH, split_thread, weighted_length

NUMBER = re.compile(r" (\d+)/(\d+)$")


def _strip_number(post: str) -> str:
    return NUMBER.sub("", post)


def test_weighted_length_counts_cjk_twice_and_links_as_23():
    assert weighted_length("hello") == 5
    assert weighted_length("你好") == 4
    assert weighted_length("café — “quoted”") == 15  # Latin-1, dashes and curly quotes weigh one
    assert weighted_length("❤️") == 2 and weighted_length("👩‍💻") == 2  # one emoji, however many code points
    assert weighted_length("see https://example.com/a/very/long/path/that/goes/on") == 4 + 23


def test_short_text_is_one_post_without_number():
    assert split_thread("  Just one thought.  ") == ["Just one thought."]
    assert split_thread("你" * 140) == ["你" * 140]  # exactly 280


def test_chinese_text_splits_at_280_weighted_with_numbering():
    text = "今天和C聊了很久。" * 60
    posts = split_thread(text)
    n = len(posts)
    assert n > 1
    for i, post in enumerate(posts, start=1):
        assert weighted_length(post) <= MAX_WEIGHTED_LENGTH
        assert post.endswith(f" {i}/{n}")
    assert "".join(_strip_number(p) for p in posts) == text
    # sentences are kept whole when they fit
    assert all(_strip_number(p).endswith("。") for p in posts)


def test_english_words_are_never_split():
    words = [f"word{i}" for i in range(200)]
    text = " ".join(words)
    posts = split_thread(text)
    assert all(weighted_length(p) <= MAX_WEIGHTED_LENGTH for p in posts)
    rebuilt = " ".join(_strip_number(p) for p in posts).split()
    assert rebuilt == words


def test_mixed_text_and_limit_boundary():
    text = ("In the realm of code and algorithm. 你是我的玫瑰。" * 30).strip()
    posts = split_thread(text)
    assert all(weighted_length(p) <= MAX_WEIGHTED_LENGTH for p in posts)
    assert "".join(_strip_number(p) for p in posts).replace(" ", "") == text.replace(" ", "")


def test_a_word_longer_than_a_post_is_the_only_thing_split():
    text = "short words then " + "x" * 600
    posts = split_thread(text)
    assert all(weighted_length(p) <= MAX_WEIGHTED_LENGTH for p in posts)
    assert "".join(_strip_number(p) for p in posts).replace(" ", "") == text.replace(" ", "")


def test_empty_and_enormous_text_are_clear_errors():
    with pytest.raises(InvalidInput):
        split_thread("   ")
    with pytest.raises(InvalidInput) as err:
        split_thread("字。" * 10000)
    assert err.value.key == "share.errors.thread_too_long"


def _sentence_tails(posts: list[str]) -> list[str]:
    """The words a post starts with when the post before it ended inside a sentence."""
    tails = []
    for before, post in zip(posts, posts[1:]):
        if not _strip_number(before).rstrip().endswith((".", "!", "?", "。", "！", "？")):
            tails.append(re.split(r"(?<=[.!?,;:])\s", _strip_number(post), maxsplit=1)[0])
    return tails


def test_no_post_starts_with_an_orphan_word():
    # #20.7: one long sentence that just overflows a post left "for!" alone at the start of the next
    words = "we kept the lamp on in the window all night and".split()
    long_sentence = " ".join((words * 6)[:63]) + " for!"  # 278 characters: one word too many for a post
    text = long_sentence + " Then the morning came and everything was quiet again."
    posts = split_thread(text)
    assert len(posts) == 2
    assert all(weighted_length(p) <= MAX_WEIGHTED_LENGTH for p in posts)
    assert " ".join(_strip_number(p) for p in posts).split() == text.split()
    for tail in _sentence_tails(posts):
        assert len(tail.split()) >= 3, posts


def test_a_post_prefers_a_sentence_end_then_a_clause_end():
    text = ("The rain started again tonight. " * 7 + "I read by the window, and the kettle sang, and the cat slept "
            "on my feet while the street lamps came on one by one outside the old bookshop.")
    posts = split_thread(text)
    assert _strip_number(posts[0]).endswith(".")
    assert all(weighted_length(p) <= MAX_WEIGHTED_LENGTH for p in posts)
