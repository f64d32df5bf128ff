"""Day One import: the export zip with a photo, escaped punctuation, absent tags, location and weather, bad files."""

from __future__ import annotations

import json
import zipfile
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from journal.errors import BrokenFile
from journal.importers import run_import
from journal.notebook import Notebook
from journal.store.documents import read_document

PHOTO_ID = "E334B96B75800C44A03B34E72E5F4282"
PHOTO_MD5 = "6e8f17a1cd2fd963d5843aca794e2287"
PHOTO = b"\xff\xd8\xff\xe0 a tiny jpeg \xff\xd9"
LOCATION = {"placeName": "外滩", "localityName": "上海", "country": "China", "latitude": 31.24, "longitude": 121.49}
WEATHER = {"conditionsDescription": "Clear", "temperatureCelsius": 18}


def journal(entries: list[dict]) -> dict:
    return {"metadata": {"version": "1.0"}, "entries": entries}


def entry(**overrides) -> dict:
    base = {
        "uuid": "5BA8A0499775E5B7AB050CE5A5A32F87",
        "creationDate": "2023-02-14T12:30:00Z",
        "modifiedDate": "2023-02-15T01:00:00Z",
        "timeZone": "Asia/Shanghai",
        "starred": True,
        "text": "# Valentine\\'s day\n\nWe walked 1\\.5 km\\, then \\(finally\\) ate\\!\n\n"
                f"![](dayone-moment://{PHOTO_ID})\n\n```\nkeep\\.this\n```",
        "tags": ["love", "#上海"],
        "location": LOCATION,
        "weather": WEATHER,
        "photos": [{"identifier": PHOTO_ID, "md5": PHOTO_MD5, "type": "jpeg", "orderInEntry": 0}],
    }
    base.update(overrides)
    return base


def export_zip(tmp_path: Path, entries: list[dict], photos: dict[str, bytes] | None = None) -> Path:
    path = tmp_path / "dayone-export.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("Journal.json", json.dumps(journal(entries)))
        for name, data in (photos if photos is not None else {f"photos/{PHOTO_MD5}.jpeg": PHOTO}).items():
            zf.writestr(name, data)
    return path


def only_entry(nb: Notebook):
    [summary] = nb.list_entries()
    return nb.get_entry(summary.id)


def test_zip_with_a_photo(notebook: Notebook, tmp_path: Path) -> None:
    report = run_import(notebook, "dayone", export_zip(tmp_path, [entry()]))
    assert (report.added, report.broken, report.warnings) == (1, [], [])
    e = only_entry(notebook)
    attachment = notebook.home / "attachments" / f"{PHOTO_MD5}.jpeg"
    assert attachment.read_bytes() == PHOTO
    link = f"../../../attachments/{PHOTO_MD5}.jpeg"
    assert f"![]({link})" in e.body and "dayone-moment" not in e.body
    assert (e.path.parent / link).resolve() == attachment.resolve()   # the relative link opens the photo
    assert e.created == datetime(2023, 2, 14, 20, 30, tzinfo=timezone(timedelta(hours=8)))
    assert e.created.utcoffset() == timedelta(hours=8)
    assert e.updated.astimezone(timezone.utc) == datetime(2023, 2, 15, 1, 0, tzinfo=timezone.utc)
    assert e.starred is True and e.tags == ["love", "上海"]
    assert e.extra["source"] == "dayone:5BA8A0499775E5B7AB050CE5A5A32F87"
    meta, _ = read_document(e.path)
    assert meta["location"] == LOCATION and meta["weather"] == WEATHER


def test_escaped_punctuation_is_unescaped_but_not_in_code(notebook: Notebook, tmp_path: Path) -> None:
    run_import(notebook, "dayone", export_zip(tmp_path, [entry()]))
    e = only_entry(notebook)
    assert e.body.startswith("# Valentine's day\n\nWe walked 1.5 km, then (finally) ate!")
    assert "```\nkeep\\.this\n```" in e.body
    assert e.title == "Valentine's day"


def test_absent_tags_and_an_entry_without_photos(notebook: Notebook, tmp_path: Path) -> None:
    raw = entry(text="plain words", photos=None, location=None, weather=None, starred=False)
    del raw["tags"]
    report = run_import(notebook, "dayone", export_zip(tmp_path, [raw], photos={}))
    assert report.added == 1
    e = only_entry(notebook)
    assert (e.tags, e.starred, e.body) == ([], False, "plain words")
    assert "location" not in e.extra and "weather" not in e.extra


def test_reimport_adds_nothing(notebook: Notebook, tmp_path: Path) -> None:
    path = export_zip(tmp_path, [entry()])
    run_import(notebook, "dayone", path)
    before = {p: p.read_bytes() for p in notebook.home.rglob("*") if p.is_file() and ".duet" not in p.parts}
    again = run_import(notebook, "dayone", path)
    assert (again.added, again.skipped) == (0, 1)
    after = {p: p.read_bytes() for p in notebook.home.rglob("*") if p.is_file() and ".duet" not in p.parts}
    assert after == before


def test_json_file_with_photos_folder_beside_it(notebook: Notebook, tmp_path: Path) -> None:
    (tmp_path / "photos").mkdir()
    (tmp_path / "photos" / f"{PHOTO_MD5}.jpeg").write_bytes(PHOTO)
    (tmp_path / "Journal.json").write_text(json.dumps(journal([entry()])), encoding="utf-8")
    report = run_import(notebook, "dayone", tmp_path / "Journal.json")
    assert report.added == 1 and report.warnings == []
    assert (notebook.home / "attachments" / f"{PHOTO_MD5}.jpeg").read_bytes() == PHOTO


def test_missing_or_empty_photo_is_a_warning_and_the_words_still_import(notebook: Notebook, tmp_path: Path) -> None:
    second = entry(uuid="B" * 32, photos=[{"identifier": "C" * 32, "md5": "d" * 32, "type": "png"}],
                   text=f"empty one ![](dayone-moment://{'C' * 32})")
    report = run_import(notebook, "dayone", export_zip(tmp_path, [entry(), second],
                                                        photos={f"photos/{'d' * 32}.png": b""}))
    assert report.added == 2
    messages = sorted(w.message for w in report.warnings)
    assert messages == [f"photos/{PHOTO_MD5}.jpeg is not in the export, so it is not linked.",
                        f"photos/{'d' * 32}.png is an empty file, so it is not linked."]
    bodies = sorted(notebook.get_entry(s.id).body for s in notebook.list_entries())
    assert bodies[1] == "empty one" and "attachments" not in "".join(bodies)


def test_a_broken_entry_is_reported_and_the_rest_imports(notebook: Notebook, tmp_path: Path) -> None:
    no_uuid = entry(uuid="")
    no_text = entry(uuid="F" * 32, text="", photos=[])
    report = run_import(notebook, "dayone", export_zip(tmp_path, [no_uuid, entry(), no_text]))
    assert report.added == 1
    assert [(i.position, i.message) for i in report.broken] == [
        (1, "the “uuid” field is missing."), (3, "it has no text and no pictures.")]


@pytest.mark.parametrize("name,content,fragment", [
    ("export.zip", b"this is plain text, not a zip", "not a zip file"),
    ("Journal.json", b'{"metadata": {}}', "not a Day One"),
    ("j.json", b'{"entries": [{"title": "t", "body": "b", "date": "2024-01-01", "time": "10:00"}]}',
     "j.json is not a Day One export"),   # a jrnl export: one sentence, not "uuid missing" per entry
    ("Journal.json", b"\x89PNG\r\n\x1a\n\x00\x00", "not a text file"),
])
def test_files_that_are_not_what_they_claim(notebook: Notebook, tmp_path: Path, name: str, content: bytes,
                                            fragment: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(BrokenFile) as caught:
        run_import(notebook, "dayone", path)
    assert fragment in caught.value.message("en")


def test_zip_without_a_journal(notebook: Notebook, tmp_path: Path) -> None:
    path = tmp_path / "x.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("photos/a.jpeg", PHOTO)
    with pytest.raises(BrokenFile, match="holds no Day One journal"):
        run_import(notebook, "dayone", path)
