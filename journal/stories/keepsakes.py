"""What a story keeps beside its turns: pinned memories, the relationship note, milestones and mood checks.

All of it lives in the story's front matter, so it survives a reindex and
reads well in any editor. Milestones the person marks are stored; the first
conversation and its anniversaries are derived from the turns, so they can
never drift out of date.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from journal.errors import InvalidInput
from journal.stories.model import MAX_NOTE_DEPTH, MOOD_MAX, MOOD_MIN, Story
from journal.times import now

if TYPE_CHECKING:
    from journal.notebook import Notebook

MAX_MEMORY_CHARS = 500
MAX_MEMORIES = 100
MAX_NOTE_CHARS = 2_000
MEMORY_SOURCES_KEY = "memory_sources"   # Story.extra: pinned memory -> where it came from
MAX_LABEL_CHARS = 120
MAX_MILESTONES = 200


def _clean_line(text: Any, limit: int, empty_key: str, long_key: str) -> str:
    value = " ".join(str(text or "").split())
    if not value:
        raise InvalidInput(empty_key)
    if len(value) > limit:
        raise InvalidInput(long_key, limit=limit)
    return value


# --- pinned memories ---------------------------------------------------------------------

def add_memory(nb: "Notebook", story_id: str, text: str, *, source: dict[str, Any] | None = None) -> Story:
    """Pin a memory, saying where it came from (``source``: who proposed it, from which turns; default: the person)."""
    memory = _clean_line(text, MAX_MEMORY_CHARS, "stories.errors.empty_memory", "stories.errors.memory_too_long")
    origin = {"by": "person", **(source or {}), "pinned": now().isoformat(timespec="seconds")}

    def change(story: Story) -> None:
        if memory in story.memories:
            return
        if len(story.memories) >= MAX_MEMORIES:
            raise InvalidInput("stories.errors.too_many_memories", limit=MAX_MEMORIES)
        story.memories.append(memory)
        sources = story.extra.get(MEMORY_SOURCES_KEY) if isinstance(story.extra.get(MEMORY_SOURCES_KEY), dict) else {}
        story.extra[MEMORY_SOURCES_KEY] = {**sources, memory: origin}
    return nb.stories.update(story_id, change)


def memory_source(story: Story, memory: str) -> dict[str, Any] | None:
    """Where a pinned memory came from (None for one pinned before sources were kept, or by a hand edit)."""
    sources = story.extra.get(MEMORY_SOURCES_KEY)
    found = sources.get(memory) if isinstance(sources, dict) else None
    return found if isinstance(found, dict) else None


def describe_source(source: dict[str, Any] | None, lang: str | None = None) -> str:
    """A pinned memory's provenance in a sentence: the Stories page shows it under the memory."""
    from journal.i18n import t

    if not source:
        return t("stories.memories.source_unknown", lang=lang)
    day = str(source.get("pinned", ""))[:10]
    if source.get("by") == "suggested":
        turns = source.get("turns") or [0, 0]
        return t("stories.memories.source_suggested", lang=lang, model=source.get("model") or "AI",
                 first=turns[0], last=turns[-1], day=day)
    if source.get("by") == "asked":
        return t("stories.memories.source_asked", lang=lang, turn=source.get("turn", "?"), day=day)
    return t("stories.memories.source_person", lang=lang, day=day)


def remove_memory(nb: "Notebook", story_id: str, position: int) -> Story:
    def change(story: Story) -> None:
        if not 0 <= position < len(story.memories):
            raise InvalidInput("stories.errors.no_memory")
        removed = story.memories.pop(position)
        sources = story.extra.get(MEMORY_SOURCES_KEY)
        if isinstance(sources, dict) and removed in sources:
            story.extra[MEMORY_SOURCES_KEY] = {k: v for k, v in sources.items() if k != removed}
    return nb.stories.update(story_id, change)


# --- author's note / relationship note ---------------------------------------------------

def set_note(nb: "Notebook", story_id: str, text: str, depth: int) -> Story:
    note = str(text or "").replace("\r\n", "\n").strip()
    if len(note) > MAX_NOTE_CHARS:
        raise InvalidInput("stories.errors.note_too_long", limit=MAX_NOTE_CHARS)
    if not isinstance(depth, int) or isinstance(depth, bool) or not 0 <= depth <= MAX_NOTE_DEPTH:
        raise InvalidInput("stories.errors.bad_depth", high=MAX_NOTE_DEPTH)

    def change(story: Story) -> None:
        story.author_note, story.author_note_depth = note, depth
    return nb.stories.update(story_id, change)


# --- milestones --------------------------------------------------------------------------

@dataclass(frozen=True)
class Milestone:
    day: date
    label: str        # the person's words, or "" for derived ones (the page names those)
    kind: str         # "first" | "anniversary" | "marked"
    years: int = 0    # for anniversaries
    position: int | None = None   # index in Story.milestones for marked ones (to remove them)


def _as_date(value: Any) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def add_milestone(nb: "Notebook", story_id: str, day: date, label: str) -> Story:
    text = _clean_line(label, MAX_LABEL_CHARS, "stories.errors.empty_label", "stories.errors.label_too_long")
    if not isinstance(day, date):
        raise InvalidInput("stories.errors.bad_date", value=str(day))

    def change(story: Story) -> None:
        if len(story.milestones) >= MAX_MILESTONES:
            raise InvalidInput("stories.errors.too_many_milestones", limit=MAX_MILESTONES)
        story.milestones.append({"date": day.isoformat(), "label": text})
    return nb.stories.update(story_id, change)


def remove_milestone(nb: "Notebook", story_id: str, position: int) -> Story:
    def change(story: Story) -> None:
        if not 0 <= position < len(story.milestones):
            raise InvalidInput("stories.errors.no_milestone")
        del story.milestones[position]
    return nb.stories.update(story_id, change)


def first_day(story: Story) -> date | None:
    times = [t.created for t in story.turns if t.created is not None]
    if times:
        return min(times).date()
    return story.created.date() if story.created else None


def timeline(story: Story, today: date | None = None) -> list[Milestone]:
    """First conversation, each anniversary up to ``today``, and the marked dates, in date order."""
    today = today or now().date()
    items: list[Milestone] = []
    start = first_day(story)
    if start is not None:
        items.append(Milestone(start, "", "first"))
        for years in range(1, today.year - start.year + 1):
            try:
                day = start.replace(year=start.year + years)
            except ValueError:  # 29 February
                day = date(start.year + years, 3, 1)
            if day <= today:
                items.append(Milestone(day, "", "anniversary", years=years))
    for position, raw in enumerate(story.milestones):
        day = _as_date(raw.get("date"))
        if day is not None:
            items.append(Milestone(day, str(raw.get("label") or ""), "marked", position=position))
    return sorted(items, key=lambda m: (m.day, m.kind != "first"))


# --- mood checks -------------------------------------------------------------------------

def record_mood(nb: "Notebook", story_id: str, mood: int, *, turn_id: str | None = None) -> Story:
    """A quick 1–5 mood check during a story, for the Insights page; not an undo step."""
    if isinstance(mood, bool) or not isinstance(mood, int) or not MOOD_MIN <= mood <= MOOD_MAX:
        raise InvalidInput("stories.errors.bad_mood", low=MOOD_MIN, high=MOOD_MAX)

    def change(story: Story) -> None:
        record: dict[str, Any] = {"at": now().isoformat(), "mood": mood}
        turn = turn_id or (story.turns[-1].id if story.turns else None)
        if turn:
            record["turn"] = turn
        story.moods.append(record)
    return nb.stories.update(story_id, change, snapshot=False)
