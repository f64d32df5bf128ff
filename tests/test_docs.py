"""The README cannot drift from the CLI: every command is documented there."""

from __future__ import annotations

from pathlib import Path

from journal.cli import build_parser

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def _commands() -> list[str]:
    parser = build_parser()
    sub = next(a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction")
    return sorted(sub.choices)


def test_every_command_is_in_the_readme() -> None:
    missing = [c for c in _commands() if f"`{c}`" not in README]
    assert missing == []


def test_readme_has_the_two_commands() -> None:
    assert "make run" in README and "make test" in README
