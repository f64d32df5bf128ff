"""``nb.entries``: the journal entries under the same shape as ``nb.stories`` and ``nb.companions``.

The work (validation, the file, the index, and whatever policy a save must
pass) stays in :class:`journal.notebook.Notebook`'s entry methods, so this
view and the older ``nb.create_entry`` spelling can never disagree.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from journal.entries.model import Entry, EntryFilter, EntrySummary
from journal.store import calendar as calendar_sql
from journal.times import now

if TYPE_CHECKING:
    from journal.entries.prompt_deck import DailyPrompt
    from journal.entries.templates import StartingPage, Template
    from journal.notebook import Notebook

RECENT_DAYS = 30    # the prompt deck leans on what was written in this many days


class EntryStore:
    def __init__(self, nb: "Notebook") -> None:
        self.nb = nb

    def create(self, body: str, **fields: Any) -> Entry:
        return self.nb.create_entry(body, **fields)

    def prepare(self, body: str, **fields: Any) -> Entry:
        return self.nb.prepare_entry(body, **fields)

    def create_many(self, items: Iterable[Entry | Mapping[str, Any]]) -> list[Entry]:
        return self.nb.create_entries(items)

    def get(self, entry_id: str) -> Entry:
        return self.nb.get_entry(entry_id)

    def update(self, entry_id: str, **changes: Any) -> Entry:
        return self.nb.update_entry(entry_id, **changes)

    def delete(self, entry_id: str) -> None:
        self.nb.delete_entry(entry_id)

    def list(self, flt: EntryFilter | None = None, limit: int = 20, offset: int = 0) -> list[EntrySummary]:
        return self.nb.list_entries(flt, limit, offset)

    def count(self, flt: EntryFilter | None = None) -> int:
        return self.nb.count_entries(flt)

    def search(self, query: str, flt: EntryFilter | None = None, limit: int = 20,
               offset: int = 0) -> list[EntrySummary]:
        return self.nb.search(query, flt, limit, offset)

    def tags(self) -> list[str]:
        return self.nb.all_tags()

    # --- where writing starts: templates and today's prompt (templates.py, prompt_deck.py) ---------

    def templates(self) -> list["Template"]:
        """The notebook's templates in the interface language (and those in none), starters included."""
        from dataclasses import replace

        from journal.entries.templates import fill, list_templates
        from journal.i18n import current_language

        found = list_templates(self.nb.home, current_language())
        if not any("{{" in tpl.title + tpl.description for tpl in found):
            return found
        name = self.companion_name()
        return [replace(tpl, title=fill(tpl.title, companion=name, day=""),
                        description=fill(tpl.description, companion=name, day="")) for tpl in found]

    def start_from_template(self, name: str, *, companion: str | None = None,
                            day: date | None = None) -> "StartingPage":
        """The template ``name`` filled for ``day`` (today) and ``companion`` (the one written with last)."""
        from journal.entries.templates import find_template, start_from
        from journal.i18n import current_language
        from journal.i18n.formatting import format_date

        language = current_language()
        template = find_template(self.nb.home, name, language)
        when = day or now().date()
        return start_from(template, companion=companion or self.companion_name(),
                          day=format_date(when, template.language or language))

    def companion_name(self) -> str:
        """Who ``{{companion}}`` means: the companion of the latest story, else the first one, else "them"."""
        from journal.i18n import t

        slug = self.nb._healing(lambda: calendar_sql.latest_story_companion(self.nb.index.connection()))
        companions = {c.slug: c.name for c in self.nb.companions.list()}
        if slug and slug in companions:
            return companions[slug]
        return next(iter(companions.values()), None) or t("writing.templates.someone")

    def daily_prompt(self, today: date | None = None) -> "DailyPrompt":
        """Today's question from the deck, leaning on the last month's tags and feelings; recorded once shown."""
        from journal.entries.prompt_deck import daily_prompt, person_themes
        from journal.i18n import current_language

        today = today or now().date()
        words = self.nb._healing(lambda: calendar_sql.recent_words(self.nb.index.connection(),
                                                                    today - timedelta(days=RECENT_DAYS)))
        has_story = self.nb._healing(lambda: calendar_sql.latest_story_companion(self.nb.index.connection()))
        return daily_prompt(self.nb.home, today, current_language(), themes=person_themes(*words),
                            companion=self.companion_name() if has_story else None)
