"""Prompt assembly: the right pieces, in the right order, inside the token budget."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from journal.ai.prompts import render_prompt
from journal.companions.model import Companion
from journal.notebook import Notebook
from journal.stories.memory import assemble
from journal.stories.model import Story, Turn
from journal.stories.tokens import (CJK_TOKENS_PER_CHAR, LATIN_TOKENS_PER_WORD, estimate_tokens, message_tokens,
                                    trim_to_tokens)

START = datetime(2025, 4, 2, 21, 0, tzinfo=timezone(timedelta(hours=8)))
SECRET = "CREATOR-ONLY-NOTE"


def _companion(**changes) -> Companion:
    fields = dict(slug="c", name="Wren", description="{{char}} runs a bookshop and likes {{user}}.",
                  personality="warm, dry", creator_notes=SECRET, language="en",
                  mes_example="<START>\n{{user}}: hi\n{{char}}: Hello, <USER>.\n<START>\n{{char}}: Tea?")
    fields.update(changes)
    return Companion(**fields)


def _story(nb: Notebook, count: int, **changes) -> Story:
    turns = []
    for i in range(count):
        role = "user" if i % 2 == 0 else "companion"
        text = f"Turn {i}: the tide came in and we talked about small ordinary things, nothing special at all."
        if i == 6:
            text = "Turn 6: I told you about the lighthouse keeper Bartholomew and his blue door."
        turns.append(Turn(id=f"t{i}", role=role, alternatives=[text], created=START + timedelta(minutes=i)))
    story = Story(id="", title="Long", companion="c", turns=turns, user_name="Aria", companion_name="Wren", **changes)
    return nb.stories.add(story)


def _kinds(assembly) -> list[str]:
    return [p.kind for p in assembly.pieces]


def test_token_estimates_are_cjk_aware_and_conservative() -> None:
    assert estimate_tokens("纪念日") == round(3 * CJK_TOKENS_PER_CHAR + 0.49)
    assert estimate_tokens("hello world") == round(2 * LATIN_TOKENS_PER_WORD + 0.49)
    assert estimate_tokens("今天 we walked") > estimate_tokens("we walked")
    assert message_tokens("") > 0
    long = "word " * 500
    assert estimate_tokens(trim_to_tokens(long, 50)) <= 50
    assert trim_to_tokens(long + "END", 20, keep="end").endswith("END")


def test_a_long_story_fits_the_budget_with_pieces_in_order(notebook: Notebook) -> None:
    story = _story(notebook, 300, memories=["Our anniversary is April 2nd"], summary="They met at the harbour.",
                   summary_upto=250, author_note="Be gentle tonight.", author_note_depth=2)
    budget = 1500
    result = assemble(notebook, story, _companion(), budget=budget)
    assert result.used <= budget
    kinds = _kinds(result)
    assert kinds[:2] == ["system", "persona"]
    assert kinds.index("memories") < kinds.index("summary") < kinds.index("turn")
    # the latest turns, contiguous, ending with the last one; older ones were left out and say so
    turn_refs = [p.ref["turn"] for p in result.pieces if p.kind == "turn"]
    assert turn_refs == list(range(turn_refs[0], 300)) and turn_refs[0] == result.first_turn > 0
    assert any(p.kind == "turn" and p.ref.get("turns") == [0, result.first_turn - 1] for p in result.dropped)
    # the note sits `depth` turns from the end, as a system message
    assert result.messages[-3]["role"] == "system" and "Be gentle tonight." in result.messages[-3]["content"]
    assert result.messages[-1]["content"] == story.turns[-1].text
    assert result.messages[0]["role"] == "system"
    assert "Our anniversary is April 2nd" in result.messages[0]["content"]
    assert "They met at the harbour." in result.messages[0]["content"]


def test_old_turns_and_journal_entries_are_recalled_by_search(notebook: Notebook) -> None:
    notebook.create_entry("Dreamt of Bartholomew's lighthouse again; the blue door was open.", title="Lighthouse dream")
    notebook.create_entry("Bought bread. Nothing else happened.", title="Bread")
    story = _story(notebook, 120)
    story.turns.append(Turn(id="last", role="user", alternatives=["Do you remember Bartholomew and the lighthouse?"]))
    story = notebook.stories.save(story)
    result = assemble(notebook, story, _companion(), budget=1200)
    recall = next(p for p in result.pieces if p.kind == "recall")
    assert {"turn": 6} in recall.ref["items"] and result.first_turn > 6
    assert "blue door" in result.messages[0]["content"]
    journal = next(p for p in result.pieces if p.kind == "journal")
    assert [item["title"] for item in journal.ref["items"]] == ["Lighthouse dream"]
    assert _kinds(result).index("recall") < _kinds(result).index("journal") < _kinds(result).index("turn")

    story.extra["journal_recall"] = False
    assert "journal" not in _kinds(assemble(notebook, story, _companion(), budget=1200))


def test_a_short_story_goes_in_whole_with_examples(notebook: Notebook) -> None:
    story = _story(notebook, 6)
    result = assemble(notebook, story, _companion(), budget=3000)
    assert [p.ref["turn"] for p in result.pieces if p.kind == "turn"] == list(range(6))
    assert "examples" in _kinds(result) and result.dropped == []
    assert "summary" not in _kinds(result) and "memories" not in _kinds(result)


def test_a_tiny_budget_keeps_the_system_prompt_and_the_latest_turn(notebook: Notebook) -> None:
    from journal.ai.providers import AISettings, save_settings

    # The full system prompt (a tiny built-in model would get the short one, see the test below).
    save_settings(notebook.home, AISettings(provider="compatible", preset="ollama"))
    story = _story(notebook, 40)
    result = assemble(notebook, story, _companion(), budget=300)
    kinds = _kinds(result)
    assert kinds[0] == "system" and kinds[-1] == "turn"
    assert "examples" in [p.kind for p in result.dropped]
    assert result.pieces[-1].ref["turn"] == 39


def test_creator_notes_never_go_in_and_macros_are_filled(notebook: Notebook) -> None:
    story = _story(notebook, 4)
    for companion in (_companion(), _companion(system_prompt="Card rules for {{char}}. {{original}}")):
        result = assemble(notebook, story, companion, budget=3000)
        everything = "\n".join(m["content"] for m in result.messages)
        assert SECRET not in everything
        assert "{{char}}" not in everything and "<USER>" not in everything and "{{user}}" not in everything
        assert "Wren runs a bookshop and likes Aria." in everything
        assert "Hello, Aria." in everything
    card = assemble(notebook, story, _companion(system_prompt="Card rules for {{char}}. {{original}}"), budget=3000)
    assert card.messages[0]["content"].startswith("Card rules for Wren. You are Wren")
    replaced = assemble(notebook, story, _companion(system_prompt="Only the card."), budget=3000)
    assert replaced.messages[0]["content"].startswith("Only the card.")
    assert "crisis line" not in replaced.messages[0]["content"]


def test_crisis_in_the_last_user_turn_adds_the_distress_instruction(notebook: Notebook) -> None:
    story = _story(notebook, 4)
    calm = assemble(notebook, story, _companion(), budget=3000)
    assert not calm.crisis and "crisis" not in _kinds(calm)
    story.turns.append(Turn(id="cry", role="user", alternatives=["I want to kill myself tonight."]))
    result = assemble(notebook, story, _companion(), budget=3000)
    guidance = render_prompt("distress_guidance", "en")
    assert result.crisis
    assert {"role": "system", "content": guidance} in result.messages
    assert result.messages.index({"role": "system", "content": guidance}) > 0
    zh = assemble(notebook, story, _companion(language="zh"), budget=3000)
    assert {"role": "system", "content": render_prompt("distress_guidance", "zh")} in zh.messages
    # even a tiny budget keeps it
    assert "crisis" in _kinds(assemble(notebook, story, _companion(), budget=200))


def test_narrate_mode_tags_the_input_kinds(notebook: Notebook) -> None:
    story = _story(notebook, 0)
    story.mode = "narrate"
    story.scenario = {"setting": "A drowned city", "user_character": "a diver", "companion_character": ""}
    story.turns = [Turn(id="a", role="narrator", alternatives=["The water is still."]),
                   Turn(id="b", role="user", alternatives=["Hello?"], kind="say"),
                   Turn(id="c", role="user", alternatives=["I swim down."], kind="do"),
                   Turn(id="d", role="user", alternatives=["A storm begins."], kind="story")]
    result = assemble(notebook, story, _companion(), budget=3000)
    system = result.messages[0]["content"]
    assert "[Say]" in system and "narrator" in system
    assert "A drowned city" in system and "a diver" in system
    assert "scenario" in _kinds(result)
    assert [m["content"] for m in result.messages[1:]] == [
        "The water is still.", "[Say] Hello?", "[Do] I swim down.", "[Story] A storm begins."]
    assert result.messages[1]["role"] == "assistant"


@pytest.mark.parametrize("upto", [1, 3])
def test_regeneration_sees_only_the_turns_before_it(notebook: Notebook, upto: int) -> None:
    story = _story(notebook, 6)
    result = assemble(notebook, story, _companion(), upto=upto, budget=3000)
    assert [p.ref["turn"] for p in result.pieces if p.kind == "turn"] == list(range(upto))


def test_the_tiny_built_in_model_gets_the_short_system_prompt(notebook: Notebook) -> None:
    from journal.ai.providers import AISettings, save_settings

    story = _story(notebook, 2)
    short = assemble(notebook, story, _companion(), budget=3000).messages[0]["content"]
    save_settings(notebook.home, AISettings(provider="compatible", preset="ollama"))
    full = assemble(notebook, story, _companion(), budget=3000).messages[0]["content"]
    assert short.startswith("You are Wren. Reply to Aria as Wren") and "crisis line" in short
    assert full.startswith("You are Wren, talking with Aria") and len(full) > len(short)
