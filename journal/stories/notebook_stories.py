"""``nb.stories``: the story files (:class:`StoryStore`) and everything a page does to a story, in one place.

The store reads and writes story files; the operations live in the modules named for them (``ops``:
turns and replies, ``exchange``: the person's turn and its reply written once, ``keepsakes``: memories,
the note, milestones and moods, ``continuity``: golden moments, ``export``, ``suggest``, ``summary``).
A page asks ``nb.stories.<operation>(...)`` and never imports those modules: each method here hands
over to the one that does the work, imported when first used.
"""

from __future__ import annotations

import importlib
from datetime import date
from typing import TYPE_CHECKING, Any, Mapping

from journal.stories.model import Story, Turn
from journal.stories.store import StoryStore

if TYPE_CHECKING:
    from journal.companions.model import Companion


def _stories(module: str) -> Any:
    return importlib.import_module(f"journal.stories.{module}")


class NotebookStories(StoryStore):
    """All stories of one notebook, and what can be done to them."""

    # -- starting, and the turns ----------------------------------------------------------------------------
    def start(self, companion: "Companion", **choices: Any) -> Story:
        """A new story with ``companion`` (``title``, ``mode``, ``scenario``, ``opening``, ``persona``)."""
        return _stories("ops").start_story(self.nb, companion, **choices)

    def choose(self, story_id: str, index: int, alternative: int) -> Story:
        """Show another version of turn ``index`` (← →)."""
        return _stories("ops").choose(self.nb, story_id, index, alternative)

    def edit_turn(self, story_id: str, index: int, text: str) -> Story:
        """The edited text becomes a new, chosen version; an edit of the person's own turn comes back checked."""
        return _stories("ops").edit_turn(self.nb, story_id, index, text)

    def delete_turn(self, story_id: str, index: int) -> Story:
        return _stories("ops").delete_turn(self.nb, story_id, index)

    def branch(self, story_id: str, index: int) -> Story:
        """A new story with this one's turns up to ``index``, linking back to it."""
        return _stories("ops").branch(self.nb, story_id, index)

    def star_turn(self, story_id: str, index: int, starred: bool = True) -> Story:
        """Mark a reply as a golden moment (the companion's voice at its best), or unmark it."""
        return _stories("continuity").star_turn(self.nb, story_id, index, starred)

    # -- one exchange, and replies --------------------------------------------------------------------------
    def begin_exchange(self, story_id: str, text: str, *, kind: str | None = None) -> Any:
        """The person's turn, checked and kept in its draft, not yet in the story file (``exchange.begin``)."""
        return _stories("exchange").begin(self.nb, story_id, text, kind=kind)

    def finish_exchange(self, started: Any, job: Any = None, reply: str = "", **how: Any) -> Story:
        """The person's turn and the reply written in one rewrite (``exchange.finish``)."""
        return _stories("exchange").finish(self.nb, started, job, reply, **how)

    def recover_exchange(self, story_id: str) -> Story | None:
        """Write the turn of an exchange that never finished (the process died mid-reply)."""
        return _stories("exchange").recover(self.nb, story_id)

    def plan_reply(self, story: Story, **how: Any) -> Any:
        """The prompt for a reply, a regeneration or a continuation (``ops.plan_reply``): a ``ReplyJob``."""
        return _stories("ops").plan_reply(self.nb, story, **how)

    def commit_reply(self, job: Any, text: str, **how: Any) -> Story:
        return _stories("ops").commit_reply(self.nb, job, text, **how)

    def last_reply_prompt(self, story: Story) -> Any:
        """What went into the latest reply ("Why did it say that?")."""
        return _stories("ops").last_reply_prompt(self.nb, story)

    def summarize_later(self, story_id: str, chat: Any) -> None:
        """Fold old turns into the rolling summary, in the background."""
        _stories("summary").update_summary_in_background(self.nb, story_id, chat)

    def suggest_choices(self, story_id: str, chat: Any) -> list[str]:
        return _stories("suggest").suggest_choices(self.nb, story_id, chat)

    def offer_memories(self, story_id: str, chat: Any) -> list[dict[str, Any]]:
        return _stories("suggest").offer_memories(self.nb, story_id, chat)

    @staticmethod
    def remember_requests(text: str) -> list[str]:
        """The facts a person asked to be remembered ("remember that…"), to offer as memories."""
        return _stories("suggest").remember_requests(text)

    def second_opinion(self, text: str, assessment: Any, secrets: Mapping[str, Any]) -> Any:
        """A capable model's crisis check of a turn, in the background (a Future, or None when not asked)."""
        return importlib.import_module("journal.safety.second_opinion").start_second_opinion(
            self.nb.home, text, assessment, secrets)

    def needs_bigger_model(self, story: Story) -> bool:
        """A Chinese story answered by the built-in tiny model, which cannot write Chinese."""
        persona = _stories("persona")
        return (persona.story_language(persona.companion_for(self.nb, story)) == "zh"
                and _stories("memory").is_small_model(self.nb))

    # -- the story's own settings ---------------------------------------------------------------------------
    def attach_lorebook(self, story_id: str, slug: str) -> Story:
        return _stories("ops").attach_lorebook(self.nb, story_id, slug)

    def detach_lorebook(self, story_id: str, slug: str) -> Story:
        return _stories("ops").detach_lorebook(self.nb, story_id, slug)

    def set_persona(self, story_id: str, slug: str | None) -> Story:
        return _stories("ops").set_persona(self.nb, story_id, slug)

    # -- keepsakes: memories, the note, milestones, moods -----------------------------------------------------
    def add_memory(self, story_id: str, text: str, *, source: dict[str, Any] | None = None) -> Story:
        return _stories("keepsakes").add_memory(self.nb, story_id, text, source=source)

    def remove_memory(self, story_id: str, position: int) -> Story:
        return _stories("keepsakes").remove_memory(self.nb, story_id, position)

    @staticmethod
    def memory_origin(story: Story, memory: str) -> str:
        """Where a pinned memory came from, in a sentence ("Suggested by … from turns 3–5")."""
        keepsakes = _stories("keepsakes")
        return keepsakes.describe_source(keepsakes.memory_source(story, memory))

    def set_note(self, story_id: str, text: str, depth: int) -> Story:
        return _stories("keepsakes").set_note(self.nb, story_id, text, depth)

    def add_milestone(self, story_id: str, day: date, label: str) -> Story:
        return _stories("keepsakes").add_milestone(self.nb, story_id, day, label)

    def remove_milestone(self, story_id: str, position: int) -> Story:
        return _stories("keepsakes").remove_milestone(self.nb, story_id, position)

    @staticmethod
    def timeline(story: Story) -> list[Any]:
        """The first conversation, anniversaries and the person's milestones, by day."""
        return _stories("keepsakes").timeline(story)

    def record_mood(self, story_id: str, mood: int) -> Story:
        return _stories("keepsakes").record_mood(self.nb, story_id, mood)

    # -- a story as a file to take away -------------------------------------------------------------------------
    @staticmethod
    def to_markdown(story: Story, *, alternatives: bool = False) -> str:
        return _stories("export").to_markdown(story, alternatives=alternatives)

    @staticmethod
    def to_sillytavern(story: Story) -> str:
        return _stories("export").to_sillytavern(story)

    @staticmethod
    def export_filename(story: Story, extension: str) -> str:
        return _stories("export").export_filename(story, extension)

    @staticmethod
    def speaker(story: Story, turn: Turn) -> str:
        """Who says ``turn``, as the page and the exports name them."""
        return _stories("export").speaker(story, turn)
