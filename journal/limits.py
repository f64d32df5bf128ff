"""Bounds on what a file read from disk or an import may hold, so one hostile file cannot hang or crash Duet.

YAML front matter, card JSON and import JSON are parsed into plain Python
lists and dicts. Nothing stops a file from nesting them 10,000 deep (every
recursive walk then dies with ``RecursionError``) or from using YAML aliases
to make a few lines stand for billions of items (the "billion laughs"). One
iterative walk with a node budget catches both before any other code sees
the value, and says so in a sentence.
"""

from __future__ import annotations

from typing import Any

from journal.errors import BrokenFile

MAX_NESTING = 64          # lists/dicts inside each other; real cards and notes stay under 10
MAX_NODES = 500_000       # values in one structure, each alias use counted again


def check_structure(value: Any, name: str, max_nesting: int = MAX_NESTING, max_nodes: int = MAX_NODES) -> None:
    """Raise :class:`BrokenFile` when ``value`` nests deeper than ``max_nesting`` or holds over ``max_nodes`` values.

    Iterative on purpose: a recursive check would itself hit ``RecursionError``.
    """
    stack: list[tuple[Any, int]] = [(value, 0)]
    seen = 0
    while stack:
        item, depth = stack.pop()
        seen += 1
        if seen > max_nodes:
            raise BrokenFile("errors.too_many_values", name=name, limit=max_nodes)
        if isinstance(item, dict):
            children: Any = [*item.keys(), *item.values()]
        elif isinstance(item, (list, tuple, set)):
            children = item
        else:
            continue
        if depth >= max_nesting:
            raise BrokenFile("errors.nested_too_deep", name=name, limit=max_nesting)
        if seen + len(stack) + len(children) > max_nodes:
            raise BrokenFile("errors.too_many_values", name=name, limit=max_nodes)
        stack.extend((child, depth + 1) for child in children)
