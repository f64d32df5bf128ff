"""Which files make up a notebook, for the full export and for a restore.

Everything under the notebook folder belongs to the person (entries, stories,
companions, pictures, drafts, settings), except what Duet can rebuild (the
``.duet`` index), half-written temp files, version-control folders and any
file meant to hold secrets.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

import yaml

from journal.companions.store import COMPANIONS_FOLDER
from journal.entries.files import JOURNAL_FOLDER
from journal.settings import SETTINGS_FILE, url_has_secret
from journal.store.index import INDEX_FOLDER
from journal.paths import NOTEBOOK_MARKER
from journal.store.history import HISTORY_FOLDER
from journal.store.leftovers import is_temp_name
from journal.store.sealed import KEY_FILE
from journal.store.trash import TRASH_FOLDER
from journal.stories.index import STORIES_FOLDER

# What a notebook folder holds (on disk or in a zip); a folder with none of these is not treated as one.
NOTEBOOK_MARKERS = (JOURNAL_FOLDER, STORIES_FOLDER, COMPANIONS_FOLDER, SETTINGS_FILE)
# The trash and earlier versions stay out of exports: a person who deleted a text does not expect it in a backup.
EXCLUDED_FOLDERS = frozenset({INDEX_FOLDER, TRASH_FOLDER, HISTORY_FOLDER, ".git", ".hg", ".svn", "__pycache__"})
# The notebook marker belongs to the folder Duet created, not to the notes: a restore target has its own.
# A vault's key file neither: an export holds the notes opened, and the restored notebook has its own vault or none.
EXCLUDED_FILES = frozenset({"secrets.toml", ".env", ".DS_Store", "Thumbs.db", NOTEBOOK_MARKER, KEY_FILE})
_SECRET_KEY = re.compile(r"(api_?key|secret|token|password)", re.IGNORECASE)


@dataclass(frozen=True)
class NotebookFile:
    relative: str      # posix path inside the notebook folder
    path: Path
    size: int
    mtime: float


def is_excluded(relative: str) -> bool:
    parts = relative.split("/")
    if any(part in EXCLUDED_FOLDERS for part in parts[:-1]):
        return True
    name = parts[-1]
    return name in EXCLUDED_FILES or is_temp_name(name)


def walk(home: Path, skip: Path | None = None) -> Iterator[NotebookFile]:
    """Every file that belongs in an export, in a stable order; symlinks are not followed."""
    home = Path(home)
    skip_resolved = skip.resolve() if skip is not None else None
    for folder, dirs, files in os.walk(home):
        dirs[:] = sorted(d for d in dirs if d not in EXCLUDED_FOLDERS and not (Path(folder) / d).is_symlink())
        for name in sorted(files):
            full = Path(folder) / name
            relative = full.relative_to(home).as_posix()
            if is_excluded(relative) or full.is_symlink():
                continue
            if skip_resolved is not None and full.resolve() == skip_resolved:
                continue
            stat = full.stat()
            yield NotebookFile(relative, full, stat.st_size, stat.st_mtime)


def has_secrets(value: Any) -> bool:
    """True when a settings mapping holds a non-empty key that looks like a secret, or an address carrying one
    (hand edits can add either)."""
    if isinstance(value, dict):
        return any((_SECRET_KEY.search(str(k)) and v not in (None, "")) or has_secrets(v) for k, v in value.items())
    if isinstance(value, list):
        return any(has_secrets(v) for v in value)
    return isinstance(value, str) and url_has_secret(value)


def without_secrets(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: without_secrets(v) for k, v in value.items()
                if not _SECRET_KEY.search(str(k)) and not (isinstance(v, str) and url_has_secret(v))}
    if isinstance(value, list):
        return [without_secrets(v) for v in value if not (isinstance(v, str) and url_has_secret(v))]
    return value


def settings_bytes_for_export(data: bytes) -> bytes | None:
    """The settings file as it is when clean (so a restore is byte-exact), else re-written without secrets.

    ``None`` when the file cannot be read as YAML and mentions a secret-looking key: leaving it out is safer.
    """
    try:
        parsed = yaml.safe_load(data.decode("utf-8"))
    except (UnicodeDecodeError, yaml.YAMLError):
        return None if _SECRET_KEY.search(data.decode("utf-8", "replace")) else data
    if not has_secrets(parsed):
        return data
    return yaml.safe_dump(without_secrets(parsed), allow_unicode=True, sort_keys=True).encode("utf-8")
