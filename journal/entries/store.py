"""``nb.entries``: the journal entries under the same shape as ``nb.stories`` and ``nb.companions``.

The work (validation, the file, the index, and whatever policy a save must
pass) stays in :class:`journal.notebook.Notebook`'s entry methods, so this
view and the older ``nb.create_entry`` spelling can never disagree.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from journal.entries.model import Entry, EntryFilter, EntrySummary

if TYPE_CHECKING:
    from journal.notebook import Notebook


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
