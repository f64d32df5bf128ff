"""The SQLite index: fast listing and full-text search, always rebuildable from the files.

Connections are per thread because Streamlit runs every rerun in a new
thread and a sqlite3 connection refuses to cross threads. Reads use the
standard library's ``sqlite3`` only: ``import sqlite_utils`` alone costs
~0.3 s, which would blow the CLI's search budget, so sqlite-utils is
imported only when the schema must be created or migrated.
"""

from __future__ import annotations

import atexit
import contextlib
import itertools
import os
import re
import sqlite3
import threading
import time
from pathlib import Path
from typing import Any, Callable, TypeVar

from journal.errors import DuetError, StorageError
from journal.store.index_damage import check_schema, file_id, is_damage, still_damaged
from journal.store.sealed import KEY_FILE, VaultLocked, read_bytes, sealing

_WATCH_OPENINGS = itertools.count(1)
"""Numbers every watch connection opened in this process: a new Index on the same folder (after "delete all") starts
its data_version at 1 again, so a version must not repeat one an earlier Index gave to a process-wide cache."""

T = TypeVar("T")
MEMO_LIMIT = 256   # values kept by Index.memo

INDEX_FOLDER = ".duet"
INDEX_FILE = "index.db"
# A vault's index: the in-memory SQLite database, serialized and sealed (journal/store/sealed.py). Never SQLite on disk.
SNAPSHOT_FILE = "index.sealed"
MIGRATION = re.compile(r"^def (m\d{3}_\w+)\(", re.M)


def _schema_version() -> int:
    """The number of migrations in ``migrations.py``, read from its text. Importing that module means importing
    sqlite-utils (~0.3 s); counting its ``mNNN_`` functions lets a read-only command see that the schema is current
    without it, and a new migration can never forget to bump a number."""
    return len(MIGRATION.findall(Path(__file__).with_name("migrations.py").read_text(encoding="utf-8")))


SCHEMA_VERSION = _schema_version()
BUSY_TIMEOUT_MS = 5000
def _data_version(conn: sqlite3.Connection) -> int:
    """SQLite's counter of commits made by other connections to this database (the threads' connections)."""
    return conn.execute("PRAGMA data_version").fetchone()[0]


class Index:
    def __init__(self, home: Path) -> None:
        self.path = Path(home) / INDEX_FOLDER / INDEX_FILE
        self._local = threading.local()
        self._migrate_lock = threading.Lock()
        self._memory: str | None = None                  # the shared in-memory index of a read-only notebook
        self._memory_keeper: sqlite3.Connection | None = None
        self._sealed: str | None = None                  # a vault's in-memory index, shared by this process's threads
        self._sealed_keeper: sqlite3.Connection | None = None
        self._snapshot_version: int | None = None        # the keeper's data_version when the snapshot was last saved
        # A connection that only ever asks PRAGMA data_version: see :meth:`changes`.
        self._watch: sqlite3.Connection | None = None
        self._watch_file: tuple[int, int] | None = None   # (device, inode) of the file it watches
        self._watch_opened = 0                            # which opening of a watch this is: part of the answer
        self._watch_lock = threading.Lock()
        self._memos: dict[str, tuple[tuple[int, int], Any]] = {}   # name: (changes() then, value)
        # Why the index was (re)built from nothing when this object opened it: "missing" or "damaged".
        # The notebook then reads every file instead of trusting folder stamps.
        self.rebuilt: str | None = None
        self._opened_file: tuple[int, int] | None = None   # the file the last connection opened: see destroy()

    @property
    def read_only(self) -> bool:
        """True when the notebook folder cannot be written, so the index lives in memory for this process."""
        return self._memory is not None

    def _writable(self) -> bool:
        folder = self.path.parent
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError:
            return False
        return os.access(folder, os.W_OK) and (not self.path.exists() or os.access(self.path, os.W_OK))

    def connection(self) -> sqlite3.Connection:
        """This thread's connection, with the schema guaranteed current; a damaged file is replaced."""
        conn = getattr(self._local, "conn", None)
        if conn is None:
            try:
                conn = self._open_healing()
            except (OSError, sqlite3.Error) as exc:
                raise StorageError("errors.cannot_open_index", path=str(self.path.parent.parent),
                                   reason=str(exc)) from exc
            self._local.conn = conn
        return conn

    @property
    def sealed(self) -> bool:
        """True when this is a vault's index: held in memory, saved only as a sealed snapshot."""
        return self._sealed is not None or sealing(self.path)

    def _open_healing(self) -> sqlite3.Connection:
        if self.sealed:
            return self._open_sealed()
        if (self.path.parent.parent / KEY_FILE).exists():   # a vault not opened in this process: no plain index, ever
            raise VaultLocked("vault.errors.locked", path=str(self.path.parent.parent))
        if not self.path.exists() or self.path.stat().st_size == 0:
            self.rebuilt = self.rebuilt or "missing"
        found = file_id(self.path)
        try:
            return self._open()
        except sqlite3.DatabaseError as exc:
            if not is_damage(exc):
                raise
        self._opened_file = found
        self.destroy(damaged=True)
        self.rebuilt = "damaged"
        return self._open()

    def _create_private(self) -> None:
        """The index holds every entry body: 0600 like the files, so another user of the computer cannot read it.
        SQLite gives its -wal and -shm files the database file's mode, so creating the (empty, valid) database file
        ourselves first is enough; an index made by an older Duet with the umask's 0644 is tightened here too."""
        self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not self.path.exists():
            # Never open an existing index.db outside SQLite: closing any descriptor of a file drops every POSIX lock
            # this process holds on it, so another process closing its last connection would think itself the last
            # and delete the -wal and -shm files under this process's connections ("disk I/O error").
            with contextlib.suppress(FileExistsError):
                os.close(os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
        wal, shm = (self.path.with_name(self.path.name + suffix) for suffix in ("-wal", "-shm"))
        for path in (self.path.parent, self.path, wal, shm):
            with contextlib.suppress(OSError):
                if path.stat().st_mode & 0o077:
                    path.chmod(0o700 if path.is_dir() else 0o600)

    def _open(self) -> sqlite3.Connection:
        if self._memory is not None or (not self._writable() and self.path.parent.parent.is_dir()):
            return self._open_in_memory()   # a notebook that exists but cannot be written (not one that cannot be)
        self._create_private()
        conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_MS / 1000)
        self._opened_file = file_id(self.path)
        try:
            conn.row_factory = sqlite3.Row
            conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
            version = conn.execute("PRAGMA user_version").fetchone()[0]   # reads the header: garbage fails here
            if version != SCHEMA_VERSION:
                self._migrate(conn)
            check_schema(conn)
            if conn.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
                self._set_wal(conn)
            conn.execute("PRAGMA synchronous=NORMAL")
        except BaseException:
            conn.close()
            raise
        return conn

    def _open_sealed(self) -> sqlite3.Connection:
        """A vault's index: an in-memory database (SQLite's ``memdb``, shared by this process's threads, with real
        locking), filled from the sealed snapshot when there is a good one, else rebuilt from the files.

        Nothing of it reaches the disk unsealed: no database file, no WAL, and temp tables stay in memory.
        """
        with self._migrate_lock:
            if self._sealed_keeper is None:
                name = f"file:/duet-index-{id(self)}-{time.monotonic_ns()}?vfs=memdb"
                keeper = sqlite3.connect(name, uri=True, check_same_thread=False)
                keeper.execute("PRAGMA temp_store=MEMORY")
                if self._load_snapshot(keeper):
                    self._snapshot_version = _data_version(keeper)
                else:
                    self.rebuilt = self.rebuilt or "missing"
                self._sealed, self._sealed_keeper = name, keeper
                atexit.register(self._save_snapshot_at_exit)   # what this process indexed, for a fast next open
        conn = sqlite3.connect(self._sealed, uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            conn.row_factory = sqlite3.Row
            conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
            conn.execute("PRAGMA temp_store=MEMORY")
            if conn.execute("PRAGMA user_version").fetchone()[0] != SCHEMA_VERSION:
                self._migrate(conn)
            check_schema(conn)
        except BaseException:
            conn.close()
            raise
        return conn

    @property
    def snapshot_path(self) -> Path:
        return self.path.with_name(SNAPSHOT_FILE)

    def _load_snapshot(self, keeper: sqlite3.Connection) -> bool:
        """Fill ``keeper`` from the sealed snapshot; False when there is none or it cannot be trusted."""
        try:
            data = read_bytes(self.snapshot_path)
        except (OSError, DuetError):
            return False
        loaded = sqlite3.connect(":memory:")
        try:
            loaded.deserialize(data)
            if loaded.execute("PRAGMA user_version").fetchone()[0] != SCHEMA_VERSION:
                return False
            loaded.backup(keeper)
        except sqlite3.Error:
            return False
        finally:
            loaded.close()
        return True

    def save_snapshot(self) -> None:
        """Write a vault's index to disk, sealed, when it changed since it was loaded or last saved.

        Called after a sync and when the process ends; a snapshot lost to a crash
        only costs the next open a re-read of the files changed since.
        """
        keeper = self._sealed_keeper
        if keeper is None or not sealing(self.snapshot_path) or _data_version(keeper) == self._snapshot_version:
            return   # nothing new, or the vault was turned off: an index is never written in the clear
        from journal.store.atomic import atomic_write_bytes

        with self._migrate_lock:
            self._snapshot_version = _data_version(keeper)
            data = keeper.serialize()
        self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        atomic_write_bytes(self.snapshot_path, data)

    def _save_snapshot_at_exit(self) -> None:
        with contextlib.suppress(DuetError, OSError, sqlite3.Error):   # a folder gone by now: the next open rebuilds
            self.save_snapshot()

    def _open_in_memory(self) -> sqlite3.Connection:
        """A read-only notebook (a read-only disk, a folder without write permission) is still read and searched:
        the index is built from the files into memory, shared by this process's threads, and never written."""
        with self._migrate_lock:
            if self._memory is None:
                self._memory = f"file:duet-index-{id(self)}-{time.monotonic_ns()}?mode=memory&cache=shared"
                self._memory_keeper = sqlite3.connect(self._memory, uri=True, check_same_thread=False)
                self.rebuilt = "read-only"   # a fresh, empty index: the notebook must read every file into it
        conn = sqlite3.connect(self._memory, uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
        conn.row_factory = sqlite3.Row
        if conn.execute("PRAGMA user_version").fetchone()[0] != SCHEMA_VERSION:
            self._migrate(conn)
        return conn

    def _set_wal(self, conn: sqlite3.Connection) -> None:
        """WAL mode, set once under the cross-process lock: two processes switching at once get "locked"."""
        from journal.store.locks import MIGRATE_LOCK_FILE, NotebookLock

        with self._migrate_lock, NotebookLock(self.path.parent, MIGRATE_LOCK_FILE):
            conn.execute("PRAGMA journal_mode=WAL")

    def database(self):  # -> sqlite_utils.Database
        """A sqlite-utils view of this thread's connection, for writes."""
        from sqlite_utils import Database

        return Database(self.connection())

    def _migrate(self, conn: sqlite3.Connection) -> None:
        from sqlite_utils import Database

        from journal.store import migrations

        from journal.store.locks import MIGRATE_LOCK_FILE, NotebookLock

        if self._memory is not None or self._sealed is not None:   # in memory: no lock file can be made, none needed
            with self._migrate_lock:
                if conn.execute("PRAGMA user_version").fetchone()[0] != SCHEMA_VERSION:
                    migrations.apply(Database(conn))
                    conn.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
                    conn.commit()
            return
        # Under a lock between processes: a brand-new notebook opened by several at once must not
        # run the migrations twice or answer "database is locked".
        with self._migrate_lock, NotebookLock(self.path.parent, MIGRATE_LOCK_FILE):
            if conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION:
                return
            conn.execute("PRAGMA journal_mode=WAL")
            migrations.apply(Database(conn))
            conn.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
            conn.commit()

    def changes(self) -> tuple[int, int] | None:
        """A value that differs after anything was committed to the index, by any thread or process; None when
        it cannot tell (an in-memory index: a read-only notebook or a vault). A cache keyed by it skips work that
        reads the whole notebook on a rerun where nothing was saved (the Insights page's change stamp, #19).

        SQLite's ``data_version`` counts commits made by *other* connections, so it is asked on a connection of
        its own that never writes. An index file replaced (a rebuild here or in another process) is watched
        afresh, and the reopening count keeps the answer from ever repeating an earlier one.
        """
        if self._memory is not None or self.sealed:
            return None
        file = file_id(self.path)
        if file is None:
            return None
        with self._watch_lock:
            try:
                if self._watch is None or self._watch_file != file:
                    self._close_watch()
                    self._watch = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
                    self._watch_file = file
                    self._watch_opened = next(_WATCH_OPENINGS)
                return self._watch_opened, _data_version(self._watch)
            except sqlite3.Error:
                self._close_watch()
                return None

    def memo(self, name: str, compute: Callable[[], T]) -> T:
        """``compute()``, done again only after something was committed to the index (:meth:`changes`); every time
        when that cannot be told. For what reads the whole notebook and is asked on every rerun: ``compute`` must
        depend on nothing but the index. The version is read first, so a commit during ``compute`` counts."""
        version = self.changes()
        if version is None:
            return compute()
        with self._watch_lock:
            hit = self._memos.get(name)
        if hit is not None and hit[0] == version:
            return hit[1]
        value = compute()
        with self._watch_lock:
            if len(self._memos) >= MEMO_LIMIT and name not in self._memos:
                self._memos.clear()   # one per filter a person tried: few, but never without bound
            self._memos[name] = (version, value)
        return value

    def _close_watch(self) -> None:
        if self._watch is not None:
            self._watch.close()
        self._watch, self._watch_file = None, None

    def close(self) -> None:
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None

    def destroy(self, *, damaged: bool = False) -> None:
        """Delete the database files (the markdown stays); the next use rebuilds the schema. Under the migration
        lock; ``damaged``: only the file found damaged (two processes meeting the same damage both get here, and the
        second must not delete the index the first has just made). A reindex replaces rows in place instead."""
        opened = self._opened_file
        self.close()
        with self._watch_lock:
            self._close_watch()
        if self.sealed:
            if self._sealed_keeper is not None:
                self._sealed_keeper.close()
            self._sealed, self._sealed_keeper = None, None
            with contextlib.suppress(FileNotFoundError):
                self.snapshot_path.unlink()
            return
        if self._memory_keeper is not None or not self._writable():   # read-only: forget the in-memory index
            if self._memory_keeper is not None:
                self._memory_keeper.close()
            self._memory, self._memory_keeper = None, None
            return
        from journal.store.locks import MIGRATE_LOCK_FILE, NotebookLock

        with self._migrate_lock, NotebookLock(self.path.parent, MIGRATE_LOCK_FILE):
            if damaged and opened is not None and (file_id(self.path) != opened
                                                   or not still_damaged(self.path, SCHEMA_VERSION)):
                return   # another process rebuilt it already (maybe in the same inode): open that one
            # The log first: a process opening meanwhile finds the old file or none, never a new one beside an old log.
            for suffix in ("-wal", "-shm", ""):
                with contextlib.suppress(FileNotFoundError):
                    Path(f"{self.path}{suffix}").unlink()
