"""Milestone letters: on the day of a first talk, the 100th day, each anniversary, a letter is offered, ready to share.

The milestones are those a story already keeps (:func:`journal.stories.keepsakes.timeline`:
the first conversation, its anniversaries, the days a person marked), taken across every
story with the companion, plus round day counts since the first talk
(:data:`MILESTONE_DAYS`). Only companions with letters on offer them, for
:data:`OFFER_DAYS` days after the day, once: a letter written or an offer
declined is never offered again. Help comes first here too: while an entry
from the last :data:`QUIET_DAYS` days shows the help panel, no milestone is
offered and none is written. A written letter comes with a carousel made by
the one share pipeline (:func:`journal.share.post.make_post`): the privacy
pass, the AI label and the cards are the Share page's own.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from journal.companions.letters import (LETTER_KEY, PERSONA_TOKENS, READY, LetterPlan, letters_enabled,
                                        letters_since, needs_help, nudged, person_name)

if TYPE_CHECKING:
    from journal.companions.model import Companion
    from journal.notebook import Notebook

MILESTONE_DAYS = (100, 1000)     # "100 days together": the round counts people mark
OFFER_DAYS = 7                   # a milestone is offered for a week after its day (a person may not open Duet that day)
QUIET_DAYS = 1                   # an entry from today or yesterday showing the help panel keeps milestones away
SETTINGS_SECTION = "letters"
DISMISSED_KEY = "dismissed_milestones"
MAX_DISMISSED = 500
RECENT_ENTRIES = 200             # entries of those days checked for the help panel (letters themselves skipped)
CAROUSEL_STYLE = "page"


@dataclass(frozen=True)
class MilestoneOffer:
    """One milestone a companion may write a letter for."""

    slug: str
    companion: str         # the companion's name
    kind: str              # "first" | "days" | "anniversary" | "marked"
    day: date
    first: date            # the day of the first talk
    count: int = 0         # days (for "days") or years (for "anniversary")
    label: str = ""        # the person's words, for a marked day

    @property
    def key(self) -> str:
        """Names the milestone in a letter's front matter and in the list of declined offers."""
        return f"{self.kind}:{self.count}:{self.day.isoformat()}" if self.count else f"{self.kind}:{self.day.isoformat()}"


def _stories_of(nb: "Notebook", slug: str) -> list[Any]:
    from journal.errors import DuetError

    stories = []
    for row in nb.stories.list(companion=slug, limit=10_000):
        try:
            stories.append(nb.stories.view(row.id))
        except DuetError:      # one broken story file is one story missing, not a page that fails
            continue
    return stories


def companion_milestones(nb: "Notebook", companion: "Companion", today: date) -> list[MilestoneOffer]:
    """Every milestone with ``companion`` up to ``today``, oldest first."""
    from journal.stories.keepsakes import first_day, timeline

    stories = [s for s in _stories_of(nb, companion.slug) if first_day(s) is not None]
    if not stories:
        return []
    earliest = min(stories, key=first_day)
    first = first_day(earliest)
    offers = []
    for item in timeline(earliest, today):
        if item.kind in ("first", "anniversary"):
            offers.append(MilestoneOffer(companion.slug, companion.name, item.kind, item.day, first, item.years))
    for days in MILESTONE_DAYS:
        if first + timedelta(days=days) <= today:
            offers.append(MilestoneOffer(companion.slug, companion.name, "days", first + timedelta(days=days), first, days))
    for story in stories:
        for item in timeline(story, today):
            if item.kind == "marked" and item.day <= today:
                offers.append(MilestoneOffer(companion.slug, companion.name, "marked", item.day, first, label=item.label))
    return sorted(set(offers), key=lambda o: (o.day, o.key))


def _dismissed(nb: "Notebook") -> list[str]:
    from journal.settings import read_section

    kept = read_section(nb.home, SETTINGS_SECTION).get(DISMISSED_KEY)
    return [str(k) for k in kept] if isinstance(kept, list) else []


def _handled(nb: "Notebook", offer: MilestoneOffer) -> bool:
    """A letter for this milestone was written, or the person said "not this one"."""
    if f"{offer.slug}|{offer.key}" in _dismissed(nb):
        return True
    return any(record.get("from") == offer.slug and record.get("milestone") == offer.key
               for _letter, record in letters_since(nb, offer.day))


def help_showing(nb: "Notebook", today: date) -> bool:
    """An entry written in the last :data:`QUIET_DAYS` days shows the help panel."""
    from journal.entries.model import EntryFilter

    rows = nb.list_entries(EntryFilter(date_from=today - timedelta(days=QUIET_DAYS)), limit=RECENT_ENTRIES)
    entries = (nb.get_entry(row.id) for row in rows)
    # Letters are not the person's words: a few of them must never push a crisis entry out of this look (review).
    return any(needs_help(nb, entry) for entry in entries if not isinstance(entry.extra.get(LETTER_KEY), dict))


def milestones_due(nb: "Notebook", today: date | None = None) -> list[MilestoneOffer]:
    """Milestones to offer a letter for now: recent, from companions with letters on, not yet written or declined."""
    today = today or date.today()
    due = []
    for companion in (c for c in nb.companions.list() if letters_enabled(c)):
        recent = [offer for offer in companion_milestones(nb, companion, today)
                  if today - timedelta(days=OFFER_DAYS) < offer.day <= today]
        if recent and not nudged(nb, companion.slug, today):
            due += [offer for offer in recent if not _handled(nb, offer)]
    return [] if not due or help_showing(nb, today) else due    # most days nothing is due and nothing is checked


def occasion(offer: MilestoneOffer, lang: str | None = None) -> str:
    """The milestone in words: "100 days since you first talked", "你们认识一周年"."""
    from journal.i18n import t, tn

    if offer.kind == "marked":
        return offer.label
    if offer.kind == "first":
        return t("letters.milestone.first", lang=lang)
    if offer.kind == "days":
        return tn("letters.milestone.days", offer.count, lang=lang)
    return tn("letters.milestone.anniversary", offer.count, lang=lang)


def plan_milestone_letter(nb: "Notebook", offer: MilestoneOffer, *, today: date | None = None) -> LetterPlan:
    """The prompt for the milestone's letter, or why there is none; the same policies as :func:`milestones_due`."""
    from journal.ai.prompts import render_prompt
    from journal.i18n import t
    from journal.stories.tokens import trim_to_tokens

    today = today or date.today()
    companion = nb.companions.get(offer.slug)
    if help_showing(nb, today):
        return LetterPlan("crisis", offer.slug, milestone=offer.key)
    if not letters_enabled(companion):
        return LetterPlan("not_enabled", offer.slug, milestone=offer.key)
    if _handled(nb, offer):
        return LetterPlan("already", offer.slug, milestone=offer.key)
    if nudged(nb, offer.slug, today):
        return LetterPlan("nudge", offer.slug, milestone=offer.key)
    lang = companion.language or "en"
    words = occasion(offer, lang)
    prompt = render_prompt("letter_milestone", lang, name=companion.display_name, user=person_name(nb, lang),
                           persona=trim_to_tokens(companion.description.strip(), PERSONA_TOKENS), occasion=words,
                           first=offer.first.isoformat(), day=offer.day.isoformat(),
                           memories=_memories(nb, offer.slug))
    return LetterPlan(READY, offer.slug, milestone=offer.key, messages=[{"role": "user", "content": prompt}],
                      title=t("letters.milestone_title", lang=lang, name=companion.name, occasion=words))


def _memories(nb: "Notebook", slug: str, limit: int = 8) -> str:
    """The pinned memories of the companion's stories, one a line: what a letter about "us" can recall."""
    lines = []
    for story in _stories_of(nb, slug):
        lines += [f"- {memory}" for memory in story.memories if f"- {memory}" not in lines]
    return "\n".join(lines[:limit]) or "-"


def dismiss(nb: "Notebook", offer: MilestoneOffer) -> None:
    """"Not this one": the offer goes away for good (kept in settings, the newest :data:`MAX_DISMISSED`)."""
    from journal.settings import read_section, write_section

    section = read_section(nb.home, SETTINGS_SECTION)
    kept = [k for k in _dismissed(nb) if k != f"{offer.slug}|{offer.key}"]
    section[DISMISSED_KEY] = [*kept, f"{offer.slug}|{offer.key}"][-MAX_DISMISSED:]
    write_section(nb.home, SETTINGS_SECTION, section)


@dataclass
class Carousel:
    """A letter's cards, ready to post: PNG bytes (labelled as AI words), their file names, the caption file's text."""

    letter_id: str
    pngs: list[bytes]
    names: list[str]
    stem: str
    caption: str

    def zip_bytes(self) -> bytes:
        from journal.share.export import zip_files

        return zip_files(self.names, self.pngs)


def carousel(nb: "Notebook", letter_id: str, fmt: str = "xiaohongshu") -> Carousel:
    """The letter as a ready carousel (a cover, then its pages) through the one share pipeline."""
    from journal.share.export import caption_file, card_names, post_pngs
    from journal.share.post import make_post
    from journal.share.source import source_from_entry

    letter = nb.get_entry(letter_id)
    record = letter.extra.get(LETTER_KEY)
    name = ""
    if isinstance(record, dict):
        from journal.errors import DuetError

        try:
            name = nb.companions.get(str(record.get("from"))).name
        except DuetError:
            name = ""
    source = source_from_entry(letter).replace(companion_name=name)
    post = make_post(source, fmt, CAROUSEL_STYLE, cover=True)
    pngs = post_pngs(post)
    return Carousel(letter.id, pngs, card_names(post, len(pngs)), post.stem, caption_file(post))
