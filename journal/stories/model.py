"""What a story is. Everything needed to restore it lives in its markdown file.

The stories engineer owns this module and may extend it; importers (ChatGPT)
build these objects and hand them to the story store (``nb.stories.add``).
Field names are stable: the file format and the importers depend on them.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from journal.safety.assess import Assessment

Role = Literal["user", "companion", "narrator"]
Mode = Literal["chat", "narrate"]
Kind = Literal["say", "do", "story"]

ROLES: tuple[str, ...] = ("user", "companion", "narrator")
MODES: tuple[str, ...] = ("chat", "narrate")
KINDS: tuple[str, ...] = ("say", "do", "story")
DEFAULT_NOTE_DEPTH = 4
MAX_NOTE_DEPTH = 50              # the author's note goes at most this many turns back
MOOD_MIN, MOOD_MAX = 1, 5
# Turn.extra keys a page reads
INCOMPLETE_KEY = "incomplete"    # the reply stopped early (error or Stop); kept, never lost
GOLDEN_KEY = "golden"            # True on a starred golden moment
CHOICES_KEY = "choices"          # the choices offered after a narrator's turn


@dataclass
class Turn:
    id: str
    role: Role
    alternatives: list[str]        # every version of this turn (regenerations, swipes, edits kept)
    chosen: int = 0                # index into alternatives of the one shown
    created: datetime | None = None
    kind: str | None = None        # narrate-mode input type: "say" | "do" | "story"
    extra: dict[str, Any] = field(default_factory=dict)   # e.g. {"choices": [...], "mood": 3}

    @property
    def text(self) -> str:
        return self.alternatives[self.chosen] if self.alternatives else ""

    @property
    def is_user(self) -> bool:
        return self.role == "user"


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
    author_note_depth: int = DEFAULT_NOTE_DEPTH   # how many turns from the end it is inserted
    memories: list[str] = field(default_factory=list)
    milestones: list[dict[str, Any]] = field(default_factory=list)   # [{"date": "2026-04-02", "label": "…"}]
    branch_of: dict[str, str] | None = None   # {"story": id, "turn": turn id}
    extra: dict[str, Any] = field(default_factory=dict)   # e.g. {"source": "chatgpt:<conversation id>"}
    path: Path | None = None
    # Added by the stories engineer (all optional, so importers need not set them):
    companion_name: str = ""       # shown in headings and exports; the slug when unknown
    user_name: str = ""            # how the user is named in this story ({{user}}); "" = the default
    scenario: dict[str, str] = field(default_factory=dict)   # setting, user_character, companion_character, opening
    moods: list[dict[str, Any]] = field(default_factory=list)  # quick mood checks: [{"at": iso, "mood": 1-5, "turn": id}]
    # The content version of the file this was read from; a save checks the file still has it.
    version: str | None = field(default=None, compare=False, repr=False)
    safety: "Assessment | None" = field(default=None, compare=False, repr=False)
    """The crisis check of the turn the person just wrote or edited (set by ops, never saved); None otherwise."""

    @property
    def display_companion(self) -> str:
        return self.companion_name or self.companion


def clone_story(story: Story) -> Story:
    """A copy whose turns, lists and dicts can be changed without touching ``story``.

    Much cheaper than ``copy.deepcopy`` (a 2,000-turn story clones in ~3 ms),
    which lets the store hand out private copies of a parsed story it keeps.
    Values inside ``extra`` dicts are shared; they are plain JSON/YAML data.
    """
    turns = [replace(t, alternatives=list(t.alternatives), extra=dict(t.extra)) for t in story.turns]
    return replace(story, turns=turns, tags=list(story.tags), memories=list(story.memories),
                   milestones=[dict(m) for m in story.milestones], moods=[dict(m) for m in story.moods],
                   branch_of=dict(story.branch_of) if story.branch_of else None, extra=dict(story.extra),
                   scenario=dict(story.scenario), safety=None)  # a check belongs to one save, not to copies


@dataclass
class StorySummary:
    """One row of the story list: what the picker shows without opening the file."""

    id: str
    title: str
    companion: str
    mode: str
    created: str
    updated: str
    turns: int
    path: str
    branch_of: str | None = None
    source: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)
