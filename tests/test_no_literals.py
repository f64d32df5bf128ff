"""No user-facing literal in pages/, ui/ or app.py: every text a person reads comes from t().

A string constant passed positionally, or as a label-like keyword, to any call
in a page is a literal a Chinese reader would see in English.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from journal.i18n import catalogue

KEYS = set(catalogue("en"))
ROOT = Path(__file__).resolve().parent.parent
FILES = [ROOT / "app.py", *sorted((ROOT / "pages").glob("*.py")), *sorted((ROOT / "ui").rglob("*.py"))]
LABEL_KEYWORDS = {"label", "placeholder", "help", "caption", "title", "body", "text", "value", "page_title"}
# Prose: any Chinese, several words, or a capitalised word. Lower-case identifiers
# ("provider", "day:T") are widget keys and chart encodings, not text for people.
WORDS = re.compile(r"[\u4e00-\u9fff]|[A-Za-z]{2,}\s+[A-Za-z]{2,}|^[A-Z][a-z]+\b")
# Streamlit arguments that are strings but never shown as prose.
NOT_PROSE = re.compile(r"^(:material/\w+:|[\w.-]+\.(py|png|json|zip|md|txt|html|jsonl)|image/\w+|text/\w+|"
                       r"application/[\w.+-]+|primary|secondary|tertiary|small|medium|large|wide|centered|"
                       r"auto|stretch|content|top|bottom|sidebar|hidden|visible|collapsed|horizontal|"
                       r"single|multi|faces|stars|thumbs|rerun|ignore|#[0-9a-fA-F]{3,8}|Duet)$")


def _literals(path: Path) -> list[tuple[int, str]]:
    found = []
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        if name in {"t", "get", "pop", "setdefault", "startswith", "endswith", "split", "join", "replace",
                    "format", "encode", "decode", "strip", "getenv", "__getitem__", "switch_page", "Page",
                    "mkdir", "open", "read_text", "write_text", "strftime", "fromisoformat", "isinstance",
                    "rstrip", "lstrip", "rsplit", "count", "find", "lower", "upper", "sub", "match", "compile",
                    "search", "fullmatch", "findall", "escape", "dumps", "loads", "index", "set_page_config"}:
            continue
        if _is_log_call(func):   # a line for the developer's log, never shown to the person
            continue
        args = list(node.args) + [k.value for k in node.keywords if k.arg in LABEL_KEYWORDS]
        for arg in args:
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                text = arg.value.strip()
                if WORDS.search(text) and not NOT_PROSE.match(text) and text not in KEYS:
                    found.append((arg.lineno, text))
            elif isinstance(arg, ast.JoinedStr):
                for part in arg.values:
                    if isinstance(part, ast.Constant) and WORDS.search(str(part.value)):
                        found.append((arg.lineno, str(part.value)))
    return found


def _is_log_call(func: ast.expr) -> bool:
    """``logging.getLogger(...).warning(...)`` or ``log.info(...)``: a logger's method, not Streamlit's st.warning."""
    if not isinstance(func, ast.Attribute):
        return False
    owner = func.value
    if isinstance(owner, ast.Call):
        owner = owner.func
    name = owner.attr if isinstance(owner, ast.Attribute) else getattr(owner, "id", "")
    return name in {"getLogger", "logging", "log", "logger", "LOG"}


def test_pages_and_ui_have_no_user_facing_literals() -> None:
    problems = [f"{path.relative_to(ROOT)}:{line}: {text!r}" for path in FILES for line, text in _literals(path)]
    assert problems == []
