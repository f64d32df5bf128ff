"""Crash-safe writes: a reader sees the old file or the new one, never half of one."""

from __future__ import annotations

import errno
import io
import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO, Iterable, Iterator

from journal.errors import StorageError
from journal.store.locks import hold_temp_lock
from journal.store.sealed import seal, sealing

TEMP_SUFFIX = ".tmp"


@contextmanager
def atomic_writer(path: Path) -> Iterator[BinaryIO]:
    """A binary handle on a temp file beside ``path``; when the block ends, fsync it and rename it over ``path``.

    Inside an open vault the block writes to memory and only the sealed bytes
    reach the temp file (:mod:`journal.store.sealed`).
    """
    path = Path(path)
    if not sealing(path):
        with _temp_then_rename(path) as handle:
            yield handle
        return
    buffer = io.BytesIO()
    yield buffer
    atomic_write_bytes(path, buffer.getvalue())


def atomic_write_bytes(path: Path, data: bytes, *, sealed: bool = True) -> None:
    """Write ``data`` to ``path``: the old file or the new one, never half (sealed inside an open vault).

    ``sealed=False`` writes exactly ``data`` even there: only for turning a vault off.
    """
    path = Path(path)
    if sealed:
        data = seal(path, data)
    with _temp_then_rename(path) as handle:
        handle.write(data)


@contextmanager
def _temp_then_rename(path: Path) -> Iterator[BinaryIO]:
    """A handle on a temp file beside ``path``; when the block ends, fsync it and rename it over ``path``.

    The rename is atomic on POSIX and Windows when both names are in one
    folder; the folder is fsynced too so the rename itself survives a crash.
    If the block raises, the temp file is removed and ``path`` is left as it
    was; an OSError becomes the StorageError sentence for ``path``.
    """
    fd, tmp_name = _locked_temp_beside(path)
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp_name, path)
    except OSError as exc:
        _remove_quietly(tmp_name)
        raise _storage_error(exc, path) from exc
    except BaseException:
        _remove_quietly(tmp_name)
        raise
    _fsync_dir(path.parent)


def _temp_beside(path: Path) -> tuple[int, str]:
    """A new hidden temp file in ``path``'s own folder (made if missing): only a rename within a folder is atomic."""
    path.parent.mkdir(parents=True, exist_ok=True)
    return tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=TEMP_SUFFIX)


def _locked_temp_beside(path: Path) -> tuple[int, str]:
    """:func:`_temp_beside`, locked so a leftover sweep in another process never takes it while it is written."""
    try:
        fd, tmp_name = _temp_beside(path)
    except OSError as exc:
        raise _storage_error(exc, path) from exc
    hold_temp_lock(fd)
    return fd, tmp_name


def atomic_create(path: Path, data: bytes) -> bool:
    """Write a new file at ``path`` only if no file has that name; False (and nothing written) if one does.

    The data goes to a temp file first and is fsynced; a hard link then gives
    it its name, which fails when the name exists, so a file created by
    another process (or by hand) at the same instant is never replaced. Where
    hard links are not possible (FAT, some network drives) the name is taken
    with ``O_EXCL`` and the temp renamed over it: still never another's file.
    """
    path = Path(path)
    data = seal(path, data)
    fd, tmp_name = _locked_temp_beside(path)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        try:
            os.link(tmp_name, path)
        except FileExistsError:
            return False
        except OSError:
            try:
                os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
            except FileExistsError:
                return False
            os.replace(tmp_name, path)
    except OSError as exc:
        raise _storage_error(exc, path) from exc
    finally:
        _remove_quietly(tmp_name)
    _fsync_dir(path.parent)
    return True


def _remove_quietly(name: str) -> None:
    try:
        os.unlink(name)
    except OSError:
        pass


def atomic_write_text(path: Path, text: str) -> None:
    atomic_write_bytes(path, text.encode("utf-8"))


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _storage_error(exc: OSError, path: Path) -> StorageError:
    if exc.errno == errno.ENOSPC:
        return StorageError("errors.disk_full", path=str(path))
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return StorageError("errors.read_only", path=str(path))
    return StorageError("errors.write_failed", path=str(path), reason=exc.strerror or str(exc))


def atomic_write_many(files: Iterable[tuple[Path, bytes]], *, sealed: bool = True) -> None:
    """Write many files with one disk flush for the lot instead of two fsyncs per file.

    An import of 10,000 entries would otherwise pay 20,000 fsyncs. Every file
    is still written to a temp name first and renamed only after the data is
    on disk, so a crash leaves complete files or hidden ``.*.tmp`` leftovers,
    never half a note. ``sealed=False`` as for :func:`atomic_write_bytes`.
    """
    pending: list[tuple[str, Path]] = []
    renamed = 0
    current = Path(".")
    try:
        for path, data in files:
            current = Path(path)
            fd, tmp_name = _temp_beside(current)
            pending.append((tmp_name, current))
            with os.fdopen(fd, "wb") as handle:
                handle.write(seal(current, data) if sealed else data)
        _flush_to_disk([tmp for tmp, _ in pending])
        for tmp_name, current in pending:
            os.replace(tmp_name, current)
            renamed += 1
    except OSError as exc:
        for tmp_name, _ in pending[renamed:]:
            _remove_quietly(tmp_name)
        raise _storage_error(exc, current) from exc
    for folder in {path.parent for _, path in pending}:
        _fsync_dir(folder)


def _flush_to_disk(names: list[str]) -> None:
    """One ``sync()`` where the OS has it (POSIX); otherwise fsync each file."""
    if hasattr(os, "sync"):
        os.sync()
        return
    for name in names:
        fd = os.open(name, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
