"""The crisis check as a policy of the notebook: every save of something a person wrote is assessed.

The Notebook calls :func:`check_writing` on every path a person's own words
take (a new entry from the page or from ``echo … | python -m journal new``,
an edited entry, a story turn, an edited story turn) and returns the result
with what it saved, so the page and the CLI only show it (issue #21). It runs
the local rules only: a few milliseconds, no network, so a save never waits.
The person's region setting (``general.region`` in settings.yaml) chooses
help lines beside the text's own language.
"""

from __future__ import annotations

from pathlib import Path

from journal.safety.assess import Assessment, assess
from journal.safety.resources import normalize_region
from journal.settings import read_section

GENERAL_SECTION = "general"
REGION_KEY = "region"


def help_region(home: Path) -> str | None:
    """The region saved in Settings ("CN", "US", "UK"), or None to follow the text's language alone."""
    return normalize_region(str(read_section(Path(home), GENERAL_SECTION).get(REGION_KEY) or ""))


def check_writing(text: str, home: Path, lang: str | None = None) -> Assessment:
    """The local assessment of ``text``, with help lines for its language and this notebook's region."""
    return assess(text, lang=lang, region=help_region(home))
