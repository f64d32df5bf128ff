"""Every importer treats its input as hostile: nothing outside the notebook is read or written because of it (#11).

Each test lays a secret file beside the notebook and a crafted import that
names it (``..``, an absolute path, a symbolic link), then checks that no file
of the notebook holds the secret and that nothing new appeared outside it.
"""

from __future__ import annotations

import json
import os
import stat
import zipfile
from pathlib import Path

import pytest

from journal.companions.cards import import_card
from journal.errors import DuetError
from journal.importers import run_import
from journal.notebook import Notebook

SECRET = b"TOP-SECRET-OUTSIDE-THE-NOTEBOOK"
PAYLOAD = b"[Desktop Entry]\nExec=evil\n"


def tree(root: Path, skip: Path) -> set[Path]:
    """Every path under ``root`` except those under ``skip`` (the notebook itself)."""
    return {p for p in root.rglob("*") if skip not in p.parents and p != skip}


def notebook_bytes(home: Path) -> list[bytes]:
    return [p.read_bytes() for p in home.rglob("*") if p.is_file() and not p.is_symlink()]


def assert_contained(notebook: Notebook, tmp_path: Path, before: set[Path]) -> None:
    home = Path(notebook.home)
    assert tree(tmp_path, home) == before, "the import created files outside the notebook"
    for data in notebook_bytes(home):
        assert SECRET not in data and PAYLOAD not in data, "the import copied a file from outside into the notebook"


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    path = tmp_path / "outside" / "secret.jpeg"
    path.parent.mkdir()
    path.write_bytes(SECRET)
    return path


# --- Day One ---------------------------------------------------------------------------


def dayone_entry(photos: list[dict]) -> dict:
    return {"uuid": "5BA8A0499775E5B7AB050CE5A5A32F87", "creationDate": "2023-02-14T12:30:00Z",
            "text": "A day with a photo", "photos": photos}


def test_dayone_json_md5_with_dot_dot_writes_nothing_outside(notebook: Notebook, tmp_path: Path) -> None:
    """The issue's case: ``{"md5": "../../.config/autostart/evil", "type": "desktop"}`` wrote ~/.config/autostart."""
    export = tmp_path / "a" / "b" / "export"
    export.mkdir(parents=True)
    md5 = "../../.config/autostart/evil"
    for base in (export, export / "photos"):   # where the old lookup found the payload, with or without photos/
        payload = (base / f"{md5}.desktop").resolve()
        payload.parent.mkdir(parents=True, exist_ok=True)
        payload.write_bytes(PAYLOAD)
    (export / "Journal.json").write_text(json.dumps({"entries": [dayone_entry([{"md5": md5, "type": "desktop"}])]}))
    before = tree(tmp_path, Path(notebook.home))
    report = run_import(notebook, "dayone", export)
    assert report.added == 1
    assert not (tmp_path / ".config").exists()
    assert_contained(notebook, tmp_path, before)


def test_dayone_json_absolute_md5_reads_nothing_outside(notebook: Notebook, tmp_path: Path, secret: Path) -> None:
    """The issue's case: ``{"md5": "/etc/host", "type": "conf"}`` copied /etc/host.conf into attachments/."""
    export = tmp_path / "export"
    export.mkdir()
    photos = [{"md5": str(secret.with_suffix("")), "type": "jpeg"}, {"md5": "/etc/host", "type": "conf"}]
    (export / "Journal.json").write_text(json.dumps({"entries": [dayone_entry(photos)]}))
    before = tree(tmp_path, Path(notebook.home))
    run_import(notebook, "dayone", export / "Journal.json")
    assert_contained(notebook, tmp_path, before)
    host_conf = Path("/etc/host.conf")
    if host_conf.is_file():
        assert host_conf.read_bytes() not in notebook_bytes(Path(notebook.home))


def test_dayone_json_type_with_a_path_is_a_plain_extension(notebook: Notebook, tmp_path: Path, secret: Path) -> None:
    export = tmp_path / "export"
    (export / "photos").mkdir(parents=True)
    (export / "photos" / "abc.jpeg").write_bytes(b"a real photo")
    photos = [{"md5": "abc", "type": "/../../../outside/secret.jpeg"}, {"md5": "abc", "type": "jpeg"}]
    (export / "Journal.json").write_text(json.dumps({"entries": [dayone_entry(photos)]}))
    before = tree(tmp_path, Path(notebook.home))
    run_import(notebook, "dayone", export)
    assert_contained(notebook, tmp_path, before)
    assert sorted(p.name for p in (Path(notebook.home) / "attachments").iterdir()) == ["abc.jpeg"]


def test_dayone_folder_symlinked_photo_is_not_followed(notebook: Notebook, tmp_path: Path, secret: Path) -> None:
    export = tmp_path / "export"
    (export / "photos").mkdir(parents=True)
    (export / "photos" / "abc.jpeg").symlink_to(secret)
    (export / "Journal.json").write_text(json.dumps({"entries": [dayone_entry([{"md5": "abc", "type": "jpeg"}])]}))
    before = tree(tmp_path, Path(notebook.home))
    report = run_import(notebook, "dayone", export)
    assert_contained(notebook, tmp_path, before)
    assert "abc.jpeg" in " ".join(report.issue_lines())   # reported as missing


def test_dayone_zip_with_traversal_and_symlink_members(notebook: Notebook, tmp_path: Path) -> None:
    path = tmp_path / "dayone.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("Journal.json", json.dumps({"entries": [dayone_entry([
            {"md5": "../evil", "type": "desktop"}, {"md5": "link", "type": "jpeg"}])]}))
        zf.writestr("../evil.desktop", PAYLOAD)
        zf.writestr("photos/../../evil.desktop", PAYLOAD)
        link = zipfile.ZipInfo("photos/link.jpeg")
        link.external_attr = (stat.S_IFLNK | 0o777) << 16
        zf.writestr(link, str(tmp_path / "outside" / "secret.jpeg"))
    before = tree(tmp_path, Path(notebook.home))
    report = run_import(notebook, "dayone", path)
    assert report.added == 1
    assert_contained(notebook, tmp_path, before)


# --- markdown folder, vault pictures -----------------------------------------------------


@pytest.mark.parametrize("link", ["![](../outside/secret.jpeg)", "![[../outside/secret.jpeg]]",
                                  "![]({abs})", "![](<{abs}>)", "![](/../outside/secret.jpeg)",
                                  "![](link.jpeg)", "![[link.jpeg]]"])
def test_markdown_folder_pictures_stay_inside_the_vault(notebook: Notebook, tmp_path: Path, secret: Path,
                                                        link: str) -> None:
    vault = tmp_path / "vault"
    vault.mkdir()
    (vault / "link.jpeg").symlink_to(secret)
    (vault / "note.md").write_text(f"---\ntitle: A note\n---\nLook:\n\n{link.format(abs=secret)}\n")
    before = tree(tmp_path, Path(notebook.home))
    report = run_import(notebook, "markdown", vault)
    assert report.added == 1
    assert_contained(notebook, tmp_path, before)


def test_markdown_folder_symlinked_note_is_not_read(notebook: Notebook, tmp_path: Path, secret: Path) -> None:
    vault = tmp_path / "vault"
    vault.mkdir()
    secret_note = secret.with_name("diary.md")
    secret_note.write_bytes(b"---\ntitle: x\n---\n" + SECRET)
    (vault / "diary.md").symlink_to(secret_note)
    (vault / "ok.md").write_text("fine")
    before = tree(tmp_path, Path(notebook.home))
    report = run_import(notebook, "markdown", vault)
    assert report.added == 1
    assert_contained(notebook, tmp_path, before)


def test_markdown_zip_with_traversal_absolute_and_symlink_members(notebook: Notebook, tmp_path: Path) -> None:
    path = tmp_path / "vault.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("../evil.md", SECRET)
        zf.writestr("/tmp/evil.md", SECRET)
        zf.writestr("notes\\..\\..\\evil.md", SECRET)
        link = zipfile.ZipInfo("link.md")
        link.external_attr = (stat.S_IFLNK | 0o777) << 16
        zf.writestr(link, "/etc/passwd")
        zf.writestr("ok.md", "A fine note with ![](../evil.jpeg)")
        zf.writestr("../evil.jpeg", SECRET)
    before = tree(tmp_path, Path(notebook.home))
    report = run_import(notebook, "markdown", path)
    assert report.added == 1
    assert_contained(notebook, tmp_path, before)


# --- jrnl, ChatGPT, cards: titles and names that look like paths --------------------------


def inside_notebook(notebook: Notebook, tmp_path: Path, before: set[Path]) -> None:
    home = Path(notebook.home).resolve()
    assert tree(tmp_path, Path(notebook.home)) == before
    for path in Path(notebook.home).rglob("*"):
        assert path.resolve().is_relative_to(home)


def test_jrnl_titles_with_path_characters_stay_inside(notebook: Notebook, tmp_path: Path) -> None:
    journal = tmp_path / "journal.txt"
    journal.write_text("[2024-05-01 21:30] ../../../../evil\nbody\n\n[2024-05-02 21:30] /etc/passwd\nbody\n"
                       "\n[2024-05-03 21:30] ..\\..\\evil\nbody\n")
    before = tree(tmp_path, Path(notebook.home))
    report = run_import(notebook, "jrnl", journal)
    assert report.added == 3
    inside_notebook(notebook, tmp_path, before)


def test_chatgpt_title_with_path_characters_and_symlinked_file(notebook: Notebook, tmp_path: Path,
                                                               secret: Path) -> None:
    from tests.test_import_chatgpt import conversation

    folder = tmp_path / "chatgpt"
    folder.mkdir()
    (folder / "conversations.json").write_text(json.dumps([conversation("c-1", "../../../../evil"),
                                                           conversation("c-2", "/etc/passwd")]))
    secret_conversations = secret.with_name("conversations-001.json")
    secret_conversations.write_text(json.dumps([conversation("c-secret", SECRET.decode())]))
    (folder / "conversations-001.json").symlink_to(secret_conversations)
    before = tree(tmp_path, Path(notebook.home))
    report = run_import(notebook, "chatgpt", folder)
    assert report.added == 2
    inside_notebook(notebook, tmp_path, before)
    assert_contained(notebook, tmp_path, before)


def test_card_name_with_path_characters_stays_inside(notebook: Notebook, tmp_path: Path) -> None:
    card = {"spec": "chara_card_v2", "spec_version": "2.0",
            "data": {"name": "../../../evil", "description": "x", "first_mes": "hi",
                     "extensions": {"duet": {"avatar": "../../outside/secret.jpeg"}}, "avatar": "/etc/passwd"}}
    before = tree(tmp_path, Path(notebook.home))
    companion = import_card(notebook, json.dumps(card).encode(), "../../evil.json")
    assert companion.path.resolve().is_relative_to(Path(notebook.home).resolve())
    assert notebook.companions.avatar_path(companion) is None
    inside_notebook(notebook, tmp_path, before)


# --- Duet's own backup zip ----------------------------------------------------------------


def test_backup_zip_members_leading_out_are_refused(notebook: Notebook, tmp_path: Path) -> None:
    path = tmp_path / "backup.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("journal/2024/05/2024-05-01-ok.md", "---\ntitle: ok\ncreated: 2024-05-01T10:00:00+00:00\n---\nok\n")
        zf.writestr("../evil.md", PAYLOAD)
        zf.writestr("journal/../../evil.md", PAYLOAD)
        zf.writestr("/tmp/evil-duet-test.md", PAYLOAD)
        zf.writestr("journal\\..\\..\\evil.md", PAYLOAD)
        zf.writestr("C:/evil.md", PAYLOAD)
        link = zipfile.ZipInfo("journal/link.md")
        link.external_attr = (stat.S_IFLNK | 0o777) << 16
        zf.writestr(link, "../../outside/secret.jpeg")
    before = tree(tmp_path, Path(notebook.home))
    report = run_import(notebook, "zip", path)
    assert report.added == 1
    assert len(report.broken) == 6
    assert not Path("/tmp/evil-duet-test.md").exists()
    assert_contained(notebook, tmp_path, before)
    assert not any(p.is_symlink() for p in Path(notebook.home).rglob("*"))


def test_backup_zip_does_not_write_through_a_symlink_in_the_notebook(notebook: Notebook, tmp_path: Path) -> None:
    """A link already inside the notebook (made by hand) is never written through by a restore."""
    outside = tmp_path / "outside-folder"
    outside.mkdir()
    home = Path(notebook.home)
    (home / "journal").mkdir(exist_ok=True)
    (home / "journal" / "elsewhere").symlink_to(outside, target_is_directory=True)
    path = tmp_path / "backup.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("journal/elsewhere/evil.md", PAYLOAD)
        zf.writestr("journal/2024/05/2024-05-01-ok.md", "---\ntitle: ok\ncreated: 2024-05-01T10:00:00+00:00\n---\nok\n")
    run_import(notebook, "zip", path)
    assert list(outside.iterdir()) == []


# --- zips with odd members: zero dates, empty names ----------------------------------------


def odd_zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in members.items():
            zf.writestr(zipfile.ZipInfo(name, date_time=(1980, 0, 0, 0, 0, 0)), data)
        zf.writestr(zipfile.ZipInfo("", date_time=(1980, 1, 1, 0, 0, 0)), b"nameless")
    return path


@pytest.mark.parametrize("kind, members", [
    ("markdown", {"note.md": b"A note from a zip with a zero date"}),
    ("zip", {"journal/2024/05/2024-05-01-ok.md": b"---\ntitle: ok\n---\nok\n"}),
    ("dayone", {"Journal.json": json.dumps({"entries": [dayone_entry([])]}).encode()}),
    ("chatgpt", {"conversations.json": b"[]"}),
])
def test_zero_dates_and_empty_member_names_do_not_crash(notebook: Notebook, tmp_path: Path, kind: str,
                                                        members: dict[str, bytes]) -> None:
    path = odd_zip(tmp_path / "odd.zip", members)
    try:
        report = run_import(notebook, kind, path)
    except DuetError as exc:   # a clear sentence is acceptable; a traceback is not
        pytest.fail(f"a zip with a zero date was refused: {exc}")
    assert report.added == (0 if kind == "chatgpt" else 1)
    notebook.sync()
    assert os.listdir(Path(notebook.home))


@pytest.mark.parametrize("name", ["../escaped.md", "journal/../../escaped.md", "..", "/etc/passwd", "C:/x.md",
                                  "journal\\..\\x.md"])
def test_each_zip_member_leading_out_is_refused_by_the_first_guard_on_its_own(name: str) -> None:
    # The restore checks again where it writes (path_inside); each guard must hold by itself (mutation run, #21).
    from journal.importers.sources import safe_member_name

    assert safe_member_name(zipfile.ZipInfo(name)) is None
    assert safe_member_name(zipfile.ZipInfo("journal/2024/05/ok.md")) == "journal/2024/05/ok.md"
