"""What a story is. Everything needed to restore it lives in its markdown file.

The stories engineer owns this module and may extend it; importers (ChatGPT)
build these objects and hand them to the story store.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Literal

Role = Literal["user", "companion", "narrator"]
Mode = Literal["chat", "narrate"]


@dataclass
class Turn:
    id: str
    role: Role
    alternatives: list[str]        # every version of this turn (regenerations, swipes, edits kept)
    chosen: int = 0                # index into alternatives of the one shown
    created: datetime | None = None
    kind: str | None = None        # narrate-mode input type: "say" | "do" | "story"
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return self.alternatives[self.chosen] if self.alternatives else ""


@dataclass
class Story:
    id: str
    title: str
    companion: str                 # companion slug
    mode: Mode = "chat"
    turns: list[Turn] = field(default_factory=list)
    created: datetime | None = None
    updated: datetime | None = None
    tags: list[str] = field(default_factory=list)
    summary: str = ""              # rolling summary of older turns
    summary_upto: int = 0          # number of turns the summary covers
    author_note: str = ""          # relationship note pinned into the prompt
    author_note_depth: int = 4     # how many turns from the end it is inserted
    memories: list[str] = field(default_factory=list)
    milestones: list[dict[str, Any]] = field(default_factory=list)
    branch_of: dict[str, str] | None = None   # {"story": id, "turn": turn id}
    extra: dict[str, Any] = field(default_factory=dict)   # e.g. {"source": "chatgpt:<conversation id>"}
    path: Path | None = None
