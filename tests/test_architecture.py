"""The layering DESIGN.md promises: journal/ knows nothing of Streamlit; pages never touch storage or the model."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MAX_LINES = 400


def _imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_journal_never_imports_streamlit() -> None:
    offenders = [str(p.relative_to(ROOT)) for p in (ROOT / "journal").rglob("*.py") if "streamlit" in _imports(p)]
    assert offenders == []


def test_pages_never_touch_sqlite_files_or_the_model_client() -> None:
    forbidden = {"sqlite3", "sqlite_utils", "openai", "xllamacpp"}
    offenders = {str(p.relative_to(ROOT)): sorted(_imports(p) & forbidden)
                 for p in [*(ROOT / "pages").glob("*.py"), *(ROOT / "ui").rglob("*.py"), ROOT / "app.py"]
                 if _imports(p) & forbidden}
    assert offenders == {}


def test_modules_stay_small() -> None:
    long = [f"{p.relative_to(ROOT)}: {n}" for p in [*(ROOT / "journal").rglob("*.py"), *(ROOT / "ui").rglob("*.py"),
                                                   *(ROOT / "pages").glob("*.py")]
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES]
    assert long == []
