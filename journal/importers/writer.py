"""Writing parsed import items: skip what is already there, refuse bad items alone, batch the rest.

Importers only parse; this module owns the rules every kind shares:
an item whose source id is already in the notebook is skipped (so importing
the same file twice adds nothing), an item that fails validation is reported
with its position and the rest still import, and writes go through
``Notebook.create_entries`` in batches so 10,000 entries take seconds.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from journal.errors import DuetError
from journal.importers.report import ImportIssue, ImportReport, Progress, report_progress
from journal.store.entries import known_sources

BATCH_SIZE = 500
MAX_BATCH_ATTACHMENT_BYTES = 256_000_000   # flush early when photos pile up, so memory stays bounded
SOURCE_KEY = "source"


@dataclass
class EntryItem:
    """One entry parsed from an import file, not yet validated or written."""

    position: int
    label: str
    source: str                                   # e.g. "jrnl:<hash>", "dayone:<uuid>"
    fields: dict[str, Any]                        # keyword arguments of Notebook.prepare_entry
    attachments: list[tuple[str, bytes]] = field(default_factory=list)   # (path under home, bytes)
    warnings: list[str] = field(default_factory=list)


def write_entry_items(nb: Any, items: Iterable[EntryItem | ImportIssue], report: ImportReport,
                      progress: Progress | None = None, total: int | None = None) -> ImportReport:
    """Write ``items`` (a list, or a generator with its ``total`` given) and fill in ``report``."""
    nb.sync()  # files added while the app ran are known before deciding what is "already imported"
    if total is None:
        items = list(items)
        total = len(items)
    seen = known_sources(nb.index)
    batch: list[tuple[EntryItem, Any]] = []
    batch_bytes = 0
    done = 0
    report_progress(progress, 0, total)
    for item in items:
        if isinstance(item, ImportIssue):
            report.broken.append(item)
        elif item.source in seen:
            report.skipped += 1
        else:
            try:
                extra = dict(item.fields.get("extra") or {})
                extra[SOURCE_KEY] = item.source
                entry = nb.prepare_entry(**{**item.fields, "extra": extra})
            except DuetError as exc:
                report.add_broken(item.position, item.label, exc)
            else:
                seen.add(item.source)
                batch.append((item, entry))
                batch_bytes += sum(len(data) for _name, data in item.attachments)
        done += 1
        if len(batch) >= BATCH_SIZE or batch_bytes >= MAX_BATCH_ATTACHMENT_BYTES:
            _flush(nb, batch, report)
            batch_bytes = 0
            report_progress(progress, done, total)
    _flush(nb, batch, report)
    report_progress(progress, max(done, total), max(done, total))
    return report


def _flush(nb: Any, batch: list[tuple[EntryItem, Any]], report: ImportReport) -> None:
    if not batch:
        return
    from journal.importers.sources import path_inside
    from journal.store.atomic import atomic_write_many

    files: dict[Path, bytes] = {}
    for item, _entry in batch:
        for relative, data in item.attachments:
            target = path_inside(Path(nb.home), relative)   # importers build safe names; this is the last guard
            if target not in files and not target.exists():  # never overwrite what is already there
                files[target] = data
    if files:
        atomic_write_many(files.items())
    entries = nb.create_entries([entry for _item, entry in batch])
    for (item, _), entry in zip(batch, entries):
        report.added += 1
        report.added_ids.append(entry.id)
        for message in item.warnings:
            report.add_warning(item.position, item.label, message)
    batch.clear()
