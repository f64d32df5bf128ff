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


# --- the door: pages and ui/ reach the core through journal.notebook and plain data types ----------------------

DOOR = {
    "journal.notebook",                                   # Notebook: nb.entries, nb.stories, nb.companions, nb.settings
    "journal.errors",                                     # the project's exception types, shown as sentences
    "journal.i18n", "journal.i18n.formatting",            # t() and locale formatting of plain values
    "journal.entries.model", "journal.stories.model", "journal.companions.model",   # plain data types
    "journal.insights.model", "journal.safety.model",   # frozen values the Insights page and the help panel show
    "journal.ai.model",       # AI names, limits, presets, AISettings, CatalogueModel, CheckResult, LocalServer; no I/O
                              # except AISettings.sampling(), which reads the (cached) model catalogue on first use
    "journal.importers.report",                           # ImportReport/ImportIssue: what an import says; no I/O
    "journal.times", "journal.text",                      # plain helpers on plain values
}
# Core modules pages and ui/ still reach past the door. The list may only shrink: a test below fails
# when an entry is no longer needed, and any module not named here or in DOOR fails the first test. Empty now (#21):
# keep it so; a page that needs more of the core gets a Notebook method or sub-object, not an entry here.
KNOWN_REACH: set[str] = set()
PAGE_FOLDERS = ("journal", "stories", "share", "companions", "settings", "insights")
# Page folders importing another page's folder: none (the shared model chooser now owns what it shared).
SIDEWAYS_KNOWN: list[str] = []


def _front_files() -> list[Path]:
    return [ROOT / "app.py", *sorted((ROOT / "pages").glob("*.py")), *sorted((ROOT / "ui").rglob("*.py"))]


def _core_modules(path: Path) -> set[str]:
    """Every ``journal.*`` module a file imports, at any depth (``from journal.stories import ops`` counts as the package)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0 and node.module.split(".")[0] == "journal":
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.split(".")[0] == "journal")
    return found


def test_pages_and_ui_reach_the_core_only_through_the_door() -> None:
    offenders = {str(p.relative_to(ROOT)): sorted(_core_modules(p) - DOOR - KNOWN_REACH) for p in _front_files()}
    assert {f: m for f, m in offenders.items() if m} == {}


def test_the_list_of_known_reach_past_the_door_only_shrinks() -> None:
    used = set().union(*(_core_modules(p) for p in _front_files()))
    assert sorted(KNOWN_REACH - used) == []


def test_no_page_imports_from_another_pages_ui_folder() -> None:
    sideways = []
    for path in [*(ROOT / "ui").rglob("*.py"), *(ROOT / "pages").glob("*.py")]:
        relative = path.relative_to(ROOT)
        own = relative.parts[1] if relative.parts[0] == "ui" and len(relative.parts) > 2 else relative.stem
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("ui."):
                folder = node.module.split(".")[1]
                if folder in PAGE_FOLDERS and folder != own:
                    sideways.append(f"{relative}: {node.module}")
    assert sideways == SIDEWAYS_KNOWN


# --- SQL lives in journal/store/: everything else calls its query functions -------------------------------------

SQL_CALLS = {"execute", "executemany", "executescript", "connection"}
# Modules outside journal/store/ that still hold a connection. May only shrink (a test fails when an entry is no
# longer needed). The Notebook hands store/'s entry and search functions this thread's connection (the shape of
# store/search.py); it runs no statement itself.
SQL_OUTSIDE_STORE_KNOWN = {"journal/notebook.py"}


def _sql_calls(path: Path) -> list[str]:
    return [f"{node.func.attr}() line {node.lineno}" for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in SQL_CALLS]


def _modules_running_sql_outside_store() -> dict[str, list[str]]:
    found = {}
    for path in sorted((ROOT / "journal").rglob("*.py")):
        relative = path.relative_to(ROOT).as_posix()
        if not relative.startswith("journal/store/") and (calls := _sql_calls(path)):
            found[relative] = calls
    return found


def test_sql_runs_only_in_the_store_package() -> None:
    found = _modules_running_sql_outside_store()
    assert {m: calls for m, calls in found.items() if m not in SQL_OUTSIDE_STORE_KNOWN} == {}


def test_the_list_of_sql_outside_the_store_only_shrinks() -> None:
    assert sorted(SQL_OUTSIDE_STORE_KNOWN - set(_modules_running_sql_outside_store())) == []
