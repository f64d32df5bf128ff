"""Locks that hold between processes: two app servers, the CLI and a script writing one notebook at once.

A per-process ``threading.Lock`` lost 69 of 200 story turns when two processes
appended to one story. Every write of an entry, story or companion (read the
newest file, check it, write it, index it) runs under the notebook's one
write lock, an OS file lock from the ``filelock`` package (``fcntl`` on POSIX,
``msvcrt`` on Windows) on ``.duet/write.lock``. The lock is reentrant in a
thread and exclusive between threads and processes; the OS drops it when a
process dies, so a killed writer never leaves the notebook locked.

Temp files get a lock of their own (:func:`hold_temp_lock`) so the clean-up
at the next open can tell a crash's leftover from a file being written now.
"""

from __future__ import annotations

import errno
import os
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

from journal.errors import StorageError

if TYPE_CHECKING:
    from filelock import FileLock

LOCK_FILE = "write.lock"
MIGRATE_LOCK_FILE = "migrate.lock"
# Writes hold the lock for milliseconds; a minute means a writer is stuck, not busy.
WAIT_SECONDS = 60.0

try:  # POSIX
    import fcntl
except ImportError:  # Windows: an open file cannot be deleted there, which protects temp files by itself
    fcntl = None  # type: ignore[assignment]


class NotebookLock:
    """The notebook's write lock; ``with lock:`` around read-check-write-index sequences."""

    def __init__(self, folder: Path, name: str = LOCK_FILE) -> None:
        self.path = Path(folder) / name
        self._lock: "FileLock | None" = None

    def _file_lock(self) -> "FileLock":
        if self._lock is None:
            from filelock import FileLock   # imported on the first write: a read-only CLI call never pays for it

            self._lock = FileLock(self.path, timeout=WAIT_SECONDS, mode=0o600)
        return self._lock

    def __enter__(self) -> "NotebookLock":
        from filelock import Timeout

        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._file_lock().acquire()
        except Timeout as exc:
            raise StorageError("errors.notebook_busy", path=str(self.path.parent.parent)) from exc
        except OSError as exc:
            if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
                raise StorageError("errors.read_only", path=str(self.path.parent.parent)) from exc
            raise StorageError("errors.write_failed", path=str(self.path),
                               reason=exc.strerror or str(exc)) from exc
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._file_lock().release()


def hold_temp_lock(fd: int) -> None:
    """Mark a temp file as being written: the lock lasts until the file is closed or the process dies."""
    if fcntl is not None:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            pass  # a file system without flock: the temp is then only removed when it is old


@contextmanager
def abandoned(path: Path) -> Iterator[bool]:
    """Yield True when no live process is writing the temp file ``path`` (its lock is free)."""
    if fcntl is None:
        yield True  # Windows refuses to delete a file another process has open
        return
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        yield False
        return
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            yield False
            return
        yield True
    finally:
        os.close(fd)
