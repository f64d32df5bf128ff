"""Restoring an ``export zip`` into a notebook: every file back, byte for byte.

Into an empty notebook the result is exactly the exported one. Into a notebook
that already has things, a file already there with the same bytes is skipped,
and a different file at the same path is left as it is (and reported): a
restore never overwrites what the person has now. The search index is rebuilt
from the restored files at the end.

A zip without Duet's manifest is accepted when it plainly holds a notebook
folder (``journal/``, ``stories/``, ``companions/`` or ``settings.yaml``,
possibly inside one top folder), e.g. a folder zipped by hand.
"""

from __future__ import annotations

import os
import zipfile
from pathlib import Path
from typing import Any

import yaml

from journal.errors import BrokenFile, DuetError
from journal.export import notebook_files
from journal.export.zip_export import read_manifest
from journal.i18n import t
from journal.importers.report import ImportReport, Progress, report_progress
from journal.importers.sources import (existing_path, is_file_member, looks_like_zip, member_time, open_zip,
                                       path_inside, read_member, safe_member_name)
from journal.settings import SETTINGS_FILE
from journal.store.atomic import atomic_write_many
from journal.store.sealed import read_bytes

KIND = "zip"
MAX_RESTORE_BYTES = 50_000_000_000     # refuse a zip claiming more than this in total (a zip bomb)
BATCH_FILES = 500
BATCH_BYTES = 256_000_000


def _top_prefix(names: list[str]) -> str | None:
    """``""`` when notebook folders sit at the zip's root, ``"X/"`` when inside one folder, else ``None``."""
    def has_marker(prefix: str) -> bool:
        return any(n.startswith(prefix + m + "/") or n == prefix + m for n in names for m in notebook_files.NOTEBOOK_MARKERS)

    if has_marker(""):
        return ""
    tops = {n.split("/", 1)[0] for n in names if "/" in n}
    if len(tops) == 1:
        prefix = tops.pop() + "/"
        if has_marker(prefix):
            return prefix
    return None


def _plan(zf: zipfile.ZipFile, zip_name: str, report: ImportReport) -> list[tuple[int, str, zipfile.ZipInfo]]:
    infos = [i for i in zf.infolist() if is_file_member(i)]
    if sum(i.file_size for i in infos) > MAX_RESTORE_BYTES:
        raise BrokenFile("data.errors.too_large", name=zip_name, limit_mb=MAX_RESTORE_BYTES // 1_000_000)
    names = [safe_member_name(i) for i in infos]
    prefix = "" if read_manifest(zf) is not None else _top_prefix([n for n in names if n])
    if prefix is None:
        raise BrokenFile("data.errors.not_duet_zip", name=zip_name)
    plan = []
    for position, (info, name) in enumerate(zip(infos, names), start=1):
        if name is None:
            report.add_broken(position, info.filename, t("data.zip.unsafe_path"))
            continue
        if not name.startswith(prefix):
            continue
        relative = name[len(prefix):]
        if notebook_files.is_excluded(relative) or relative.startswith("__MACOSX/"):
            continue
        plan.append((position, relative, info))
    return plan


def _settings_ok(data: bytes) -> bool:
    try:
        return not notebook_files.has_secrets(yaml.safe_load(data.decode("utf-8")))
    except (UnicodeDecodeError, yaml.YAMLError):
        return True


def restore(nb: Any, zf: zipfile.ZipFile, zip_name: str, progress: Progress | None = None) -> ImportReport:
    report = ImportReport(KIND)
    home = Path(nb.home)
    plan = _plan(zf, zip_name, report)
    total = len(plan)
    report_progress(progress, 0, total)
    batch: list[tuple[Path, bytes, zipfile.ZipInfo]] = []
    batch_bytes = 0
    for done, (position, relative, info) in enumerate(plan, start=1):
        try:
            target = path_inside(home, relative)   # a symbolic link in the notebook is not written through
        except BrokenFile:
            report.add_broken(position, relative, t("data.zip.unsafe_path"))
            continue
        try:
            data = read_member(zf, info)
        except DuetError as exc:
            report.add_broken(position, relative, exc)
            continue
        if relative == SETTINGS_FILE and not _settings_ok(data):
            report.add_broken(position, relative, t("data.zip.settings_with_secrets"))
            continue
        if target.exists() or target.is_symlink():
            if target.is_file() and read_bytes(target) == data:
                report.skipped += 1
            else:
                report.add_warning(position, relative, t("data.zip.kept_existing"))
            continue
        batch.append((target, data, info))
        batch_bytes += len(data)
        if len(batch) >= BATCH_FILES or batch_bytes >= BATCH_BYTES:
            _write(batch, report)
            batch_bytes = 0
            report_progress(progress, done, total)
    _write(batch, report)
    _report_unreadable(nb, {relative: position for position, relative, _info in plan}, report)
    report_progress(progress, total, total)
    return report


def _report_unreadable(nb: Any, restored: dict[str, int], report: ImportReport) -> None:
    """Restored files Duet cannot read are kept byte for byte, skipped like any bad file, and named in the report."""
    for relative, message in nb.sync().broken:
        if relative in restored:
            report.add_warning(restored[relative], relative, message)


def _write(batch: list[tuple[Path, bytes, zipfile.ZipInfo]], report: ImportReport) -> None:
    if not batch:
        return
    atomic_write_many((target, data) for target, data, _info in batch)
    for target, _data, info in batch:
        when = member_time(info)
        if when is None:   # a zero date in the zip: the file keeps today's date
            report.added += 1
            continue
        try:
            os.utime(target, (when.timestamp(), when.timestamp()))   # a note without a date keeps its file date
        except OSError:
            pass
        report.added += 1
    batch.clear()


def import_path(nb: Any, path: str | Path, progress: Progress | None = None) -> ImportReport:
    path = existing_path(path)
    if not looks_like_zip(path):
        raise BrokenFile("data.errors.not_zip", name=path.name)
    with open_zip(path) as zf:
        return restore(nb, zf, path.name, progress)
