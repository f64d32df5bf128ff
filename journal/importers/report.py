"""What an import did, item by item, so a person can trust it took in every word.

Every importer returns an :class:`ImportReport`: how many items were added,
how many were skipped because an earlier import already brought them in, and
each item that could not be taken in, with its position and one sentence.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Optional

from journal.errors import DuetError
from journal.i18n import t

Progress = Callable[[int, int], None]
"""``progress(done, total)``: called as items are written, ``done`` counting up to ``total``."""


@dataclass
class ImportIssue:
    position: int          # 1-based position of the item in its file (0: the file as a whole)
    label: str             # where it is: a file name, "conversations-001.json", an entry title
    message: str           # one sentence, in the reader's language

    def to_dict(self) -> dict[str, Any]:
        return {"position": self.position, "label": self.label, "message": self.message}

    def describe(self) -> str:
        return t("data.report.issue", position=self.position, label=self.label, message=self.message)


@dataclass
class ImportReport:
    kind: str
    added: int = 0
    skipped: int = 0                                   # already in the notebook (same source id)
    broken: list[ImportIssue] = field(default_factory=list)    # not imported
    warnings: list[ImportIssue] = field(default_factory=list)  # imported, but something was missing
    added_ids: list[str] = field(default_factory=list)

    def add_broken(self, position: int, label: str, error: DuetError | str) -> None:
        message = error.message() if isinstance(error, DuetError) else error
        self.broken.append(ImportIssue(position, label, message))

    def add_warning(self, position: int, label: str, message: str) -> None:
        self.warnings.append(ImportIssue(position, label, message))

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "added": self.added, "skipped": self.skipped,
                "broken": [i.to_dict() for i in self.broken],
                "warnings": [i.to_dict() for i in self.warnings], "added_ids": list(self.added_ids)}

    def summary(self) -> str:
        """One line a person reads first: added, already there, not imported."""
        return t("data.report.summary", added=self.added, skipped=self.skipped, broken=len(self.broken))

    def issue_lines(self) -> list[str]:
        """Every item not taken in, then every warning, one line each."""
        out = [t("data.report.broken_line", issue=i.describe()) for i in self.broken]
        out += [t("data.report.warning_line", issue=i.describe()) for i in self.warnings]
        return out

    def lines(self) -> list[str]:
        """The summary, then every problem on its own line."""
        return [self.summary(), *self.issue_lines()]


def report_progress(progress: Optional[Progress], done: int, total: int) -> None:
    if progress is not None:
        progress(done, total)


def has_key(items: list[Any], key: str) -> bool:
    """True when the list is empty or any object in it has ``key``: how a format is told from another's list."""
    return not items or any(isinstance(item, dict) and key in item for item in items)
