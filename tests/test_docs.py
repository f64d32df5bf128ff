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


def test_the_start_section_says_where_to_click_and_what_the_browser_tests_need() -> None:
    start = README.split("## What it does")[0]
    assert "http://localhost:8501" in start and "opens your browser" in start  # #20.29
    assert "chromium" in start and ".ci/run" in start and "skips them" in start  # #20.31
    for line in ("pipx install .", "uv tool install .", "duet app", "duet --help"):  # #20.32
        assert line in start, line
