"""``import KIND PATH`` and ``export KIND ARGS...``: one pair of commands, many formats.

Several areas bring things in and out of a notebook (character cards, jrnl,
Day One, ChatGPT, markdown, zip, json). Rather than each adding its own
top-level command, each registers a *kind* here; the CLI builds one
sub-command per kind, so ``python -m journal import --help`` lists them all.

How to add a kind (from a module that stays stdlib-only at import time)::

    from journal.cli.transfer import register_import_kind

    def _run(args, open_notebook) -> int: ...
    register_import_kind("jrnl", _run, "importers.cli.jrnl_help")

then add that module's name to :data:`KIND_MODULES` below (one line). A kind
may pass ``configure(parser)`` to add its own options or positionals; without
it an import kind takes ``path`` and an export kind takes ``out``.
Registration order does not matter: a kind registered after the parser was
built is added to it on the spot.
"""

from __future__ import annotations

import argparse
import importlib
from dataclasses import dataclass
from typing import Any, Callable, Optional

from journal.i18n import t

Handler = Callable[[argparse.Namespace, Callable[[], Any]], int]
Configure = Callable[[argparse.ArgumentParser], None]

# Modules that call register_import_kind / register_export_kind when imported.
KIND_MODULES: list[str] = [
    "journal.cli.cards",
    "journal.cli.book",
    "journal.cli.sillytavern",
]


@dataclass(frozen=True)
class Kind:
    name: str
    handler: Handler
    help_key: str
    configure: Optional[Configure] = None


IMPORT_KINDS: dict[str, Kind] = {}
EXPORT_KINDS: dict[str, Kind] = {}

# The live sub-parser actions of the most recently built parser, so late registrations still appear.
_live: dict[str, tuple[Any, argparse.ArgumentParser]] = {}


def _default_import_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", metavar="PATH", help=t("transfer.help.import_path"))


def _default_export_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("out", metavar="OUT", help=t("transfer.help.export_out"))


def _add_kind_parser(direction: str, kind: Kind) -> None:
    live = _live.get(direction)
    if live is None:
        return
    action, common = live
    if kind.name in action.choices:
        return
    parser = action.add_parser(kind.name, parents=[common], help=t(kind.help_key))
    default = _default_import_args if direction == "import" else _default_export_args
    (kind.configure or default)(parser)
    parser.set_defaults(handler=kind.handler, kind=kind.name)


def register_import_kind(kind: str, handler: Handler, help_key: str,
                         configure: Optional[Configure] = None) -> None:
    """Make ``python -m journal import <kind> ...`` call ``handler(args, open_notebook)``."""
    IMPORT_KINDS[kind] = Kind(kind, handler, help_key, configure)
    _add_kind_parser("import", IMPORT_KINDS[kind])


def register_export_kind(kind: str, handler: Handler, help_key: str,
                         configure: Optional[Configure] = None) -> None:
    """Make ``python -m journal export <kind> ...`` call ``handler(args, open_notebook)``."""
    EXPORT_KINDS[kind] = Kind(kind, handler, help_key, configure)
    _add_kind_parser("export", EXPORT_KINDS[kind])


def _load_kind_modules() -> None:
    for name in KIND_MODULES:
        importlib.import_module(name)


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    """Build ``import`` and ``export``, each with one sub-command per registered kind."""
    for direction, help_key in (("import", "transfer.import_help"), ("export", "transfer.export_help")):
        parser = sub.add_parser(direction, parents=[common], help=t(help_key))
        action = parser.add_subparsers(dest="kind", metavar="KIND", title=t("transfer.kinds_title"))
        _live[direction] = (action, common)
        parser.set_defaults(handler=_missing_kind(parser))
    _load_kind_modules()
    for kind in IMPORT_KINDS.values():
        _add_kind_parser("import", kind)
    for kind in EXPORT_KINDS.values():
        _add_kind_parser("export", kind)


def _missing_kind(parser: argparse.ArgumentParser) -> Handler:
    """``import`` with no KIND prints the list of kinds instead of failing obscurely."""

    def show_help(args: argparse.Namespace, open_notebook: Callable[[], Any]) -> int:
        parser.print_help()
        return 2

    return show_help
