"""Delete everything: the person's right to erase their notebook, completely, and to be told what went.

Removes every file and folder inside the notebook folder (entries, stories,
companions, pictures, drafts, settings) and the ``.duet`` index, then reports
what was removed, folder by folder. It refuses without an explicit
confirmation, and refuses a folder Duet did not create (it lacks the
``.duet-notebook`` marker written at creation; a ``.duet`` index folder is
not enough, since any command makes one) or the user's home folder, so a
wrong ``--home`` cannot wipe other files.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from journal.errors import InvalidInput, NotFound, StorageError
from journal.paths import NOTEBOOK_MARKER
from journal.store.index import INDEX_FOLDER


@dataclass
class DeleteReport:
    home: str
    removed: dict[str, int] = field(default_factory=dict)    # top-level name -> files removed under it
    index_removed: bool = False

    @property
    def files(self) -> int:
        return sum(self.removed.values())

    def to_dict(self) -> dict[str, Any]:
        return {"home": self.home, "files": self.files, "removed": dict(self.removed),
                "index_removed": self.index_removed}


def _count_files(path: Path) -> int:
    if path.is_symlink() or path.is_file():
        return 1
    return sum(len(files) for _folder, _dirs, files in os.walk(path))


def check_deletable(home: Path) -> None:
    if not home.is_dir():
        raise NotFound("data.errors.no_notebook", path=str(home))
    resolved = home.resolve()
    if resolved == Path.home().resolve() or resolved == Path(resolved.anchor):
        raise InvalidInput("data.errors.not_a_notebook", path=str(home), marker=NOTEBOOK_MARKER)
    if not (home / NOTEBOOK_MARKER).is_file():
        raise InvalidInput("data.errors.not_a_notebook", path=str(home), marker=NOTEBOOK_MARKER)


def delete_all(nb: Any, *, confirm: bool) -> DeleteReport:
    """Remove the notebook's files and index; ``confirm`` must be ``True`` (the person said so)."""
    if confirm is not True:
        raise InvalidInput("data.errors.delete_needs_confirmation")
    home = Path(nb.home)
    check_deletable(home)
    report = DeleteReport(home=str(home))
    index_folder = home / INDEX_FOLDER
    report.index_removed = index_folder.exists()
    nb.index.destroy()      # closes this thread's connection before the files go
    for child in sorted(home.iterdir(), key=lambda p: p.name):
        count = _count_files(child)
        try:
            if child.is_dir() and not child.is_symlink():
                shutil.rmtree(child)
            else:
                child.unlink()
        except OSError as exc:
            raise StorageError("data.errors.delete_failed", path=str(child), reason=exc.strerror or str(exc)) from exc
        if child.name != INDEX_FOLDER:   # the index is derived; it is reported as index_removed
            report.removed[child.name] = count
    return report
