"""Letters back (a two-voice diary): after a journal entry is saved, a companion may answer it with a short letter.

Opt-in per companion (``extensions.duet.letters``). The letter is a journal
entry of its own, beside the one it answers, so it is searchable and
shareable like any entry; the two link both ways in their front matter
(``letter.reply_to`` and ``letters``), and the letter's words are recorded as
the AI's (:mod:`journal.provenance`). Help comes first: when the entry's
crisis check would show the help panel, no letter is written and the model
is not even asked. While the step-back nudge is active a companion writes at
most one letter every :data:`NUDGED_LETTER_DAYS` days.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from journal.errors import InvalidInput

if TYPE_CHECKING:
    from journal.ai.backend import ChatBackend
    from journal.entries.model import Entry
    from journal.notebook import Notebook

LETTERS_KEY = "letters"          # Companion.extensions["duet"]: {"enabled": true}; Entry.extra: ids of letters to it
LETTER_KEY = "letter"            # Entry.extra of a letter: {"from": slug, "reply_to": entry id}
LETTER_TAG = "letter"
NUDGED_LETTER_DAYS = 3           # while the step-back nudge is active, at most one letter per companion per 3 days
MAX_LETTER_CHARS = 4_000


@dataclass
class LetterOutcome:
    letter: "Entry | None"
    reason: str        # "written" | "crisis" | "not_enabled" | "nudge" | "already" | "empty"


def letters_enabled(companion: Any) -> bool:
    duet = companion.extensions.get("duet") if isinstance(companion.extensions, dict) else None
    settings = duet.get(LETTERS_KEY) if isinstance(duet, dict) else None
    return isinstance(settings, dict) and settings.get("enabled") is True


def set_letters(nb: "Notebook", slug: str, enabled: bool) -> Any:
    companion = nb.companions.get(slug)
    duet = dict(companion.extensions.get("duet") or {}) if isinstance(companion.extensions.get("duet"), dict) else {}
    duet[LETTERS_KEY] = {"enabled": bool(enabled)}
    return nb.companions.update(slug, extensions={**companion.extensions, "duet": duet})


def _nudge_active(nb: "Notebook", today: date) -> bool:
    from journal.insights.nudge import COOLDOWN_DAYS, nudge_state

    state = nudge_state(nb.home)
    return state.last_shown is not None and not state.dismissed and (today - state.last_shown).days < COOLDOWN_DAYS


def _recent_letter(nb: "Notebook", slug: str, since: date) -> bool:
    from journal.entries.model import EntryFilter

    for row in nb.list_entries(EntryFilter(tag=LETTER_TAG, date_from=since), limit=200):
        letter = nb.get_entry(row.id).extra.get(LETTER_KEY)
        if isinstance(letter, dict) and letter.get("from") == slug:
            return True
    return False


def write_letter(nb: "Notebook", entry_id: str, slug: str, chat: "ChatBackend", *,
                 today: date | None = None) -> LetterOutcome:
    """The companion's letter in reply to ``entry_id``, saved and linked; or why none was written."""
    from journal.ai.prompts import render_prompt
    from journal.i18n import t
    from journal.provenance import passage, with_ai_words
    from journal.safety.policy import check_writing, written_text
    from journal.stories.tokens import trim_to_tokens
    from journal.times import now

    entry = nb.get_entry(entry_id)
    if check_writing(written_text(entry.body, entry.title), nb.home).needs_support:
        return LetterOutcome(None, "crisis")           # the help panel shows for this entry: help comes first
    companion = nb.companions.get(slug)
    if not letters_enabled(companion):
        return LetterOutcome(None, "not_enabled")
    if isinstance(entry.extra.get(LETTER_KEY), dict):
        raise InvalidInput("letters.errors.no_letter_to_letter")
    today = today or date.today()
    if _nudge_active(nb, today) and _recent_letter(nb, slug, today - timedelta(days=NUDGED_LETTER_DAYS - 1)):
        return LetterOutcome(None, "nudge")
    lang = companion.language or "en"
    user = nb.settings.general.name or t("stories.default_user_name", lang=lang)
    prompt = render_prompt("letter_reply", lang, name=companion.display_name, user=user,
                           persona=trim_to_tokens(companion.description.strip(), 300), title=entry.title,
                           entry=trim_to_tokens(entry.body, 1500))
    text = chat.complete_chat([{"role": "user", "content": prompt}]).strip()[:MAX_LETTER_CHARS]
    if not text:
        return LetterOutcome(None, "empty")
    extra = with_ai_words({LETTER_KEY: {"from": slug, "reply_to": entry.id}}, [passage("letter", text, now())])
    letter = nb.create_entry(text, title=t("letters.title", lang=lang, name=companion.name), tags=[LETTER_TAG],
                             extra=extra)
    linked = [i for i in entry.extra.get(LETTERS_KEY, []) if isinstance(i, str)] \
        if isinstance(entry.extra.get(LETTERS_KEY), list) else []
    nb.update_entry(entry.id, extra={LETTERS_KEY: [*linked, letter.id]})
    return LetterOutcome(letter, "written")
