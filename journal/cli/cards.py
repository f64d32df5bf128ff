"""``import card FILE`` and ``export card COMPANION OUT``: Character Cards on the command line."""

from __future__ import annotations

import argparse
from typing import Any, Callable

from journal.cli.output import emit
from journal.cli.transfer import register_export_kind, register_import_kind
from journal.i18n import t


def _configure_export(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("companion", metavar="COMPANION", help=t("companions.cli.companion_arg"))
    parser.add_argument("out", metavar="OUT", help=t("companions.cli.out_arg"))
    parser.add_argument("--spec", type=int, choices=(2, 3), default=3, help=t("companions.cli.spec_help"))
    parser.add_argument("--force", action="store_true", help=t("companions.cli.force_help"))


def cmd_import_card(args: argparse.Namespace, open_notebook: Callable[[], Any]) -> int:
    from pathlib import Path

    from journal.companions.cards import import_card_file

    companion = import_card_file(open_notebook(), Path(args.path))
    emit(args, {"slug": companion.slug, "name": companion.name, "path": str(companion.path)},
         t("companions.cli.imported", name=companion.name, slug=companion.slug))
    return 0


def cmd_export_card(args: argparse.Namespace, open_notebook: Callable[[], Any]) -> int:
    from pathlib import Path

    from journal.companions.cards import export_card_file

    out = export_card_file(open_notebook(), args.companion, Path(args.out), version=args.spec,
                           overwrite=args.force)
    emit(args, {"companion": args.companion, "path": str(out)},
         t("companions.cli.exported", path=str(out)))
    return 0


def cmd_import_passport(args: argparse.Namespace, open_notebook: Callable[[], Any]) -> int:
    from pathlib import Path

    from journal.companions.cards import MAX_CARD_BYTES
    from journal.companions.passport import import_passport
    from journal.errors import InvalidInput

    path = Path(args.path)
    try:
        if path.stat().st_size > MAX_CARD_BYTES:
            raise InvalidInput("companions.errors.card_too_big", limit_mb=MAX_CARD_BYTES // (1024 * 1024))
        data = path.read_bytes()
    except OSError:
        raise InvalidInput("lorebooks.errors.unreadable", path=str(path)) from None
    nb = open_notebook()
    companion = import_passport(nb, data, path.name)
    stories = len(nb.stories.list(companion=companion.slug, limit=10_000))
    emit(args, {"slug": companion.slug, "name": companion.name, "stories": stories},
         t("companions.cli.passport_imported", name=companion.name, slug=companion.slug, stories=stories))
    return 0


def cmd_export_passport(args: argparse.Namespace, open_notebook: Callable[[], Any]) -> int:
    from pathlib import Path

    from journal.companions.passport import export_passport
    from journal.errors import InvalidInput
    from journal.store.atomic import atomic_write_bytes

    nb = open_notebook()
    companion = nb.companions.find(args.companion)
    out = Path(args.out)
    if out.exists() and not args.force:
        raise InvalidInput("lorebooks.errors.exists", path=str(out))
    atomic_write_bytes(out, export_passport(nb, companion.slug))
    emit(args, {"companion": companion.slug, "path": str(out)}, t("companions.cli.exported", path=str(out)))
    return 0


def _configure_passport_export(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("companion", metavar="COMPANION", help=t("companions.cli.companion_arg"))
    parser.add_argument("out", metavar="OUT", help=t("companions.cli.out_arg"))
    parser.add_argument("--force", action="store_true", help=t("companions.cli.force_help"))


register_import_kind("card", cmd_import_card, "companions.cli.import_help")
register_import_kind("passport", cmd_import_passport, "companions.cli.passport_import_help")
register_export_kind("passport", cmd_export_passport, "companions.cli.passport_export_help", _configure_passport_export)
register_export_kind("card", cmd_export_card, "companions.cli.export_help", _configure_export)
