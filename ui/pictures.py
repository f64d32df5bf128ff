"""Pictures a person adds while writing (an entry or a story turn): kept through the Notebook, linked, explained."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from journal.errors import DuetError
from journal.i18n import t
from journal.notebook import Notebook


def keep_uploads(nb: Notebook, uploads: Iterable[Any], keep_location: bool,
                 link: Callable[[Any], str]) -> tuple[list[str], list[tuple[str, str]]]:
    """``(markdown links, [(kind, sentence)])`` for Streamlit ``UploadedFile``s; ``link`` makes a kept
    picture's link from the note's folder. A refused file is named with the reason; the others still go in."""
    links: list[str] = []
    messages: list[tuple[str, str]] = []
    for upload in uploads:
        try:
            picture = nb.entries.add_picture(upload.getvalue(), upload.name, keep_location=keep_location)
        except DuetError as exc:
            messages.append(("error", exc.message()))
            continue
        links.append(link(picture))
        if picture.location_removed:
            messages.append(("info", t("writing.pictures.location_removed", name=upload.name)))
    return links, messages
