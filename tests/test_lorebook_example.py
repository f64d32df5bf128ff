"""benchmarks/lorebook_example.py (the closing note's embedded-model example, #14) keeps measuring what it says:
the same turn, the entry in the prompt only when the book is on. The scripted model stands in for the embedded one."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from benchmarks.lorebook_example import EXAMPLES, build, run
from journal.ai.backend import Sampling
from journal.notebook import Notebook


@pytest.mark.parametrize("lang", sorted(EXAMPLES))
def test_the_entry_reaches_the_prompt_only_with_the_book(lang: str, duet_home: Path, chat) -> None:
    example = EXAMPLES[lang]
    nb = Notebook.open(duet_home)
    story, companion = build(nb, lang, example["key"], example["content"], example["turn"])
    chat.enqueue("with"), chat.enqueue("without")
    fired, lore_text, reply = run(nb, story, companion, chat, Sampling(temperature=0.0))
    assert [hit["entry"] for hit in fired] == [example["key"]] and lore_text == example["content"] and reply == "with"
    assert example["content"] in chat.history[0].system
    fired, lore_text, reply = run(nb, story, replace(companion, character_book=None), chat, Sampling(temperature=0.0))
    assert (fired, lore_text, reply) == ([], "", "without") and example["content"] not in chat.history[1].system
    assert chat.history[0].messages[-1] == chat.history[1].messages[-1] == {"role": "user", "content": example["turn"]}
