"""``python -m journal share``: turn an entry or story turns into post files, privacy pass on by default."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from journal.cli.output import emit
from journal.i18n import t, tn
from journal.share.formats import FORMATS, STYLES  # small: no Pillow, no fonts

DEFAULT_FORMAT, DEFAULT_STYLE = "xiaohongshu", "page"


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("share", parents=[common], help=t("share.cli.help"), description=t("share.cli.description"))
    p.add_argument("id", help=t("share.cli.id"))
    p.add_argument("--turns", metavar="A-B", help=t("share.cli.turns"))
    p.add_argument("--format", dest="fmt", choices=list(FORMATS), default=DEFAULT_FORMAT, help=t("share.cli.format"))
    p.add_argument("--style", choices=STYLES, default=DEFAULT_STYLE, help=t("share.cli.style"))
    p.add_argument("--theme", default=None, help=t("share.cli.theme"))
    p.add_argument("--out", required=True, metavar="DIR", help=t("share.cli.out"))
    p.add_argument("--name", action="append", default=[], metavar="REAL=PSEUDONYM", help=t("share.cli.name"))
    p.add_argument("--no-redact", action="store_true", help=t("share.cli.no_redact"))
    p.add_argument("--title", default=None, help=t("share.cli.title"))
    p.add_argument("--caption", default=None, help=t("share.cli.caption"))
    p.add_argument("--tag", action="append", default=[], metavar="TAG", help=t("share.cli.tag"))
    p.add_argument("--cover", action="store_true", help=t("share.cli.cover"))
    p.add_argument("--cover-photo", metavar="PICTURE", default=None, help=t("share.cli.cover_photo"))
    p.set_defaults(handler=cmd_share)


def cmd_share(args: argparse.Namespace, open_notebook) -> int:
    from journal.share.export import export_post
    from journal.share.post import make_post
    from journal.share.privacy import parse_names
    from journal.share.settings import saved_names
    from journal.share.source import source_from_entry

    nb = open_notebook()
    if args.turns:
        from journal.share.from_story import parse_turn_range, source_from_story

        first, last = parse_turn_range(args.turns)
        source = source_from_story(nb, args.id, first, last)
    else:
        source = source_from_entry(nb.get_entry(args.id))
    names = {**saved_names(nb.home), **parse_names(args.name)}
    post = make_post(source, args.fmt, args.style, args.theme, title=args.title, caption=args.caption,
                     hashtags=args.tag or None, names=names, redact_names=not args.no_redact,
                     cover=args.cover or bool(args.cover_photo), cover_photo=args.cover_photo)
    paths = [str(p) for p in export_post(post, args.out)]
    applied = post.protected.applied if post.protected else ()
    if applied and not args.json:
        print(tn("share.cli.redacted", len(applied)), file=sys.stderr)
    if post.label is not None and not args.json:
        print(t("share.cli.labelled", mark=post.label.mark), file=sys.stderr)
    emit(args, paths, "\n".join(paths))
    return 0

