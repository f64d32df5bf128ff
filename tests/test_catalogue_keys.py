"""Every key the code asks for exists: a typo or a forgotten key would show as raw text to a person."""

from __future__ import annotations

import ast
from pathlib import Path

from journal.i18n import catalogue

ROOT = Path(__file__).resolve().parent.parent
SOURCES = [ROOT / "app.py", *(ROOT / "journal").rglob("*.py"), *(ROOT / "ui").rglob("*.py"), *(ROOT / "pages").rglob("*.py")]
# Calls whose first argument is a catalogue key: t(), flash(), and the error classes.
KEY_TAKERS = {"t", "flash", "DuetError", "InvalidInput", "NotFound", "BrokenFile", "StorageError"}


def _called_name(node: ast.Call) -> str:
    func = node.func
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


def _keys_used() -> list[tuple[str, int, str]]:
    used = []
    for path in SOURCES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and node.args):
                continue
            name = _called_name(node)
            first = node.args[0]
            if (name in KEY_TAKERS or name.endswith("Error")) and isinstance(first, ast.Constant) \
                    and isinstance(first.value, str) and "." in first.value and " " not in first.value:
                used.append((str(path.relative_to(ROOT)), node.lineno, first.value))
            elif name == "tn" and isinstance(first, ast.Constant) and isinstance(first.value, str):
                used.append((str(path.relative_to(ROOT)), node.lineno, first.value + ".other"))
    return used


def test_every_literal_key_in_the_code_is_in_the_catalogue() -> None:
    keys = set(catalogue("en"))
    missing = [f"{path}:{line}: {key}" for path, line, key in _keys_used() if key not in keys]
    assert missing == []


def test_the_scan_finds_keys() -> None:
    assert len(_keys_used()) > 300
