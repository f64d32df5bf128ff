"""File names in the notebook: one slug rule and one free-name allocator for entries, stories and companions."""

from __future__ import annotations

import re
import secrets
import unicodedata
from pathlib import Path
from typing import Collection

from journal.text import cut_to_bytes

MAX_SLUG_CHARS = 60
PRIVATE_TOKEN_BYTES = 5   # a vault's file names: 10 hex digits, no title
MAX_SLUG_BYTES = 120   # file names are limited to 255 bytes; the date, a "-2" and the temp file's affixes fit beside


def slugify(title: str, default: str = "entry") -> str:
    """A file-name-safe slug that keeps Chinese characters and can never climb out of its folder.

    ``default`` is the slug of a title with no letter or digit in it.
    """
    text = unicodedata.normalize("NFKC", title).lower()
    text = re.sub(r"[^\w]+", "-", text, flags=re.UNICODE).strip("-_")
    text = cut_to_bytes(text[:MAX_SLUG_CHARS], MAX_SLUG_BYTES).strip("-_")
    return text or default


def private_stem(folder: Path, stem: str, keep: int = 0) -> str:
    """``stem`` for a new file in ``folder``; inside an open vault, a random name instead of the title's slug.

    A file name is not encrypted, so in a vault it must not say what the note
    says: the first ``keep`` characters (an entry's date) stay, the rest
    becomes a random token.
    """
    from journal.store.sealed import sealing

    if not sealing(Path(folder) / stem):
        return stem
    return f"{stem[:keep]}{secrets.token_hex(PRIVATE_TOKEN_BYTES)}"


def free_path(folder: Path, stem: str, *, suffix: str = ".md", taken: Collection[Path] = (),
              tries: int | None = None) -> Path | None:
    """The first of ``stem.md``, ``stem-2.md``, ``stem-3.md`` … that is neither on disk nor in ``taken``.

    ``taken`` holds names already chosen for a batch not yet written. With
    ``tries``, give up (``None``) after that many candidates, so a caller can
    refuse a thousand companions of one name with a sentence, not a loop.
    """
    counter = 1
    while tries is None or counter <= tries:
        candidate = folder / (f"{stem}{suffix}" if counter == 1 else f"{stem}-{counter}{suffix}")
        if candidate not in taken and not candidate.exists():
            return candidate
        counter += 1
    return None


def create_at_free_path(folder: Path, stem: str, data: bytes, *, suffix: str = ".md") -> Path:
    """Write ``data`` as a new file under the first free name; its path.

    The name is taken with :func:`journal.store.atomic.atomic_create`, which
    never replaces a file: a name another process (or a person) takes between
    the free-name check and the write is skipped, not overwritten.
    """
    from journal.store.atomic import atomic_create

    taken: set[Path] = set()
    while True:
        path = free_path(folder, stem, suffix=suffix, taken=taken)
        assert path is not None  # no limit on tries
        if atomic_create(path, data):
            return path
        taken.add(path)
