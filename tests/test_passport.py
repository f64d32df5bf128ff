"""The companion passport (issue #14, item 4): a PNG that is a V2/V3 card anywhere and round-trips losslessly in Duet."""

from __future__ import annotations

import base64
import io
import json
from datetime import date
from pathlib import Path

from PIL import Image

from journal.cli import main
from journal.companions.passport import PASSPORT_KEY, export_passport, passport_block
from journal.notebook import Notebook
from journal.stories import keepsakes, ops
from journal.stories.continuity import star_turn
from tests.test_lorebooks import WORLD_INFO
from tests.test_voice import EN_TURNS


def _chunks(png: bytes) -> dict[str, dict]:
    with Image.open(io.BytesIO(png)) as image:
        image.load()
        return {key: json.loads(base64.b64decode(value)) for key, value in image.text.items()}


def _build(nb: Notebook) -> None:
    aria = nb.companions.personas.create("Aria", "A night-shift nurse.")
    world = nb.companions.lorebooks.import_world_info(json.dumps(WORLD_INFO).encode(), "Harbour world")
    nb.companions.lorebooks.save_companion_entry("wren-ashby", None, keys="Admiral", content="Admiral is the cat.")
    from journal.companions.voice import derive_profile, describe_profile

    profile = derive_profile(EN_TURNS)
    nb.companions.save_voice("wren-ashby", profile, describe_profile(profile, "en"))
    story = ops.start_story(nb, nb.companions.get("wren-ashby"), title="Harbour nights", persona=aria.slug)
    ops.attach_lorebook(nb, story.id, world.slug)
    for said, answer in (("Is the kettle on?", EN_TURNS[0]), ("Stay a while?", EN_TURNS[1])):
        ops.add_user_turn(nb, story.id, said)
        nb.stories.update(story.id, lambda s, a=answer: s.turns.append(ops.new_turn("companion", a)))
    star_turn(nb, story.id, 2)
    star_turn(nb, story.id, 4)
    keepsakes.add_memory(nb, story.id, "Aria works nights", source={"by": "suggested", "model": "m", "turns": [1, 3]})
    keepsakes.set_note(nb, story.id, "Be gentle after night shifts.", 2)
    keepsakes.add_milestone(nb, story.id, date(2026, 4, 2), "First rainy night")


def test_the_passport_opens_as_a_v2_and_v3_card(duet_home: Path) -> None:
    nb = Notebook.open(duet_home)
    _build(nb)
    chunks = _chunks(export_passport(nb, "wren-ashby"))
    assert chunks["chara"]["spec"] == "chara_card_v2" and chunks["chara"]["spec_version"] == "2.0"
    assert chunks["ccv3"]["spec"] == "chara_card_v3" and chunks["ccv3"]["spec_version"] == "3.0"
    for card in chunks.values():
        data = card["data"]
        assert data["name"] == "Wren Ashby" and data["first_mes"].startswith("*The bell")
        assert data["character_book"]["entries"][0]["keys"] == ["Admiral"]          # a reader's own lorebook support
        assert data["extensions"]["duet"]["voice"]["text"].startswith("- Calls {{user}}: sweetheart")
        passport = data["extensions"]["duet"][PASSPORT_KEY]
        [story] = passport["stories"]
        assert story["memories"] == ["Aria works nights"] and story["note"] == "Be gentle after night shifts."
        assert story["golden"] == [{"said": "Is the kettle on?", "reply": EN_TURNS[0]},
                                   {"said": "Stay a while?", "reply": EN_TURNS[1]}]
        assert passport["personas"][0]["name"] == "Aria" and passport["lorebooks"][0]["slug"] == "harbour-world"


def test_the_passport_round_trips_losslessly(duet_home: Path, tmp_path: Path, monkeypatch, capsys) -> None:
    nb = Notebook.open(duet_home)
    _build(nb)
    out = tmp_path / "wren.png"
    assert main(["export", "passport", "Wren Ashby", str(out)]) == 0
    first = _chunks(out.read_bytes())

    other = tmp_path / "elsewhere"
    monkeypatch.setenv("DUET_HOME", str(other))
    capsys.readouterr()   # the export's line
    assert main(["import", "passport", str(out), "--json"]) == 0
    imported = json.loads(capsys.readouterr().out)
    assert imported["stories"] == 1
    nb2 = Notebook.open(other)
    slug = imported["slug"]
    again = _chunks(export_passport(nb2, slug))
    assert again == first                                    # every chunk, passport block included, unchanged
    story = nb2.stories.get(nb2.stories.list(companion=slug)[0].id)
    assert story.user_name == "Aria" and story.extra["lorebooks"] == ["harbour-world"]
    assert keepsakes.memory_source(story, "Aria works nights")["model"] == "m"
    assert passport_block(nb2, slug) == first["ccv3"]["data"]["extensions"]["duet"][PASSPORT_KEY]
    # the companion's own card fields no longer hold the block once imported: it lives in the stories
    assert PASSPORT_KEY not in nb2.companions.get(slug).extensions["duet"]


def test_a_plain_card_imports_through_the_passport_door(duet_home: Path, tmp_path: Path) -> None:
    from journal.companions.cards import card_bytes
    from journal.companions.passport import import_passport

    nb = Notebook.open(duet_home)
    png = card_bytes(nb, nb.companions.get("zhou-yu"), "png")
    companion = import_passport(nb, png)
    assert companion.name == "周屿" and nb.stories.list(companion=companion.slug) == []
