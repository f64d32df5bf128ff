"""The vault on the command line: ``vault on``, ``vault off``, ``vault status``, ``vault passphrase``."""

from __future__ import annotations

import argparse
import sys
from typing import Any, Callable

from journal.cli.output import emit
from journal.i18n import t


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("vault", parents=[common], help=t("vault.cli.help"))
    p.add_argument("action", choices=["on", "off", "status", "passphrase"], help=t("vault.cli.action_help"))
    p.set_defaults(handler=cmd_vault)


def _home(args: argparse.Namespace):
    from journal.paths import claim_new_folder, resolve_home

    home = resolve_home(args.home)
    claim_new_folder(home)
    return home


def unlock_if_vault(home) -> None:
    """Give this process a vault's key (passphrase from DUET_PASSPHRASE or a prompt); nothing for a plain notebook."""
    from journal import vault
    from journal.store.sealed import holds_key

    if vault.is_vault(home) and not holds_key(home):
        vault.unlock(home, ask_for_vault_passphrase())


def ask_for_vault_passphrase() -> str:
    """The vault's passphrase at a hidden prompt; with no terminal, the sentence that says this is a vault."""
    from journal.errors import VaultLocked
    from journal.passphrase import read_passphrase

    if not sys.stdin.isatty():
        raise VaultLocked("vault.errors.locked", path="")
    return read_passphrase("vault.cli.prompt")


def _build_index(home) -> None:
    """Build the index after a conversion (sealed, or plain again), so the next command opens fast and quietly."""
    from journal.notebook import Notebook

    Notebook.open(home).index.save_snapshot()   # sealed; nothing for a notebook that is plain again


def cmd_vault(args: argparse.Namespace, open_notebook: Callable[[], Any]) -> int:
    from journal import vault
    from journal.passphrase import NEW_PASSPHRASE_ENV, read_new_passphrase, read_passphrase

    home = _home(args)
    if args.action == "status":
        found = vault.status(home)
        emit(args, found.to_dict(), t(f"vault.cli.status_{found.state or 'off'}", sealed=found.sealed_files,
                                      plain=found.plain_files))
        return 0
    if args.action == "on":
        if vault.is_vault(home) and vault.status(home).state == vault.STATE_ON:
            emit(args, {"vault": "on"}, t("vault.cli.already_on"))
            return 0
        passphrase = read_new_passphrase()

        def show(recovery: str) -> None:
            print(t("vault.cli.recovery_key", key=recovery), file=sys.stderr if args.json else sys.stdout, flush=True)

        vault.turn_on(home, passphrase, show)
        _build_index(home)
        emit(args, {"vault": "on"}, t("vault.cli.turned_on"))
        return 0
    if not vault.is_vault(home):
        emit(args, {"vault": "off"}, t("vault.cli.status_off", sealed=0, plain=0))
        return 0 if args.action == "off" else 1
    current = read_passphrase("vault.cli.prompt")
    if args.action == "off":
        vault.turn_off(home, current)
        _build_index(home)
        emit(args, {"vault": "off"}, t("vault.cli.turned_off"))
        return 0
    new = read_new_passphrase(env=NEW_PASSPHRASE_ENV)
    vault.change_passphrase(home, current, new)
    emit(args, {"vault": "on", "passphrase": "changed"}, t("vault.cli.passphrase_changed"))
    return 0
