""""Is it still them?": golden moments, and replaying them through another model, habit by habit.

A person stars the companion's replies that are most *them* (golden
moments). Before switching model or provider, :func:`replay` sends each
golden moment's own prompt (rebuilt exactly as it was assembled for that
reply) to one or more other backends, and :func:`compare_habits` sets the new
replies beside the voice profile (:mod:`journal.companions.voice`): which pet
names, catchphrases, length, emoji, marks and language mix were kept and
which were lost. Not one vague score: a list a person can act on (tune the
persona or the voice paragraph, replay again).
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Mapping

from journal.errors import InvalidInput
from journal.stories.model import GOLDEN_KEY, Story

if TYPE_CHECKING:
    from journal.ai.backend import ChatBackend
    from journal.companions.voice import VoiceProfile
    from journal.notebook import Notebook

LENGTH_SLACK = 0.5             # a reply length within [low × (1 - slack), high × (1 + slack)] keeps the habit
MARK_KEPT_SHARE = 0.5          # a mark used in ≥30% of the original replies must appear in half as many new ones
LANGUAGE_SLACK = 0.2           # the Chinese share may move this much and still be the same mix


def star_turn(nb: "Notebook", story_id: str, index: int, starred: bool = True) -> Story:
    """Mark (or unmark) one of the companion's replies as a golden moment."""
    def change(story: Story) -> None:
        if not -len(story.turns) <= index < len(story.turns):
            raise InvalidInput("stories.errors.no_turn", index=index + 1)
        turn = story.turns[index]
        if turn.is_user:
            raise InvalidInput("stories.errors.not_ai_turn")
        if starred:
            turn.extra[GOLDEN_KEY] = True
        else:
            turn.extra.pop(GOLDEN_KEY, None)
    return nb.stories.update(story_id, change, snapshot=False)


def golden_moments(nb: "Notebook", companion: str) -> list[tuple[str, int]]:
    """``(story id, turn index)`` of every golden moment with ``companion``, story by story."""
    found = []
    for row in nb.stories.list(companion=companion, limit=10_000):
        story = nb.stories.view(row.id)
        found += [(story.id, n) for n, turn in enumerate(story.turns) if turn.extra.get(GOLDEN_KEY)]
    return found


@dataclass
class ReplayRow:
    """One golden moment, side by side: what the companion said, and what each other backend says now."""

    story: str
    turn: int
    prompt: list[dict[str, str]]
    original: str
    replies: dict[str, str] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)


def replay(nb: "Notebook", moments: list[tuple[str, int]], backends: Mapping[str, "ChatBackend"]) -> list[ReplayRow]:
    """Each moment's own prompt sent to every backend (nothing saved); a failing backend is noted, not fatal."""
    from journal.ai.cleanup import clean_reply
    from journal.ai.errors import AIError
    from journal.stories.ops import plan_reply

    rows = []
    for story_id, index in moments:
        story = nb.stories.get(story_id)
        job = plan_reply(nb, story, action="regenerate", index=index)
        row = ReplayRow(story_id, index, job.messages, story.turns[index].text)
        for label, backend in backends.items():
            try:
                text = backend.complete_chat(job.messages)
            except AIError as exc:
                row.errors[label] = exc.message()
                continue
            row.replies[label] = clean_reply(text, own_names=job.own_names, person_names=job.person_names).text
        rows.append(row)
    return rows


@dataclass
class HabitCheck:
    habit: str          # pet_name | catchphrase | length | emoji | mark | language
    value: str          # the pet name, phrase, mark…; for length and language, the original range or share
    kept: bool
    seen: str = ""      # what the new replies showed

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def _appears(term: str, texts: list[str]) -> bool:
    return any(term.casefold() in text.casefold() for text in texts)


def compare_habits(profile: "VoiceProfile", replies: list[str]) -> list[HabitCheck]:
    """Which of the profile's habits the new ``replies`` kept and which they lost."""
    from journal.companions.voice import MARKS, derive_profile

    replies = [r for r in replies if r.strip()]
    if not replies:
        return []
    checks = [HabitCheck("pet_name", name, _appears(name, replies)) for name, _ in profile.pet_names]
    checks += [HabitCheck("catchphrase", phrase, _appears(phrase, replies)) for phrase, _ in profile.catchphrases]
    median = statistics.median(len(r.strip()) for r in replies)
    low, high = profile.length_low * (1 - LENGTH_SLACK), profile.length_high * (1 + LENGTH_SLACK)
    checks.append(HabitCheck("length", f"{profile.length_low}–{profile.length_high}", low <= median <= high,
                             str(int(median))))
    new = derive_profile(replies * 3)   # counting only; tripled so a single reply clears MIN_TURNS
    if profile.emoji_rate >= 0.2:
        checks.append(HabitCheck("emoji", " ".join(e for e, _ in profile.emoji), new.emoji_rate >= profile.emoji_rate / 2,
                                 f"{new.emoji_rate:.0%}"))
    for mark, share in profile.marks.items():
        if share >= 0.3:
            used = sum(1 for r in replies if any(f in r for f in MARKS[mark])) / len(replies)
            checks.append(HabitCheck("mark", mark, used >= share * MARK_KEPT_SHARE, f"{used:.0%}"))
    checks.append(HabitCheck("language", f"{profile.chinese_share:.0%}",
                             abs(new.chinese_share - profile.chinese_share) <= LANGUAGE_SLACK, f"{new.chinese_share:.0%}"))
    return checks


def similarity(checks: list[HabitCheck]) -> tuple[int, int]:
    """(habits kept, habits checked): shown as "7 of 9 habits kept", beside the list itself."""
    return sum(1 for c in checks if c.kept), len(checks)


def try_another_model(nb: "Notebook", companion: str, backends: Mapping[str, "ChatBackend"],
                      moments: list[tuple[str, int]] | None = None) -> dict[str, Any]:
    """The whole check: golden moments replayed side by side, then each backend's habits against the voice."""
    from journal.companions.voice import companion_turn_texts, derive_profile

    moments = golden_moments(nb, companion) if moments is None else moments
    if not moments:
        raise InvalidInput("stories.golden.none")
    kept_profile, _text = nb.companions.kept_voice(nb.companions.get(companion))
    profile = kept_profile if kept_profile.turns else derive_profile(companion_turn_texts(nb, companion))
    rows = replay(nb, moments, backends)
    verdicts = {}
    for label in backends:
        checks = compare_habits(profile, [row.replies[label] for row in rows if label in row.replies])
        kept, total = similarity(checks)
        verdicts[label] = {"kept": kept, "total": total, "checks": [c.to_dict() for c in checks]}
    return {"rows": rows, "habits": verdicts, "profile": profile}
