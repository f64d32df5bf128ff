"""The crisis check as a policy of the notebook: every save of something a person wrote is assessed.

The Notebook's entry saves are wrapped in :func:`journal.policies.crisis_checked`,
and story ops call :func:`check_writing`, on every path a person's own words take (a new
entry from the page or from ``echo … | python -m journal new``, an edited
entry, a story turn, an edited story turn); the result comes back with what
was saved (``entry.safety``, ``story.safety``), so the page and the CLI only
show it (issue #21). Local rules only: a few milliseconds, no network, and
after the file is written, so a save never waits on it or loses words to it.
The person's region setting (``general.region`` in settings.yaml) chooses help
lines beside the text's own language.
"""

from __future__ import annotations

from pathlib import Path

from journal.safety.assess import Assessment, assess
from journal.settings import load_settings_file


def help_region(home: Path) -> str | None:
    """The region saved in Settings ("CN", "US", "UK"), or None to follow the text's language alone."""
    return load_settings_file(Path(home)).general.region


def written_text(body: str, title: str | None = None) -> str:
    """What the person wrote: a typed title counts too ("Goodbye, everyone"); a title made from the body does not."""
    title = (title or "").strip()
    if not title or body.lstrip().startswith(title.rstrip("…").strip()):
        return body
    return f"{title}\n{body}"


def check_writing(text: str, home: Path, lang: str | None = None) -> Assessment:
    """The local assessment of ``text``, with help lines for its language and this notebook's region."""
    return assess(text, lang=lang, region=help_region(home))
