"""Journal AI prompt flow with the fake backend: right prompt, right language, messy answers cleaned, nothing applied."""

from __future__ import annotations

import pytest

from journal.ai.errors import AIStreamCut, AIUnusable
from tests.fake_chat import FakeChat
from journal.errors import InvalidInput
from journal.i18n import set_language
from journal.reflection import (
    MAX_TITLE_CHARS,
    SUGGESTED_TAGS_MAX,
    append_continuation,
    ask_question,
    clean_continuation,
    clean_question,
    continue_draft,
    insert_reflection,
    parse_suggestion,
    suggest_metadata,
)

ENGLISH = "Walked by the river after work. My sister called and we argued about mum's birthday again."
CHINESE = "今天下班后去河边走了走。姐姐打电话来，我们又为妈妈的生日吵了一架。"


def test_question_prompt_carries_the_entry_and_streams_the_answer() -> None:
    chat = FakeChat()
    chat.enqueue(["What did the ", "river feel like?"])
    stream = ask_question(chat, ENGLISH)
    assert list(stream) == ["What did the ", "river feel like?"]
    call = chat.history[0]
    assert ENGLISH in call.prompt and call.system
    assert call.sampling.max_tokens is not None and call.sampling.max_tokens <= 100


def test_prompt_language_follows_the_writing_not_the_interface() -> None:
    set_language("en")
    chat = FakeChat()
    chat.enqueue("你们为什么又吵起来了？")
    ask_question(chat, CHINESE).read()
    assert "这是我的日记" in chat.history[0].prompt and "日记陪伴者" in chat.history[0].system
    set_language("zh")
    chat.enqueue("Why?")
    ask_question(chat, ENGLISH).read()
    assert "Here is my journal entry" in chat.history[1].prompt


def test_an_empty_entry_is_refused_before_any_call() -> None:
    chat = FakeChat()
    with pytest.raises(InvalidInput):
        ask_question(chat, "   \n ")
    assert chat.history == []


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("I'm sorry you had a hard day. I'll be here. What made the sunset matter tonight?",
         "What made the sunset matter tonight?"),
        ('Question: "Why did the birthday come up again?"\n\nAlso, remember to rest.', "Why did the birthday come up again?"),
        ("问题：你们为什么又为生日吵起来了？\n\n10:28 PM", "你们为什么又为生日吵起来了？"),
        ("how did your sister take it", "how did your sister take it?"),
        ("你们后来怎么和好的", "你们后来怎么和好的？"),
    ],
)
def test_clean_question_keeps_one_question(raw: str, expected: str) -> None:
    assert clean_question(raw) == expected


@pytest.mark.parametrize("raw", [' "" \n ? ', "Tell me more about your sister", "I love rivers."])
def test_an_answer_without_a_question_is_unusable(raw: str) -> None:
    with pytest.raises(AIUnusable):
        clean_question(raw)


def test_question_and_answer_are_kept_in_the_entry() -> None:
    body = insert_reflection("I walked.\n", "What did you see?", "The sunset, and a heron.")
    assert body == "I walked.\n\n> What did you see?\n\nThe sunset, and a heron.\n"
    assert insert_reflection("I walked.", "Why?") == "I walked.\n\n> Why?\n"


def test_continuation_drops_the_echo_and_the_half_sentence() -> None:
    chat = FakeChat()
    chat.enqueue(["Later I called her back. ", "We laughed about it. ", "The moon was"])
    raw = continue_draft(chat, ENGLISH).read()
    assert clean_continuation(ENGLISH, raw) == "Later I called her back. We laughed about it."
    assert clean_continuation("I was tired.", "I was tired. Then I slept.") == "Then I slept."
    with pytest.raises(AIUnusable):
        clean_continuation("I was tired.", "I was tired.")


def test_continuation_joins_like_the_language_is_written() -> None:
    assert append_continuation("I was tired.", "Then I slept.") == "I was tired. Then I slept."
    assert append_continuation("今天很累。", "后来睡着了。") == "今天很累。后来睡着了。"
    assert append_continuation("Line\n", "Next.") == "Line\nNext."


def test_a_cut_continuation_keeps_the_partial_text() -> None:
    chat = FakeChat()
    chat.enqueue(["Later I ", "called"], error=AIStreamCut("ai.errors.stream_cut"))
    stream = continue_draft(chat, ENGLISH)
    with pytest.raises(AIStreamCut) as info:
        stream.read()
    assert info.value.partial == stream.text == "Later I called"


def test_suggestion_asks_for_json_and_parses_it() -> None:
    chat = FakeChat()
    chat.enqueue('{"title": "The river and my sister", "tags": ["family", "Walks"], "mood": 3}')
    suggestion = suggest_metadata(chat, ENGLISH)
    assert (suggestion.title, suggestion.tags, suggestion.mood) == ("The river and my sister", ["family", "walks"], 3)
    assert chat.history[0].sampling.json_schema is not None
    assert suggestion.as_changes() == {"title": "The river and my sister", "tags": ["family", "walks"], "mood": 3}


@pytest.mark.parametrize(
    ("raw", "title", "tags", "mood"),
    [
        ('Sure! Here you go:\n```json\n{"Title": "Quiet", "tags": "#walk, family", "mood": "4"}\n```', "Quiet", ["walk", "family"], 4),
        ('Title: "A quiet river"\nTags: #walk, family, sunset, extra\nMood: 3/5', "A quiet river", ["walk", "family", "sunset"], 3),
        ("标题：河边的夕阳\n标签：散步、家人\n心情：7", "河边的夕阳", ["散步", "家人"], None),
        ('{"title": "福", "tags": ["1. 好说实话", "2. 现在，我们可以淡化一下！", "songs/birch"], "mood": 4.5}', "福", ["好说实话"], None),
        ('{"title": "<a short title>", "tags": ["<tag>"], "mood": 0}', None, [], None),
        ("I think you feel okay today.", None, [], None),
        # SmolLM2 seen in the live app: an HTML fragment offered as the title of a Chinese entry
        ('{"title": "<img src=", "tags": ["海边"], "mood": 3}', None, ["海边"], 3),
        ('{"title": "![](x.png)", "tags": [], "mood": 3}', None, [], 3),
        ('{"title": "2024 = 42", "tags": [], "mood": 3}', None, [], 3),
    ],
    ids=["fenced-json", "labelled-lines", "chinese-labels", "messy-tags", "placeholders", "no-structure",
         "html-title", "image-title", "code-title"],
)
def test_parse_suggestion_is_robust(raw: str, title: str | None, tags: list[str], mood: int | None) -> None:
    suggestion = parse_suggestion(raw)
    assert (suggestion.title, suggestion.tags, suggestion.mood) == (title, tags, mood)


def test_suggestion_limits_title_and_tag_count() -> None:
    raw = '{"title": "%s", "tags": ["a1", "b2", "c3", "d4", "e5"], "mood": 5}' % ("word " * 40)
    suggestion = parse_suggestion(raw)
    assert len(suggestion.title) <= MAX_TITLE_CHARS and len(suggestion.tags) == SUGGESTED_TAGS_MAX


def test_an_unreadable_suggestion_is_a_clear_error() -> None:
    chat = FakeChat()
    chat.enqueue("I am a small model and I like rivers")
    chat.enqueue("I still like rivers")   # asked once more
    with pytest.raises(AIUnusable) as info:
        suggest_metadata(chat, ENGLISH)
    assert "title" in info.value.message("en")


def test_fake_chat_says_when_nothing_is_queued() -> None:
    with pytest.raises(AssertionError, match="enqueue"):
        FakeChat().stream_chat([{"role": "user", "content": "hi"}])
