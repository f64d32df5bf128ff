"""What the share feature remembers in the notebook's settings: the names the privacy pass replaces.

Stored in the ``share`` section of ``settings.yaml`` as ``names: {real: pseudonym}``,
so the writer lists their own name once and every share (page or CLI) uses it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from journal.settings import read_section, write_section
from journal.share.privacy import parse_names

SECTION = "share"


def saved_names(home: Path) -> dict[str, str]:
    """``{real: pseudonym}`` from settings; an unreadable value is treated as no names."""
    raw: Any = read_section(home, SECTION).get("names")
    if isinstance(raw, dict):
        return parse_names({str(k): str(v or "") for k, v in raw.items()})
    if isinstance(raw, list):
        return parse_names([str(item) for item in raw])
    return {}


def save_names(home: Path, names: dict[str, str]) -> None:
    section = dict(read_section(home, SECTION))
    section["names"] = dict(names)
    write_section(home, SECTION, section)
