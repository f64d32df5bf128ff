"""File names in the notebook: one slug rule and one free-name allocator for entries, stories and companions."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import Callable, Collection

MAX_SLUG_CHARS = 60


def slugify(title: str, default: str = "entry") -> str:
    """A file-name-safe slug that keeps Chinese characters and can never climb out of its folder.

    ``default`` is the slug of a title with no letter or digit in it.
    """
    text = unicodedata.normalize("NFKC", title).lower()
    text = re.sub(r"[^\w]+", "-", text, flags=re.UNICODE).strip("-_")
    text = text[:MAX_SLUG_CHARS].strip("-_")
    return text or default
