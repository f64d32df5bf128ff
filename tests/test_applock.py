"""The app lock's core: an argon2id hash only, growing waits that survive a reload, never shut out for good (#12)."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest
from argon2 import PasswordHasher

from journal import applock
from journal.applock import (FIRST_DELAY_SECONDS, FREE_TRIES, MAX_DELAY_SECONDS, AppLock, delay_after)
from journal.errors import BrokenFile, InvalidInput, WrongPassphrase
from journal.notebook import Notebook
from tests.fast_argon2 import cheap_argon2  # noqa: F401  (autouse: argon2id with tiny costs)

RIGHT = "月光下的海 moonlit sea"
WRONG = "not the one at all"


class Clock:
    """Time the test moves by hand: waits of minutes pass at once."""

    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


def _lock(nb: Notebook, clock: Clock) -> AppLock:
    """A fresh AppLock each call, as a reload or another process would make: nothing kept in memory."""
    return AppLock(nb.home, nb.lock, clock=clock)


def test_only_an_argon2id_hash_is_kept_in_a_private_file(notebook: Notebook, clock: Clock,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(applock, "_hasher", PasswordHasher())   # the product's own costs, once
    _lock(notebook, clock).set(RIGHT)
    path = notebook.home / ".duet" / "applock.json"
    raw = path.read_bytes()
    assert RIGHT.encode() not in raw and "moonlit".encode() not in raw
    assert json.loads(raw)["hash"].startswith("$argon2id$v=19$m=65536,t=3,p=4$")   # RFC 9106's low-memory choice
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert notebook.app_lock.status().is_set


def test_the_right_passphrase_opens_and_a_wrong_one_does_not(notebook: Notebook, clock: Clock) -> None:
    lock = _lock(notebook, clock)
    lock.set(RIGHT)
    lock.unlock(RIGHT)
    with pytest.raises(WrongPassphrase):
        lock.unlock(WRONG)
    with pytest.raises(WrongPassphrase):
        lock.unlock(RIGHT.upper())


def test_the_delay_grows_then_stops_growing() -> None:
    delays = [delay_after(n) for n in range(1, 16)]
    assert delays[:FREE_TRIES - 1] == [0.0] * (FREE_TRIES - 1)
    growing = delays[FREE_TRIES - 1:]
    assert growing[0] == FIRST_DELAY_SECONDS
    assert all(b == min(2 * a, MAX_DELAY_SECONDS) for a, b in zip(growing, growing[1:]))
    assert growing[-1] == MAX_DELAY_SECONDS


def test_wrong_guesses_are_slowed_and_a_reload_does_not_reset_the_wait(notebook: Notebook, clock: Clock) -> None:
    _lock(notebook, clock).set(RIGHT)
    for _ in range(FREE_TRIES):
        with pytest.raises(WrongPassphrase):
            _lock(notebook, clock).unlock(WRONG)
    status = _lock(notebook, clock).status()
    assert status.failures == FREE_TRIES and status.wait_seconds == FIRST_DELAY_SECONDS
    with pytest.raises(WrongPassphrase) as waiting:   # a new AppLock (a reload): the wait is on disk
        _lock(notebook, clock).unlock(RIGHT)
    assert waiting.value.key == "privacy.lock.errors.wait"
    assert _lock(notebook, clock).status().failures == FREE_TRIES   # a guess during the wait is not even counted
    clock.now += FIRST_DELAY_SECONDS
    _lock(notebook, clock).unlock(RIGHT)
    assert _lock(notebook, clock).status().failures == 0   # the right one starts the count again


def test_never_shut_out_for_good(notebook: Notebook, clock: Clock) -> None:
    lock = _lock(notebook, clock)
    lock.set(RIGHT)
    for _ in range(FREE_TRIES + 10):   # past the point where the wait stops growing
        clock.now += lock.status().wait_seconds
        with pytest.raises(WrongPassphrase):
            lock.unlock(WRONG)
    assert lock.status().wait_seconds == MAX_DELAY_SECONDS
    clock.now += MAX_DELAY_SECONDS
    lock.unlock(RIGHT)


def test_changing_or_removing_asks_for_the_current_passphrase(notebook: Notebook, clock: Clock) -> None:
    lock = _lock(notebook, clock)
    lock.set(RIGHT, idle_minutes=7)
    before = json.loads(lock.path.read_text())["hash"]
    with pytest.raises(WrongPassphrase):
        lock.set("a brand new passphrase", current=WRONG)
    with pytest.raises(WrongPassphrase):
        lock.set("a brand new passphrase")
    with pytest.raises(WrongPassphrase):
        lock.remove(WRONG)
    assert json.loads(lock.path.read_text())["hash"] == before and lock.is_set   # nothing changed
    clock.now += MAX_DELAY_SECONDS
    lock.set("a brand new passphrase", current=RIGHT)
    assert lock.status().idle_minutes == 7   # the idle time is kept
    with pytest.raises(WrongPassphrase):
        lock.unlock(RIGHT)
    lock.remove("a brand new passphrase")
    assert not lock.is_set and not lock.path.exists()
    with pytest.raises(InvalidInput):
        lock.remove("a brand new passphrase")


@pytest.mark.parametrize("new", ["short", "       padded      ", "x" * 1025])
def test_a_weak_or_absurd_passphrase_is_refused(notebook: Notebook, clock: Clock, new: str) -> None:
    with pytest.raises(InvalidInput):
        _lock(notebook, clock).set(new)
    assert not _lock(notebook, clock).is_set


@pytest.mark.parametrize("minutes", [0, -5, 24 * 60 + 1, "soon", True])
def test_the_idle_time_must_be_sensible(notebook: Notebook, clock: Clock, minutes: object) -> None:
    lock = _lock(notebook, clock)
    lock.set(RIGHT)
    with pytest.raises(InvalidInput):
        lock.set_idle(minutes)  # type: ignore[arg-type]
    assert lock.set_idle(30).idle_minutes == 30


@pytest.mark.parametrize("damage", [b"", b"{not json", b'{"hash": "plain text"}', b"\xff\xfe"])
def test_a_damaged_lock_file_keeps_the_notebook_shut(notebook: Notebook, clock: Clock, damage: bytes) -> None:
    lock = _lock(notebook, clock)
    lock.set(RIGHT)
    lock.path.write_bytes(damage)
    with pytest.raises(BrokenFile):
        lock.unlock(RIGHT)
    with pytest.raises(BrokenFile):
        lock.status()
    assert lock.is_set


def test_with_no_lock_there_is_nothing_to_open(notebook: Notebook) -> None:
    status = notebook.app_lock.status()
    assert not status.is_set and status.to_dict()["set"] is False
    notebook.app_lock.unlock("anything")   # no lock: nothing to refuse
    assert not Path(notebook.home / ".duet" / "applock.json").exists()
