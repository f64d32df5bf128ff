"""Export: the zip restores exactly (byte for byte), the markdown folder reads cleanly, the JSON has its documented shape."""

from __future__ import annotations

import errno
import json
import zipfile
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
import yaml

from journal.cli import main
from journal.errors import BrokenFile, InvalidInput, StorageError
from journal.export.json_export import JSON_FORMAT, JSON_VERSION, export_json
from journal.export.markdown_export import export_markdown
from journal.export.zip_export import export_zip, read_manifest
from journal.importers import run_import
from journal.notebook import Notebook
from journal.settings import write_section
from journal.store.documents import parse_document
from journal.stories.model import Turn

PHOTO_MD5 = "0123456789abcdef0123456789abcdef"
PHOTO = b"\xff\xd8\xff a photo \xff\xd9"
CST = timezone(timedelta(hours=8))


def files_of(home: Path) -> dict[str, bytes]:
    return {p.relative_to(home).as_posix(): p.read_bytes()
            for p in sorted(home.rglob("*"))   # the index and the folder's own marker are not notes
            if p.is_file() and ".duet" not in p.relative_to(home).parts and p.name != ".duet-notebook"}


@pytest.fixture
def full(notebook: Notebook, tmp_path: Path) -> Notebook:
    """A notebook with a bit of everything: entries, a photo, a story with versions, companions, settings, a draft."""
    notebook.create_entry("今天和 C 聊到很晚。\n\n> 月亮很圆。", title="第一晚", tags=["love", "夜晚"], mood=4,
                          starred=True, created=datetime(2024, 5, 1, 21, 30, tzinfo=CST))
    notebook.create_entry("A plain English entry.", title="Tuesday: a/b \"quotes\" #hash",
                          created=datetime(2024, 5, 7, 8, 0, tzinfo=CST))
    dayone = tmp_path / "dayone.zip"
    raw = {"uuid": "A" * 32, "creationDate": "2024-05-03T12:00:00Z", "timeZone": "Asia/Shanghai",
           "text": f"Photo day ![](dayone-moment://{'B' * 32})", "weather": {"temperatureCelsius": 21},
           "photos": [{"identifier": "B" * 32, "md5": PHOTO_MD5, "type": "jpeg"}]}
    with zipfile.ZipFile(dayone, "w") as zf:
        zf.writestr("Journal.json", json.dumps({"entries": [raw]}))
        zf.writestr(f"photos/{PHOTO_MD5}.jpeg", PHOTO)
    assert run_import(notebook, "dayone", dayone).added == 1
    companion = notebook.companions.create("小C", description="温柔，记得你说过的每句话。", personality="安静")
    notebook.stories.create(title="海边", companion=companion.slug, companion_name=companion.name, turns=[
        Turn(id="t1", role="user", alternatives=["我们去海边吧"], created=datetime(2024, 5, 2, 20, 0, tzinfo=CST)),
        Turn(id="t2", role="companion", alternatives=["好啊，带上外套。", "现在就走！"], chosen=1,
             created=datetime(2024, 5, 2, 20, 1, tzinfo=CST)),
    ])
    write_section(notebook.home, "general", {"language": "zh"})
    notebook.save_draft("new", body="half a thought", title="draft")
    return notebook


def test_zip_export_then_import_into_an_empty_home_is_exact(full: Notebook, tmp_path: Path) -> None:
    out = tmp_path / "backup.zip"
    result = export_zip(full, out)
    original = files_of(full.home)
    assert result.files == len(original) and "attachments/" + f"{PHOTO_MD5}.jpeg" in original
    with zipfile.ZipFile(out) as zf:
        assert read_manifest(zf)["files"] == result.files
        assert not [n for n in zf.namelist() if n.startswith(".duet")]
    fresh = Notebook.open(tmp_path / "restored")
    report = run_import(fresh, "zip", out)
    assert (report.added, report.skipped, report.broken, report.warnings) == (len(original), 0, [], [])
    assert files_of(fresh.home) == original                       # byte for byte, same set of files
    assert fresh.count_entries() == 3
    assert [s.title for s in fresh.stories.list()] == ["海边"]
    assert fresh.search("月亮")[0].title == "第一晚"


def test_plain_unzip_restores_too(full: Notebook, tmp_path: Path) -> None:
    out = tmp_path / "backup.zip"
    export_zip(full, out)
    target = tmp_path / "unzipped"
    with zipfile.ZipFile(out) as zf:
        zf.extractall(target)
    assert files_of(target) == files_of(full.home)
    assert Notebook.open(target).count_entries() == 3


def test_restoring_into_the_same_notebook_changes_nothing(full: Notebook, tmp_path: Path) -> None:
    out = tmp_path / "backup.zip"
    export_zip(full, out)
    before = files_of(full.home)
    [first] = full.list_entries(limit=1)
    full.update_entry(first.id, body="changed after the backup")
    changed = files_of(full.home)
    report = run_import(full, "zip", out)
    assert report.added == 0 and report.skipped == len(before) - 1
    assert [w.label for w in report.warnings] == [Path(first.path).relative_to(full.home).as_posix()]
    assert files_of(full.home) == changed                          # the newer version was kept


def test_secrets_never_leave_in_the_zip(full: Notebook, tmp_path: Path) -> None:
    settings = full.home / "settings.yaml"
    settings.write_text(settings.read_text(encoding="utf-8") + "ai:\n  openai_api_key: sk-very-secret\n  model: x\n",
                        encoding="utf-8")
    (full.home / "secrets.toml").write_text('OPENAI_API_KEY = "sk-very-secret"\n', encoding="utf-8")
    out = tmp_path / "backup.zip"
    export_zip(full, out)
    with zipfile.ZipFile(out) as zf:
        assert "secrets.toml" not in zf.namelist()
        assert all(b"sk-very-secret" not in zf.read(n) for n in zf.namelist())
        kept = yaml.safe_load(zf.read("settings.yaml"))
    assert kept["ai"] == {"model": "x"} and kept["general"] == {"language": "zh"}


def test_export_zip_refuses_to_overwrite_without_force(full: Notebook, tmp_path: Path, capsys) -> None:
    out = tmp_path / "backup.zip"
    out.write_bytes(b"precious")
    with pytest.raises(InvalidInput):
        export_zip(full, out)
    assert out.read_bytes() == b"precious"
    assert main(["--home", str(full.home), "export", "zip", str(out)]) == 1
    assert "already exists" in capsys.readouterr().err
    assert main(["--home", str(full.home), "export", "zip", str(out), "--force"]) == 0
    assert zipfile.is_zipfile(out)


def test_a_failed_zip_export_keeps_the_old_file_and_leaves_no_temp_file(full: Notebook, tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    from journal.export import zip_export

    out = tmp_path / "backup.zip"
    out.write_bytes(b"precious")

    def disk_full(home, handle, **kwargs):
        handle.write(b"half a zip")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(zip_export, "write_zip", disk_full)
    with pytest.raises(StorageError) as caught:
        export_zip(full, out, overwrite=True)
    assert caught.value.key == "errors.disk_full"
    assert out.read_bytes() == b"precious"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_a_crafted_zip_cannot_write_outside_the_notebook(notebook: Notebook, tmp_path: Path) -> None:
    path = tmp_path / "evil.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("journal/2024/05/ok.md", "---\ntitle: ok\n---\n\nfine\n")
        zf.writestr("../escaped.md", "outside")
        zf.writestr(".duet/index.db", "not restored")
    report = run_import(notebook, "zip", path)
    assert report.added == 1 and [i.label for i in report.broken] == ["../escaped.md"]
    assert not (tmp_path / "escaped.md").exists() and not (notebook.home.parent / "escaped.md").exists()
    assert notebook.count_entries() == 1


@pytest.mark.parametrize("members,fragment", [(None, "not a zip file"), ({"readme.txt": "hi"}, "not a Duet backup")])
def test_zip_import_of_something_else(notebook: Notebook, tmp_path: Path, members, fragment: str) -> None:
    path = tmp_path / "x.zip"
    if members is None:
        path.write_text("plain text", encoding="utf-8")
    else:
        with zipfile.ZipFile(path, "w") as zf:
            for name, text in members.items():
                zf.writestr(name, text)
    with pytest.raises(BrokenFile) as caught:
        run_import(notebook, "zip", path)
    assert fragment in caught.value.message("en")


def test_markdown_export_is_a_clean_obsidian_folder(full: Notebook, tmp_path: Path) -> None:
    out = tmp_path / "clean"
    result = export_markdown(full, out)
    notes = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.md"))
    assert result.files == len(notes) + 1                       # + the photo
    assert "journal/2024/05/2024-05-01 第一晚.md" in notes
    assert "journal/2024/05/2024-05-07 Tuesday a b quotes hash.md" in notes
    assert "stories/海边.md" in notes and "companions/小C.md" in notes
    assert not [n for n in notes if n.startswith(("drafts/", ".duet"))] and not (out / "settings.yaml").exists()
    for note in out.rglob("*.md"):
        text = note.read_text(encoding="utf-8")
        meta, body = parse_document(text, source=str(note))      # valid front matter everywhere
        assert "<!-- duet:" not in text and body.strip()
        assert "id" not in meta
    photo_note = next(p for p in out.rglob("*.md") if "Photo day" in p.read_text(encoding="utf-8"))
    link = f"../../../attachments/{PHOTO_MD5}.jpeg"
    assert link in photo_note.read_text(encoding="utf-8")
    assert (photo_note.parent / link).resolve().read_bytes() == PHOTO
    story = (out / "stories" / "海边.md").read_text(encoding="utf-8")
    meta, body = parse_document(story)
    assert meta["companion"] == "[[小C]]"
    assert "### 小C · 2024-05-02 20:01\n\n现在就走！" in body
    assert "> [!note]- Other versions (1)\n> **1.** 好啊，带上外套。" in body


def test_markdown_export_refuses_a_folder_with_files(full: Notebook, tmp_path: Path) -> None:
    out = tmp_path / "busy"
    out.mkdir()
    (out / "mine.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(InvalidInput, match="not empty"):
        export_markdown(full, out)
    assert [p.name for p in out.iterdir()] == ["mine.txt"]


def test_json_export_has_the_documented_shape(full: Notebook, tmp_path: Path) -> None:
    (full.home / "journal" / "2024" / "05" / "hand-broken.md").write_text("---\ntitle: [oops\n---\nwords\n",
                                                                          encoding="utf-8")
    out = tmp_path / "all.json"
    export_json(full, out)
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert (doc["format"], doc["version"]) == (JSON_FORMAT, JSON_VERSION)
    assert set(doc) == {"format", "version", "exported", "entries", "stories", "companions", "unreadable"}
    first = doc["entries"][0]
    assert set(first) == {"id", "title", "created", "updated", "tags", "mood", "feelings", "starred", "path",
                          "body", "extra"}
    assert (first["title"], first["tags"], first["mood"], first["starred"]) == ("第一晚", ["love", "夜晚"], 4, True)
    assert first["created"] == "2024-05-01T21:30:00+08:00" and first["path"].startswith("journal/2024/05/")
    assert [e["title"] for e in doc["entries"]] == ["第一晚", "Photo day", "Tuesday: a/b \"quotes\" #hash"]
    assert doc["entries"][1]["extra"]["weather"] == {"temperatureCelsius": 21}
    [story] = doc["stories"]
    assert story["title"] == "海边" and story["path"] == "stories/海边.md"
    assert [(t["role"], t["text"], t["chosen"]) for t in story["turns"]] == [
        ("user", "我们去海边吧", 0), ("companion", "现在就走！", 1)]
    assert story["turns"][1]["alternatives"] == ["好啊，带上外套。", "现在就走！"]
    assert {c["name"] for c in doc["companions"]} >= {"小C"}
    assert [(u["path"], u["text"]) for u in doc["unreadable"]] == [
        ("journal/2024/05/hand-broken.md", "---\ntitle: [oops\n---\nwords\n")]


def test_json_export_to_standard_output(full: Notebook, capsys) -> None:
    assert main(["--home", str(full.home), "export", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert len(doc["entries"]) == 3 and doc["stories"][0]["title"] == "海边"


def test_a_hand_copied_entry_keeps_its_own_id_in_the_json_export_as_in_the_app(notebook: Notebook,
                                                                                 tmp_path: Path) -> None:
    original = notebook.create_entry("twin text", title="Twin")
    copy = original.path.with_name("0000-copy.md")              # sorts before the original on purpose
    copy.write_bytes(original.path.read_bytes())
    reopened = Notebook.open(notebook.home)
    shown = {s.path: s.id for s in reopened.search("twin")}
    assert len(set(shown.values())) == 2 and shown[str(original.path)] == original.id
    out = tmp_path / "all.json"
    export_json(reopened, out)
    exported = {e["path"]: e["id"] for e in json.loads(out.read_text(encoding="utf-8"))["entries"]}
    assert len(set(exported.values())) == 2
    assert {str(notebook.home / p): i for p, i in exported.items()} == shown
