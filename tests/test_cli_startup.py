"""A command builds and imports only its own group, and that shortcut never changes what a command means."""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

import pytest

from journal.cli import COMMAND_GROUPS, build_parser, command_named

ROOT = Path(__file__).resolve().parent.parent


def _commands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


def test_every_command_names_its_groups() -> None:
    """A new command must be added to COMMAND_GROUPS, or it silently takes the slow path."""
    assert sorted(_commands(build_parser())) == sorted(COMMAND_GROUPS), "add the command to COMMAND_GROUPS"


@pytest.mark.parametrize("command", sorted(COMMAND_GROUPS))
def test_a_command_alone_parses_as_in_the_whole_parser(command: str) -> None:
    whole, alone = _commands(build_parser())[command], _commands(build_parser(command))
    assert command in alone and len(alone) < len(_commands(build_parser()))
    assert alone[command].format_help() == whole.format_help()


@pytest.mark.parametrize("argv, expected", [
    (["search", "x"], "search"),
    (["--home", "search", "list"], "list"),          # an option's value is not the command
    (["--lang", "zh", "--json", "show", "id"], "show"),
    (["--json"], None),
    ([], None),
])
def test_the_command_is_found_after_global_options(argv: list[str], expected: str | None) -> None:
    assert command_named(argv) == expected


def test_search_does_not_import_other_groups(tmp_path: Path) -> None:
    probe = ("import sys, runpy; sys.argv = ['journal', '--home', sys.argv[1], 'search', 'x'];\n"
             "try: runpy.run_module('journal', run_name='__main__')\n"
             "except SystemExit: pass\n"
             "print(sorted(m for m in sys.modules if m.startswith('journal.cli.') or m.startswith('journal.share')))")
    out = subprocess.run([sys.executable, "-c", probe, str(tmp_path / "nb")], cwd=ROOT, capture_output=True,
                         text=True, check=True).stdout.splitlines()[-1]
    loaded = eval(out)  # a list of module names printed by the probe
    assert "journal.cli.entries" in loaded
    assert not {"journal.cli.app", "journal.cli.models", "journal.cli.share", "journal.cli.data"} & set(loaded)
