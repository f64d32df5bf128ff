"""Every turn operation, with a scripted FakeChat in place of a model."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from journal.ai.errors import AIStreamCut
from tests.fake_chat import FakeChat
from journal.errors import InvalidInput
from journal.notebook import Notebook
from journal.stories import keepsakes, ops, stats, suggest, summary
from journal.stories.model import Story, Turn

BUDGET = 3000


@pytest.fixture
def chat() -> FakeChat:
    return FakeChat()


def _story(nb: Notebook, mode: str = "chat") -> Story:
    return nb.stories.create(title="Rain", companion="wren-ashby", companion_name="Wren", user_name="Aria", mode=mode)


def _texts(story: Story) -> list[str]:
    return [t.text for t in story.turns]


def test_reply_sends_the_turn_and_saves_the_answer_as_one_undo_step(notebook: Notebook, chat: FakeChat) -> None:
    story = _story(notebook)
    chat.enqueue(["Hello, ", "Aria."])
    after = ops.reply(notebook, story.id, chat, "I missed you.", budget=BUDGET)
    assert _texts(after) == ["I missed you.", "Hello, Aria."]
    assert [t.role for t in after.turns] == ["user", "companion"]
    sent = chat.history[0].messages
    assert sent[0]["role"] == "system" and sent[-1] == {"role": "user", "content": "I missed you."}
    assert _texts(ops.undo(notebook, story.id)) == []   # the exchange is one step


def test_greeting_alternatives_are_browsable(notebook: Notebook) -> None:
    story = _story(notebook)
    companion = notebook.companions.get("wren-ashby")
    greeted = ops.add_greeting(notebook, story.id, ["Hi!", "Hello there.", "Oh, it's you."])
    first = greeted.turns[0]
    assert first.role == "companion" and first.alternatives == ["Hi!", "Hello there.", "Oh, it's you."]
    assert ops.choose(notebook, story.id, 0, 2).turns[0].text == "Oh, it's you."
    with pytest.raises(InvalidInput):
        ops.choose(notebook, story.id, 0, 3)
    assert companion.greetings  # the starter ships a greeting the page uses the same way


def test_regenerate_keeps_every_alternative(notebook: Notebook, chat: FakeChat) -> None:
    story = _story(notebook)
    chat.enqueue("First answer.")
    ops.reply(notebook, story.id, chat, "Tell me something.", budget=BUDGET)
    chat.enqueue("Second answer.")
    chat.enqueue("Third answer.")
    ops.regenerate(notebook, story.id, chat, budget=BUDGET)
    after = ops.regenerate(notebook, story.id, chat, budget=BUDGET)
    last = after.turns[-1]
    assert last.alternatives == ["First answer.", "Second answer.", "Third answer."] and last.chosen == 2
    # the regeneration prompt ends at the user turn: the reply being replaced is not shown to the model
    assert chat.history[1].messages[-1] == {"role": "user", "content": "Tell me something."}
    assert ops.choose(notebook, story.id, -1, 0).turns[-1].text == "First answer."
    assert _texts(ops.undo(notebook, story.id))[-1] == "Second answer."  # undo the last regeneration
    with pytest.raises(InvalidInput):
        ops.regenerate(notebook, story.id, chat, index=0, budget=BUDGET)  # a user turn


def test_edit_adds_a_chosen_version_and_delete_can_be_undone(notebook: Notebook, chat: FakeChat) -> None:
    story = _story(notebook)
    chat.enqueue("An answer.")
    ops.reply(notebook, story.id, chat, "Frist try", budget=BUDGET)
    edited = ops.edit_turn(notebook, story.id, 0, "First try")
    assert edited.turns[0].alternatives == ["Frist try", "First try"] and edited.turns[0].text == "First try"
    assert _texts(ops.delete_turn(notebook, story.id, 1)) == ["First try"]
    assert _texts(ops.undo(notebook, story.id)) == ["First try", "An answer."]
    assert _texts(ops.undo(notebook, story.id)) == ["Frist try", "An answer."]
    for bad in ("", "   ", "a\x00b", "x" * (ops.MAX_TURN_CHARS + 1)):
        with pytest.raises(InvalidInput):
            ops.edit_turn(notebook, story.id, 0, bad)
    with pytest.raises(InvalidInput):
        ops.delete_turn(notebook, story.id, 5)


def test_continue_makes_the_last_reply_longer(notebook: Notebook, chat: FakeChat) -> None:
    story = _story(notebook)
    chat.enqueue("The tide was")
    ops.reply(notebook, story.id, chat, "Go on.", budget=BUDGET)
    chat.enqueue("coming in.")
    after = ops.continue_reply(notebook, story.id, chat, budget=BUDGET)
    assert after.turns[-1].alternatives == ["The tide was", "The tide was coming in."]
    sent = chat.history[1].messages
    assert sent[-2] == {"role": "assistant", "content": "The tide was"}
    assert sent[-1]["role"] == "system" and "Continue" in sent[-1]["content"]
    assert ops.join_continuation("潮水", "涨了。") == "潮水涨了。"
    assert ops.join_continuation("Hello,", " you") == "Hello, you"
    assert ops.join_continuation("It rained.", "Then it stopped.") == "It rained. Then it stopped."
    assert ops.join_continuation("It was", ", I think, late") == "It was, I think, late"
    assert ops.join_continuation("下雨了。", "然后停了。") == "下雨了。然后停了。"
    chat.enqueue("x")
    ops.add_user_turn(notebook, story.id, "my turn")
    with pytest.raises(InvalidInput):
        ops.continue_reply(notebook, story.id, chat, budget=BUDGET)


def test_branch_from_a_turn(notebook: Notebook, chat: FakeChat) -> None:
    story = _story(notebook)
    for n in range(3):
        chat.enqueue(f"answer {n}")
        ops.reply(notebook, story.id, chat, f"question {n}", budget=BUDGET)
    branch = ops.branch(notebook, story.id, 2)
    assert _texts(branch) == ["question 0", "answer 0", "question 1"]
    assert branch.branch_of["story"] == story.id
    chat.enqueue("a different answer")
    assert _texts(ops.reply(notebook, branch.id, chat, budget=BUDGET))[-1] == "a different answer"
    assert len(notebook.stories.get(story.id).turns) == 6


def test_a_failed_stream_keeps_the_partial_reply(notebook: Notebook, chat: FakeChat) -> None:
    story = _story(notebook)
    chat.enqueue(["Half a ", "sent"], error=AIStreamCut("ai.errors.stream_cut"))
    with pytest.raises(AIStreamCut):
        ops.reply(notebook, story.id, chat, "Are you there?", budget=BUDGET)
    saved = notebook.stories.get(story.id)
    assert _texts(saved) == ["Are you there?", "Half a sent"]
    assert saved.turns[-1].extra[ops.INCOMPLETE_KEY] is True
    chat.enqueue("A whole reply.")
    assert ops.INCOMPLETE_KEY not in ops.regenerate(notebook, story.id, chat, budget=BUDGET).turns[-1].extra


def test_narrate_mode_kinds_and_choices(notebook: Notebook, chat: FakeChat) -> None:
    story = _story(notebook, mode="narrate")
    ops.add_opening(notebook, story.id, "The lighthouse door is open.")
    chat.enqueue("Inside, stairs spiral up.")
    after = ops.reply(notebook, story.id, chat, "I step inside.", kind="do", budget=BUDGET)
    assert [t.role for t in after.turns] == ["narrator", "user", "narrator"]
    assert after.turns[1].kind == "do"
    assert chat.history[0].messages[-1]["content"] == "[Do] I step inside."
    with pytest.raises(InvalidInput):
        ops.add_user_turn(notebook, story.id, "hm", kind="shout")
    chat.enqueue("1. Climb the stairs\n2) \"Call out\"\n- Wait and listen\n4. A fourth one")
    choices = suggest.suggest_choices(notebook, story.id, chat)
    assert choices == ["Climb the stairs", "Call out", "Wait and listen"]
    assert notebook.stories.get(story.id).turns[-1].extra["choices"] == choices
    assert "options" in chat.history[-1].messages[0]["content"]


def test_memories_remember_requests_and_suggestions(notebook: Notebook, chat: FakeChat) -> None:
    story = _story(notebook)
    assert suggest.remember_requests("Please remember that our anniversary is April 2nd. And hi.") == [
        "our anniversary is April 2nd"]
    assert suggest.remember_requests("记住：我们的纪念日是四月二号。") == ["我们的纪念日是四月二号"]
    assert suggest.remember_requests("I remember") == []
    keepsakes.add_memory(notebook, story.id, "Our anniversary is April 2nd")
    keepsakes.add_memory(notebook, story.id, "Our anniversary is April 2nd")   # no duplicates
    assert notebook.stories.get(story.id).memories == ["Our anniversary is April 2nd"]
    with pytest.raises(InvalidInput):
        keepsakes.add_memory(notebook, story.id, "   ")
    chat.enqueue("x")
    ops.reply(notebook, story.id, chat, "I love roses and my sister is called Mei.", budget=BUDGET)
    chat.enqueue("- Aria loves roses\n- Our anniversary is April 2nd\n2. Aria's sister is Mei")
    assert suggest.suggest_memories(notebook, story.id, chat) == ["Aria loves roses", "Aria's sister is Mei"]
    chat.enqueue("NONE")
    assert suggest.suggest_memories(notebook, story.id, chat) == []
    assert keepsakes.remove_memory(notebook, story.id, 0).memories == []


def test_author_note_milestones_and_timeline(notebook: Notebook) -> None:
    story = notebook.stories.add(Story(id="", title="Years", companion="wren-ashby", turns=[
        Turn(id="", role="user", alternatives=["hi"], created=datetime(2024, 2, 29, 21, 0, tzinfo=timezone.utc))]))
    noted = keepsakes.set_note(notebook, story.id, "Slow burn.", 3)
    assert (noted.author_note, noted.author_note_depth) == ("Slow burn.", 3)
    with pytest.raises(InvalidInput):
        keepsakes.set_note(notebook, story.id, "x", -1)
    keepsakes.add_milestone(notebook, story.id, date(2025, 6, 1), "First trip to the sea")
    items = keepsakes.timeline(notebook.stories.get(story.id), today=date(2026, 4, 2))
    assert [(m.kind, m.day) for m in items] == [
        ("first", date(2024, 2, 29)), ("anniversary", date(2025, 3, 1)), ("marked", date(2025, 6, 1)),
        ("anniversary", date(2026, 3, 1))]
    assert keepsakes.remove_milestone(notebook, story.id, 0).milestones == []
    with pytest.raises(InvalidInput):
        keepsakes.add_milestone(notebook, story.id, date(2025, 1, 1), "")


def test_mood_checks_and_turn_stats_for_insights(notebook: Notebook, chat: FakeChat) -> None:
    story = _story(notebook)
    chat.enqueue("hello")
    ops.reply(notebook, story.id, chat, "hi", budget=BUDGET)
    keepsakes.record_mood(notebook, story.id, 2)
    with pytest.raises(InvalidInput):
        keepsakes.record_mood(notebook, story.id, 6)
    moods = stats.mood_checks(notebook)
    assert [(sid, mood) for _, sid, mood in moods] == [(story.id, 2)]
    assert notebook.stories.get(story.id).moods[0]["turn"] == notebook.stories.get(story.id).turns[-1].id
    turns = stats.turn_stats(notebook)
    assert [(t.story_id, t.role) for t in turns] == [(story.id, "user"), (story.id, "companion")]
    assert all(t.at.tzinfo is not None for t in turns)


def test_rolling_summary_folds_old_turns_in(notebook: Notebook, chat: FakeChat) -> None:
    start = datetime(2026, 1, 1, tzinfo=timezone(timedelta(hours=8)))
    count = summary.KEEP_RECENT_TURNS + summary.SUMMARY_EVERY_TURNS
    story = notebook.stories.add(Story(id="", title="Long", companion="wren-ashby", turns=[
        Turn(id="", role="user" if i % 2 == 0 else "companion", alternatives=[f"line {i}"],
             created=start + timedelta(minutes=i)) for i in range(count - 1)]))
    assert not summary.needs_summary(story)
    assert summary.update_summary_in_background(notebook, story.id, chat) is None
    ops.add_user_turn(notebook, story.id, "one more")
    chat.enqueue("They talked for a long time.")
    thread = summary.update_summary_in_background(notebook, story.id, chat)
    thread.join(timeout=10)
    saved = notebook.stories.get(story.id)
    assert saved.summary == "They talked for a long time."
    assert saved.summary_upto == summary.SUMMARY_EVERY_TURNS
    prompt = chat.history[0].prompt
    assert "line 0" in prompt and f"line {summary.SUMMARY_EVERY_TURNS - 1}" in prompt
    assert f"line {summary.SUMMARY_EVERY_TURNS}" not in prompt
    # the summary is not an undo step: undo takes back the last turn the person added
    assert _texts(ops.undo(notebook, story.id))[-1] == f"line {count - 2}"
