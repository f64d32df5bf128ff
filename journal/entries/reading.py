"""Entry files read into index rows, in forked worker processes when a reindex reads thousands of them.

Reading a file in Python (front matter, checks, word counts, CJK grams) costs
about as much as SQLite's work on its row, so on a machine with two cores a
reindex of 100,000 files is twice as fast when the files are read by workers
while this process writes rows. Each worker takes every n-th chunk of the
list and writes its rows to its own pipe; this process reads the pipes in
turn, so rows arrive in the list's order (the first file keeps a copied id,
as in a serial read). A full pipe stops its worker, so memory holds a few
chunks, whatever the size of the notebook.

Workers are forked (not spawned: a spawned child would import the app's
``__main__`` again), and only from a process with one thread: a fork copies
the locks other threads hold. A worker whose parent dies finds its pipe
broken and ends; it never runs the parent's exit handlers (``os._exit``).
"""

from __future__ import annotations

import os
import pickle
import signal
import threading
from pathlib import Path
from typing import Any, Iterable, Iterator, Sequence

from journal.entries import files as entry_files
from journal.entries import index as entry_index
from journal.errors import DuetError

READ_CHUNK = 250            # files per message from a worker
PARALLEL_MIN_FILES = 4000   # below this, forking costs more than it saves
MAX_WORKERS = 4

# (relative path, its row or None, the error sentence of a broken file or None)
ReadResult = tuple[str, "dict[str, Any] | None", "str | None"]


def read_one(home: Path, state: entry_files.FileState) -> ReadResult:
    """One file as its index row; a broken file as its error sentence (anything else is a bug and raises)."""
    try:
        entry = entry_files.load(home, state.relative, state.mtime_ns)
    except DuetError as exc:
        return state.relative, None, exc.message()
    return state.relative, entry_index.entry_row(entry, state.relative, state.mtime_ns, state.size), None


def worker_count() -> int:
    """The cores this process may use, or 0 when forking is unsafe here (threads) or impossible (Windows)."""
    if not hasattr(os, "fork") or threading.active_count() > 1:
        return 0
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return min(cores, MAX_WORKERS) if cores > 1 else 0


def read_all(home: Path, states: Iterable[entry_files.FileState]) -> Iterator[ReadResult]:
    """Every file of ``states`` read, in order: by workers for a long list on a machine with cores to spare.

    Any other iterable (a sync's files, found as its scan goes) is read here, one file at a time.
    """
    long_list = isinstance(states, Sequence) and len(states) >= PARALLEL_MIN_FILES
    workers = worker_count() if long_list else 0
    if not workers or not isinstance(states, Sequence):
        return (read_one(home, state) for state in states)
    return _read_in_workers(home, states, workers)


def _read_in_workers(home: Path, states: Sequence[entry_files.FileState], workers: int) -> Iterator[ReadResult]:
    """Workers read chunks in turn; what they cannot give (no fork to be had, a worker killed) is read here.

    A notebook whose index is empty must still open on a machine short of memory or processes, so a missing or
    dead worker is never an error: the files from the first unanswered chunk on are read in this process, in order.
    """
    pipes: list[Any] = []
    pids: list[int] = []
    completed = False
    answered = 0
    try:
        try:
            for number in range(workers):
                read_fd, write_fd = os.pipe()
                try:
                    pid = os.fork()
                except OSError:
                    os.close(read_fd)
                    os.close(write_fd)
                    raise
                if pid == 0:   # the worker: nothing of the parent's but the list and its own pipe's write end
                    os.close(read_fd)
                    for other in pipes:
                        os.close(other.fileno())
                    _work(home, states, number, workers, write_fd)
                os.close(write_fd)
                pids.append(pid)
                pipes.append(os.fdopen(read_fd, "rb"))
        except OSError:   # no pipe or fork to be had (memory, process limits): every file is read here
            pipes_ready = False
        else:
            pipes_ready = True
        chunks = (len(states) + READ_CHUNK - 1) // READ_CHUNK if pipes_ready else 0
        for chunk in range(chunks):
            try:
                kind, payload = pickle.load(pipes[chunk % workers])
            except (EOFError, OSError, pickle.UnpicklingError):   # a worker killed (out of memory, a signal)
                break
            if kind == "raised":
                raise payload
            yield from payload
            answered += 1
        for state in states[answered * READ_CHUNK:]:
            yield read_one(home, state)
        completed = answered == chunks
    finally:
        for pipe in pipes:
            pipe.close()   # a worker still writing gets a broken pipe and ends
        for pid in pids:
            _reap(pid, stop=not completed)


def _work(home: Path, states: Sequence[entry_files.FileState], number: int, workers: int, write_fd: int) -> None:
    """The worker's whole life: its chunks in turn, one pickled message each; never returns."""
    code = 0
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)   # Ctrl-C is the parent's to handle; it closes the pipes
        with os.fdopen(write_fd, "wb") as out:
            for start in range(number * READ_CHUNK, len(states), workers * READ_CHUNK):
                try:
                    message: tuple[str, Any] = ("rows", [read_one(home, s) for s in states[start:start + READ_CHUNK]])
                except BaseException as exc:   # noqa: BLE001 - a bug while reading is raised in the parent
                    message = ("raised", exc)
                try:
                    pickle.dump(message, out, protocol=pickle.HIGHEST_PROTOCOL)
                except (pickle.PicklingError, TypeError, AttributeError):
                    pickle.dump(("raised", RuntimeError(repr(message[1]))), out, protocol=pickle.HIGHEST_PROTOCOL)
                out.flush()
                if message[0] == "raised":
                    break
    except BaseException:   # noqa: BLE001 - a broken pipe: the parent is gone or stopped reading
        code = 1
    finally:
        os._exit(code)


def _reap(pid: int, stop: bool) -> None:
    """Wait for a worker to end; one left busy by a read cut short is stopped (nobody reads what it writes)."""
    try:
        if stop:
            os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    except (ChildProcessError, ProcessLookupError):
        pass
