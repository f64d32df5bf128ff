"""Delete everything: refused without explicit confirmation, then complete, and it says what was removed."""

from __future__ import annotations

from pathlib import Path

import pytest

from journal.cli import main
from journal.delete_all import delete_all
from journal.errors import InvalidInput, NotFound
from journal.notebook import Notebook
from journal.settings import write_section


@pytest.fixture
def filled(notebook: Notebook) -> Notebook:
    notebook.create_entry("one", title="One")
    notebook.create_entry("两", title="二")
    notebook.companions.create("小C")
    write_section(notebook.home, "general", {"language": "zh"})
    (notebook.home / "attachments").mkdir()
    (notebook.home / "attachments" / "a.jpeg").write_bytes(b"\xff\xd8")
    return notebook


def everything(home: Path) -> list[str]:
    return sorted(p.relative_to(home).as_posix() for p in home.rglob("*") if p.is_file())


def test_refused_without_confirmation(filled: Notebook) -> None:
    before = everything(filled.home)
    for answer in (False, None, "yes"):
        with pytest.raises(InvalidInput, match="explicit confirmation"):
            delete_all(filled, confirm=answer)  # type: ignore[arg-type]
    assert everything(filled.home) == before


def test_deletes_files_and_index_and_reports_them(filled: Notebook) -> None:
    report = delete_all(filled, confirm=True)
    assert everything(filled.home) == [] and list(filled.home.iterdir()) == []
    assert report.index_removed is True
    assert report.removed["journal"] == 2 and report.removed["attachments"] == 1
    assert report.removed["settings.yaml"] == 1 and report.removed["companions"] >= 1
    assert ".duet" not in report.removed
    assert Notebook.open(filled.home).count_entries() == 0      # a fresh, empty notebook opens again


def test_cli_without_yes_refuses_clearly(filled: Notebook, capsys) -> None:
    before = everything(filled.home)
    assert main(["--home", str(filled.home), "delete-all"]) == 1
    err = capsys.readouterr().err
    assert "Nothing was deleted" in err and "--yes" in err
    assert everything(filled.home) == before


def test_cli_with_yes_says_what_was_removed(filled: Notebook, capsys) -> None:
    assert main(["--home", str(filled.home), "delete-all", "--yes"]) == 0
    out = capsys.readouterr().out
    assert f"from {filled.home}" in out and "journal: 2 files" in out and "the search index" in out
    assert everything(filled.home) == []


def test_cli_json_report(filled: Notebook, capsys) -> None:
    import json

    assert main(["--home", str(filled.home), "--json", "delete-all", "--yes"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["removed"]["journal"] == 2 and data["index_removed"] is True


def test_a_folder_that_is_not_a_notebook_is_left_alone(tmp_path: Path) -> None:
    other = tmp_path / "Documents"
    other.mkdir()
    (other / "taxes.pdf").write_bytes(b"%PDF")
    with pytest.raises(InvalidInput, match="does not look like a Duet notebook"):
        delete_all(Notebook(other), confirm=True)
    assert (other / "taxes.pdf").exists()
    with pytest.raises(NotFound):
        delete_all(Notebook(tmp_path / "missing"), confirm=True)


def test_the_users_home_folder_is_refused(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    fake_home = tmp_path / "me"
    (fake_home / "journal").mkdir(parents=True)
    monkeypatch.setattr(Path, "home", classmethod(lambda cls: fake_home))
    with pytest.raises(InvalidInput):
        delete_all(Notebook(fake_home), confirm=True)
    assert (fake_home / "journal").is_dir()


def test_a_folder_where_commands_ran_is_still_not_a_notebook(tmp_path: Path, capsys) -> None:
    """Issue #11: any command creates .duet/, so .duet/ must not count as "this is a notebook"."""
    ordinary = tmp_path / "Pictures"
    ordinary.mkdir()
    (ordinary / "holiday.jpg").write_bytes(b"\xff\xd8")
    assert main(["--home", str(ordinary), "list"]) == 0
    assert (ordinary / ".duet").is_dir()
    assert main(["--home", str(ordinary), "delete-all", "--yes"]) != 0
    assert "did not create it" in capsys.readouterr().err
    assert (ordinary / "holiday.jpg").read_bytes() == b"\xff\xd8"


def test_the_marker_is_written_when_duet_creates_the_notebook(tmp_path: Path) -> None:
    from journal.paths import NOTEBOOK_MARKER

    Notebook.open(tmp_path / "new")
    assert (tmp_path / "new" / NOTEBOOK_MARKER).is_file()
    delete_all(Notebook(tmp_path / "new"), confirm=True)
    assert list((tmp_path / "new").iterdir()) == []


def test_delete_all_waits_for_a_sync_under_way(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The app catches up in a background sync after it opens; "delete all" pressed meanwhile must not erase under it."""
    import threading

    nb = Notebook.open(tmp_path / "nb")
    nb.create_entry("Soon gone.")
    syncing, release, order = threading.Event(), threading.Event(), []
    real = nb._sync

    def slow_sync(*args, **kwargs):
        syncing.set()
        release.wait(10)
        order.append("sync done")
        return real(*args, **kwargs)

    monkeypatch.setattr(nb, "_sync", slow_sync)
    sync = threading.Thread(target=nb.sync)
    sync.start()
    assert syncing.wait(10)
    eraser = threading.Thread(target=lambda: order.append(nb.delete_all(confirm=True) and "erased"))
    eraser.start()
    eraser.join(0.5)
    assert eraser.is_alive() and order == []      # still waiting for the sync
    release.set()
    sync.join(10)
    eraser.join(10)
    assert order == ["sync done", "erased"]
