"""Where a notebook lives: ``--home``, else ``DUET_HOME``, else a folder in the user's home."""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

HOME_ENV = "DUET_HOME"
DEFAULT_FOLDER_NAME = "Duet"
APP_PACKAGE = "duet_app"  # where an installed wheel keeps app.py, pages/, prompts/ and .streamlit/ (pyproject.toml)
APP_SCRIPT = "app.py"
# Written when Duet creates a notebook folder: delete-all erases only a folder that has it.
NOTEBOOK_MARKER = ".duet-notebook"
MARKER_TEXT = "This folder is a Duet notebook. Duet's delete-all erases only folders holding this file.\n"
# Written in the folder of a circle (journal/circle.py, #13): it holds one notebook per person and is none itself.
CIRCLE_MARKER = ".duet-circle"


def default_home() -> Path:
    """``~/Duet``: visible, outside the code checkout, easy to open in Obsidian or Finder."""
    return Path.home() / DEFAULT_FOLDER_NAME


def resolve_home(home: str | os.PathLike[str] | None = None) -> Path:
    if home:
        return Path(home).expanduser().resolve()
    env = os.environ.get(HOME_ENV)
    if env:
        return Path(env).expanduser().resolve()
    return default_home()


def app_folder() -> Path:
    """The folder holding app.py, pages/ and prompts/: this checkout, else the installed ``duet_app`` folder."""
    checkout = Path(__file__).resolve().parents[1]
    if (checkout / APP_SCRIPT).is_file():
        return checkout
    spec = importlib.util.find_spec(APP_PACKAGE)
    for folder in (spec.submodule_search_locations or []) if spec else []:
        return Path(folder)
    return checkout


def claim_new_folder(home: Path) -> None:
    """Create ``home`` (private: 0700) and mark it as Duet's when it does not exist yet or is empty.

    A folder that already holds other files is used as it is but not marked,
    so ``delete-all`` will never erase a folder Duet did not create. A circle's folder is refused: opening
    it as a notebook would mix one person's notes into the folder that holds everyone's.
    """
    if (home / CIRCLE_MARKER).is_file():
        from journal.errors import InvalidInput

        raise InvalidInput("circle.errors.not_a_notebook", path=str(home))
    try:
        if home.exists() and any(home.iterdir()):
            return
        home.mkdir(parents=True, exist_ok=True)
        os.chmod(home, 0o700)
        fd = os.open(home / NOTEBOOK_MARKER, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except OSError:
        return   # read-only, unreachable, or another process marked it first: opening reports what matters
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(MARKER_TEXT)
