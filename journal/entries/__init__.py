"""Journal entries: what one is (``model``), its file (``files``), its index rows (``index``) and sync with edits made outside Duet (``sync``).

The names below are re-exported so ``from journal.entries import Entry`` keeps working; time, id and
slug helpers live in ``journal.times``, ``journal.ids`` and ``journal.names``.
"""

from journal.entries.model import (KNOWN_KEYS, MAX_BODY_BYTES, MAX_TAGS, MAX_TITLE_CHARS, MOOD_MAX, MOOD_MIN, Entry,
                                   EntryFilter, EntrySummary, check_body, check_mood, check_title, clean_tags,
                                   clean_words, default_title, entry_folder, entry_from_document, entry_stem)
from journal.ids import derived_id
from journal.names import MAX_SLUG_CHARS, slugify
from journal.text import BINARY_CONTROL
from journal.times import iso, local_time, now, parse_time, to_utc_key

__all__ = ["BINARY_CONTROL", "KNOWN_KEYS", "MAX_BODY_BYTES", "MAX_SLUG_CHARS", "MAX_TAGS", "MAX_TITLE_CHARS",
           "MOOD_MAX", "MOOD_MIN", "Entry", "EntryFilter", "EntrySummary", "check_body", "check_mood", "check_title",
           "clean_tags", "clean_words", "default_title", "derived_id", "entry_folder",
           "entry_from_document", "entry_stem", "iso", "local_time", "now", "parse_time", "slugify", "to_utc_key"]
