"""A large reindex reads its files in forked worker processes (journal/entries/reading.py) and loses nothing by it.

The index a bulk load with workers builds must be the one a serial,
row-by-row sync builds, row for row (bad files reported the same, a copied
id given to the same file); a bug in a worker must surface in the reindex
and leave a usable notebook; a reindex killed mid-way must leave no worker
behind.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sqlite3
import time
from pathlib import Path

import pytest

from benchmarks import data
from journal.entries import index as entry_index
from journal.entries import reading
from journal.entries import sync as entry_sync
from journal.notebook import Notebook
from tests.cpu_ratio import median_cpu_ratio

QUERIES = ["zephyr", "coffee", "river letter", "琥珀", "雨", "萤火虫", "coffee 咖啡", "love", "quokka"]
BAD_FILES = {
    "journal/2017/01/broken-yaml.md": "---\ntitle: [unclosed\n---\n\nbody\n",
    "journal/2017/01/bad-mood.md": "---\nmood: 9\n---\n\nA mood out of range.\n",
    "journal/2017/02/not-utf8.md": b"---\ntitle: x\n---\n\n\xff\xfe bytes\n",
}


def _notebook(home: Path, count: int = 120) -> Path:
    """Seeded entries plus what a hand-kept folder holds: broken files, a copy of a file, a note with no front matter."""
    data.write_notebook(home, data.entries(count, length=(5, 40)))
    for relative, text in BAD_FILES.items():
        path = home / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    original = sorted((home / "journal").rglob("*.md"))[5]
    (original.parent / "a-copy.md").write_bytes(original.read_bytes())         # same id: one of them gets a new one
    (home / "journal" / "2017" / "01" / "plain.md").write_text("# Plain note\n\nquokka 鹦鹉螺 without front matter\n")
    return home


def _index_dump(nb: Notebook) -> dict[str, list]:
    conn = nb.index.connection()
    columns = [c for c in entry_sync.entry_sql._COLUMNS if c not in ("mtime_ns",)]
    return {
        "entries": [tuple(r) for r in conn.execute(f"SELECT rowid, {', '.join(columns)} FROM entries ORDER BY rowid")],
        "tags": [tuple(r) for r in conn.execute("SELECT * FROM entry_tags ORDER BY 1, 2, 3")],
        "spellings": [tuple(r) for r in conn.execute("SELECT * FROM tag_spellings ORDER BY 1")],
        "found": [[(r.id, r.snippet) for r in nb.search(q, limit=500)] for q in QUERIES],
        "fts_rows": [tuple(r) for r in conn.execute(
            "SELECT rowid FROM entries_fts WHERE entries_fts MATCH 'coffee' ORDER BY rowid")],
        "config": [tuple(r) for r in conn.execute("SELECT k, v FROM entries_fts_config ORDER BY k")],
    }


@pytest.fixture
def workers_on(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Bulk loads and workers from a few files, two workers even in a test process with threads; counts the runs."""
    runs: list[int] = []
    real = reading._read_in_workers

    def counted(home, states, workers):
        runs.append(workers)
        return real(home, states, workers)

    monkeypatch.setattr(entry_sync, "BULK_MIN_FILES", 10)
    monkeypatch.setattr(entry_sync, "BATCH_ROWS", 13)
    monkeypatch.setattr(reading, "PARALLEL_MIN_FILES", 10)
    monkeypatch.setattr(reading, "READ_CHUNK", 7)
    monkeypatch.setattr(reading, "worker_count", lambda: 2)
    monkeypatch.setattr(reading, "_read_in_workers", counted)
    return runs


def test_workers_build_the_index_a_serial_row_by_row_sync_builds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                   workers_on: list[int]) -> None:
    home = _notebook(tmp_path / "nb")
    with_workers = Notebook(home)
    report = with_workers.reindex()
    assert workers_on == [2]
    expected = _index_dump(with_workers)
    broken = sorted(report.broken)
    assert sorted(p for p, _ in broken) == sorted(BAD_FILES) and report.indexed == 120 + 2
    assert all(expected["found"][i] for i in (1, 4, 7, 8)) and len(expected["entries"]) == 122
    assert ("hashsize", entry_sync.entry_sql.FTS_HASH_BYTES_DEFAULT) in expected["config"]   # the bulk setting undone
    assert with_workers.index.connection().execute(
        "INSERT INTO entries_fts (entries_fts, rank) VALUES ('integrity-check', 1)") is not None
    with_workers.index.close()

    monkeypatch.setattr(entry_sync, "BULK_MIN_FILES", 10**9)      # row by row, through the FTS triggers
    monkeypatch.setattr(reading, "PARALLEL_MIN_FILES", 10**9)
    serial = Notebook(home)
    again = serial.reindex()
    assert workers_on == [2] and sorted(again.broken) == broken
    found = _index_dump(serial)
    found["config"] = [kv for kv in found["config"] if kv[0] != "hashsize"]
    expected["config"] = [kv for kv in expected["config"] if kv[0] != "hashsize"]
    assert found == expected


def test_a_bug_in_a_worker_is_raised_and_leaves_an_empty_usable_index(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                    workers_on: list[int]) -> None:
    nb = Notebook(_notebook(tmp_path / "nb", 60))
    real = entry_index.entry_row

    def fails_on_one(entry, relative, *args):
        if relative.endswith("a-copy.md"):
            raise ZeroDivisionError("a bug, not a bad file")
        return real(entry, relative, *args)

    monkeypatch.setattr(entry_index, "entry_row", fails_on_one)
    with pytest.raises(ZeroDivisionError, match="a bug"):
        nb.reindex()
    assert workers_on == [2]
    other = sqlite3.connect(nb.index.path)
    assert other.execute("SELECT count(*) FROM entries").fetchone()[0] == 0
    other.close()
    assert _children_of(os.getpid()) == []        # both workers ended and were waited for
    monkeypatch.setattr(entry_index, "entry_row", real)
    assert nb.reindex().indexed == 62 and nb.search("quokka")


def _serial_dump(home: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, list]:
    with monkeypatch.context() as serial:
        serial.setattr(reading, "PARALLEL_MIN_FILES", 10**9)
        nb = Notebook(home)
        nb.reindex()
        dump = _index_dump(nb)
        nb.index.close()
    return dump


@pytest.mark.parametrize("failure", ["no_second_fork", "worker_killed"])
def test_a_worker_that_cannot_start_or_dies_leaves_its_files_to_the_parent(tmp_path: Path, failure: str,
                                                                           monkeypatch: pytest.MonkeyPatch,
                                                                           workers_on: list[int]) -> None:
    """Out of memory or processes, a notebook must still open: the parent reads what the workers could not."""
    home = _notebook(tmp_path / "nb", 60)
    if failure == "no_second_fork":
        real_fork, forks = os.fork, []

        def fork_once() -> int:
            forks.append(1)
            if len(forks) > 1:
                raise BlockingIOError(11, "Resource temporarily unavailable")
            return real_fork()

        monkeypatch.setattr(reading.os, "fork", fork_once)
    else:
        real_work = reading._work

        def dies_after_its_first_chunk(home, states, number, workers, write_fd):
            if number == 1:
                os._exit(9)   # killed before it answers: the parent sees the end of its pipe
            real_work(home, states, number, workers, write_fd)

        monkeypatch.setattr(reading, "_work", dies_after_its_first_chunk)
    nb = Notebook(home)
    assert nb.reindex().indexed == 62
    assert workers_on == [2]
    found = _index_dump(nb)
    nb.index.close()
    assert _children_of(os.getpid()) == []
    monkeypatch.undo()
    expected = _serial_dump(home, monkeypatch)
    for dump in (found, expected):
        dump["config"] = [kv for kv in dump["config"] if kv[0] != "hashsize"]
    assert found == expected


def _children_of(pid: int) -> list[int]:
    """Live (not zombie) child processes of ``pid``, from /proc."""
    found = []
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                stat = Path(f"/proc/{name}/stat").read_text()
            except OSError:
                continue
            fields = stat.rsplit(")", 1)[1].split()
            if int(fields[1]) == pid and fields[0] not in ("Z", "X"):
                found.append(int(name))
    return found


def _reindex_with_workers(home: str, pids_file: str) -> None:
    entry_sync.BULK_MIN_FILES = 10
    reading.PARALLEL_MIN_FILES = 10
    reading.READ_CHUNK = 5
    real_fork = os.fork

    def noted_fork() -> int:
        pid = real_fork()
        if pid:
            with open(pids_file, "a") as out:
                out.write(f"{pid}\n")
        return pid

    os.fork = noted_fork
    real_row = entry_index.entry_row

    def slow_row(*args):
        time.sleep(0.01)   # the kill lands while workers are busy
        return real_row(*args)

    entry_index.entry_row = slow_row
    Notebook(home).reindex()


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_workers_of_a_killed_reindex_end_too(tmp_path: Path) -> None:
    home = _notebook(tmp_path / "nb", 200)
    pids_file = tmp_path / "pids"
    context = multiprocessing.get_context("fork")
    parent = context.Process(target=_reindex_with_workers, args=(str(home), str(pids_file)))
    parent.start()
    deadline = time.monotonic() + 60
    while not (pids_file.exists() and len(pids_file.read_text().split()) >= 2) and time.monotonic() < deadline:
        time.sleep(0.05)
    workers = [int(p) for p in pids_file.read_text().split()]
    assert len(workers) == 2 and _alive(workers[0])
    os.kill(parent.pid, signal.SIGKILL)
    parent.join()
    deadline = time.monotonic() + 20
    while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(_alive(pid) for pid in workers)
    nb = Notebook.open(home)
    assert nb.count_entries() == 202


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")


@pytest.mark.serial
def test_with_workers_the_main_process_leaves_the_reading_to_them(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """CPU time of this process, bulk reindex with workers against without, on the same 1,500 realistic files.

    Reading a file (front matter, checks, word counts, grams) costs about as
    much as its row's SQL; with the reading in workers this process keeps
    the SQL alone. Expected near 0.5; the median of three alternating pairs
    under 0.75 fails if the workers stop taking the reading (about 1.0).
    """
    data.write_notebook(tmp_path / "nb", data.entries(1500, length=(100, 400)))
    monkeypatch.setattr(entry_sync, "BULK_MIN_FILES", 100)
    monkeypatch.setattr(reading, "worker_count", lambda: 2)
    nb = Notebook(tmp_path / "nb")
    nb.reindex()   # warm: imports, the page cache

    def reindex_with_workers_from(parallel_from: int) -> None:
        monkeypatch.setattr(reading, "PARALLEL_MIN_FILES", parallel_from)
        assert nb.reindex().indexed == 1500

    assert median_cpu_ratio(reindex_with_workers_from, 100, 10**9, pairs=3) < 0.75
