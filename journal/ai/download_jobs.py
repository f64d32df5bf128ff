"""A model download that outlives the page: started as its own process, paused, resumed, cancelled.

:func:`start_background_download` runs ``python -m journal models download NAME`` in a
new session, so a Streamlit rerun, a closed tab or even a stopped app leaves it
running; the Settings panel only reads the status file it writes. Pause is ending
that process (the partial file stays, and the next start resumes from it); cancel
also deletes the partial.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from journal.ai.catalogue import CatalogueModel, models_dir
from journal.ai.downloads import (
    DOWNLOADING,
    MIRROR,
    PAUSED,
    VERIFYING,
    DownloadStatus,
    Source,
    process_alive,
    check_disk,
    forget_verified,
    installed_path,
    parse_source,
    partial_path,
    read_status,
    status_path,
    write_status,
)

STOP_WAIT_SECONDS = 5.0


def _partial_size(model: CatalogueModel, folder: Path) -> int:
    part = partial_path(model, folder)
    return part.stat().st_size if part.exists() else 0



def start_background_download(model: CatalogueModel, source: Source | None = None, *,
                              folder: Path | None = None) -> int:
    """Start ``python -m journal models download NAME`` as its own process; returns its pid.

    Its output goes to a log file beside the status, never to the page.
    """
    folder = folder or models_dir()
    current = read_status(model, folder)
    if current is not None and current.state in (DOWNLOADING, VERIFYING) and process_alive(current.pid):
        return int(current.pid or 0)
    source = source or parse_source()
    check_disk(model, folder, _partial_size(model, folder))
    log = status_path(model, folder).with_suffix(".log")
    log.parent.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "DUET_MODELS": str(folder)}
    command = [sys.executable, "-m", "journal", "models", "download", model.name,
               "--source", source.endpoint if source.kind == MIRROR else source.kind]
    with log.open("ab") as output:
        process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=output, stderr=output, env=env,
                                   cwd=str(Path(__file__).resolve().parents[2]),
                                   start_new_session=sys.platform != "win32",
                                   creationflags=getattr(subprocess, "CREATE_NEW_PROCESS_GROUP", 0))
    write_status(model, DownloadStatus(model.name, DOWNLOADING, source=source.label(), pid=process.pid,
                                       done=_partial_size(model, folder), total=model.size), folder)
    return process.pid


def pause_download(model: CatalogueModel, folder: Path | None = None) -> None:
    """End the downloading process; the partial file stays, and the next start resumes from it."""
    status = read_status(model, folder)
    if status is not None and status.pid and process_alive(status.pid):
        try:
            os.kill(status.pid, signal.SIGTERM)
        except OSError:
            pass
        _wait_gone(status.pid)
    if status is not None:
        status.state, status.pid = PAUSED, None
        status.done = _partial_size(model, folder or models_dir())
        write_status(model, status, folder)


def cancel_download(model: CatalogueModel, folder: Path | None = None) -> None:
    """Pause, then delete the partial file and the status: as if it never started."""
    pause_download(model, folder)
    partial_path(model, folder).unlink(missing_ok=True)
    status_path(model, folder).unlink(missing_ok=True)


def remove_model(model: CatalogueModel, folder: Path | None = None) -> bool:
    """Delete a downloaded model (and any partial); True when something was removed."""
    cancel_download(model, folder)
    path = installed_path(model, folder)
    if not path.exists():
        return False
    path.unlink()
    forget_verified(path)
    return True


def _wait_gone(pid: int, seconds: float = STOP_WAIT_SECONDS) -> None:
    deadline = time.monotonic() + seconds
    while process_alive(pid) and time.monotonic() < deadline:
        try:  # reap our own child so it does not linger as a zombie
            os.waitpid(pid, os.WNOHANG)
        except (ChildProcessError, OSError, AttributeError):
            pass
        time.sleep(0.05)
