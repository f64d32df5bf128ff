"""``export book STORY OUT.pdf|OUT.epub``: "our story" as a book, with the privacy pass and the AI labels."""

from __future__ import annotations

import argparse
from typing import Any, Callable

from journal.cli.output import emit
from journal.cli.transfer import register_export_kind
from journal.i18n import t


def _configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("story", metavar="STORY", help=t("share.book.cli.story"))
    parser.add_argument("out", metavar="OUT", help=t("share.book.cli.out"))
    parser.add_argument("--with-entries", action="store_true", help=t("share.book.cli.with_entries"))
    parser.add_argument("--name", action="append", default=[], metavar="REAL=PSEUDONYM", help=t("share.cli.name"))
    parser.add_argument("--force", action="store_true", help=t("share.book.cli.force"))


def cmd_export_book(args: argparse.Namespace, open_notebook: Callable[[], Any]) -> int:
    from journal.share.book import export_book
    from journal.share.privacy import parse_names
    from journal.share.settings import saved_names

    nb = open_notebook()
    names = {**saved_names(nb.home), **parse_names(args.name)}
    out = export_book(nb, args.story, args.out, with_entries=args.with_entries, names=names, overwrite=args.force)
    emit(args, {"story": args.story, "path": str(out)}, t("share.book.cli.written", path=str(out)))
    return 0


register_export_kind("book", cmd_export_book, "share.book.cli.help", _configure)
