"""Entry commands, shaped like jrnl's: new, list, show, search, reindex, delete."""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from journal.cli.output import emit, read_stdin_text
from journal.entries.model import body_repeats_title
from journal.errors import InvalidInput
from journal.i18n import t

DEFAULT_LIMIT = 20


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(t("journal.errors.bad_date", value=value)) from None


def _add_filters(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-n", type=int, default=DEFAULT_LIMIT, metavar="N", help=t("cli.help.limit"))
    parser.add_argument("--from", dest="date_from", type=_date, metavar="DATE", help=t("cli.help.from"))
    parser.add_argument("--to", dest="date_to", type=_date, metavar="DATE", help=t("cli.help.to"))
    parser.add_argument("--tag", help=t("cli.help.tag_filter"))
    parser.add_argument("--starred", action="store_true", default=None, help=t("cli.help.starred_filter"))


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("new", parents=[common], help=t("cli.new.help"))
    p.add_argument("--body", help=t("cli.help.body"))
    p.add_argument("--title")
    p.add_argument("--tag", action="append", default=[], help=t("cli.help.tag"))
    p.add_argument("--mood", type=int, metavar="1-5")
    p.add_argument("--feeling", action="append", default=[], help=t("cli.help.feeling"))
    p.add_argument("--date", metavar="WHEN", help=t("cli.help.date"))
    p.add_argument("--starred", action="store_true")
    p.add_argument("--template", metavar="NAME", help=t("writing.cli.template"))
    p.add_argument("--companion", metavar="NAME", help=t("writing.cli.companion"))
    p.add_argument("--prompt", action="store_true", help=t("writing.cli.prompt"))
    p.set_defaults(handler=cmd_new)

    p = sub.add_parser("list", parents=[common], help=t("cli.list.help"))
    _add_filters(p)
    p.set_defaults(handler=cmd_list)

    p = sub.add_parser("search", parents=[common], help=t("cli.search.help"))
    p.add_argument("query", nargs="+")
    _add_filters(p)
    p.set_defaults(handler=cmd_search)

    p = sub.add_parser("show", parents=[common], help=t("cli.show.help"))
    p.add_argument("id")
    p.set_defaults(handler=cmd_show)

    p = sub.add_parser("delete", parents=[common], help=t("cli.delete.help"))
    p.add_argument("id")
    p.set_defaults(handler=cmd_delete)

    p = sub.add_parser("reindex", parents=[common], help=t("cli.reindex.help"))
    p.set_defaults(handler=cmd_reindex)


def _when(value: str | None):
    """``--date``: an ISO date (that day, at the current time) or date and time; None means now."""
    if not value:
        return None
    from datetime import datetime

    from journal.times import now, parse_time

    try:
        day = date.fromisoformat(value)
    except ValueError:
        return parse_time(value)
    return datetime.combine(day, now().timetz())


def _filter(args: argparse.Namespace):
    from journal.entries.model import EntryFilter

    if args.n is not None and args.n < 1:
        raise InvalidInput("cli.errors.bad_limit")
    return EntryFilter(tag=args.tag, date_from=args.date_from, date_to=args.date_to, starred=args.starred)


def cmd_new(args: argparse.Namespace, open_notebook) -> int:
    from journal.safety.panel import panel_text

    nb, created = open_notebook(), _when(args.date)
    title, tags, mood = args.title, args.tag, args.mood
    if args.template:   # the filled template, then --body (never stdin: a script may leave it open)
        page = nb.entries.start_from_template(args.template, companion=args.companion,
                                              day=created.date() if created else None)
        body = page.body if args.body is None else f"{page.body.rstrip()}\n\n{args.body}"
        title, tags, mood = title or page.title, [*page.tags, *tags], mood if mood is not None else page.mood
    elif args.prompt:   # today's question from the deck (the same one the Journal page shows), then --body
        question = f"> {nb.entries.daily_prompt(created.date() if created else None).text}"
        body = question if args.body is None else f"{question}\n\n{args.body}"
    else:
        body = args.body if args.body is not None else read_stdin_text()
    entry = nb.create_entry(body, title=title, tags=tags, mood=mood, feelings=args.feeling,
                            starred=args.starred, created=created)
    human = t("cli.new.done", path=str(entry.path), id=entry.id)
    panel = panel_text(entry.safety, links=False) if entry.safety is not None else None
    if panel is not None:  # the same help lines, in the same words, as the Journal page shows after a save
        human += "\n\n" + panel.plain()
    data = entry.to_dict()
    data["safety"] = entry.safety.to_dict() if entry.safety is not None else None
    emit(args, data, human)
    return 0


def _human_list(rows: list[Any]) -> str:
    if not rows:
        return t("cli.list.empty")
    lines = []
    for row in rows:
        star = " *" if row.starred else ""
        lines.append(f"{row.created[:16].replace('T', ' ')}  {row.title}{star}  [{row.id}]")
        if row.snippet and not body_repeats_title(row.title, row.snippet):
            lines.append(f"    {row.snippet}")
    return "\n".join(lines)


def cmd_list(args: argparse.Namespace, open_notebook) -> int:
    rows = open_notebook().list_entries(_filter(args), limit=args.n)
    emit(args, [r.to_dict() for r in rows], _human_list(rows))
    return 0


def cmd_search(args: argparse.Namespace, open_notebook) -> int:
    rows = open_notebook().search(" ".join(args.query), _filter(args), limit=args.n)
    emit(args, [r.to_dict() for r in rows], _human_list(rows))
    return 0


def cmd_show(args: argparse.Namespace, open_notebook) -> int:
    from journal.store.sealed import read_text

    entry = open_notebook().get_entry(args.id)
    emit(args, entry.to_dict(), read_text(entry.path))   # a vault's file, opened
    return 0


def cmd_delete(args: argparse.Namespace, open_notebook) -> int:
    nb = open_notebook()
    entry = nb.get_entry(args.id)
    nb.delete_entry(args.id)
    emit(args, {"deleted": entry.id, "path": str(entry.path)}, t("cli.delete.done", title=entry.title))
    return 0


def cmd_reindex(args: argparse.Namespace, open_notebook) -> int:
    from journal.notebook import Notebook
    from journal.paths import resolve_home

    from journal.cli.vault import unlock_if_vault

    home = resolve_home(args.home)
    unlock_if_vault(home)
    report = Notebook(home).reindex()
    lines = [t("cli.reindex.done", count=report.indexed)]
    lines += [t("cli.reindex.broken", path=p, error=e) for p, e in report.broken]
    emit(args, report.to_dict(), "\n".join(lines))
    return 0
