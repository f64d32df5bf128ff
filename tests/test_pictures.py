"""Pictures in new writing (#17): kept once under attachments/ by content, linked relatively, shown inline,
EXIF location removed unless kept, bad types and sizes refused with a sentence; through the core and AppTest
(the Journal page's picker, and a story turn's box, which also takes pasted pictures)."""

from __future__ import annotations

import io
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from PIL import ExifTags, Image
from streamlit.testing.v1 import AppTest

from journal.entries.pictures import MAX_PICTURE_BYTES, checked_picture
from journal.errors import InvalidInput
from journal.notebook import Notebook
from journal.rendering import markdown_to_html, notebook_images
from journal.share.cover import draw_cover, notebook_pictures
from journal.share.formats import get_format
from journal.share.themes import get_theme

TIMEOUT = 30
GPS = ExifTags.IFD.GPSInfo
XMP_WITH_PLACE = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><exif:GPSLatitude>31,14.0N</exif:GPSLatitude></x:xmpmeta>'


def photo(fmt: str = "JPEG", *, gps: bool = True, colour: tuple[int, int, int] = (200, 120, 60),
          size: tuple[int, int] = (64, 48)) -> bytes:
    """A small photo the way a phone writes one: camera make, date and (optionally) where it was taken."""
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "DuetPhone"
    exif[ExifTags.Base.DateTime] = "2026:04:02 21:30:00"
    if gps:
        exif[GPS] = {ExifTags.GPS.GPSLatitudeRef: "N", ExifTags.GPS.GPSLatitude: (31.0, 14.0, 0.0),
                     ExifTags.GPS.GPSLongitudeRef: "E", ExifTags.GPS.GPSLongitude: (121.0, 28.0, 0.0)}
    out = io.BytesIO()
    extra = {"xmp": XMP_WITH_PLACE} if gps and fmt == "JPEG" else {}
    Image.new("RGB", size, colour).save(out, format=fmt, exif=exif, **extra)
    return out.getvalue()


def _exif(path: Path) -> Image.Exif:
    with Image.open(path) as opened:
        return opened.getexif()


# --- the core ----------------------------------------------------------------------------------------------

def test_a_photo_is_kept_once_by_content_without_its_location(duet_home: Path) -> None:
    nb = Notebook.open(duet_home)
    picture = nb.entries.add_picture(photo(), "Rooftop [night].jpg")
    assert picture.location_removed and picture.new
    assert picture.path.parent == duet_home / "attachments" and picture.path.suffix == ".jpg"
    assert picture.relative == f"attachments/{picture.path.name}"
    kept = picture.path.read_bytes()
    assert b"GPSLatitude" not in kept
    exif = _exif(picture.path)
    assert GPS not in exif and exif[ExifTags.Base.Make] == "DuetPhone"   # only the place goes
    with Image.open(picture.path) as opened:
        assert opened.size == (64, 48) and "xmp" not in opened.info
    again = nb.entries.add_picture(photo(), "same.jpg")
    assert again.path == picture.path and not again.new
    assert len(list((duet_home / "attachments").iterdir())) == 1
    # The link from the entry's folder, as Obsidian and the reader follow it
    created = datetime(2026, 4, 2, 21, 30, tzinfo=timezone(timedelta(hours=8)))
    link = picture.entry_markdown(created)
    assert link == f"![Rooftop  night](../../../{picture.relative})"
    assert picture.story_markdown() == f"![Rooftop  night](../{picture.relative})"
    entry = nb.create_entry(f"On the roof.\n\n{link}", created=created)
    assert (entry.path.parent / f"../../../{picture.relative}").resolve() == picture.path.resolve()
    html = markdown_to_html(entry.body, notebook_images(duet_home, entry.path.parent))
    assert '<img alt="Rooftop  night" src="data:image/jpeg;base64,' in html


def test_the_location_stays_when_the_person_keeps_it(duet_home: Path) -> None:
    data = photo()
    picture = Notebook.open(duet_home).entries.add_picture(data, "keep.jpg", keep_location=True)
    assert not picture.location_removed
    assert picture.path.read_bytes() == data
    assert _exif(picture.path).get_ifd(GPS)[ExifTags.GPS.GPSLatitude] == (31.0, 14.0, 0.0)


@pytest.mark.parametrize("fmt, ext", [("PNG", "png"), ("WEBP", "webp")])
def test_png_and_webp_lose_their_location_too(fmt: str, ext: str) -> None:
    kept, found_ext, removed = checked_picture(photo(fmt), f"x.{ext}")
    assert (found_ext, removed) == (ext, True)
    with Image.open(io.BytesIO(kept)) as opened:
        assert GPS not in opened.getexif() and opened.getexif()[ExifTags.Base.Make] == "DuetPhone"


def test_a_picture_without_a_location_is_kept_byte_for_byte() -> None:
    data = photo("PNG", gps=False)
    assert checked_picture(data, "plain.png") == (data, "png", False)


def test_bad_pictures_are_refused_with_a_sentence(duet_home: Path) -> None:
    nb = Notebook.open(duet_home)
    bmp = io.BytesIO()
    Image.new("RGB", (4, 4)).save(bmp, format="BMP")
    cases = [(bmp.getvalue(), "old.png", "is a BMP picture. Duet keeps JPEG, PNG, WebP and GIF"),
             (b"just some notes", "notes.jpg", "is not a picture Duet can open"),
             (b"", "empty.png", "is empty"),
             (photo()[:200], "cut.jpg", "is not a picture Duet can open"),
             (b"\xff\xd8" + b"0" * (MAX_PICTURE_BYTES + 1), "huge.jpg", "pictures can be up to 10 MB")]
    for data, name, sentence in cases:
        with pytest.raises(InvalidInput) as refused:
            nb.entries.add_picture(data, name)
        assert sentence in refused.value.message() and f"“{name}”" in refused.value.message()
    assert not (duet_home / "attachments").exists()


def test_a_kept_picture_can_be_a_share_cards_background(duet_home: Path) -> None:
    picture = Notebook.open(duet_home).entries.add_picture(photo(colour=(20, 200, 40), size=(300, 300)), "green.jpg")
    assert notebook_pictures(duet_home)[0] == picture.path      # offered first on the Share page's cover choice
    fmt, theme = get_format("instagram"), get_theme(None)
    with_photo = draw_cover(fmt, theme, "Us", photo=picture.path).convert("RGB")
    plain = draw_cover(fmt, theme, "Us").convert("RGB")
    corner = with_photo.getpixel((5, 5))
    assert corner != plain.getpixel((5, 5)) and corner[1] > corner[0] and corner[1] > corner[2]   # green shows


# --- the pages ------------------------------------------------------------------------------------------------

def test_upload_on_the_journal_page_link_inline_exif_and_a_bad_type(app_path: str, duet_home: Path) -> None:
    at = AppTest.from_file(app_path, default_timeout=TIMEOUT).run()
    at.text_area(key="editor_new_body").input("Rooftop tonight.").run()
    [picker] = at.get("file_uploader")
    picker.set_value(("roof.jpg", photo(), "image/jpeg")).run()
    assert not at.exception
    [stored] = list((duet_home / "attachments").iterdir())
    assert GPS not in _exif(stored)
    body = at.text_area(key="editor_new_body").value
    assert body.startswith("Rooftop tonight.\n\n![roof](../../../attachments/") and stored.name in body
    assert any("The location in “roof.jpg” was removed." in i.value for i in at.info)
    # A file that is not a picture (a text file named .png): refused with a sentence, nothing kept, text untouched
    at.get("file_uploader")[0].set_value(("notes.png", b"not a picture", "image/png")).run()
    assert any("“notes.png” is not a picture Duet can open" in e.value for e in at.error)
    assert at.text_area(key="editor_new_body").value == body
    assert len(list((duet_home / "attachments").iterdir())) == 1
    at.button(key="journal_save_new").click().run()
    [saved] = Notebook.open(duet_home).list_entries()
    at.button(key=f"open_{saved.id}").click().run()
    assert any('<img alt="roof" src="data:image/jpeg;base64,' in m.value for m in at.markdown)   # inline in the reader


def test_a_picture_in_a_story_turn(app_path: str, chat, duet_home: Path) -> None:
    chat.enqueue(["Hello.", "What a view!"])
    at = AppTest.from_file(app_path, default_timeout=TIMEOUT).run()
    at.switch_page("pages/stories.py").run()
    at.session_state["new_story_companion"] = "wren-ashby"
    at.run()
    at.button(key="story_create").click().run()
    box = at.chat_input(key="story_input")
    box.set_value("Look at this.").upload("view.png", photo("PNG"), "image/png").run()   # a pasted picture arrives the same way
    assert not at.exception
    nb = Notebook.open(duet_home)
    [summary] = nb.stories.list()
    mine = [turn for turn in nb.stories.get(summary.id).turns if turn.is_user][-1]
    [stored] = list((duet_home / "attachments").iterdir())
    assert mine.text == f"Look at this.\n\n![view](../attachments/{stored.name})"
    assert GPS not in _exif(stored)
    assert any('<img alt="view" src="data:image/png;base64,' in m.value for m in at.markdown)


def test_inside_the_vault_pictures_and_templates_are_sealed_and_still_shown(duet_home: Path) -> None:
    from journal import vault
    from journal.store.sealed import MAGIC, drop_key

    Notebook.open(duet_home)
    cheap = {**vault.KDF, "time_cost": 1, "memory_cost": 8192, "parallelism": 1}
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(vault, "KDF", cheap)
        vault.turn_on(duet_home, "tangerine-ferry-42", lambda _key: None)
    try:
        nb = Notebook.open(duet_home, passphrase="tangerine-ferry-42")
        picture = nb.entries.add_picture(photo(), "roof.jpg")
        assert picture.path.read_bytes().startswith(MAGIC)           # written through the store's sealing writer
        html = markdown_to_html(f"![roof](../../../{picture.relative})",
                                notebook_images(duet_home, duet_home / "journal" / "2026" / "04"))
        assert '<img alt="roof" src="data:image/jpeg;base64,' in html
        page = nb.entries.start_from_template("gratitude")
        assert page.body.startswith("Three things I am grateful for today")
        assert (duet_home / "templates" / "gratitude.md").read_bytes().startswith(MAGIC)
    finally:
        drop_key(duet_home)
