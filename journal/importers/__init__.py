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


def run_import(nb: Any, kind: str, path: str | Path, progress: Progress | None = None) -> ImportReport:
    """Import ``path`` as ``kind`` into ``nb``; raises a DuetError with one sentence for a wrong file."""
    module_name = IMPORT_MODULES.get(kind)
    if module_name is None:
        raise InvalidInput("data.errors.unknown_kind", kind=kind, kinds=", ".join(IMPORT_MODULES))
    return importlib.import_module(module_name).import_path(nb, path, progress)
