"""The app lock: a passphrase asked once per browser session before any page shows the notebook.

Only an argon2id hash of the passphrase is kept, in ``.duet/applock.json``
(0600), with the idle time after which the app locks itself and the count of
wrong guesses. Each wrong guess past the first few doubles the wait before the
next one is even checked, up to a ceiling, so guessing is slow but the person
is never shut out for good; the wait is on disk, so a reload does not reset it.

The lock guards the running app's pages. It encrypts nothing: anyone who can
read the notebook folder reads the notes (that is what the vault is for).
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from journal.errors import BrokenFile, InvalidInput, WrongPassphrase
from journal.passphrase import MIN_PASSPHRASE_CHARS, check_new_passphrase
from journal.store.atomic import atomic_write_bytes
from journal.store.index import INDEX_FOLDER

LOCK_FILE = "applock.json"
DEFAULT_IDLE_MINUTES = 15
MIN_IDLE_MINUTES = 1
MAX_IDLE_MINUTES = 24 * 60
FREE_TRIES = 3                # typos: the first wrong guesses cost nothing
FIRST_DELAY_SECONDS = 2.0     # then 2 s, 4 s, 8 s … after each further wrong guess
MAX_DELAY_SECONDS = 300.0     # never more than five minutes between two guesses

# argon2-cffi's defaults are argon2id with RFC 9106's low-memory profile (64 MiB, 3 passes).
_hasher = PasswordHasher()


@dataclass(frozen=True)
class LockStatus:
    """What ``lock status`` and the Settings page show."""

    is_set: bool
    idle_minutes: int = DEFAULT_IDLE_MINUTES
    failures: int = 0           # wrong guesses since the last right one
    wait_seconds: float = 0.0   # before the next guess is checked

    def to_dict(self) -> dict[str, Any]:
        return {"set": self.is_set, "idle_minutes": self.idle_minutes, "failures": self.failures,
                "wait_seconds": round(self.wait_seconds, 1)}


def delay_after(failures: int) -> float:
    """Seconds to wait after ``failures`` wrong guesses in a row: none at first, then doubling to a ceiling."""
    if failures < FREE_TRIES:
        return 0.0
    return min(MAX_DELAY_SECONDS, FIRST_DELAY_SECONDS * 2 ** (failures - FREE_TRIES))


class AppLock:
    """``nb.app_lock``: set, change or remove the passphrase, check one, choose the idle time."""

    MIN_IDLE_MINUTES = MIN_IDLE_MINUTES   # for the Settings page, which reaches the core only through nb
    MAX_IDLE_MINUTES = MAX_IDLE_MINUTES
    MIN_PASSPHRASE_CHARS = MIN_PASSPHRASE_CHARS

    def __init__(self, home: Path, write_lock: Any, clock: Callable[[], float] = time.time) -> None:
        self.path = Path(home) / INDEX_FOLDER / LOCK_FILE
        self._write_lock = write_lock   # the notebook's lock: two tabs guessing at once still wait their turn
        self._clock = clock

    # --- reading -------------------------------------------------------------------------------
    def _read(self) -> dict[str, Any] | None:
        """The stored record, None when no lock is set; a damaged file keeps the lock shut rather than open."""
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            raise BrokenFile("privacy.lock.errors.damaged", path=str(self.path)) from exc
        if not isinstance(data, dict) or not str(data.get("hash", "")).startswith("$argon2id$"):
            raise BrokenFile("privacy.lock.errors.damaged", path=str(self.path))
        return data

    def _write(self, data: dict[str, Any]) -> None:
        atomic_write_bytes(self.path, json.dumps(data, indent=1).encode("utf-8"))   # a 0600 temp file, renamed

    @property
    def is_set(self) -> bool:
        return self.path.exists()

    def status(self) -> LockStatus:
        data = self._read()
        if data is None:
            return LockStatus(is_set=False)
        return LockStatus(True, _idle(data), int(data.get("failures", 0)), self._wait(data))

    def _wait(self, data: dict[str, Any]) -> float:
        return max(0.0, float(data.get("retry_at", 0.0)) - self._clock())

    # --- checking ------------------------------------------------------------------------------
    def unlock(self, passphrase: str) -> None:
        """Return when ``passphrase`` is right; else raise WrongPassphrase (the guess counts) or say how long to wait.

        While a wait runs, no guess is checked at all, the right one included:
        otherwise the wait would slow nobody.
        """
        with self._write_lock:
            data = self._read()
            if data is None:
                return
            self._check(data, passphrase)
            if data.get("failures") or _hasher.check_needs_rehash(data["hash"]):
                data.update(failures=0, retry_at=0.0, hash=_hasher.hash(passphrase))
                self._write(data)

    def _check(self, data: dict[str, Any], passphrase: str) -> None:
        wait = self._wait(data)
        if wait > 0:
            raise WrongPassphrase("privacy.lock.errors.wait", seconds=max(1, round(wait)))
        try:
            _hasher.verify(data["hash"], passphrase)
        except (VerificationError, InvalidHashError):
            failures = int(data.get("failures", 0)) + 1
            data.update(failures=failures, retry_at=self._clock() + delay_after(failures))
            self._write(data)
            delay = delay_after(failures)
            if delay:
                raise WrongPassphrase("privacy.lock.errors.wrong_wait", seconds=round(delay)) from None
            raise WrongPassphrase("privacy.lock.errors.wrong") from None

    # --- changing ------------------------------------------------------------------------------
    def set(self, new: str, *, current: str | None = None, idle_minutes: int | None = None) -> LockStatus:
        """Turn the lock on, or change the passphrase (the current one is checked first, with the same waits)."""
        check_new_passphrase(new)
        with self._write_lock:
            data = self._read()
            if data is not None:
                self._check(data, current or "")
            idle = check_idle(idle_minutes) if idle_minutes is not None else _idle(data or {})
            self._write({"hash": _hasher.hash(new), "idle_minutes": idle, "failures": 0, "retry_at": 0.0})
        return self.status()

    def remove(self, current: str) -> None:
        """Turn the lock off, once the current passphrase is given."""
        with self._write_lock:
            data = self._read()
            if data is None:
                raise InvalidInput("privacy.lock.errors.not_set")
            self._check(data, current)
            self.path.unlink()

    def set_idle(self, minutes: int) -> LockStatus:
        """Choose after how many idle minutes an open page locks itself."""
        with self._write_lock:
            data = self._read()
            if data is None:
                raise InvalidInput("privacy.lock.errors.not_set")
            data["idle_minutes"] = check_idle(minutes)
            self._write(data)
        return self.status()


def check_idle(minutes: Any) -> int:
    try:
        value = int(minutes)
    except (TypeError, ValueError):
        raise InvalidInput("privacy.lock.errors.idle_range", low=MIN_IDLE_MINUTES, high=MAX_IDLE_MINUTES) from None
    if isinstance(minutes, bool) or not MIN_IDLE_MINUTES <= value <= MAX_IDLE_MINUTES:
        raise InvalidInput("privacy.lock.errors.idle_range", low=MIN_IDLE_MINUTES, high=MAX_IDLE_MINUTES)
    return value


def _idle(data: dict[str, Any]) -> int:
    try:
        return check_idle(data.get("idle_minutes", DEFAULT_IDLE_MINUTES))
    except InvalidInput:
        return DEFAULT_IDLE_MINUTES
