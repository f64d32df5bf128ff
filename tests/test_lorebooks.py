"""Lorebooks that fire (issue #14, item 1): SillyTavern World Info's rules, checked on the exact prompt.

The activation rules are tested on the engine with small books; the prompt
layout (positions, depth, insertion order, budget) is asserted message by
message on what the fake OpenAI-compatible server received for a real reply.
"""

from __future__ import annotations

import json
import statistics
import time
from pathlib import Path

import pytest

from journal.ai.providers import AISettings, save_settings
from journal.cli import main
from journal.companions.model import Companion
from journal.lorebooks.activation import MAX_RECURSION_STEPS, activate
from journal.lorebooks.book import read_book
from journal.lorebooks.worldinfo import parse_world_info, world_info_document
from journal.notebook import Notebook
from journal.stories import ops
from journal.stories.memory import assemble
from journal.stories.model import Story, Turn
from journal.stories.tokens import message_tokens
from benchmarks.lorebooks import build
from tests.fake_openai import FakeOpenAIServer, reply

ROOT = Path(__file__).resolve().parent.parent


def entry(keys, content, **fields):
    ext = fields.pop("ext", {})
    return {"keys": list(keys), "content": content, "enabled": True, "insertion_order": fields.pop("order", 100),
            "extensions": ext, **fields}


def fired(entries, turns, *, budget=10_000, **book_fields):
    book = read_book({"name": "B", "entries": entries, **book_fields}, name="B", source="lorebook:b")
    result = activate([book], turns, budget=budget, cost=message_tokens)
    return [f.entry.content for f in result.fired]


# --- activation rules ---------------------------------------------------------------------------------

def test_keys_match_case_insensitively_unless_the_entry_says_so() -> None:
    entries = [entry(["Lighthouse"], "A"), entry(["Lighthouse"], "B", case_sensitive=True)]
    assert fired(entries, ["we walked to the lighthouse"]) == ["A"]
    assert fired(entries, ["we walked to the Lighthouse"]) == ["A", "B"]


def test_whole_words_only_when_asked_and_chinese_keys_match_inside_sentences() -> None:
    entries = [entry(["cat"], "loose"), entry(["cat"], "whole", ext={"match_whole_words": True}),
               entry(["灯塔"], "zh", ext={"match_whole_words": True})]
    assert fired(entries, ["the category of books"]) == ["loose"]
    assert fired(entries, ["the cat, again"]) == ["loose", "whole"]
    assert fired(entries, ["我们去灯塔那边走走"]) == ["zh"]


@pytest.mark.parametrize("logic, text, fires", [
    (0, "the lighthouse keeper at night", True),      # AND ANY: one secondary key
    (0, "the lighthouse by day", False),
    (3, "the lighthouse keeper at night", True),      # AND ALL: every secondary key
    (3, "the lighthouse keeper by day", False),
    (2, "the lighthouse by day", True),               # NOT ANY: no secondary key
    (2, "the lighthouse at night", False),
    (1, "the lighthouse keeper by day", True),        # NOT ALL: not every secondary key
    (1, "the lighthouse keeper at night", False),
])
def test_secondary_keys_follow_the_selective_logic(logic: int, text: str, fires: bool) -> None:
    entries = [entry(["lighthouse"], "X", selective=True, secondary_keys=["keeper", "night"],
                     ext={"selectiveLogic": logic})]
    assert fired(entries, [text]) == (["X"] if fires else [])


def test_secondary_keys_are_ignored_when_the_entry_is_not_selective() -> None:
    entries = [entry(["lighthouse"], "X", selective=False, secondary_keys=["keeper"], ext={"selectiveLogic": 3})]
    assert fired(entries, ["the lighthouse"]) == ["X"]


def test_constant_entries_always_fire_and_disabled_ones_never() -> None:
    entries = [entry([], "always", constant=True), entry(["rain"], "off", enabled=False), entry(["rain"], "on")]
    assert fired(entries, ["no keys here"]) == ["always"]
    assert fired(entries, ["rain again"]) == ["always", "on"]


def test_scan_depth_from_the_book_and_from_the_entry() -> None:
    turns = ["the lighthouse was dark", "hello", "how are you"]
    entries = [entry(["lighthouse"], "book depth"), entry(["lighthouse"], "own depth", ext={"scan_depth": 3})]
    assert fired(entries, turns) == ["own depth"]                         # default: the latest two turns
    assert fired(entries, turns, scan_depth=3) == ["book depth", "own depth"]
    assert fired(entries, turns, scan_depth=0) == ["own depth"]


def test_recursion_follows_entry_text_up_to_the_limit() -> None:
    chain = [entry(["k0"], "k1"), entry(["k1"], "k2"), entry(["k2"], "k3"), entry(["k3"], "k4"), entry(["k4"], "end")]
    assert MAX_RECURSION_STEPS == 3
    assert fired(chain, ["say k0"], recursive_scanning=True) == ["k1", "k2", "k3", "k4"]   # k4's entry is step 4
    assert fired(chain, ["say k0"]) == ["k1"]                                                # no recursion in this book


def test_exclude_and_prevent_recursion() -> None:
    entries = [entry(["start"], "mentions alpha and beta"),
               entry(["alpha"], "A", ext={"exclude_recursion": True}),   # only the turns can trigger it
               entry(["beta"], "B says gamma", ext={"prevent_recursion": True}),
               entry(["gamma"], "G")]
    assert fired(entries, ["start"], recursive_scanning=True) == ["mentions alpha and beta", "B says gamma"]
    assert fired(entries, ["start alpha"], recursive_scanning=True) == ["mentions alpha and beta", "A", "B says gamma"]


def test_budget_keeps_constants_then_priority_then_order_and_stops_at_the_first_that_does_not_fit() -> None:
    words = " ".join(["word"] * 20)
    entries = [entry(["rain"], f"low {words}", order=1), entry(["rain"], f"high {words}", order=50),
               entry(["rain"], f"top {words}", order=10, priority=99), entry([], "always", constant=True),
               entry(["rain"], "tiny", order=0)]
    cost = message_tokens(f"high {words}")
    book = read_book({"entries": entries}, name="B", source="lorebook:b")
    room_for_tiny = message_tokens("tiny")
    result = activate([book], ["rain"], budget=message_tokens("always") + 2 * cost + room_for_tiny, cost=message_tokens)
    # kept: the constant, then priority 99, then order 50; laid out by insertion order (10, 50, 100)
    assert [f.entry.content.split()[0] for f in result.fired] == ["top", "high", "always"]
    assert [f.entry.content.split()[0] for f in result.dropped] == ["low", "tiny"]           # "tiny" fits, but ranks lower


def test_a_books_own_token_budget_caps_its_entries() -> None:
    entries = [entry(["rain"], "one two three four five", order=2), entry(["rain"], "six seven eight", order=1)]
    assert fired(entries, ["rain"], token_budget=message_tokens("one two three four five")) == ["one two three four five"]


# --- the exact prompt, through the real client and the fake server ------------------------------------

LAYOUT_BOOK = {"name": "Low Tide", "scan_depth": 2, "entries": [
    entry(["harbour"], "AFTER-B (order 20)", order=20, ext={"position": 1}),
    entry(["harbour"], "AFTER-A (order 10)", order=10, ext={"position": 1}),
    entry(["harbour"], "BEFORE {{char}} and {{user}}", order=5, position="before_char", ext={"position": 0}),
    entry(["harbour"], "DEPTH-1 user role", ext={"position": 4, "depth": 1, "role": 1}),
    entry(["harbour"], "NOTE-TOP", ext={"position": 2}),
    entry(["harbour"], "NOTE-BOTTOM", ext={"position": 3}),
    entry(["lighthouse"], "NOT FIRED"),
]}


def _story_with(nb: Notebook, book: dict, turns: list[tuple[str, str]], **story_fields) -> tuple[Companion, Story]:
    companion = nb.companions.create("Wren", description="A bookseller.", character_book=book, language="en")
    story = nb.stories.create(title="Tides", companion=companion.slug, user_name="Aria")
    nb.stories.update(story.id, lambda s: (s.turns.extend(
        Turn(id=f"t{n}", role=role, alternatives=[text]) for n, (role, text) in enumerate(turns)),
        setattr(s, "author_note", story_fields.get("note", "")), setattr(s, "author_note_depth", 2)))
    return companion, nb.stories.get(story.id)


def test_the_exact_prompt_places_each_entry_where_its_position_says(duet_home: Path) -> None:
    nb = Notebook.open(duet_home)
    turns = [("user", "good morning"), ("companion", "morning!"), ("user", "shall we walk?"),
             ("companion", "yes, to the harbour"), ("user", "the harbour it is")]
    companion, story = _story_with(nb, LAYOUT_BOOK, turns, note="Be gentle.")
    with FakeOpenAIServer() as server:
        save_settings(duet_home, AISettings(provider="compatible", base_url=server.base_url, model="fake"))
        server.enqueue(reply("We walk."))
        from journal.ai.chat import get_chat

        ops.reply(nb, story.id, get_chat(nb))
        sent = server.chat_requests[-1].messages
    system = sent[0]["content"]
    assert system.index("BEFORE Wren and Aria") < system.index("A bookseller.") < system.index("AFTER-A (order 10)") \
        < system.index("AFTER-B (order 20)")
    assert "NOT FIRED" not in json.dumps(sent)
    assert [(m["role"], m["content"]) for m in sent[1:]] == [
        ("user", "good morning"), ("assistant", "morning!"), ("user", "shall we walk?"),
        ("system", "NOTE-TOP"), ("system", nb_note_text(story)), ("system", "NOTE-BOTTOM"),
        ("assistant", "yes, to the harbour"),
        ("user", "DEPTH-1 user role"),
        ("user", "the harbour it is"),
    ]


def nb_note_text(story: Story) -> str:
    from journal.ai.prompts import render_prompt

    return render_prompt("story_author_note", "en", note=story.author_note)


def test_why_lists_the_entries_that_fired_and_why(duet_home: Path, capsys) -> None:
    nb = Notebook.open(duet_home)
    book = {"entries": [entry(["harbour"], "The harbour freezes in winter.", comment="Harbour"),
                        entry([], "Low Tide is a small town.", constant=True, comment="Town"),
                        entry(["ghost"], "Nothing.")]}
    _, story = _story_with(nb, book, [("user", "hello"), ("companion", "hi"), ("user", "to the harbour?"),
                                          ("companion", "Yes."), ("user", "a ghost-free reply please")])
    assert main(["story", "why", story.id, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [(hit["entry"], hit["why"]["kind"]) for hit in data["lore"]] == [("Harbour", "key"), ("Town", "constant")]
    assert data["lore"][0]["why"]["key"] == "harbour"
    assert main(["story", "why", story.id]) == 0
    human = capsys.readouterr().out
    assert "Wren › Harbour: key “harbour” in the latest turns" in human
    assert "Wren › Town: always on (constant)" in human


def test_an_imported_cards_character_book_takes_part_in_the_reply(duet_home: Path, tmp_path: Path, chat) -> None:
    card = {"spec": "chara_card_v2", "spec_version": "2.0", "data": {
        "name": "Nova", "description": "A navigator.", "personality": "", "scenario": "", "first_mes": "",
        "mes_example": "", "creator_notes": "", "system_prompt": "", "post_history_instructions": "",
        "alternate_greetings": [], "tags": [], "creator": "", "character_version": "", "extensions": {},
        "character_book": {"name": "Stars", "extensions": {}, "entries": [
            {"keys": ["Vega"], "content": "Vega is Nova's home star.", "extensions": {}, "enabled": True,
             "insertion_order": 0}]}}}
    path = tmp_path / "nova.json"
    path.write_text(json.dumps(card), encoding="utf-8")
    assert main(["import", "card", str(path)]) == 0
    nb = Notebook.open(duet_home)
    story = ops.start_story(nb, nb.companions.find("Nova"))
    chat.enqueue("Vega is bright tonight.")
    ops.reply(nb, story.id, chat, "Tell me about Vega")
    assert "Vega is Nova's home star." in chat.history[-1].system
    chat.enqueue("Hm.")
    ops.reply(nb, story.id, chat, "And the moon?")
    assert "Vega is Nova's home star." in chat.history[-1].system   # her reply named it: within the two latest turns
    chat.enqueue("Hm.")
    ops.reply(nb, story.id, chat, "Anything else?")
    assert "Vega" not in chat.history[-1].system                     # scrolled out of the scan depth


def test_a_story_can_attach_a_shared_world(duet_home: Path, chat) -> None:
    nb = Notebook.open(duet_home)
    world = nb.companions.lorebooks.create("Low Tide", {"entries": [entry(["ferry"], "The ferry runs at dawn.")]})
    companion = nb.companions.create("Wren", description="A bookseller.")
    story = ops.start_story(nb, companion)
    chat.enqueue("ok")
    ops.reply(nb, story.id, chat, "when is the ferry?")
    assert "The ferry runs at dawn." not in chat.history[-1].system
    ops.attach_lorebook(nb, story.id, world.slug)
    chat.enqueue("At dawn.")
    ops.reply(nb, story.id, chat, "when is the ferry?")
    assert "The ferry runs at dawn." in chat.history[-1].system


# --- SillyTavern World Info JSON ----------------------------------------------------------------------

ST_ENTRY = {"uid": 7, "key": ["harbour", "port"], "keysecondary": ["night"], "comment": "Harbour", "content": "Fog.",
            "constant": False, "vectorized": False, "selective": True, "selectiveLogic": 3, "addMemo": True,
            "order": 42, "position": 4, "disable": False, "ignoreBudget": False, "excludeRecursion": True,
            "preventRecursion": False, "matchPersonaDescription": False, "matchCharacterDescription": False,
            "matchCharacterPersonality": False, "matchCharacterDepthPrompt": False, "matchScenario": False,
            "matchCreatorNotes": False, "delayUntilRecursion": 0, "probability": 80, "useProbability": True,
            "depth": 2, "outletName": "", "group": "weather", "groupOverride": False, "groupWeight": 100,
            "scanDepth": 3, "caseSensitive": True, "matchWholeWords": True, "useGroupScoring": None,
            "automationId": "", "role": 1, "sticky": 0, "cooldown": 0, "delay": 0, "triggers": [],
            "displayIndex": 3, "characterFilter": {"isExclude": False, "names": [], "tags": []},
            "someFutureField": {"x": 1}}
WORLD_INFO = {"entries": {"7": ST_ENTRY, "8": {"uid": 8, "key": ["灯塔"], "keysecondary": [], "content": "灯塔守夜人姓周。",
                                               "order": 1, "position": 0, "disable": True}},
              "originalData": {"name": "kept"}}


def test_world_info_json_round_trips_without_loss(duet_home: Path) -> None:
    nb = Notebook.open(duet_home)
    stored = nb.companions.lorebooks.import_world_info(json.dumps(WORLD_INFO).encode(), "Harbour world")
    again = json.loads(nb.companions.lorebooks.export_world_info(stored.slug))
    assert again == WORLD_INFO
    assert (duet_home / "lorebooks" / f"{stored.slug}.md").read_text(encoding="utf-8").startswith("---\ntype: lorebook")


def test_world_info_settings_drive_activation() -> None:
    book = read_book(parse_world_info(json.dumps(WORLD_INFO), "W"), name="W", source="lorebook:w")
    [first] = book.entries      # the disabled one is not read
    assert (first.keys, first.secondary, first.logic, first.order, first.position, first.depth, first.role) == \
        (("harbour", "port"), ("night",), 3, 42, 4, 2, "user")
    assert (first.scan_depth, first.case_sensitive, first.whole_words, first.exclude_recursion) == (3, True, True, True)
    result = activate([book], ["the harbour at night"], budget=1000, cost=message_tokens)
    assert [f.entry.name for f in result.fired] == ["Harbour"]
    assert activate([book], ["the Harbour at night"], budget=1000, cost=message_tokens).fired == []   # case-sensitive


def test_a_broken_world_info_file_is_one_sentence_and_writes_nothing(duet_home: Path) -> None:
    from journal.errors import InvalidInput

    nb = Notebook.open(duet_home)
    for data in (b"\x89PNG not json", b'{"no": "entries"}', b'{"entries": {"0": "text"}}'):
        with pytest.raises(InvalidInput):
            nb.companions.lorebooks.import_world_info(data, "Bad")
    assert nb.companions.lorebooks.list() == []


# --- speed --------------------------------------------------------------------------------------------

def test_a_2000_turn_story_with_a_500_entry_lorebook_costs_little_beside_the_assembly(duet_home: Path) -> None:
    """The issue's figure (under 50 ms, median of 10) is measured by benchmarks/lorebooks.py on a quiet machine;
    here, on a shared and loaded one, the lorebook's share is held to a ratio of the same assembly without it,
    measured interleaved so the load slows both alike."""
    from dataclasses import replace

    from benchmarks.lorebooks import timed

    nb = Notebook.open(duet_home)
    story, companion = build(nb, 2_000, 500)
    plain = replace(companion, character_book=None)
    first = assemble(nb, story, companion, budget=8_000)
    assert len(first.lore) >= 3, "the benchmark must actually fire entries"
    with_lore, without = [], []
    for _ in range(10):
        with_lore.append(timed(nb, story, companion))
        without.append(timed(nb, story, plain))
    assert statistics.median(with_lore) < 2.0 * statistics.median(without) + 0.010, (with_lore, without)


def test_world_info_through_the_command_line(duet_home: Path, tmp_path: Path, capsys, chat) -> None:
    source, out = tmp_path / "harbour.json", tmp_path / "back.json"
    source.write_text(json.dumps(WORLD_INFO, ensure_ascii=False), encoding="utf-8")
    assert main(["import", "lorebook", str(source), "--name", "Harbour world", "--json"]) == 0
    imported = json.loads(capsys.readouterr().out)
    assert imported["entries"] == 2 and imported["slug"] == "harbour-world"
    assert main(["export", "lorebook", "Harbour world", str(out)]) == 0
    assert json.loads(out.read_text(encoding="utf-8")) == WORLD_INFO
    assert main(["export", "lorebook", "Harbour world", str(out)]) == 1          # no silent overwrite
    assert "--force" in capsys.readouterr().err
    assert main(["story", "new", "wren-ashby"]) == 0
    story_id = capsys.readouterr().out.strip()
    assert main(["story", "attach", story_id, "harbour-world"]) == 0
    assert Notebook.open(duet_home).stories.get(story_id).extra["lorebooks"] == ["harbour-world"]
    assert main(["story", "detach", story_id, "Harbour world"]) == 0
    assert "lorebooks" not in Notebook.open(duet_home).stories.get(story_id).extra
    assert main(["import", "lorebook", str(tmp_path / "missing.json")]) == 1
