"""Bringing a person's history in: jrnl, Day One, ChatGPT, markdown folders and Duet's own zip.

Every kind has a module with ``import_path(nb, path, progress=None) -> ImportReport``.
All share the same promises (see :mod:`journal.importers.writer`): importing
the same file twice adds nothing, a broken item is reported with its position
and skipped while the rest imports, and nothing already in the notebook changes.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

from journal.errors import InvalidInput
from journal.importers.report import ImportIssue, ImportReport, Progress

# kind -> module; the order is the order the Settings page and ``import --help`` show them in.
IMPORT_MODULES: dict[str, str] = {
    "jrnl": "journal.importers.jrnl",
    "dayone": "journal.importers.dayone",
    "chatgpt": "journal.importers.chatgpt",
    "markdown": "journal.importers.markdown_folder",
    "zip": "journal.importers.zip_backup",
}

__all__ = ["IMPORT_MODULES", "ImportIssue", "ImportReport", "Progress", "run_import"]


def run_import(nb: Any, kind: str, path: str | Path | tuple[str, bytes],
               progress: Progress | None = None) -> ImportReport:
    """Import ``path`` as ``kind`` into ``nb``; raises a DuetError with one sentence for a wrong file.

    ``path`` may be an upload, ``(file name, bytes)``: it is saved under its own name (the name tells split
    files and zips apart) in a temp folder for the importer, in memory (``/dev/shm``) when the notebook is
    a vault, so what comes in never touches the disk unencrypted.
    """
    module_name = IMPORT_MODULES.get(kind)
    if module_name is None:
        raise InvalidInput("data.errors.unknown_kind", kind=kind, kinds=", ".join(IMPORT_MODULES))
    if not isinstance(path, tuple):
        return importlib.import_module(module_name).import_path(nb, path, progress)
    import tempfile

    from journal.vault import scratch_folder

    name, data = path
    with tempfile.TemporaryDirectory(prefix="duet-import-", dir=scratch_folder(nb.home)) as folder:
        saved = Path(folder) / (Path(name).name or "upload")
        saved.write_bytes(data)
        return importlib.import_module(module_name).import_path(nb, saved, progress)
