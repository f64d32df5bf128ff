"""Character Card V2/V3: import from JSON and PNG, export both, and keep what Duet does not use."""

from __future__ import annotations

import base64
import copy
import io
import json
import struct
import zlib

import pytest
from PIL import Image
from PIL.PngImagePlugin import PngInfo

from journal.companions import cards
from journal.companions.avatar import AVATAR_SIZE
from journal.companions.cards import card_json_bytes, card_png_bytes, card_v2, card_v3, import_card, read_card
from journal.companions.macros import prompt_fields, split_examples, substitute, system_prompt_for
from journal.companions.model import Companion
from journal.errors import BrokenFile, InvalidInput

# --- hand-written fixtures --------------------------------------------------------------

BOOK = {
    "name": "Harbour lore",
    "description": "Places and people of the town",
    "scan_depth": 4,
    "token_budget": 512,
    "recursive_scanning": False,
    "extensions": {"st/world": "harbour"},
    "entries": [
        {"keys": ["lighthouse", "灯塔"], "content": "The lighthouse has been dark since 1998.",
         "extensions": {"position": 0, "depth": 4}, "enabled": True, "insertion_order": 100,
         "name": "lighthouse", "priority": 10, "id": 0, "comment": "", "selective": False,
         "secondary_keys": [], "constant": False, "position": "before_char"},
        {"keys": ["Admiral"], "content": "Admiral is a one-eyed cat.", "extensions": {},
         "enabled": False, "insertion_order": 50, "constant": True},
    ],
}
EXTENSIONS = {"talkativeness": "0.5", "fav": False, "world": "harbour",
              "depth_prompt": {"prompt": "Stay gentle.", "depth": 4, "role": "system"},
              "someapp/voice": {"id": 7, "pitch": 1.25, "tags": ["soft", None]},
              "pasted": "line\u2028separator, next\x85line, 1e3, yes, 2026-04-02"}
NOTES = "Made for rainy evenings.\n\nPlease don't use her for anything cruel. 请温柔对待她。"

V2_CARD = {
    "spec": "chara_card_v2",
    "spec_version": "2.0",
    "data": {
        "name": "Mira",
        "description": "{{char}} keeps a lighthouse and writes letters to {{user}}.\n",
        "personality": "patient, wry",
        "scenario": "A storm night at the lighthouse.",
        "first_mes": "*Mira opens the door.* You made it, {{user}}.",
        "mes_example": "<START>\n{{user}}: Hi\n{{char}}: Hello.\n<START>\n<USER>: Cold?\n<BOT>: Always.",
        "creator_notes": NOTES,
        "system_prompt": "",
        "post_history_instructions": "",
        "alternate_greetings": ["*The lamp turns.* Again?", "Morning, {{user}}."],
        "character_book": BOOK,
        "tags": ["lighthouse", "slow burn"],
        "creator": "someone",
        "character_version": "1.2",
        "extensions": EXTENSIONS,
    },
}

V3_CARD = {
    "spec": "chara_card_v3",
    "spec_version": "3.0",
    "data": {
        "name": "林晓",
        "description": "{{char}}是一名夜班护士。",
        "personality": "温柔",
        "scenario": "医院的走廊",
        "first_mes": "你来了。",
        "mes_example": "",
        "creator_notes": "只在深夜使用。",
        "system_prompt": "{{original}}\nSpeak Chinese.",
        "post_history_instructions": "",
        "alternate_greetings": [],
        "group_only_greetings": ["大家好。"],
        "tags": [],
        "creator": "",
        "character_version": "",
        "extensions": {"risu/utilityBot": False, "unknown": {"deep": [1, {"x": "y"}]}},
        "character_book": {"extensions": {}, "entries": [
            {"keys": ["夜班"], "content": "夜班从十点开始。", "extensions": {}, "enabled": True,
             "insertion_order": 0, "use_regex": False}]},
        "assets": [{"type": "icon", "uri": "ccdefault:", "name": "main", "ext": "png"}],
        "nickname": "晓晓",
        "creator_notes_multilingual": {"en": "Late nights only."},
        "source": ["https://example.invalid/card/1"],
        "creation_date": 1700000000,
        "modification_date": 1700000500,
        "someone_elses_field": {"kept": True},
    },
}


def _b64(obj) -> str:
    return base64.b64encode(json.dumps(obj, ensure_ascii=False).encode("utf-8")).decode("ascii")


def _png(texts: dict[str, str] | None = None, size=(8, 12), color=(200, 100, 50)) -> bytes:
    """A small PNG; Pillow puts tEXt chunks before the pixels."""
    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, format="PNG", pnginfo=_info(texts or {}))
    return out.getvalue()


def _noisy_png() -> bytes:
    out = io.BytesIO()
    Image.effect_noise((64, 64), 50).save(out, format="PNG", pnginfo=_info({"chara": _b64(V2_CARD)}))
    return out.getvalue()


def _info(texts: dict[str, str]) -> PngInfo:
    info = PngInfo()
    for key, value in texts.items():
        info.add_text(key, value)
    return info


def _png_text_after_pixels(texts: dict[str, str]) -> bytes:
    """A PNG with the text chunks just before IEND, where SillyTavern writes them."""
    data = _png()
    iend = data.rindex(b"IEND") - 4
    extra = b""
    for key, value in texts.items():
        payload = key.encode("latin-1") + b"\0" + value.encode("latin-1")
        extra += struct.pack(">I", len(payload)) + b"tEXt" + payload
        extra += struct.pack(">I", zlib.crc32(b"tEXt" + payload) & 0xFFFFFFFF)
    return data[:iend] + extra + data[iend:]


def _chunks(png: bytes) -> dict[str, str]:
    with Image.open(io.BytesIO(png)) as image:
        image.load()
        return dict(image.text)


@pytest.fixture
def nb(notebook):
    return notebook


# --- JSON round trips -------------------------------------------------------------------


def test_v2_json_round_trip_keeps_every_field(nb):
    companion = import_card(nb, json.dumps(V2_CARD).encode(), "mira.json")
    again = json.loads(card_json_bytes(nb.companions.get(companion.slug), version=2))
    assert again["spec"] == "chara_card_v2" and again["spec_version"] == "2.0"
    assert again["data"] == V2_CARD["data"]
    assert again["name"] == "Mira" and again["first_mes"] == V2_CARD["data"]["first_mes"]  # V1 mirror


def test_v3_json_round_trip_keeps_v3_fields_and_unknown_keys(nb):
    companion = import_card(nb, json.dumps(V3_CARD, ensure_ascii=False).encode("utf-8"), "lin.json")
    saved = nb.companions.get(companion.slug)
    assert saved.name == "林晓" and saved.language == "zh"
    assert saved.card_extra["assets"] == V3_CARD["data"]["assets"]
    again = json.loads(card_json_bytes(saved, version=3))
    assert again == V3_CARD


def test_unknown_extensions_book_and_notes_survive_editing_in_duet(nb):
    companion = import_card(nb, json.dumps(V2_CARD).encode(), "mira.json")
    nb.companions.update(companion.slug, personality="patient, wry, brave", speaking_style="Short sentences.")
    data = card_v2(nb.companions.get(companion.slug))["data"]
    assert data["personality"] == "patient, wry, brave"
    assert data["character_book"] == BOOK
    assert data["creator_notes"] == NOTES
    assert {k: v for k, v in data["extensions"].items() if k != "duet"} == EXTENSIONS
    assert data["extensions"]["duet"] == {"speaking_style": "Short sentences."}


def test_duet_fields_travel_in_a_namespaced_extension(nb):
    mine = nb.companions.create("Ada", description="An engineer.", speaking_style="Precise.",
                                user_persona="{{user}} is her apprentice.")
    card = json.loads(card_json_bytes(mine))
    assert card["data"]["extensions"] == {"duet": {"speaking_style": "Precise.",
                                                   "user_persona": "{{user}} is her apprentice."}}
    back, _ = read_card(json.dumps(card).encode(), "ada.json")
    assert back.speaking_style == "Precise." and back.user_persona == "{{user}} is her apprentice."
    assert back.extensions == {}


def test_data_wins_over_legacy_root_fields():
    card = copy.deepcopy(V2_CARD)
    card.update({"name": "Old name", "description": "old", "first_mes": "old hello"})
    companion, picture = read_card(json.dumps(card).encode(), "x.json")
    assert (companion.name, companion.first_mes) == ("Mira", V2_CARD["data"]["first_mes"])
    assert picture is None


def test_v1_card_with_root_fields_only_imports():
    v1 = {"name": "Old Timer", "description": "From 2023.", "personality": "", "scenario": "",
          "first_mes": "Howdy.", "mes_example": ""}
    companion, _ = read_card(json.dumps(v1).encode(), "v1.json")
    assert companion.name == "Old Timer" and companion.first_mes == "Howdy."


def test_json_with_bom_and_v2_nulls_is_accepted():
    card = copy.deepcopy(V2_CARD)
    card["data"]["system_prompt"] = None
    card["data"]["extensions"] = None
    companion, _ = read_card(b"\xef\xbb\xbf" + json.dumps(card).encode(), "x.json")
    assert companion.system_prompt == "" and companion.extensions == {}


# --- PNG --------------------------------------------------------------------------------


def test_png_with_chara_only(nb):
    png = _png({"chara": _b64(V2_CARD)})
    companion = import_card(nb, png, "mira.png")
    assert companion.name == "Mira" and companion.character_book == BOOK
    assert companion.avatar and (nb.home / companion.avatar).is_file()
    assert _chunks((nb.home / companion.avatar).read_bytes()) == {}  # the avatar file holds only the picture


def test_png_text_after_the_pixels_like_sillytavern():
    companion, picture = read_card(_png_text_after_pixels({"chara": _b64(V2_CARD)}), "st.png")
    assert companion.name == "Mira" and picture is not None


def test_png_prefers_ccv3_over_chara():
    png = _png({"chara": _b64(V2_CARD), "ccv3": _b64(V3_CARD)})
    companion, _ = read_card(png, "both.png")
    assert companion.name == "林晓"


def test_png_falls_back_to_chara_when_ccv3_is_broken():
    png = _png({"chara": _b64(V2_CARD), "ccv3": "%%% not base64 %%%"})
    companion, _ = read_card(png, "both.png")
    assert companion.name == "Mira"


def test_exported_png_carries_v2_chara_and_v3_ccv3(nb):
    companion = import_card(nb, json.dumps(V3_CARD, ensure_ascii=False).encode("utf-8"), "lin.json")
    png = cards.card_bytes(nb, nb.companions.get(companion.slug), "png")
    chunks = _chunks(png)
    v2 = json.loads(base64.b64decode(chunks["chara"]).decode("utf-8"))
    v3 = json.loads(base64.b64decode(chunks["ccv3"]).decode("utf-8"))
    assert v2["spec"] == "chara_card_v2" and v2["name"] == "林晓"
    assert v3 == V3_CARD
    with Image.open(io.BytesIO(png)) as image:
        assert image.size == AVATAR_SIZE        # no avatar: a generated portrait carries the card


def test_png_round_trip_v2_keeps_unused_parts(nb):
    first = import_card(nb, _png({"chara": _b64(V2_CARD)}, size=(30, 45)), "mira.png")
    png = cards.card_bytes(nb, nb.companions.get(first.slug), "png")
    with Image.open(io.BytesIO(png)) as image:
        assert image.size == (30, 45)           # the card's own picture is kept
    second = import_card(nb, png, "mira-again.png")
    assert second.slug != first.slug            # importing again never overwrites
    assert json.loads(card_json_bytes(nb.companions.get(second.slug), 2))["data"] == V2_CARD["data"]


def test_card_png_bytes_with_unreadable_avatar_falls_back_to_generated():
    companion = Companion(slug="x", name="Nobody")
    png = card_png_bytes(companion, b"not an image")
    assert set(_chunks(png)) == {"chara", "ccv3"}


# --- errors: clear, and nothing saved ---------------------------------------------------


@pytest.mark.parametrize("data, name, key", [
    (_png(), "plain.png", "companions.errors.png_no_card"),
    (_png({"chara": "@@@not base64@@@"}), "bad.png", "companions.errors.bad_base64"),
    (_png({"chara": base64.b64encode(b"{not json").decode()}), "bad.png", "companions.errors.bad_json"),
    (_png({"ccv3": base64.b64encode(b"\xff\xfe").decode()}), "bad.png", "companions.errors.bad_json"),
    (_png({"chara": _b64({"spec": "chara_card_v9", "data": {"name": "X"}})}), "v9.png",
     "companions.errors.wrong_spec"),
    (json.dumps({"spec": "something_else", "data": {}}).encode(), "x.json", "companions.errors.wrong_spec"),
    (json.dumps({"spec": "chara_card_v2", "data": "oops"}).encode(), "x.json", "companions.errors.no_data"),
    (json.dumps({"spec": "chara_card_v2", "data": {"name": ""}}).encode(), "x.json",
     "companions.errors.bad_card_field"),
    (json.dumps({"spec": "chara_card_v2", "data": {"name": "X", "extensions": [1]}}).encode(), "x.json",
     "companions.errors.bad_card_field"),
    (json.dumps([1, 2]).encode(), "x.json", "companions.errors.not_card_file"),
    (json.dumps({"hello": "world"}).encode(), "x.json", "companions.errors.not_a_card"),
    (b"{\"spec\": ", "x.json", "companions.errors.bad_json"),
    (b"\xff\xd8\xff\xe0 a jpeg pretending", "photo.png", "companions.errors.not_png"),
    (b"just some words", "notes.txt", "companions.errors.not_card_file"),
    (b"", "empty.json", "companions.errors.card_empty"),
    (_noisy_png()[:2000], "cut.png", "companions.errors.png_broken"),
])
def test_bad_cards_give_a_clear_error_and_save_nothing(nb, data, name, key):
    before = sorted(p.name for p in nb.companions.folder.glob("*.md"))
    with pytest.raises(BrokenFile) as caught:
        import_card(nb, data, name)
    assert caught.value.key == key
    assert "{" not in caught.value.message() and caught.value.message("zh") != caught.value.message("en")
    assert sorted(p.name for p in nb.companions.folder.glob("*.md")) == before


def test_huge_card_is_refused_before_parsing(nb, monkeypatch, tmp_path):
    monkeypatch.setattr(cards, "MAX_CARD_BYTES", 1000)
    with pytest.raises(InvalidInput) as caught:
        import_card(nb, b"{" + b" " * 2000 + b"}", "big.json")
    assert caught.value.key == "companions.errors.card_too_big"
    big = tmp_path / "big.png"
    big.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 2000)
    with pytest.raises(InvalidInput):
        cards.import_card_file(nb, big)


def test_decompression_bomb_png_is_refused(monkeypatch):
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 50)
    with pytest.raises(BrokenFile) as caught:
        read_card(_png({"chara": _b64(V2_CARD)}, size=(20, 20)), "bomb.png")
    assert caught.value.key == "companions.errors.png_broken"


# --- prompt macros ----------------------------------------------------------------------


def test_substitute_is_case_insensitive_and_single_pass():
    text = "{{char}} and {{USER}}; {{ Char }} met <user> and <BOT>; <Char> too."
    assert substitute(text, "Mira", "Sam") == "Mira and Sam; Mira met Sam and Mira; Mira too."
    assert substitute("Hi {{user}}", "X", "{{char}}") == "Hi {{char}}"   # a name is not re-read


def test_split_examples_on_start():
    blocks = split_examples(V2_CARD["data"]["mes_example"])
    assert blocks == ["{{user}}: Hi\n{{char}}: Hello.", "<USER>: Cold?\n<BOT>: Always."]
    assert split_examples("<start>\nA\n<START>\n\n<Start>B") == ["A", "B"]
    assert split_examples("") == []


def test_system_prompt_rules():
    default = "You are a kind co-writer."
    assert system_prompt_for(Companion(slug="a", name="A"), default) == default
    assert system_prompt_for(Companion(slug="a", name="A", system_prompt="  \n"), default) == default
    assert system_prompt_for(Companion(slug="a", name="A", system_prompt="Only this."), default) == "Only this."
    own = Companion(slug="a", name="A", system_prompt="{{ORIGINAL}}\nAlso be brief.")
    assert system_prompt_for(own, default) == default + "\nAlso be brief."


def test_creator_notes_never_reach_prompt_fields():
    companion, _ = read_card(json.dumps(V3_CARD, ensure_ascii=False).encode("utf-8"), "x.json")
    companion.creator_notes = "SECRET-NOTE-7"
    fields = prompt_fields(companion, "Sam")
    assert "SECRET-NOTE-7" not in json.dumps(fields, ensure_ascii=False)
    assert fields["name"] == "晓晓"                       # V3 nickname stands for {{char}}
    assert fields["description"] == "晓晓是一名夜班护士。"
    assert "SECRET-NOTE-7" not in system_prompt_for(companion, "default")


def test_v3_copy_adds_group_only_greetings_and_v2_copy_does_not():
    companion = Companion(slug="a", name="A")
    assert card_v3(companion)["data"]["group_only_greetings"] == []
    assert "group_only_greetings" not in card_v2(companion)["data"]
