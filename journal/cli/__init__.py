"""The ``python -m journal`` command line: argparse, and nothing heavy imported up front.

Each command group lives in its own module with ``register(subparsers, common)``;
handlers receive ``(args, open_notebook)`` and open the notebook only if they
need it, so ``search`` starts in a fraction of a second.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from pathlib import Path
from typing import Callable, Sequence

from journal.errors import DuetError
from journal.i18n import set_language, t

CONSOLE_SCRIPT = "duet"  # pyproject.toml's [project.scripts]
# One line per command group; each module defines register(subparsers, common).
COMMAND_MODULES = [
    "journal.cli.app",
    "journal.cli.entries",
    "journal.cli.transfer",
    "journal.cli.ai",
    "journal.cli.models",
    "journal.cli.data",
    "journal.cli.share",
    "journal.cli.history",
    "journal.cli.vault",
    "journal.cli.stories",
    "journal.cli.lock",
]
ENTRIES, TRANSFER = ("journal.cli.entries",), ("journal.cli.transfer", "journal.cli.data")
HISTORY = ("journal.cli.history",)
# The groups a command needs, so a run imports and registers only its own (``search`` starts in a
# fraction of a second). A command missing here still works, more slowly: every group is built then.
# tests/test_cli_startup.py keeps this equal to what the groups register.
COMMAND_GROUPS: dict[str, tuple[str, ...]] = {
    "app": ("journal.cli.app",),
    **dict.fromkeys(("new", "list", "search", "show", "delete", "reindex"), ENTRIES),
    **dict.fromkeys(("import", "export"), TRANSFER),
    "ai-check": ("journal.cli.ai",),
    "models": ("journal.cli.models",),
    "delete-all": ("journal.cli.data",),
    "share": ("journal.cli.share",),
    **dict.fromkeys(("history", "restore", "trash", "conflicts", "resolve"), HISTORY),
    "story": ("journal.cli.stories",),
    "vault": ("journal.cli.vault",),
    "lock": ("journal.cli.lock",),
}
_OPTIONS_WITH_VALUE = ("--home", "--lang")


def command_named(argv: Sequence[str]) -> str | None:
    """The top-level command in ``argv`` (the first word that is not an option or an option's value)."""
    skip = False
    for arg in argv:
        if skip:
            skip = False
        elif arg in _OPTIONS_WITH_VALUE:
            skip = True
        elif not arg.startswith("-"):
            return arg
    return None


def _program_name() -> str:
    """``duet`` when run through the installed console script, else ``python -m journal``."""
    script = Path(sys.argv[0]).stem if sys.argv and sys.argv[0] else ""
    return CONSOLE_SCRIPT if script == CONSOLE_SCRIPT else "python -m journal"


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser for ``command`` alone when it is known, else for every command (``--help`` lists them all)."""
    common = argparse.ArgumentParser(add_help=False)
    # SUPPRESS: a subcommand's copy of these options must not reset a value given before it.
    common.add_argument("--home", metavar="DIR", default=argparse.SUPPRESS, help=t("cli.help.home"))
    common.add_argument("--json", action="store_true", default=argparse.SUPPRESS, help=t("cli.help.json"))
    common.add_argument("--lang", choices=["en", "zh"], default=argparse.SUPPRESS, help=t("cli.help.lang"))
    parser = argparse.ArgumentParser(prog=_program_name(), description=t("cli.description"),
                                     parents=[common])
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_GROUPS.get(command or "", COMMAND_MODULES):
        importlib.import_module(name).register(sub, common)
    return parser


def _opener(args: argparse.Namespace) -> Callable[[], object]:
    def open_notebook():
        from journal.notebook import Notebook
        from journal.errors import VaultLocked

        try:
            nb = Notebook.open(args.home, sync="quick")
        except VaultLocked:   # a vault, and no DUET_PASSPHRASE (see main): ask at a prompt, else say so
            from journal.cli.vault import ask_for_vault_passphrase

            nb = Notebook.open(args.home, sync="quick", passphrase=ask_for_vault_passphrase())
        if nb.healed:   # one line, on stderr so --json output stays clean
            print(t(f"history.cli.index_healed_{nb.healed}"), file=sys.stderr)
        return nb

    return open_notebook


def _unlock_from_environment(args: argparse.Namespace) -> None:
    """With ``DUET_PASSPHRASE`` set, a vault is opened for every command, also those that read only the settings."""
    from journal.passphrase import PASSPHRASE_ENV

    if os.environ.get(PASSPHRASE_ENV):
        from journal.paths import resolve_home
        from journal.vault import unlock

        unlock(resolve_home(args.home), os.environ[PASSPHRASE_ENV])


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    for i, arg in enumerate(argv):  # the language must be known before --help text is built
        if arg == "--lang" and i + 1 < len(argv):
            set_language(argv[i + 1])
        elif arg.startswith("--lang="):
            set_language(arg.split("=", 1)[1])
    parser = build_parser(command_named(argv))
    args = parser.parse_args(argv)
    for name, default in (("home", None), ("json", False), ("lang", None)):
        if not hasattr(args, name):
            setattr(args, name, default)
    if not getattr(args, "handler", None):
        parser.print_help()
        return 0
    try:
        _unlock_from_environment(args)
        return int(args.handler(args, _opener(args)) or 0)
    except DuetError as exc:
        print(t("cli.error", message=exc.message()), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
