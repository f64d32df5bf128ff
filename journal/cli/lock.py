"""``python -m journal lock set|remove|status``: the app lock from a terminal or a script.

The passphrase is never an argument: it comes from a hidden prompt or from
``DUET_PASSPHRASE`` (``DUET_NEW_PASSPHRASE`` for the new one when changing).
"""

from __future__ import annotations

import argparse
from typing import Any, Callable

from journal.cli.output import emit
from journal.i18n import t


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("lock", parents=[common], help=t("privacy.lock.cli.help"))
    p.add_argument("action", choices=["set", "remove", "status"], help=t("privacy.lock.cli.action_help"))
    p.add_argument("--idle", type=int, metavar="MINUTES", help=t("privacy.lock.cli.idle_help"))
    p.set_defaults(handler=cmd_lock)


def cmd_lock(args: argparse.Namespace, open_notebook: Callable[[], Any]) -> int:
    from journal.passphrase import NEW_PASSPHRASE_ENV, read_new_passphrase, read_passphrase

    lock = open_notebook().app_lock
    if args.action == "set":
        if lock.is_set:
            current = read_passphrase()
            status = lock.set(read_new_passphrase(env=NEW_PASSPHRASE_ENV), current=current, idle_minutes=args.idle)
            message = t("privacy.lock.cli.changed", minutes=status.idle_minutes)
        else:
            status = lock.set(read_new_passphrase(), idle_minutes=args.idle)
            message = t("privacy.lock.cli.turned_on", minutes=status.idle_minutes)
    elif args.action == "remove":
        lock.remove(read_passphrase())
        status, message = lock.status(), t("privacy.lock.cli.removed")
    else:
        status = lock.status()
        message = t("privacy.lock.cli.status_on" if status.is_set else "privacy.lock.cli.status_off",
                    minutes=status.idle_minutes)
        if status.failures:
            message += "\n" + t("privacy.lock.cli.status_failures", failures=status.failures,
                                seconds=round(status.wait_seconds))
    emit(args, status.to_dict(), message)
    return 0
