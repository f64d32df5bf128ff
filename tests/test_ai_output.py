"""What models write is cleaned and validated before anyone keeps it (#20 items 11–15).

The messy answers below are the embedded SmolLM2's own, copied from real runs.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from journal.ai.cleanup import (
    balance_asterisks,
    clean_reply,
    cut_at_person_turn,
    echoes_example,
    repeated_ngram_share,
    strip_own_labels,
    trim_repetition,
)
from journal.ai.client import OpenAIChat
from journal.ai.errors import AIUnusable
from journal.ai.prompts import render_prompt
from journal.notebook import Notebook
from journal.reflection import ask_question, parse_suggestion, question_from, suggest_metadata
from journal.share.from_story import INCOMPLETE_MARK, source_from_story
from journal.share.source import source_from_line
from journal.share.suggest import suggest_post
from journal.stories import ops, suggest
from tests.fake_chat import FakeChat
from tests.fake_openai import FakeOpenAIServer, reply

BUDGET = 3000
SMOL_CHOICES = [
    # a label with an explanation after the colon, on separate lines
    "1) Open the letter: The lighthouse keeper opens a door to reveal a room filled with letters and papers "
    "containing precious gems (the story's setting).\n\n2) Open the window of the room where they're reading: Aria "
    "reads an old book in front of her windowsill.\n\n3) Open the door: Aria open",
    # three items numbered inline on one line, each a long sentence
    "1- Open a letter to your friend. 2- The lighthouse door opens and you can go inside. You are now in a room "
    "that has no windows. 3- Aria is talking about her family, she asks how many people there are in the story.",
]
SMOL_PROSE = ("I'm ready to help you craft a compelling narrative that explores themes of self-discovery and "
              "personal growth. What's your story?")


def _narrate_story(nb: Notebook):
    story = nb.stories.create(title="Rain", companion="wren-ashby", companion_name="Wren Ashby", user_name="Aria",
                              mode="narrate")
    ops.add_opening(nb, story.id, "The lighthouse door is open. Rain hammers the glass.")
    return story


# -- 11. Suggest choices --------------------------------------------------------------------

@pytest.mark.parametrize(("answer", "expected"), [
    # "Open the letter" is the prompt's own example, not about this story: dropped
    (SMOL_CHOICES[0], ["Open the window of the room where they're reading", "Open the door"]),
    (SMOL_CHOICES[1], ["Open a letter to your friend", "The lighthouse door opens and you can go inside",
                       "Aria is talking about her family"]),
], ids=["labels", "inline-numbers"])
def test_choices_are_read_from_a_small_models_messy_lists(notebook: Notebook, answer: str,
                                                          expected: list[str]) -> None:
    story = _narrate_story(notebook)
    chat = FakeChat()
    chat.enqueue(answer)
    choices = suggest.suggest_choices(notebook, story.id, chat)
    assert choices == expected
    assert notebook.stories.get(story.id).turns[-1].extra["choices"] == choices


def test_choices_ask_again_and_then_say_nothing_usable(notebook: Notebook) -> None:
    story = _narrate_story(notebook)
    chat = FakeChat()
    chat.enqueue(SMOL_PROSE)
    chat.enqueue("- Climb the stairs\n- Open the letter\n- Call her sister")   # two of three only copy the example
    chat.enqueue(SMOL_PROSE)
    with pytest.raises(AIUnusable) as info:
        suggest.suggest_choices(notebook, story.id, chat)
    assert len(chat.history) == suggest.CHOICE_ATTEMPTS
    assert "choices" in info.value.message("en")
    assert "choices" not in notebook.stories.get(story.id).turns[-1].extra


def test_choices_prompt_is_short_with_an_example_and_a_started_answer_for_llama_cpp(notebook: Notebook) -> None:
    story = _narrate_story(notebook)
    chat = FakeChat()
    chat.continues_last_message = True
    chat.enqueue("Climb the stairs\n- Call out\n- Wait and listen")
    assert suggest.suggest_choices(notebook, story.id, chat) == ["Climb the stairs", "Call out", "Wait and listen"]
    sent = chat.history[0].messages
    assert [m["role"] for m in sent] == ["system", "user", "assistant", "user", "assistant"]
    assert sent[-1]["content"] == suggest.CHOICE_PREFILL
    assert "Rain hammers the glass." in sent[-2]["content"]


def test_choices_error_is_shown_beside_the_button(app_path: str, chat: FakeChat, duet_home: Path) -> None:
    nb = Notebook.open(duet_home)
    story = _narrate_story(nb)
    at = AppTest.from_file(app_path, default_timeout=30).run()
    at = at.switch_page("pages/stories.py").run()   # opens the story touched last: this one
    for _ in range(suggest.CHOICE_ATTEMPTS):
        chat.enqueue(SMOL_PROSE)
    at.button(key="story_suggest_choices").click().run()
    message = AIUnusable("stories.narrate.no_choices").message("en")
    assert not [e for e in at.error if e.value == message]   # not the banner at the top of the page
    beside = [c for c in at.columns if any(b.key == "story_suggest_choices" for b in c.button)]
    assert beside and [w.value for w in beside[0].warning] == [message]


# -- 12. Replies cut at the token limit -----------------------------------------------------

def test_a_reply_cut_at_the_token_limit_is_trimmed_and_marked(notebook: Notebook) -> None:
    story = notebook.stories.create(title="Rain", companion="wren-ashby", companion_name="Wren", user_name="Aria")
    with FakeOpenAIServer() as server:
        server.enqueue(reply("The rain stopped. She looked up at the lamp and", finish_reason="length"))
        saved = ops.reply(notebook, story.id, OpenAIChat(server.endpoint()), "Look.", budget=BUDGET)
    assert saved.turns[-1].text == "The rain stopped."
    assert saved.turns[-1].extra[ops.INCOMPLETE_KEY] is True
    share = source_from_story(notebook, story.id)
    assert share.turns[-1].text == "The rain stopped." + INCOMPLETE_MARK
    assert share.turns[0].text == "Look."


def test_a_finished_reply_is_not_marked(notebook: Notebook) -> None:
    story = notebook.stories.create(title="Rain", companion="wren-ashby", companion_name="Wren", user_name="Aria")
    chat = FakeChat()
    chat.enqueue("The rain stopped and")
    saved = ops.reply(notebook, story.id, chat, "Look.", budget=BUDGET)
    assert saved.turns[-1].text == "The rain stopped and"
    assert ops.INCOMPLETE_KEY not in saved.turns[-1].extra


# -- 13. Model artefacts --------------------------------------------------------------------

def test_a_saved_reply_loses_labels_the_persons_invented_turn_and_stray_marks(notebook: Notebook) -> None:
    story = notebook.stories.create(title="Rain", companion="wren-ashby", companion_name="Wren Ashby", user_name="Aria")
    chat = FakeChat()
    chat.enqueue("Wren Ashby: *smiles* Come in, the kettle is on. *pours\nAria: Thank you!\nWren: You're welcome.")
    saved = ops.reply(notebook, story.id, chat, "Hello?", budget=BUDGET)
    assert saved.turns[-1].text == "*smiles* Come in, the kettle is on. pours"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("周屿：我在这里。\n我：你好吗？\n周屿：很好。", "我在这里。"),
        ("Hello there.\nYou: I missed you\nMore.", "Hello there."),
        ("**Wren:** Hi.", "Hi."),
        ("Narrator: The sea is calm.", "The sea is calm."),
        ("User: hi\nThe sea is calm.", "The sea is calm."),
    ],
)
def test_labels_and_person_turns(raw: str, expected: str) -> None:
    assert clean_reply(raw, own_names=["周屿", "Wren"], person_names=["Aria"]).text == expected


def test_asterisks_are_balanced_per_paragraph() -> None:
    assert balance_asterisks("*waves* hello *there") == "*waves* hello there"
    assert balance_asterisks("**bold** and **half") == "**bold** and half"
    assert balance_asterisks("*a*\n\n*b") == "*a*\n\nb"
    assert strip_own_labels("Note: keep this", ["Wren"]) == "Note: keep this"
    assert cut_at_person_turn("Fine.\nNot a label: here", ["Aria"]) == "Fine.\nNot a label: here"


def test_a_looping_reply_is_cut_where_the_loop_starts() -> None:
    loop = ("I'm so sorry. You're not alone. I'm so sorry, you're not alone in this. "
            "I'm so sorry, you're not alone in this. I'm so sorry, you're not alone in this.")
    assert repeated_ngram_share(loop) > 0.4
    trimmed = trim_repetition(loop)
    assert trimmed == "I'm so sorry. You're not alone."
    fresh = "The rain stopped. We walked to the harbour and counted boats."
    assert trim_repetition(fresh) == fresh and repeated_ngram_share(fresh) == 0.0


def test_a_loop_of_emoji_counts_as_a_loop() -> None:
    """The embedded model answered a taste test with 🌚🌱🌊🌱🌊🌱🌊… and the guard, counting words only, saw nothing."""
    emoji_loop = "Sleep well, and tell me about the sea tomorrow. " + "🌱🌊🌍" * 12
    assert repeated_ngram_share(emoji_loop) > 0.5
    assert trim_repetition(emoji_loop) == "Sleep well, and tell me about the sea tomorrow."
    assert repeated_ngram_share("Good night 🌙✨ see you 🌱") == 0.0


# -- 14. Journal AI structured outputs ------------------------------------------------------

ENTRY = "I walked by the river with my sister and we talked about our father."


def test_a_question_that_is_not_a_question_is_asked_again_then_refused() -> None:
    chat = FakeChat()
    chat.enqueue("Tell me more about your sister.")
    first = ask_question(chat, ENTRY).read()
    chat.enqueue("What did your sister say about him?")
    assert question_from(chat, ENTRY, first) == "What did your sister say about him?"
    chat.enqueue("I love rivers.")
    with pytest.raises(AIUnusable):
        question_from(chat, ENTRY, "Rivers are nice.")
    assert len(chat.history) == 3


@pytest.mark.parametrize("bad", ["Why?", "{% embed_script id=\"x\" %} What?", "你今天\ufffd好吗？"])
def test_junk_questions_are_refused(bad: str) -> None:
    chat = FakeChat()
    chat.enqueue(bad)
    with pytest.raises(AIUnusable):
        question_from(chat, ENTRY, bad)


def test_tags_titles_and_broken_characters_are_validated() -> None:
    raw = json.dumps({"title": "河边\ufffd散步", "tags": ["post_id-127468059--post", "family", "a-b-c-d-e", "walk"],
                      "mood": 3}, ensure_ascii=False)
    suggestion = parse_suggestion(raw)
    assert suggestion.title is None and suggestion.tags == ["family", "walk"] and suggestion.mood == 3


def test_suggestion_is_asked_for_once_more_then_nothing_usable() -> None:
    chat = FakeChat()
    chat.enqueue('{"title": "{% embed_script id=", "tags": ["post_id-1234567"], "mood": 9}')
    chat.enqueue('{"title": "River walk", "tags": ["family"], "mood": 4}')
    assert suggest_metadata(chat, ENTRY).title == "River walk"
    chat.enqueue("nothing")
    chat.enqueue('{"title": "", "tags": [], "mood": null}')
    with pytest.raises(AIUnusable):
        suggest_metadata(chat, ENTRY)
    assert len(chat.history) == 4


def test_share_suggestion_refuses_template_junk_and_asks_once_more() -> None:
    source = source_from_line("We cooked dinner together, my husband and I, and laughed at the burnt rice.")
    chat = FakeChat()
    chat.enqueue('{"title": "{% embed_script id=", "caption": "<script>x</script>", "hashtags": []}')
    chat.enqueue('{"title": "Burnt rice", "caption": "Dinner with him.", "hashtags": ["#dinner"]}')
    suggestion = suggest_post(chat, source, "instagram")
    assert (suggestion.title, suggestion.hashtags) == ("Burnt rice", ["#dinner"])
    chat.enqueue("{}")
    chat.enqueue('{"title": "...", "caption": "...", "hashtags": ["#..."]}')
    with pytest.raises(AIUnusable):
        suggest_post(chat, source, "instagram")


# -- 15. The share prompt's example hashtags ------------------------------------------------

def test_share_prompt_holds_no_real_hashtags_and_copied_examples_are_dropped() -> None:
    for lang in ("en", "zh"):
        prompt = render_prompt("share_suggest", lang, text="x", platform="y")
        assert "人机恋" not in prompt and "HumanAILove" not in prompt and "AI伴侣" not in prompt
    old_example = '{"hashtags": ["#人机恋", "#AI伴侣", "#日记"]}'
    passage = "今天和老公一起做饭，米饭烧糊了，我们笑了很久。"
    raw = json.dumps({"title": "烧糊的米饭", "caption": "和他一起。", "hashtags": ["#人机恋", "#做饭", "#日记"]},
                     ensure_ascii=False)
    assert parse_suggestion_share(raw, old_example, passage) == ["#做饭"]
    assert echoes_example("日记", old_example, "我的日记") is False   # the passage itself is about a diary


def parse_suggestion_share(raw: str, example: str, passage: str) -> list[str]:
    from journal.share.suggest import parse_suggestion as parse_share

    return parse_share(raw, example=example, passage=passage).hashtags


def test_a_reply_that_starts_looping_stops_generating_and_is_saved_trimmed(notebook: Notebook) -> None:
    from journal.ai.backend import LOOP_FINISH

    story = notebook.stories.create(title="Rain", companion="wren-ashby", companion_name="Wren", user_name="Aria")
    loop = "I'm so sorry, you're not alone in this. " * 40
    with FakeOpenAIServer() as server:
        server.enqueue(reply("The rain will pass. " + loop))
        chat = OpenAIChat(server.endpoint())
        stream = chat.stream_chat([{"role": "user", "content": "hi"}])
        text = stream.read()
        assert stream.finish_reason == LOOP_FINISH and len(text) < len(loop) / 3   # stopped, not 40 times
        server.enqueue(reply("The rain will pass. " + loop))
        saved = ops.reply(notebook, story.id, chat, "Look.", budget=BUDGET)
    assert saved.turns[-1].text == "The rain will pass. I'm so sorry, you're not alone in this."
    assert ops.INCOMPLETE_KEY not in saved.turns[-1].extra


def test_thinking_aloud_is_not_kept() -> None:
    assert clean_reply("<think>\nThe user is sad.\n</think>\n\nI'm here.").text == "I'm here."
    assert clean_reply("<think>never closed because the reply was cut").text == ""
