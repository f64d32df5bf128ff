"""Suggested memories (issue #14, item 3): nothing is pinned until the person accepts; every pin says where from."""

from __future__ import annotations

from pathlib import Path

from journal.notebook import Notebook
from journal.stories import keepsakes, ops
from journal.stories.suggest import offer_memories


def test_offers_pin_nothing_until_accepted_and_the_pin_keeps_its_source(duet_home: Path, chat) -> None:
    nb = Notebook.open(duet_home)
    story = ops.start_story(nb, nb.companions.get("wren-ashby"))
    for said in ("My sister Mei visits on Sunday.", "I promised to bring her to the shop."):
        chat.enqueue("Lovely.")
        ops.reply(nb, story.id, chat, said)
    before = Path(story.path).read_bytes()
    chat.enqueue("- Aria's sister is Mei\n- Aria promised to bring Mei to the shop\n- NONE")
    offers = offer_memories(nb, story.id, chat)
    assert [o["text"] for o in offers] == ["Aria's sister is Mei", "Aria promised to bring Mei to the shop"]
    assert Path(story.path).read_bytes() == before and nb.stories.get(story.id).memories == []   # nothing pinned
    assert offers[0]["source"] == {"by": "suggested", "model": "fake-model", "turns": [1, 5]}

    keepsakes.add_memory(nb, story.id, offers[1]["text"], source=offers[1]["source"])
    keepsakes.add_memory(nb, story.id, "Her favourite tea is jasmine")
    again = Notebook.open(duet_home).stories.get(story.id)     # from the file, not a cache
    assert again.memories == ["Aria promised to bring Mei to the shop", "Her favourite tea is jasmine"]
    first = keepsakes.memory_source(again, again.memories[0])
    assert (first["by"], first["model"], first["turns"]) == ("suggested", "fake-model", [1, 5])
    assert keepsakes.memory_source(again, again.memories[1])["by"] == "person"
    assert keepsakes.describe_source(first).startswith("Suggested by fake-model from turns 1–5")

    keepsakes.remove_memory(nb, story.id, 0)
    assert list(nb.stories.get(story.id).extra["memory_sources"]) == ["Her favourite tea is jasmine"]
    chat.enqueue("- Her favourite tea is jasmine")
    assert offer_memories(nb, story.id, chat) == []     # already pinned: not offered again
