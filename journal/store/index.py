"""The SQLite index: fast listing and full-text search, always rebuildable from the files.

Connections are per thread because Streamlit runs every rerun in a new
thread and a sqlite3 connection refuses to cross threads. Reads use the
standard library's ``sqlite3`` only: ``import sqlite_utils`` alone costs
~0.3 s, which would blow the CLI's search budget, so sqlite-utils is
imported only when the schema must be created or migrated.
"""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from pathlib import Path

from journal.errors import StorageError

INDEX_FOLDER = ".duet"
INDEX_FILE = "index.db"
# Must equal the number of migrations in journal/store/migrations.py (a test checks it):
# it lets a read-only command skip importing sqlite-utils when the schema is current.
SCHEMA_VERSION = 2
BUSY_TIMEOUT_MS = 5000


class Index:
    def __init__(self, home: Path) -> None:
        self.path = Path(home) / INDEX_FOLDER / INDEX_FILE
        self._local = threading.local()
        self._migrate_lock = threading.Lock()
        self._memory: str | None = None                  # the shared in-memory index of a read-only notebook
        self._memory_keeper: sqlite3.Connection | None = None

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
        """This thread's connection, with the schema guaranteed current."""
        conn = getattr(self._local, "conn", None)
        if conn is None:
            try:
                conn = self._open()
            except (OSError, sqlite3.Error) as exc:
                raise StorageError("errors.cannot_open_index", path=str(self.path.parent.parent),
                                   reason=str(exc)) from exc
            self._local.conn = conn
        return conn

    def _open(self) -> sqlite3.Connection:
        if self._memory is not None or (not self._writable() and self.path.parent.parent.is_dir()):
            return self._open_in_memory()   # a notebook that exists but cannot be written (not one that cannot be)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_MS / 1000)
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        if conn.execute("PRAGMA user_version").fetchone()[0] != SCHEMA_VERSION:
            self._migrate(conn)
        return conn

    def _open_in_memory(self) -> sqlite3.Connection:
        """A read-only notebook (a read-only disk, a folder without write permission) is still read and searched:
        the index is built from the files into memory, shared by this process's threads, and never written."""
        with self._migrate_lock:
            if self._memory is None:
                self._memory = f"file:duet-index-{id(self)}-{time.monotonic_ns()}?mode=memory&cache=shared"
                self._memory_keeper = sqlite3.connect(self._memory, uri=True, check_same_thread=False)
        conn = sqlite3.connect(self._memory, uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
        conn.row_factory = sqlite3.Row
        if conn.execute("PRAGMA user_version").fetchone()[0] != SCHEMA_VERSION:
            self._migrate(conn)
        return conn

    def database(self):  # -> sqlite_utils.Database
        """A sqlite-utils view of this thread's connection, for writes."""
        from sqlite_utils import Database

        return Database(self.connection())

    def _migrate(self, conn: sqlite3.Connection) -> None:
        from sqlite_utils import Database

        from journal.store import migrations

        with self._migrate_lock:
            migrations.apply(Database(conn))
            conn.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
            conn.commit()

    def close(self) -> None:
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None

    def destroy(self) -> None:
        """Delete the database files (the markdown stays); the next use rebuilds the schema."""
        self.close()
        if self._memory_keeper is not None or not self._writable():   # read-only: forget the in-memory index
            if self._memory_keeper is not None:
                self._memory_keeper.close()
            self._memory, self._memory_keeper = None, None
            return
        for suffix in ("", "-wal", "-shm"):
            try:
                Path(f"{self.path}{suffix}").unlink()
            except FileNotFoundError:
                pass
