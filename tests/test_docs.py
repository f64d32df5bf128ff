"""The README cannot drift from the CLI: its command tables are checked against argparse, both ways.

Like ``cog --check`` in the anchors, but without generating text: every
command and import/export kind has a row, every option a row mentions exists
on that command, every option a command has is mentioned in its rows, and a
list of choices written ``a|b|c`` is exactly argparse's list.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from journal.cli import build_parser

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
GLOBAL_OPTIONS = {"-h", "--help", "--home", "--json", "--lang"}   # documented once, above the table
ROW = re.compile(r"^\| (`([a-z][a-z-]*)[^`|]*`) \| (.*) \|$", re.M)
FOREIGN = {"--export"}   # jrnl's own flag, quoted in the ``import jrnl`` row
OPTION = re.compile(r"(?<![\w-])(--?[a-z][a-z-]*)")
CHOICES = re.compile(r"(--[a-z-]+) ([a-z0-9-]+(?:\\\|[a-z0-9-]+)+)")


def _subparsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def _parsers() -> dict[str, list[argparse.ArgumentParser]]:
    """Each command's parser plus those of its kinds (``import jrnl``…)."""
    return {name: [p, *_subparsers(p).values()] for name, p in _subparsers(build_parser()).items()}


def _options(parsers: list[argparse.ArgumentParser]) -> set[str]:
    return {s for p in parsers for a in p._actions for s in a.option_strings} - GLOBAL_OPTIONS


def _choices(parsers: list[argparse.ArgumentParser]) -> dict[str, list[str]]:
    return {s: list(a.choices) for p in parsers for a in p._actions if a.choices and a.option_strings
            for s in a.option_strings}


def _rows() -> dict[str, str]:
    """Command -> the README text about it: its row in the command table and its rows in the import/export table."""
    rows: dict[str, str] = {}
    for cell, command, text in ROW.findall(README):
        rows[command] = f"{rows.get(command, '')} {cell} {text}"
    return rows


def _mentioned(text: str) -> set[str]:
    return {o for span in re.findall(r"`([^`]*)`", text) for o in OPTION.findall(span)}


def test_every_command_is_in_the_readme() -> None:
    assert sorted(set(_parsers()) - set(_rows())) == []


def test_every_import_and_export_kind_has_a_row() -> None:
    parsers = _subparsers(build_parser())
    kinds = {f"{command} {kind}" for command in ("import", "export") for kind in _subparsers(parsers[command])}
    missing = [k for k in sorted(kinds) if f"`{k}" not in README]
    assert missing == []


def test_every_option_the_readme_names_exists() -> None:
    parsers, rows = _parsers(), _rows()
    unknown = {c: sorted(_mentioned(text) - _options(parsers[c]) - GLOBAL_OPTIONS - FOREIGN)
               for c, text in rows.items() if c in parsers}
    assert {c: o for c, o in unknown.items() if o} == {}


def test_every_option_of_every_command_is_in_the_readme() -> None:
    parsers, rows = _parsers(), _rows()
    undocumented = {c: sorted(_options(ps) - _mentioned(rows.get(c, ""))) for c, ps in parsers.items()}
    assert {c: o for c, o in undocumented.items() if o} == {}


def test_choices_written_in_the_readme_are_argparse_choices() -> None:
    parsers, rows = _parsers(), _rows()
    wrong = {}
    for command, text in rows.items():
        actual = _choices(parsers.get(command, []))
        for option, written in CHOICES.findall(text):
            if written.split("\\|") != actual.get(option):
                wrong[f"{command} {option}"] = (written.split("\\|"), actual.get(option))
    assert wrong == {}


def test_readme_has_the_two_commands() -> None:
    assert "make run" in README and "make test" in README


def test_the_start_section_says_where_to_click_and_what_the_browser_tests_need() -> None:
    start = README.split("## What it does")[0]
    assert "http://localhost:8501" in start and "opens your browser" in start  # #20.29
    assert "chromium" in start and ".ci/run" in start and "skips them" in start  # #20.31
    for line in ("pipx install .", "uv tool install .", "duet app", "duet --help"):  # #20.32
        assert line in start, line
