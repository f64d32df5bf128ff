"""SIGKILL at any instant of turning the vault on or off loses nothing, and the next open finishes the job (#12).

A forked worker turns the vault on, off, on… over a notebook of entries, a
story, a companion, a draft and an earlier version, and is killed at a random
moment, 40 times. After each kill the notebook must open with the passphrase
and hold every text, whole; a notebook that says it is a vault holds none of
them in the clear, and one that says it is not holds no sealed file.
"""

from __future__ import annotations

import multiprocessing
import os
import random
import signal
import time
from pathlib import Path

import pytest

from journal import vault
from journal.notebook import Notebook
from journal.store.sealed import MAGIC, drop_key

KILLS = 40
PASSPHRASE = "kill-loop-passphrase"
MARK = "Halcyon-Quill"          # in every text: found in the clear only if a vault leaked it

pytestmark = [pytest.mark.slow, pytest.mark.skipif(not hasattr(signal, "SIGKILL") or os.name != "posix",
                                                   reason="SIGKILL and fork are POSIX")]


def _toggle_forever(home: str) -> None:
    while True:
        if vault.is_vault(Path(home)):
            vault.turn_off(Path(home), PASSPHRASE)
        else:
            vault.turn_on(Path(home), PASSPHRASE, lambda _key: None)


def _texts_on_disk(home: Path) -> tuple[int, int]:
    """(files holding MARK in the clear, sealed files)."""
    clear = sealed = 0
    for path in home.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            clear += MARK.encode() in data
            sealed += data.startswith(MAGIC)
    return clear, sealed


def test_kills_during_vault_conversion_lose_nothing(duet_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(vault, "KDF", {**vault.KDF, "time_cost": 1, "memory_cost": 8192, "parallelism": 1})
    nb = Notebook.open(duet_home)
    entries = {e.id: e.body for e in nb.create_entries(
        {"body": f"{MARK} entry {n} 第{n}篇日记 " + "words " * (n * 7), "title": f"title {n} {MARK}"}
        for n in range(40))}
    edited = next(iter(entries))
    nb.update_entry(edited, body=f"{MARK} edited, the first text is now a version")
    entries[edited] = f"{MARK} edited, the first text is now a version"
    companion = nb.companions.create(f"Wren {MARK}", description=f"{MARK} a quiet companion")
    story = nb.stories.create(title=f"Story {MARK}", companion=companion.slug)
    from journal.stories import ops

    turns = [f"{MARK} turn {n} 我们的故事" for n in range(6)]
    for text in turns:
        ops.add_user_turn(nb, story.id, text)
    nb.save_draft("new", title="draft", body=f"{MARK} half a thought")

    context = multiprocessing.get_context("fork")
    rng = random.Random(12)
    states = set()
    for round_number in range(KILLS):
        worker = context.Process(target=_toggle_forever, args=(str(duet_home),))
        worker.start()
        time.sleep(rng.uniform(0.02, 0.8))
        os.kill(worker.pid, signal.SIGKILL)
        worker.join(30)
        assert worker.exitcode == -signal.SIGKILL
        if vault.is_vault(duet_home):
            states.add(vault.status(duet_home).state)
        drop_key(duet_home)     # this process's key may be older than the vault the worker made

        nb = Notebook.open(duet_home, passphrase=PASSPHRASE)           # finishes a half-done conversion
        assert nb.count_entries() == len(entries), round_number
        for entry_id, body in entries.items():
            assert nb.get_entry(entry_id).body == body, round_number
        assert [t.text for t in nb.stories.get(story.id).turns] == turns
        assert nb.companions.get(companion.slug).description == f"{MARK} a quiet companion"
        assert nb.load_draft("new")["body"] == f"{MARK} half a thought"
        assert [v.id for v in nb.entry_versions(edited)], round_number
        clear, sealed = _texts_on_disk(duet_home)
        if vault.is_vault(duet_home):
            assert vault.status(duet_home).state == vault.STATE_ON and clear == 0, round_number
        else:
            assert sealed == 0 and clear > 0, round_number
    # the kills did land in the middle of conversions both ways, and in both finished states
    assert {vault.STATE_SEALING, vault.STATE_OPENING} <= states
