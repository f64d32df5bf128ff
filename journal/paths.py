"""Where a notebook lives: ``--home``, else ``DUET_HOME``, else a folder in the user's home."""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

HOME_ENV = "DUET_HOME"
DEFAULT_FOLDER_NAME = "Duet"
APP_PACKAGE = "duet_app"  # where an installed wheel keeps app.py, pages/, prompts/ and .streamlit/ (pyproject.toml)
APP_SCRIPT = "app.py"


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
