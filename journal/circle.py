"""A circle: one Duet serving a few signed-in people, each in their own notebook folder (#13).

When Duet serves a circle, the notebook folder (``DUET_HOME``, else ``~/Duet``)
is not a notebook: it holds one notebook per person, named from who signed in.
The name comes from the OpenID Connect issuer and subject (``iss``, ``sub``),
the one pair a provider promises never to reuse or change, never from a display
name or an e-mail address, which people change and others can share. It reads
``<a readable part of the subject>-<20 hex digits of SHA-256(issuer, subject)>``:
the operator can tell folders apart, and no two people (nor one subject at two
providers) can land in one folder, whatever characters a subject holds.

The circle's folder carries a marker (:data:`journal.paths.CIRCLE_MARKER`), so
nothing opens it as a notebook by mistake (``--home`` must name one person's
folder), and a folder that already is someone's notebook is never made a circle.
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

from journal.errors import InvalidInput
from journal.paths import CIRCLE_MARKER, NOTEBOOK_MARKER, resolve_home

READABLE_CHARS = 32       # of the subject, in the folder name: enough to recognise, short enough for any disk
HASH_HEX = 20             # 80 bits of SHA-256: no two people of any circle share a folder
MAX_CLAIM_CHARS = 1024    # an issuer or subject longer than this is not a provider's
CIRCLE_TEXT = ("This folder holds a Duet circle: one notebook folder per signed-in person. "
               "Open one person's folder with --home, never this one.\n")
# What a notebook folder holds at its top: a folder with any of these is someone's notebook, not a circle.
NOTEBOOK_SIGNS = (NOTEBOOK_MARKER, "journal", "stories", "companions", "settings.yaml")
_NOT_SAFE = re.compile(r"[^a-z0-9]+")


def folder_name(issuer: str, subject: str) -> str:
    """The person's folder name: stable for as long as the provider keeps the subject, safe on every file system."""
    issuer, subject = _claim(issuer, "issuer"), _claim(subject, "subject")
    digest = hashlib.sha256(f"{issuer}\n{subject}".encode("utf-8")).hexdigest()[:HASH_HEX]
    readable = _NOT_SAFE.sub("-", subject.lower()).strip("-")[:READABLE_CHARS].strip("-")
    return f"{readable}-{digest}" if readable else digest


def person_home(issuer: str, subject: str, root: str | os.PathLike[str] | None = None) -> Path:
    """The signed-in person's own notebook folder inside the circle's folder (made a circle on first use)."""
    name = folder_name(issuer, subject)
    circle = claim_circle(resolve_home(root))
    return circle / name


def claim_circle(root: Path) -> Path:
    """Create the circle's folder (private: 0700) with its marker; refuse a folder that is already a notebook."""
    if (root / CIRCLE_MARKER).is_file():
        return root
    if root.exists() and any((root / sign).exists() for sign in NOTEBOOK_SIGNS):
        raise InvalidInput("circle.errors.root_is_notebook", path=str(root))
    root.mkdir(parents=True, exist_ok=True)
    os.chmod(root, 0o700)
    (root / CIRCLE_MARKER).write_text(CIRCLE_TEXT, encoding="utf-8")
    return root


def _claim(value: str, what: str) -> str:
    value = str(value or "").strip()
    if not value or len(value) > MAX_CLAIM_CHARS:
        raise InvalidInput("circle.errors.no_identity", claim=what)
    return value
