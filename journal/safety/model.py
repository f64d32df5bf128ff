"""What the crisis check returns, as plain values: pages and the CLI show these; the rules in assess.py make them.

Every save of a person's words carries one (``entry.safety``, ``story.safety``),
so a page names :class:`Assessment` without reaching the rules.
"""

from __future__ import annotations

import uuid
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from journal.safety.panel import PanelText
    from journal.safety.resources import Resource
    from journal.safety.rules import Level

REGIONS = ("CN", "US", "UK")
"""The regions whose help lines Duet knows; Settings offers these beside "follow the text's language"."""


@dataclass(frozen=True)
class Reason:
    """One warning sign found: a machine-readable code, its level, and the phrase that showed it."""

    code: str
    level: Level
    phrase: str

    def __str__(self) -> str:
        return f"{self.code}: {self.phrase}"


@dataclass(frozen=True)
class Assessment:
    level: Level
    reasons: list[Reason] = field(default_factory=list)
    resources: list[Resource] = field(default_factory=list)
    """Help lines for the reader's locale; empty when the level is ``none``."""
    token: str = field(default_factory=lambda: uuid.uuid4().hex, compare=False, repr=False)
    """Unique per assessment, so a page can tell a new one from the one the person already closed."""

    @property
    def needs_support(self) -> bool:
        """True for concern and crisis: the two levels that show the help panel."""
        return self.level != "none"

    def to_dict(self) -> dict[str, Any]:
        """For ``--json`` output: the level, the reason codes and the help lines (no token: it means nothing outside)."""
        return {"level": self.level, "reasons": [r.code for r in self.reasons],
                "resources": [asdict(r) for r in self.resources]}

    def panel(self, lang: str | None = None, *, links: bool = True) -> "PanelText | None":
        """The help panel's words in ``lang`` (the page's language by default); None when nothing needs showing."""
        from journal.safety.panel import panel_text

        return panel_text(self, lang, links=links)
