"""Your data on the command line: ``import KIND PATH``, ``export zip|markdown|json``, ``delete-all --yes``.

Import and export kinds are registered with :mod:`journal.cli.transfer`;
``delete-all`` is a command of its own. Nothing heavy is imported until a
handler runs.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any, Callable

from journal.cli.output import emit
from journal.cli.transfer import register_export_kind, register_import_kind
from journal.errors import InvalidInput
from journal.i18n import t
from journal.importers import IMPORT_MODULES

PROGRESS_MIN_TOTAL = 50      # below this an import is instant and a progress line is noise


def _stderr_progress(args: argparse.Namespace) -> Callable[[int, int], None] | None:
    """A ``done/total`` line on the terminal, rewritten in place; nothing when piped or with --json."""
    if getattr(args, "json", False) or not sys.stderr.isatty():
        return None

    def show(done: int, total: int) -> None:
        if total >= PROGRESS_MIN_TOTAL:
            end = "\n" if done >= total else ""
            sys.stderr.write("\r" + t("data.cli.progress", done=done, total=total) + end)
            sys.stderr.flush()

    return show


def cmd_import(args: argparse.Namespace, open_notebook: Callable[[], Any]) -> int:
    from journal.importers import run_import

    report = run_import(open_notebook(), args.kind, args.path, progress=_stderr_progress(args))
    emit(args, report.to_dict(), "\n".join(report.lines()))
    return 0


def _configure_zip(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("out", metavar="OUT.zip", help=t("data.cli.zip_out"))
    parser.add_argument("--force", action="store_true", help=t("data.cli.force"))


def _configure_markdown(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("out", metavar="DIR", help=t("data.cli.markdown_out"))


def _configure_json(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("out", metavar="OUT.json", nargs="?", default="-", help=t("data.cli.json_out"))
    parser.add_argument("--force", action="store_true", help=t("data.cli.force"))


def cmd_export_zip(args: argparse.Namespace, open_notebook: Callable[[], Any]) -> int:
    from journal.export.zip_export import export_zip

    result = export_zip(open_notebook(), args.out, overwrite=args.force, progress=_stderr_progress(args))
    emit(args, result.to_dict(), t("data.cli.exported_zip", path=result.path, files=result.files))
    return 0


def cmd_export_markdown(args: argparse.Namespace, open_notebook: Callable[[], Any]) -> int:
    from journal.export.markdown_export import export_markdown

    result = export_markdown(open_notebook(), args.out)
    emit(args, result.to_dict(), t("data.cli.exported_markdown", path=result.path, files=result.files))
    return 0


def cmd_export_json(args: argparse.Namespace, open_notebook: Callable[[], Any]) -> int:
    from journal.export.json_export import STDOUT, export_json

    result = export_json(open_notebook(), args.out, overwrite=args.force)
    if result.path != STDOUT:   # with "-" the document itself is the output
        emit(args, result.to_dict(), t("data.cli.exported_json", path=result.path, count=result.files))
    return 0


def cmd_delete_all(args: argparse.Namespace, open_notebook: Callable[[], Any]) -> int:
    if not args.yes:
        raise InvalidInput("data.errors.delete_needs_yes")
    from journal.delete_all import delete_all
    from journal.notebook import Notebook
    from journal.paths import resolve_home

    report = delete_all(Notebook(resolve_home(getattr(args, "home", None))), confirm=True)
    lines = [t("data.cli.deleted", files=report.files, home=report.home)]
    lines += [t("data.cli.deleted_item", name=name, files=count) for name, count in report.removed.items()]
    if report.index_removed:
        lines.append(t("data.cli.deleted_index"))
    emit(args, report.to_dict(), "\n".join(lines))
    return 0


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("delete-all", parents=[common], help=t("data.cli.delete_all_help"))
    p.add_argument("--yes", action="store_true", help=t("data.cli.yes_help"))
    p.set_defaults(handler=cmd_delete_all)


for _kind in IMPORT_MODULES:
    register_import_kind(_kind, cmd_import, f"data.cli.import_{_kind}")
register_export_kind("zip", cmd_export_zip, "data.cli.export_zip", _configure_zip)
register_export_kind("markdown", cmd_export_markdown, "data.cli.export_markdown", _configure_markdown)
register_export_kind("json", cmd_export_json, "data.cli.export_json", _configure_json)
