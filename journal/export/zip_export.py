"""``export zip``: the whole notebook folder in one zip that ``import zip`` (or plain unzipping) restores exactly.

The zip holds the files as they are on disk, byte for byte, under their paths
inside the notebook, so unzipping it into an empty folder gives back the
notebook. The derived ``.duet`` index is left out (it is rebuilt from the
files), and so are secrets. The zip comment carries a small JSON manifest
(format, version, time, file count) by which ``import zip`` recognises it.
"""

from __future__ import annotations

import json
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from journal.errors import InvalidInput
from journal.export import notebook_files
from journal.importers.report import Progress, report_progress
from journal.settings import SETTINGS_FILE
from journal.store.atomic import atomic_writer
from journal.times import now
from journal.store.sealed import read_bytes

ZIP_FORMAT = "duet-notebook"
ZIP_VERSION = 1
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)      # the earliest time a zip entry can carry
PROGRESS_EVERY = 200                   # files between progress calls
# Pictures and archives are already compressed: storing them saves time for nothing lost.
STORED_SUFFIXES = frozenset({".jpg", ".jpeg", ".png", ".gif", ".webp", ".heic", ".mp4", ".mov", ".m4a",
                             ".mp3", ".zip", ".pdf"})


@dataclass
class ExportResult:
    path: str
    files: int
    bytes: int

    def to_dict(self) -> dict[str, Any]:
        return {"path": self.path, "files": self.files, "bytes": self.bytes}


def manifest(files: int) -> bytes:
    return json.dumps({"format": ZIP_FORMAT, "version": ZIP_VERSION, "exported": now().isoformat(),
                       "files": files}, separators=(",", ":")).encode("utf-8")


def read_manifest(zf: zipfile.ZipFile) -> dict[str, Any] | None:
    try:
        data = json.loads(zf.comment.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return None
    return data if isinstance(data, dict) and data.get("format") == ZIP_FORMAT else None


def _zip_time(mtime: float) -> tuple[int, int, int, int, int, int]:
    stamp = time.localtime(mtime)[:6]
    return max(stamp, ZIP_EPOCH)  # type: ignore[return-value]


def write_zip(home: Path, handle: Any, skip: Path | None = None, progress: Progress | None = None) -> int:
    """Write the notebook's files into ``handle`` (a path or a binary file object); returns the file count."""
    files = list(notebook_files.walk(home, skip=skip))
    total = len(files)
    written = 0
    report_progress(progress, 0, total)
    with zipfile.ZipFile(handle, "w", compression=zipfile.ZIP_DEFLATED, allowZip64=True) as zf:
        for done, item in enumerate(files, start=1):
            data = read_bytes(item.path)
            if item.relative == SETTINGS_FILE:
                data = notebook_files.settings_bytes_for_export(data)
                if data is None:
                    continue
            info = zipfile.ZipInfo(item.relative, date_time=_zip_time(item.mtime))
            info.compress_type = (zipfile.ZIP_STORED if Path(item.relative).suffix.lower() in STORED_SUFFIXES
                                  else zipfile.ZIP_DEFLATED)
            info.external_attr = 0o644 << 16
            zf.writestr(info, data)
            written += 1
            if done % PROGRESS_EVERY == 0:
                report_progress(progress, done, total)
        zf.comment = manifest(written)
    report_progress(progress, total, total)
    return written


def check_out_file(path: Path, overwrite: bool) -> None:
    """Refuse to export onto a folder, or onto a file already there unless ``overwrite``."""
    if path.is_dir():
        raise InvalidInput("data.errors.out_is_folder", path=str(path))
    if path.exists() and not overwrite:
        raise InvalidInput("data.errors.out_exists", path=str(path))


def export_zip(nb: Any, out: str | Path, *, overwrite: bool = False, progress: Progress | None = None) -> ExportResult:
    """Write the zip to ``out`` through a temp file, so a failed export never leaves half a zip behind."""
    out = Path(out).expanduser()
    check_out_file(out, overwrite)
    with atomic_writer(out) as handle:
        count = write_zip(nb.home, handle, skip=out, progress=progress)
    return ExportResult(str(out), count, out.stat().st_size)


def zip_bytes(nb: Any, progress: Progress | None = None) -> bytes:
    """The same zip in memory, for a download button."""
    import io

    buffer = io.BytesIO()
    write_zip(nb.home, buffer, progress=progress)
    return buffer.getvalue()
