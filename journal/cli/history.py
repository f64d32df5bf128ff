"""Nothing lost on the command line: ``history``/``restore`` versions, the ``trash``, ``conflicts``/``resolve``."""

from __future__ import annotations

import argparse
from typing import Any, Callable

from journal.cli.output import emit
from journal.errors import NotFound
from journal.i18n import t


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("history", parents=[common], help=t("history.cli.history_help"))
    p.add_argument("id", help=t("history.cli.id_help"))
    p.set_defaults(handler=cmd_history)

    p = sub.add_parser("restore", parents=[common], help=t("history.cli.restore_help"))
    p.add_argument("id", help=t("history.cli.id_help"))
    p.add_argument("version", help=t("history.cli.version_help"))
    p.set_defaults(handler=cmd_restore)

    p = sub.add_parser("trash", parents=[common], help=t("history.cli.trash_help"))
    p.add_argument("action", nargs="?", choices=["list", "restore", "empty"], default="list")
    p.add_argument("item", nargs="?", help=t("history.cli.item_help"))
    p.set_defaults(handler=cmd_trash)

    p = sub.add_parser("conflicts", parents=[common], help=t("history.cli.conflicts_help"))
    p.set_defaults(handler=cmd_conflicts)

    p = sub.add_parser("resolve", parents=[common], help=t("history.cli.resolve_help"))
    p.add_argument("copy", help=t("history.cli.copy_help"))
    p.add_argument("--keep", required=True, choices=["mine", "theirs", "both"], help=t("history.cli.keep_help"))
    p.set_defaults(handler=cmd_resolve)


def _kind_of(nb: Any, item_id: str) -> str:
    """"entry" or "story" for an id, so ``history`` and ``restore`` take either."""
    try:
        nb.get_entry(item_id)
        return "entry"
    except NotFound:
        if nb.stories.exists(item_id):
            return "story"
        raise


def cmd_history(args: argparse.Namespace, open_notebook: Callable[[], Any]) -> int:
    nb = open_notebook()
    versions = nb.entry_versions(args.id) if _kind_of(nb, args.id) == "entry" else nb.stories.versions(args.id)
    lines = [t("history.cli.version_line", version=v.id, saved=v.saved.strftime("%Y-%m-%d %H:%M:%S"), size=v.size)
             for v in versions] or [t("history.cli.no_versions")]
    emit(args, [v.to_dict() for v in versions], "\n".join(lines))
    return 0


def cmd_restore(args: argparse.Namespace, open_notebook: Callable[[], Any]) -> int:
    nb = open_notebook()
    if _kind_of(nb, args.id) == "entry":
        restored = nb.restore_entry_version(args.id, args.version)
        path = restored.path
    else:
        restored = nb.stories.restore_version(args.id, args.version)
        path = restored.path
    emit(args, {"id": args.id, "version": args.version, "path": str(path)},
         t("history.cli.restored", version=args.version, path=str(path)))
    return 0


def cmd_trash(args: argparse.Namespace, open_notebook: Callable[[], Any]) -> int:
    nb = open_notebook()
    if args.action == "restore":
        if not args.item:
            raise NotFound("history.errors.no_trash_item", id="")
        paths = nb.restore_from_trash(args.item)
        emit(args, {"restored": [str(p) for p in paths]},
             "\n".join(t("history.cli.trash_restored", path=str(p)) for p in paths))
    elif args.action == "empty":
        count = nb.trash.empty()
        emit(args, {"emptied": count}, t("history.cli.trash_emptied", count=count))
    else:
        items = nb.trash.list()
        lines = [t("history.cli.trash_line", id=i.id, kind=t(f"history.kinds.{i.kind}"), title=i.title,
                   deleted=i.deleted.strftime("%Y-%m-%d %H:%M")) for i in items] or [t("history.cli.trash_empty")]
        emit(args, [i.to_dict() for i in items], "\n".join(lines))
    return 0


def cmd_conflicts(args: argparse.Namespace, open_notebook: Callable[[], Any]) -> int:
    nb = open_notebook()
    found = nb.conflicts()
    lines = [t("history.cli.conflict_line", copy=c.to_dict(nb.home)["copy"], original=c.to_dict(nb.home)["original"])
             for c in found] or [t("history.cli.no_conflicts")]
    emit(args, [c.to_dict(nb.home) for c in found], "\n".join(lines))
    return 0


def cmd_resolve(args: argparse.Namespace, open_notebook: Callable[[], Any]) -> int:
    nb = open_notebook()
    kept = nb.resolve_conflict(args.copy, args.keep)
    emit(args, {"kept": str(kept), "keep": args.keep}, t("history.cli.resolved", path=str(kept)))
    return 0
