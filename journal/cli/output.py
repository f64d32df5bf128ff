"""Printing results: JSON for tools when ``--json`` is given, plain lines for people."""

from __future__ import annotations

import json
import sys
from typing import Any


def emit(args: Any, data: Any, human: str | None = None) -> None:
    if getattr(args, "json", False):
        json.dump(data, sys.stdout, ensure_ascii=False, indent=2, default=str)
        sys.stdout.write("\n")
    elif human is not None:
        sys.stdout.write(human if human.endswith("\n") or not human else human + "\n")


def read_stdin_text() -> str:
    """Stdin as UTF-8; bytes that are not UTF-8 become a clear error, not a crash."""
    from journal.errors import InvalidInput

    data = sys.stdin.buffer.read()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise InvalidInput("journal.errors.not_text") from None
