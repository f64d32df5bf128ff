"""Private on disk (#12): the index holds every entry body, so it is as private as the entry files."""

from __future__ import annotations

import stat
import subprocess
import sys
from pathlib import Path

from journal.notebook import Notebook

ROOT = Path(__file__).resolve().parent.parent


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_index_its_wal_and_the_locks_are_readable_by_the_owner_only(tmp_path: Path) -> None:
    home = tmp_path / "nb"
    subprocess.run([sys.executable, "-m", "journal", "--home", str(home), "new", "--title", "secret"],
                   input="a private night", text=True, cwd=ROOT, check=True, capture_output=True)
    nb = Notebook.open(home)
    nb.create_entry("another private night")
    index_folder = home / ".duet"
    assert _mode(home) == 0o700 and _mode(index_folder) == 0o700
    private = sorted(p.name for p in index_folder.iterdir() if p.is_file())
    assert {"index.db", "write.lock"} <= set(private)
    assert {p: oct(_mode(index_folder / p)) for p in private} == {p: oct(0o600) for p in private}


def test_an_index_left_readable_by_an_older_version_is_tightened_on_open(tmp_path: Path) -> None:
    home = tmp_path / "nb"
    Notebook.open(home).create_entry("words")
    index = home / ".duet" / "index.db"
    index.chmod(0o644)
    Notebook.open(home).search("words")
    assert _mode(index) == 0o600
