"""Letters back (a two-voice diary): after a journal entry is saved, a companion may answer it with a short letter.

Opt-in per companion (``extensions.duet.letters``): ``enabled`` lets the
companion offer a letter under a saved entry; ``unprompted`` lets it write
one on its own right after a new entry is saved. The letter is a journal
entry of its own, beside the one it answers, so it is searchable and
shareable like any entry; the two link both ways in their front matter
(``letter.reply_to`` and ``letters``), and the letter's words are recorded as
the AI's (:mod:`journal.provenance`). Help comes first: when the entry's
crisis check would show the help panel, no letter is offered or written and
the model is not even asked. While the step-back nudge is active a companion
writes at most one letter every :data:`NUDGED_LETTER_DAYS` days. A letter is
planned (every policy checked, the prompt built) before the model is asked,
so a page can stream it and keep it only when it is whole.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from journal.errors import InvalidInput

if TYPE_CHECKING:
    from journal.ai.backend import ChatBackend
    from journal.companions.milestone_letters import Carousel, MilestoneOffer
    from journal.entries.model import Entry
    from journal.notebook import Notebook

LETTERS_KEY = "letters"          # Companion.extensions["duet"]: {"enabled": true}; Entry.extra: ids of letters to it
LETTER_KEY = "letter"            # Entry.extra of a letter: {"from": slug, "reply_to": entry id} or {"milestone": key}
LETTER_TAG = "letter"
NUDGED_LETTER_DAYS = 3           # while the step-back nudge is active, at most one letter per companion per 3 days
MAX_LETTER_CHARS = 4_000
PERSONA_TOKENS, ENTRY_TOKENS = 300, 1500
HELP_CACHE_ENTRIES = 512         # crisis checks remembered per notebook (entry id and version -> help panel shown)
READY = "ready"


@dataclass
class LetterOutcome:
    letter: "Entry | None"
    reason: str        # "written" | "crisis" | "not_enabled" | "nudge" | "already" | "empty"


@dataclass
class LetterPlan:
    """A letter about to be asked for: every policy already checked (``reason`` is "ready" or why not)."""

    reason: str
    slug: str
    entry_id: str | None = None                  # the entry it answers, or None for a milestone letter
    milestone: str | None = None                 # the milestone's key for a milestone letter
    messages: list[dict[str, str]] = field(default_factory=list)
    title: str = ""

    @property
    def ready(self) -> bool:
        return self.reason == READY


@dataclass(frozen=True)
class LetterOffer:
    """A companion who may answer an entry: its slug, its name, and whether it writes without being asked."""

    slug: str
    name: str
    unprompted: bool = False


@dataclass(frozen=True)
class LetterLink:
    """One side of the link between a letter and the entry it answers, for the reader to show."""

    id: str
    title: str
    companion: str = ""      # the companion's name (letters only)


def _letter_settings(companion: Any) -> dict[str, Any]:
    duet = companion.extensions.get("duet") if isinstance(companion.extensions, dict) else None
    settings = duet.get(LETTERS_KEY) if isinstance(duet, dict) else None
    return settings if isinstance(settings, dict) else {}


def letters_enabled(companion: Any) -> bool:
    return _letter_settings(companion).get("enabled") is True


def letters_unprompted(companion: Any) -> bool:
    """The companion writes on its own after a new entry is saved (only when letters are on at all)."""
    settings = _letter_settings(companion)
    return settings.get("enabled") is True and settings.get("unprompted") is True


def set_letters(nb: "Notebook", slug: str, enabled: bool, unprompted: bool | None = None) -> Any:
    """Letters on or off; ``unprompted`` left as None keeps what the companion had."""
    companion = nb.companions.get(slug)
    duet = dict(companion.extensions.get("duet") or {}) if isinstance(companion.extensions.get("duet"), dict) else {}
    keep = _letter_settings(companion).get("unprompted") is True if unprompted is None else bool(unprompted)
    duet[LETTERS_KEY] = {"enabled": bool(enabled), "unprompted": keep}
    return nb.companions.update(slug, extensions={**companion.extensions, "duet": duet})


def needs_help(nb: "Notebook", entry: "Entry") -> bool:
    """The entry's crisis check would show the help panel: then no letter, and no offer of one.

    Remembered per version of the entry (a long entry takes a tenth of a second to check, and the
    Journal page asks on every rerun); an edit is a new version, so it is checked again.
    """
    from journal.safety.policy import check_writing, written_text

    cache = nb.companions.letters.help_cache
    key = (entry.id, entry.version)
    if entry.version is None or key not in cache:
        found = check_writing(written_text(entry.body, entry.title), nb.home).needs_support
        if entry.version is None:
            return found
        cache[key] = found
        while len(cache) > HELP_CACHE_ENTRIES:
            cache.pop(next(iter(cache)))
    return cache[key]


def _nudge_active(nb: "Notebook", today: date) -> bool:
    from journal.insights.nudge import COOLDOWN_DAYS, nudge_state

    state = nudge_state(nb.home)
    return state.last_shown is not None and not state.dismissed and (today - state.last_shown).days < COOLDOWN_DAYS


def letters_since(nb: "Notebook", since: date, *, limit: int = 200) -> list[tuple["Entry", dict[str, Any]]]:
    """Every letter written on or after ``since`` with its ``letter`` record (who wrote it, to what)."""
    from journal.entries.model import EntryFilter

    found = []
    for row in nb.list_entries(EntryFilter(tag=LETTER_TAG, date_from=since), limit=limit):
        letter = nb.get_entry(row.id)
        record = letter.extra.get(LETTER_KEY)
        if isinstance(record, dict):
            found.append((letter, record))
    return found


def nudged(nb: "Notebook", slug: str, today: date) -> bool:
    """The step-back nudge is active and this companion wrote a letter in the last few days: wait."""
    if not _nudge_active(nb, today):
        return False
    since = today - timedelta(days=NUDGED_LETTER_DAYS - 1)
    return any(record.get("from") == slug for _letter, record in letters_since(nb, since))


def _linked_ids(entry: "Entry") -> list[str]:
    linked = entry.extra.get(LETTERS_KEY)
    return [i for i in linked if isinstance(i, str)] if isinstance(linked, list) else []


def letters_to(nb: "Notebook", entry: "Entry") -> list[LetterLink]:
    """The letters that answer ``entry`` (a letter since deleted or unreadable is left out)."""
    from journal.errors import DuetError

    links = []
    for letter_id in _linked_ids(entry):
        try:
            letter = nb.get_entry(letter_id)
        except DuetError:
            continue
        record = letter.extra.get(LETTER_KEY)
        slug = record.get("from") if isinstance(record, dict) else None
        links.append(LetterLink(letter.id, letter.title, _companion_name(nb, slug)))
    return links


def reply_to(nb: "Notebook", letter: "Entry") -> LetterLink | None:
    """The entry a letter answers (None for a milestone letter, or when that entry is gone)."""
    from journal.errors import DuetError

    record = letter.extra.get(LETTER_KEY)
    target = record.get("reply_to") if isinstance(record, dict) else None
    if not isinstance(target, str):
        return None
    try:
        entry = nb.get_entry(target)
    except DuetError:
        return None
    return LetterLink(entry.id, entry.title)


def _companion_name(nb: "Notebook", slug: Any) -> str:
    from journal.errors import DuetError

    try:
        return nb.companions.get(str(slug)).name
    except DuetError:
        return str(slug or "")


def already_answered(nb: "Notebook", entry: "Entry", slug: str) -> bool:
    from journal.errors import DuetError

    for letter_id in _linked_ids(entry):
        try:
            record = nb.get_entry(letter_id).extra.get(LETTER_KEY)
        except DuetError:
            continue
        if isinstance(record, dict) and record.get("from") == slug:
            return True
    return False


def plan_letter(nb: "Notebook", entry_id: str, slug: str, *, today: date | None = None) -> LetterPlan:
    """The prompt for ``slug``'s letter in reply to ``entry_id``, or why there is none (nothing asked of a model)."""
    from journal.ai.prompts import render_prompt
    from journal.i18n import t
    from journal.stories.tokens import trim_to_tokens

    entry = nb.get_entry(entry_id)
    if needs_help(nb, entry):
        return LetterPlan("crisis", slug, entry.id)         # the help panel shows for this entry: help comes first
    companion = nb.companions.get(slug)
    if not letters_enabled(companion):
        return LetterPlan("not_enabled", slug, entry.id)
    if isinstance(entry.extra.get(LETTER_KEY), dict):
        raise InvalidInput("letters.errors.no_letter_to_letter")
    if already_answered(nb, entry, slug):
        return LetterPlan("already", slug, entry.id)
    if nudged(nb, slug, today or date.today()):
        return LetterPlan("nudge", slug, entry.id)
    lang = companion.language or "en"
    prompt = render_prompt("letter_reply", lang, name=companion.display_name, user=person_name(nb, lang),
                           persona=trim_to_tokens(companion.description.strip(), PERSONA_TOKENS), title=entry.title,
                           entry=trim_to_tokens(entry.body, ENTRY_TOKENS))
    return LetterPlan(READY, slug, entry.id, messages=[{"role": "user", "content": prompt}],
                      title=t("letters.title", lang=lang, name=companion.name))


def person_name(nb: "Notebook", lang: str) -> str:
    from journal.i18n import t

    return nb.settings.general.name or t("stories.default_user_name", lang=lang)


def keep_letter(nb: "Notebook", plan: LetterPlan, text: str) -> LetterOutcome:
    """Save the model's letter for a ready ``plan``: an entry tagged ``letter``, its words the AI's, linked both ways."""
    from journal.provenance import passage, with_ai_words
    from journal.times import now

    if not plan.ready:
        return LetterOutcome(None, plan.reason)
    text = (text or "").strip()[:MAX_LETTER_CHARS]
    if not text:
        return LetterOutcome(None, "empty")
    record: dict[str, Any] = {"from": plan.slug}
    if plan.entry_id:
        record["reply_to"] = plan.entry_id
    if plan.milestone:
        record["milestone"] = plan.milestone
    extra = with_ai_words({LETTER_KEY: record}, [passage("letter", text, now())])
    letter = nb.create_entry(text, title=plan.title, tags=[LETTER_TAG], extra=extra)
    if plan.entry_id:
        entry = nb.get_entry(plan.entry_id)
        nb.update_entry(entry.id, extra={LETTERS_KEY: [*_linked_ids(entry), letter.id]})
    return LetterOutcome(letter, "written")


def write_letter(nb: "Notebook", entry_id: str, slug: str, chat: "ChatBackend", *,
                 today: date | None = None) -> LetterOutcome:
    """The companion's letter in reply to ``entry_id``, saved and linked; or why none was written."""
    plan = plan_letter(nb, entry_id, slug, today=today)
    if not plan.ready:
        return LetterOutcome(None, plan.reason)
    return keep_letter(nb, plan, chat.complete_chat(plan.messages))


class Letters:
    """``nb.companions.letters``: what the Journal page offers, writes and links, behind the one door."""

    def __init__(self, nb: "Notebook") -> None:
        self.nb = nb
        self.help_cache: dict[tuple[str, str | None], bool] = {}

    def set(self, slug: str, enabled: bool, unprompted: bool | None = None) -> Any:
        return set_letters(self.nb, slug, enabled, unprompted)

    def settings(self, slug: str) -> tuple[bool, bool]:
        """(letters on, "write without being asked" chosen) for one companion; the second is kept while letters are off."""
        companion = self.nb.companions.get(slug)
        return letters_enabled(companion), _letter_settings(companion).get("unprompted") is True

    def offers(self, entry_id: str) -> list[LetterOffer]:
        """Companions who may answer this entry now: opted in, not yet answered it; none when help comes first."""
        entry = self.nb.get_entry(entry_id)
        if isinstance(entry.extra.get(LETTER_KEY), dict):
            return []
        companions = [c for c in self.nb.companions.list() if letters_enabled(c)]
        if not companions or needs_help(self.nb, entry):
            return []
        return [LetterOffer(c.slug, c.name, letters_unprompted(c)) for c in companions
                if not already_answered(self.nb, entry, c.slug)]

    def plan(self, entry_id: str, slug: str, today: date | None = None) -> LetterPlan:
        return plan_letter(self.nb, entry_id, slug, today=today)

    def keep(self, plan: LetterPlan, text: str) -> LetterOutcome:
        return keep_letter(self.nb, plan, text)

    def write(self, entry_id: str, slug: str, chat: "ChatBackend", today: date | None = None) -> LetterOutcome:
        return write_letter(self.nb, entry_id, slug, chat, today=today)

    def letters_to(self, entry: "Entry") -> list[LetterLink]:
        return letters_to(self.nb, entry)

    def reply_to(self, letter: "Entry") -> LetterLink | None:
        return reply_to(self.nb, letter)

    def is_letter(self, entry: "Entry") -> bool:
        return isinstance(entry.extra.get(LETTER_KEY), dict)

    # --- milestones (journal.companions.milestone_letters) -----------------------------------

    def milestones_due(self, today: date | None = None) -> list["MilestoneOffer"]:
        from journal.companions.milestone_letters import milestones_due

        return milestones_due(self.nb, today)

    def plan_milestone(self, offer: "MilestoneOffer", today: date | None = None) -> LetterPlan:
        from journal.companions.milestone_letters import plan_milestone_letter

        return plan_milestone_letter(self.nb, offer, today=today)

    def occasion(self, offer: "MilestoneOffer") -> str:
        """The milestone in words, in the interface language: "100 days since you first talked"."""
        from journal.companions.milestone_letters import occasion

        return occasion(offer)

    def dismiss_milestone(self, offer: "MilestoneOffer") -> None:
        from journal.companions.milestone_letters import dismiss

        dismiss(self.nb, offer)

    def carousel(self, letter_id: str, fmt: str = "xiaohongshu") -> "Carousel":
        from journal.companions.milestone_letters import carousel

        return carousel(self.nb, letter_id, fmt)
