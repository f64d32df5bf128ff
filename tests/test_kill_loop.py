"""SIGKILL at any instant loses nothing reported saved and leaves no temp file after the next open (#11).

A forked writer creates entries (same title and date, so names collide) and
appends story turns, reporting each id or text through a pipe only after the
call returned; the test kills it at a random moment, 200 times, then checks
every reported item against the files and the index.
"""

from __future__ import annotations

import multiprocessing
import os
import random
import select
import signal
import time
from datetime import datetime, timezone
from pathlib import Path

import pytest

from journal.notebook import Notebook
from journal.store.leftovers import temps_below
from journal.stories import ops

KILLS = 200
READY = b"R\n"
SAME_MOMENT = datetime(2026, 4, 2, 21, 30, tzinfo=timezone.utc)

pytestmark = [pytest.mark.slow, pytest.mark.skipif(not hasattr(signal, "SIGKILL") or os.name != "posix",
                                                   reason="SIGKILL and fork are POSIX")]


def _writer(home: str, story_id: str, round_number: int, report_fd: int) -> None:
    nb = Notebook.open(home, sync="quick")
    os.write(report_fd, READY)   # the kill's random moment falls in the writing, however slow the start-up
    number = 0
    while True:
        body = f"round {round_number} note {number} " + "diary text " * random.randint(1, 400)
        entry = nb.create_entry(body, title="Killed mid-sentence", created=SAME_MOMENT)
        os.write(report_fd, f"E\t{entry.id}\t{round_number}-{number}\n".encode())
        text = f"turn {round_number}-{number}"
        ops.add_user_turn(nb, story_id, text)
        os.write(report_fd, f"T\t{text}\n".encode())
        number += 1


def _read_all(fd: int) -> str:
    chunks = []
    while True:
        chunk = os.read(fd, 65536)
        if not chunk:
            return b"".join(chunks).decode()
        chunks.append(chunk)


def test_two_hundred_kills_lose_nothing_reported_saved(duet_home: Path) -> None:
    nb = Notebook.open(duet_home)
    story = nb.stories.create(title="Interrupted", companion="wren")
    nb.create_entry("warm-up", title="Before the kills")  # the forked writers inherit what the first save loads
    context = multiprocessing.get_context("fork")
    rng = random.Random(11)
    entries: dict[str, str] = {}
    turns: list[str] = []
    killed_mid_write = 0
    for round_number in range(KILLS):
        read_fd, write_fd = os.pipe()
        worker = context.Process(target=_writer, args=(str(duet_home), story.id, round_number, write_fd))
        worker.start()
        os.close(write_fd)
        ready, _, _ = select.select([read_fd], [], [], 120)
        assert ready and os.read(read_fd, len(READY)) == READY, "the writer never opened the notebook"
        time.sleep(rng.uniform(0.02, 0.3))
        os.kill(worker.pid, signal.SIGKILL)
        worker.join(30)
        assert worker.exitcode == -signal.SIGKILL
        for line in _read_all(read_fd).splitlines():
            kind, *rest = line.split("\t")
            if kind == "E":
                entries[rest[0]] = rest[1]
            else:
                turns.append(rest[0])
        os.close(read_fd)
        killed_mid_write += bool(temps_below(duet_home))
    assert len(entries) > KILLS // 2 and len(turns) > KILLS // 4   # the writer did get work done

    reopened = Notebook.open(duet_home)
    assert temps_below(duet_home) == []                       # crash leftovers removed at the next open
    for entry_id, tag in entries.items():
        assert reopened.get_entry(entry_id).body.startswith(f"round {tag.replace('-', ' note ', 1)} ")
    story_texts = [turn.text for turn in reopened.stories.get(story.id).turns]
    assert set(turns) <= set(story_texts)
    files = list((duet_home / "journal").rglob("*.md"))
    assert reopened.count_entries() == len(files)             # the index matches the files
    print(f"kills={KILLS} entries={len(entries)} turns={len(turns)} opens-with-leftovers={killed_mid_write}")
