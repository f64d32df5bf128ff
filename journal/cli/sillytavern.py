"""``import lorebook FILE [--name N]``, ``export lorebook NAME OUT``, ``import personas FILE``: SillyTavern data in and out."""

from __future__ import annotations

import argparse
from typing import Any, Callable

from journal.cli.output import emit
from journal.cli.transfer import register_export_kind, register_import_kind
from journal.i18n import t


def _configure_import(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", metavar="PATH", help=t("lorebooks.cli.path_arg"))
    parser.add_argument("--name", help=t("lorebooks.cli.name_arg"))


def _configure_export(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("lorebook", metavar="LOREBOOK", help=t("lorebooks.cli.lorebook_arg"))
    parser.add_argument("out", metavar="OUT", help=t("lorebooks.cli.out_arg"))
    parser.add_argument("--force", action="store_true", help=t("lorebooks.cli.force_arg"))


def cmd_import(args: argparse.Namespace, open_notebook: Callable[[], Any]) -> int:
    from pathlib import Path

    from journal.errors import InvalidInput

    path = Path(args.path)
    try:
        data = path.read_bytes()
    except OSError:
        raise InvalidInput("lorebooks.errors.unreadable", path=str(path)) from None
    stored = open_notebook().companions.lorebooks.import_world_info(data, args.name or path.stem)
    entries = len(stored.book.get("entries", []))
    emit(args, {"slug": stored.slug, "name": stored.name, "entries": entries, "path": str(stored.path)},
         t("lorebooks.cli.imported", name=stored.name, slug=stored.slug, count=entries))
    return 0


def cmd_export(args: argparse.Namespace, open_notebook: Callable[[], Any]) -> int:
    from pathlib import Path

    from journal.errors import InvalidInput
    from journal.store.atomic import atomic_write_bytes

    store = open_notebook().companions.lorebooks
    stored = store.find(args.lorebook)
    out = Path(args.out)
    if out.exists() and not args.force:
        raise InvalidInput("lorebooks.errors.exists", path=str(out))
    atomic_write_bytes(out, store.export_world_info(stored.slug))
    emit(args, {"lorebook": stored.slug, "path": str(out)}, t("lorebooks.cli.exported", path=str(out)))
    return 0


register_import_kind("lorebook", cmd_import, "lorebooks.cli.import_help", _configure_import)
register_export_kind("lorebook", cmd_export, "lorebooks.cli.export_help", _configure_export)


def cmd_import_personas(args: argparse.Namespace, open_notebook: Callable[[], Any]) -> int:
    """SillyTavern's persona backup as personas (the Companions page does the same with an upload)."""
    from pathlib import Path

    from journal.errors import InvalidInput

    try:
        data = Path(args.path).read_bytes()
    except OSError:
        raise InvalidInput("lorebooks.errors.unreadable", path=str(args.path)) from None
    made = open_notebook().companions.personas.import_sillytavern(data)
    emit(args, [{"slug": p.slug, "name": p.name} for p in made], t("personas.page.imported", count=len(made)))
    return 0


register_import_kind("personas", cmd_import_personas, "personas.cli.import_help")
