"""``nb.entries``: the journal entries under the same shape as ``nb.stories`` and ``nb.companions``.

The work (validation, the file, the index, and whatever policy a save must
pass) stays in :class:`journal.notebook.Notebook`'s entry methods, so this
view and the older ``nb.create_entry`` spelling can never disagree.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, time, timedelta
from typing import TYPE_CHECKING, Any

from journal.entries.model import Entry, EntryFilter, EntrySummary
from journal.store import calendar as calendar_sql
from journal.times import now, parse_time

if TYPE_CHECKING:
    from journal.entries.calendar import GentleCounts, MonthView, PastEntry
    from journal.entries.pictures import KeptPicture
    from journal.entries.prompt_deck import DailyPrompt
    from journal.entries.templates import StartingPage, Template
    from journal.notebook import Notebook

RECENT_DAYS = 30    # the prompt deck leans on what was written in this many days
DAY_LIMIT = 50      # entries listed for one calendar day
ON_THIS_DAY_LIMIT = 10   # past entries On This Day shows, newest first


class EntryStore:
    def __init__(self, nb: "Notebook") -> None:
        self.nb = nb
        self._counts_cache: tuple[Any, "GentleCounts"] | None = None   # ((index stamp, today), counts)

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

        slug = self.nb._healing(lambda: calendar_sql.latest_story_companion(self.nb.index))
        companions = {c.slug: c.name for c in self.nb.companions.list()}
        if slug and slug in companions:
            return companions[slug]
        return next(iter(companions.values()), None) or t("writing.templates.someone")

    def daily_prompt(self, today: date | None = None) -> "DailyPrompt":
        """Today's question from the deck, leaning on the last month's tags and feelings; recorded once shown."""
        from journal.entries.prompt_deck import daily_prompt, person_themes
        from journal.i18n import current_language

        today = today or now().date()
        words = self.nb._healing(lambda: calendar_sql.recent_words(self.nb.index,
                                                                    today - timedelta(days=RECENT_DAYS)))
        has_story = self.nb._healing(lambda: calendar_sql.latest_story_companion(self.nb.index))
        return daily_prompt(self.nb.home, today, current_language(), themes=person_themes(*words),
                            companion=self.companion_name() if has_story else None)

    # --- the Journal page's sense of time (calendar.py; its SQL in journal/store/calendar.py) -----------

    def month(self, year: int, month: int) -> "MonthView":
        """One month of days with entries and their average mood, read from the index (never the files)."""
        from journal.entries.calendar import month_bounds, month_view

        first, after = month_bounds(year, month)
        return month_view(year, month, self.nb._healing(
            lambda: calendar_sql.month_days(self.nb.index, first, after)))

    def on_day(self, day: date, limit: int = DAY_LIMIT) -> list[EntrySummary]:
        """The entries written on ``day`` (the writer's local day), newest first."""
        return self.nb.list_entries(EntryFilter(date_from=day, date_to=day), limit=limit)

    def counts(self, today: date | None = None) -> "GentleCounts":
        """Days written this month and the longest run of days in a row."""
        from journal.entries.calendar import gentle_counts

        today = today or now().date()
        key = (self._index_stamp(), today)
        cached = self._counts_cache
        if key[0] is not None and cached is not None and cached[0] == key:
            return cached[1]
        # Remembered until the index files change: every rerun of the Journal page shows the counts, and
        # reading every written day of a 20,000-entry notebook each time would make every click cost more.
        days = self.nb._healing(lambda: calendar_sql.written_days(self.nb.index))
        counts = gentle_counts((date.fromisoformat(day) for day in days), today)
        self._counts_cache = (key, counts)
        return counts

    def _index_stamp(self) -> tuple[int, ...] | None:
        """What changes whenever the index is written: the database file's and its write-ahead log's mtime and size."""
        stamp: list[int] = []
        for path in (self.nb.index.path, self.nb.index.path.with_name(self.nb.index.path.name + "-wal")):
            try:
                found = path.stat()
            except OSError:
                return None
            stamp += [found.st_mtime_ns, found.st_size]
        return tuple(stamp)

    def on_this_day(self, today: date | None = None, limit: int = ON_THIS_DAY_LIMIT, *,
                    milestones: bool = True) -> list["PastEntry"]:
        """Entries from this date in past years, the newest ``limit`` of them (a page, not an archive: the
        calendar has the rest); one about a companion carries that companion's story milestones of this date.

        The rows are kept until the next commit to the index (a page asks on every click, #19). ``milestones=False``
        skips reading the companions and their stories: the folded On This Day shows only how many there are.
        """
        from journal.entries.calendar import PastEntry

        today = today or now().date()
        rows = self.nb.index.memo(f"on_this_day {today.isoformat()} {limit}", lambda: self._past_rows(today, limit))
        found = [PastEntry(id=row["id"], title=row["title"], created=parse_time(row["created"]),
                           day=date.fromisoformat(row["day"]), years_ago=today.year - int(row["day"][:4]),
                           mood=row["mood"]) for row in rows]
        if found and milestones:
            self._attach_milestones(found, rows, today)
        return found

    def _past_rows(self, today: date, limit: int) -> list[Any]:
        from journal.entries.calendar import on_this_day_dates

        first = self.nb._healing(lambda: calendar_sql.first_day(self.nb.index))
        if first is None:
            return []
        days = [day.isoformat() for day in on_this_day_dates(today, int(first[:4]))]
        return self.nb._healing(lambda: calendar_sql.entries_on_days(self.nb.index, days, limit))

    def _attach_milestones(self, found: list["PastEntry"], rows: list[Any], today: date) -> None:
        from journal.entries.calendar import Milestone, mentions, milestone_matches
        from journal.stories.keepsakes import timeline

        companions = self.nb.companions.list()
        by_companion: dict[str, list[Milestone]] = {}
        for item, row in zip(found, rows):
            text = f"{row['title']}\n{row['body']}\n{row['tags_json']}"
            for companion in (c for c in companions if mentions(c.name, text)):
                if companion.slug not in by_companion:
                    by_companion[companion.slug] = [
                        Milestone(companion=companion.name, story_title=summary.title, day=m.day, kind=m.kind,
                                  label=m.label, years=m.years)
                        for summary in self.nb.stories.list(companion=companion.slug)
                        for m in timeline(self.nb.stories.get(summary.id), today) if milestone_matches(m.day, today)]
                item.milestones += by_companion[companion.slug]

    # --- pictures in new writing (pictures.py) ------------------------------------------------------------

    def add_picture(self, data: bytes, filename: str, *, keep_location: bool = False) -> "KeptPicture":
        """Check a picture, drop its location unless kept, store it once under ``attachments/``;
        ``.entry_markdown(created)`` / ``.story_markdown()`` give the link to put in the text."""
        from journal.entries.pictures import keep_picture

        with self.nb.lock:
            return keep_picture(self.nb.home, data, filename, keep_location=keep_location)

    def picture_types(self) -> list[str]:
        """The file extensions a picture picker offers (the content is checked all the same)."""
        from journal.entries.pictures import UPLOAD_TYPES

        return list(UPLOAD_TYPES)

    def picture_limit_mb(self) -> int:
        """The largest picture kept, in whole megabytes, for a picker to refuse bigger files before sending them."""
        from journal.entries.pictures import MAX_PICTURE_BYTES

        return MAX_PICTURE_BYTES // 1_000_000

    # --- reminders (reminders.py) -------------------------------------------------------------------------

    def reminder_ics(self, weekdays: Sequence[int], at: time, *, url: str | None = None) -> bytes:
        """An iCalendar file for the phone's calendar: a recurring event on those weekdays, linking back here."""
        from journal.entries.reminders import DEFAULT_APP_URL, reminder_ics

        return reminder_ics(weekdays, at, url=url or DEFAULT_APP_URL, start=now().date())
