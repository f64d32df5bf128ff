"""What a companion is: the fields of a Character Card, plus Duet's own.

Field names follow Character Card V2/V3 (``first_mes``, ``mes_example``…) so
import and export are a straight mapping; anything a card carries that Duet
does not use is kept in ``extensions``, ``character_book`` and ``card_extra``
and written back unchanged on export.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

MAX_IMAGE_BYTES = 32 * 1024 * 1024   # a companion's picture: a phone photo or a card PNG fits with room to spare
MAX_CARD_BYTES = 32 * 1024 * 1024    # the largest card file accepted; real cards are well under 10 MB


@dataclass
class Companion:
    slug: str                      # file name stem under <home>/companions/, stable id
    name: str
    description: str = ""          # persona / who they are
    personality: str = ""
    scenario: str = ""
    first_mes: str = ""            # first greeting
    alternate_greetings: list[str] = field(default_factory=list)
    mes_example: str = ""          # example dialogue, <START>-separated blocks
    speaking_style: str = ""       # Duet's own: how they talk
    user_persona: str = ""         # Duet's own: how the companion should see the user
    system_prompt: str = ""        # card system_prompt; supports {{original}}
    post_history_instructions: str = ""
    creator_notes: str = ""        # never goes into a prompt
    creator: str = ""
    character_version: str = ""
    tags: list[str] = field(default_factory=list)
    language: str = ""             # "en" | "zh" | "" (unknown)
    avatar: str | None = None      # path relative to the notebook folder
    extensions: dict[str, Any] = field(default_factory=dict)
    character_book: dict[str, Any] | None = None
    card_extra: dict[str, Any] = field(default_factory=dict)  # other card fields (V3 assets, nickname…)
    extra: dict[str, Any] = field(default_factory=dict)       # front matter keys Duet does not know (hand edits)
    created: datetime | None = None
    updated: datetime | None = None
    path: Path | None = None
    # The content version of the file this was read from; a save checks the file still has it.
    version: str | None = field(default=None, compare=False, repr=False)

    @property
    def display_name(self) -> str:
        """The name prompts use for ``{{char}}``: a V3 ``nickname`` when the card has one."""
        nickname = self.card_extra.get("nickname")
        return nickname.strip() if isinstance(nickname, str) and nickname.strip() else self.name

    @property
    def readable_description(self) -> str:
        """The description as a person reads it: card macros ({{char}}, {{user}}, <BOT>…) filled in with names."""
        from journal.companions.macros import readable

        return readable(self.description, self.display_name)

    @property
    def greetings(self) -> list[str]:
        """The first greeting then the alternates: the swipes of a story's first turn."""
        return [g for g in [self.first_mes, *self.alternate_greetings] if g.strip()]
