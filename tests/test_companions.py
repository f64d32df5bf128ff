"""Companions as markdown files: round trip, hand edits, avatars, and the starters installed once."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from journal.companions import store as store_module
from journal.companions.files import MAX_NAME_CHARS
from journal.companions.macros import split_examples
from journal.companions.model import Companion
from journal.errors import InvalidInput, NotFound
from journal.notebook import Notebook
from journal.settings import read_section
from journal.store.documents import read_document

TRICKY = {
    "description": "  Leading spaces, a trailing one \nand a final newline\n",
    "personality": "yes",                      # YAML would read a bare yes as true
    "scenario": "2026-04-02",                  # … and this as a date
    "first_mes": "null",
    "speaking_style": "key: value # not a comment\n- not a list",
    "user_persona": "{{user}} 是夜猫子。\n\n第二段，带emoji 🌙 和\ttab",
    "mes_example": "<START>\n{{user}}: hi\n{{char}}: hey\n<START>\n{{user}}: again\n{{char}}: again",
    "system_prompt": "{{original}}\nStay kind.",
    "post_history_instructions": "'quoted' and \"double\"",
    "creator_notes": "---\nnot front matter\n---",
    "creator": "someone\x85else",             # NEL: YAML would read it as a line break
    "character_version": "1.10",
}


@pytest.fixture
def companions(notebook: Notebook):
    store = notebook.companions
    store.ensure_starters()                    # start each test from the starters, then clear them
    for companion in store.list():
        store.delete(companion.slug)
    return store


def test_round_trip_keeps_every_field_exactly(companions):
    created = companions.create("Mira", alternate_greetings=["one", "two\nlines"], tags=["sea", "灯塔"],
                                language="en", extensions={"x": {"y": [1, None, 2.5]}},
                                character_book={"entries": [{"keys": ["a"], "content": "b"}]},
                                card_extra={"nickname": "Mi"}, **TRICKY)
    loaded = companions.get(created.slug)
    for name, value in TRICKY.items():
        assert getattr(loaded, name) == value, name
    assert loaded.alternate_greetings == ["one", "two\nlines"]
    assert loaded.tags == ["sea", "灯塔"]
    assert loaded.extensions == {"x": {"y": [1, None, 2.5]}}
    assert loaded.character_book == {"entries": [{"keys": ["a"], "content": "b"}]}
    assert loaded.card_extra == {"nickname": "Mi"} and loaded.display_name == "Mi"
    assert loaded.created == created.created and loaded.created.tzinfo is not None


def test_values_yaml_cannot_carry_are_kept_exactly(companions):
    odd = {"nel": "a\x85b", "sep": "c\u2028d", "crlf": "e\r\nf", "nested": [{"k": "\x85"}]}
    created = companions.create("Odd", extensions=odd, description="---\nnot front matter\n---\n")
    loaded = companions.get(created.slug)
    assert loaded.extensions == odd and loaded.description == "---\nnot front matter\n---\n"
    assert loaded.creator == "" and "extensions_json" not in loaded.extra
    meta, _ = read_document(created.path)
    assert "extensions_json" in meta and "extensions" not in meta


def test_file_is_readable_markdown_with_the_persona_as_body(companions):
    companions.create("Wren", description="Wren runs a bookshop.", first_mes="Hello.")
    path = companions.folder / "wren.md"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---\ntype: companion\nname: Wren\n")
    meta, body = read_document(path)
    assert body == "Wren runs a bookshop.\n" and meta["first_mes"] == "Hello."
    assert "creator_notes" not in meta and "character_book" not in meta   # empty advanced fields stay out


def test_hand_edits_are_read_and_unknown_keys_kept(companions):
    path = companions.folder / "hand-made.md"
    path.write_text("---\nname: Hand Made\naliases: [HM]\ncssclasses: [wide]\nfirst_mes: Yo\n---\n\n"
                    "Written in Obsidian.\n", encoding="utf-8")
    companion = companions.get("hand-made")
    assert (companion.name, companion.description, companion.first_mes) == ("Hand Made", "Written in Obsidian.", "Yo")
    companions.update("hand-made", personality="calm")
    meta, _ = read_document(path)
    assert meta["aliases"] == ["HM"] and meta["cssclasses"] == ["wide"] and meta["personality"] == "calm"


def test_broken_file_is_skipped_and_reported_not_fatal(companions):
    companions.create("Good")
    (companions.folder / "broken.md").write_text("---\nname: [unclosed\n---\nx\n", encoding="utf-8")
    names = [c.name for c in companions.list()]
    assert names == ["Good"]
    assert [name for name, _ in companions.broken] == ["broken.md"]


def test_slugs_are_unique_safe_and_keep_chinese(companions):
    first = companions.create("Mira")
    second = companions.create("Mira")
    chinese = companions.create("周 屿")
    assert (first.slug, second.slug, chinese.slug) == ("mira", "mira-2", "周-屿")
    weird = companions.create("../../etc/passwd")
    assert weird.path.parent == companions.folder and "/" not in weird.slug
    for bad in ("../mira", "", ".hidden", "a/b"):
        with pytest.raises(NotFound):
            companions.get(bad)


def test_validation(companions):
    with pytest.raises(InvalidInput):
        companions.create("   ")
    with pytest.raises(InvalidInput):
        companions.create("x" * (MAX_NAME_CHARS + 1))
    with pytest.raises(InvalidInput) as caught:
        companions.create("Bin", description="bad\x00bytes")
    assert caught.value.key == "companions.errors.binary_text"
    with pytest.raises(InvalidInput):
        companions.create("Bad", tags=[1])
    with pytest.raises(InvalidInput):
        companions.create("Bad", alternate_greetings={"not": "a list"})
    up = companions.create("Up").slug
    for change in ({"path": "/tmp/elsewhere.md"}, {"nonsense": 1}):
        with pytest.raises(InvalidInput):
            companions.update(up, **change)
    assert not list(companions.folder.glob("bin*.md"))


def test_delete_removes_file_and_avatar(companions):
    companion = companions.create("Gone")
    companion = companions.set_avatar(companion.slug, _jpeg())
    avatar = companions.avatar_path(companion)
    assert avatar is not None and avatar.is_file()
    companions.delete(companion.slug)
    assert not companion.path.exists() and not avatar.exists()
    with pytest.raises(NotFound):
        companions.get(companion.slug)


def _jpeg(size=(40, 20), orientation: int | None = None) -> bytes:
    image = Image.new("RGB", size, (10, 120, 200))
    exif = Image.Exif()
    exif[0x010E] = "taken at home, 12 Harbour Road"     # a description that must not survive
    if orientation:
        exif[0x0112] = orientation
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif.tobytes())
    return out.getvalue()


def test_avatar_is_upright_small_png_without_metadata(companions, monkeypatch):
    monkeypatch.setattr(store_module, "AVATAR_MAX_SIDE", 16)
    companion = companions.set_avatar(companions.create("Pic").slug, _jpeg(orientation=6))
    assert companion.avatar == "companions/avatars/pic.png"
    with Image.open(companions.avatar_path(companion)) as image:
        assert image.format == "PNG"
        assert image.size == (8, 16)                     # rotated upright (40x20 → 20x40), then scaled
        assert not image.getexif() and not image.info.get("exif")
    assert companions.avatar_bytes(companion) == companions.avatar_path(companion).read_bytes()


def test_bad_avatar_is_refused_and_old_one_kept(companions):
    companion = companions.set_avatar(companions.create("Keep").slug, _jpeg())
    before = companions.avatar_path(companion).read_bytes()
    for bad in (b"", b"GIF89a broken", b"<svg></svg>"):
        with pytest.raises(InvalidInput):
            companions.set_avatar(companion.slug, bad)
    assert companions.avatar_path(companions.get(companion.slug)).read_bytes() == before


def test_avatar_pointing_outside_the_notebook_is_ignored(companions, tmp_path):
    outside = tmp_path / "secret.png"
    outside.write_bytes(_jpeg())
    companion = companions.create("Sneaky", avatar="../secret.png")
    assert companions.avatar_path(companion) is None
    assert companions.avatar_bytes(companion).startswith(b"\x89PNG")    # a generated portrait instead


def test_remove_avatar(companions):
    companion = companions.set_avatar(companions.create("Bare").slug, _jpeg())
    path = companions.avatar_path(companion)
    companion = companions.remove_avatar(companion.slug)
    assert companion.avatar is None and not path.exists()


# --- starters ----------------------------------------------------------------------------


def test_starters_installed_once_into_an_empty_notebook(notebook: Notebook):
    listed = notebook.companions.list()
    assert {c.slug for c in listed} == {"wren-ashby", "zhou-yu"}
    assert {c.language for c in listed} == {"en", "zh"}
    assert read_section(notebook.home, "companions")["starters_installed"] is True
    notebook.companions.delete("wren-ashby")
    again = Notebook.open(notebook.home)                 # a new process, a new store
    assert [c.slug for c in again.companions.list()] == ["zhou-yu"]


def test_starters_never_added_next_to_the_users_own(duet_home: Path):
    folder = duet_home / "companions"
    folder.mkdir(parents=True)
    (folder / "mine.md").write_text("---\nname: Mine\n---\n\nMy own.\n", encoding="utf-8")
    nb = Notebook.open(duet_home)
    assert [c.slug for c in nb.companions.list()] == ["mine"]
    nb.companions.delete("mine")
    assert Notebook.open(duet_home).companions.list() == []


def test_starters_are_complete_companions(notebook: Notebook):
    for companion in notebook.companions.list():
        assert len(companion.description) > 500 and "{{user}}" in companion.description
        assert companion.first_mes and len(companion.alternate_greetings) >= 2
        assert len(split_examples(companion.mes_example)) >= 2
        assert companion.speaking_style and companion.user_persona and companion.scenario
        assert companion.creator_notes and companion.creator_notes not in companion.description
    zhou = notebook.companions.get("zhou-yu")
    assert zhou.name == "周屿" and "慢一点" in zhou.description


def test_companion_model_greetings():
    companion = Companion(slug="a", name="A", first_mes="hi", alternate_greetings=["", "yo"])
    assert companion.greetings == ["hi", "yo"]


def test_avatar_thumbnail_is_exactly_the_width_shown(companions):
    companion = companions.create("Thumb")
    for source in (None, _jpeg(size=(400, 200))):
        if source:
            companion = companions.set_avatar(companion.slug, source)
        with Image.open(io.BytesIO(companions.avatar_thumbnail(companion, 96))) as thumb:
            assert thumb.format == "PNG" and thumb.width == 96


def test_chat_avatar_thumbnail_fits_its_box_and_follows_a_new_picture(companions):
    companion = companions.set_avatar(companions.create("Bubble").slug, _jpeg(size=(400, 200)))
    with Image.open(io.BytesIO(companions.avatar_thumbnail(companion, 96, 96, fmt="WEBP"))) as thumb:
        assert thumb.format == "WEBP" and thumb.size == (96, 48)
    before = companions.avatar_thumbnail(companion, 96, 96, fmt="WEBP")
    companion = companions.set_avatar(companion.slug, _jpeg(size=(200, 400)))
    with Image.open(io.BytesIO(companions.avatar_thumbnail(companion, 96, 96, fmt="WEBP"))) as thumb:
        assert thumb.size == (48, 96)
    assert companions.avatar_thumbnail(companion, 96, 96, fmt="WEBP") != before
