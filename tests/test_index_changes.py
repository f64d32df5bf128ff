"""#19: ``Index.changes`` / ``Index.memo``: work that reads the whole notebook is done again only after a commit.

The Insights page's change stamp (two aggregates over every entry) was asked on every rerun; now it is asked
again only when SQLite's ``data_version`` says another connection committed: another thread of this process
(a Streamlit rerun), another process (the CLI), or a rebuilt index file.
"""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path
from typing import Callable

from journal.notebook import Notebook

ROOT = Path(__file__).resolve().parent.parent


def _in_a_new_thread(work: Callable[[], int]) -> int:
    """As a Streamlit rerun asks: each in a new thread, with its own connection."""
    out: list[int] = []
    worker = threading.Thread(target=lambda: out.append(work()))
    worker.start()
    worker.join()
    return out[0]


def _counting(nb: Notebook) -> tuple[list[int], Callable[[], int]]:
    calls: list[int] = []

    def count_entries() -> int:
        calls.append(1)
        return nb.count_entries()

    return calls, lambda: _in_a_new_thread(lambda: nb.index.memo("test.count", count_entries))


def test_memo_is_recomputed_after_every_kind_of_commit_and_only_then(tmp_path: Path) -> None:
    nb = Notebook.open(tmp_path)
    calls, counted = _counting(nb)
    assert counted() == 0 and counted() == 0 and len(calls) == 1      # nothing committed: asked once

    nb.create_entry("Saved by this thread.")
    assert counted() == 1 and len(calls) == 2

    _in_a_new_thread(lambda: nb.create_entry("Saved by another thread.").created.year)   # another connection
    assert counted() == 2 and len(calls) == 3

    (tmp_path / "journal" / "outside.md").write_text("---\ntitle: Outside\n---\nWritten in another editor.\n",
                                                      encoding="utf-8")
    subprocess.run([sys.executable, "-m", "journal", "reindex", "--home", str(tmp_path)], cwd=ROOT, check=True,
                   capture_output=True)   # another process replaces the index file
    assert counted() == 3 and len(calls) == 4
    assert counted() == 3 and len(calls) == 4

    nb.reindex()   # this process replaces it
    assert counted() == 3 and len(calls) == 5


def test_changes_is_stable_while_nothing_is_written(tmp_path: Path) -> None:
    nb = Notebook.open(tmp_path)
    nb.create_entry("One.")
    first = nb.index.changes()
    nb.list_entries()
    nb.search("One")
    assert first is not None and nb.index.changes() == first   # reading is not a change


def test_a_notebook_opened_again_never_repeats_an_earlier_version(tmp_path: Path) -> None:
    """Process-wide page caches (the Share page's newest entries) are keyed by (folder, version): after "delete all"
    the app opens a new Notebook on the same folder, whose fresh watch would start at data_version 1 again."""
    before = Notebook.open(tmp_path)
    before.create_entry("Soon deleted.")
    old = before.index.changes()
    before.index.close()
    after = Notebook.open(tmp_path)
    assert old is not None and after.index.changes() not in (None, old)
