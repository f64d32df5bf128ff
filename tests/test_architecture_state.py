"""Each page's session keys in one place (STYLE.md): its ``ui/<page>/state.py``, nowhere else.

A key written as a literal in a page's modules (``key="share_title"``, ``st.session_state["story_open"]``)
is a second home for a piece of the page's state; two literals that drift apart lose it silently.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KEYED_PAGES = ("share", "stories")          # pages whose keys all live in ui/<page>/state.py
STATE_CALLS = {"get", "pop", "setdefault"}


def _literal(node: ast.AST) -> str | None:
    """The text of a string constant, or of an f-string's leading constant part."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr) and node.values and isinstance(node.values[0], ast.Constant):
        return str(node.values[0].value) + "…"
    return None


def _is_session_state(node: ast.AST) -> bool:
    return isinstance(node, ast.Attribute) and node.attr == "session_state"


def literal_keys(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.keyword) and node.arg == "key" and _literal(node.value):
            found.append(_literal(node.value))
        elif isinstance(node, ast.Subscript) and _is_session_state(node.value) and _literal(node.slice):
            found.append(_literal(node.slice))
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in STATE_CALLS
              and _is_session_state(node.func.value) and node.args and _literal(node.args[0])):
            found.append(_literal(node.args[0]))
    shown = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path.name
    return [f"{shown}: {key}" for key in found]


def _page_files(page: str) -> list[Path]:
    return [ROOT / "pages" / f"{page}.py", *sorted((ROOT / "ui" / page).glob("*.py"))]


def test_each_page_names_its_session_keys_in_its_state_module() -> None:
    for page in KEYED_PAGES:
        assert (ROOT / "ui" / page / "state.py").exists(), page
    offenders = [hit for page in KEYED_PAGES for path in _page_files(page) if path.name != "state.py"
                 for hit in literal_keys(path)]
    assert offenders == []


def test_the_check_sees_a_literal_key(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text('st.text_input("x", key="share_x")\nst.session_state["story_y"] = 1\n'
                      'st.session_state.get(f"story_z_{n}")\nst.text_input("x", key=TITLE_KEY)\n', encoding="utf-8")
    assert sorted(hit.split(": ")[1] for hit in literal_keys(sample)) == ["share_x", "story_y", "story_z_…"]
