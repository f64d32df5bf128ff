"""Where a notebook lives: ``--home``, else ``DUET_HOME``, else a folder in the user's home."""

from __future__ import annotations

import os
from pathlib import Path

HOME_ENV = "DUET_HOME"
DEFAULT_FOLDER_NAME = "Duet"


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
