"""#19: `make run` starts Streamlit through ui/server.py, which skips the scan of every installed package for
components and does the first page's one-time work while the browser loads Streamlit's scripts."""

from __future__ import annotations

import importlib.metadata
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.browser import CHROMIUM, CHROMIUM_FLAGS, free_port, needs_chromium
from ui import server

ROOT = Path(__file__).resolve().parent.parent
# Every way a page could use a Streamlit component, and what the call passes (inline text or a file).
COMPONENT_CALL = re.compile(r"(?:components\.v[12]\S*|declare_component)\(\s*[^,)]*,?\s*([a-z_]+=[\w.]+)?")


def test_the_component_scan_is_skipped(monkeypatch: pytest.MonkeyPatch) -> None:
    from streamlit.components.v2.component_manager import BidiComponentManager

    # Restored after the test: the setattr records Streamlit's own method first.
    monkeypatch.setattr(BidiComponentManager, "discover_and_register_components",
                        BidiComponentManager.discover_and_register_components)
    read: list[str] = []
    monkeypatch.setattr(importlib.metadata, "distributions", lambda *a, **k: read.append("all") or iter(()))
    BidiComponentManager().discover_and_register_components(start_file_watching=False)
    assert read == ["all"]   # Streamlit's own step walks every installed package
    read.clear()
    assert server.skip_component_discovery() is True
    BidiComponentManager().discover_and_register_components(start_file_watching=False)
    assert read == []


def test_duet_declares_its_components_inline_so_skipping_the_scan_loses_nothing() -> None:
    """The scan finds components that installed packages declare in their pyproject.toml (files in an asset_dir);
    a component whose script is given inline, as Duet's are, is registered by the call itself."""
    sources = [ROOT / "app.py", *(ROOT / "pages").glob("*.py"), *(ROOT / "ui").rglob("*.py")]
    calls = {p.relative_to(ROOT).as_posix(): COMPONENT_CALL.findall(p.read_text(encoding="utf-8")) for p in sources
             if p.name != "server.py"}
    uses = {path: found for path, found in calls.items() if found}
    assert uses == {"ui/live_typing.py": ["js=_JS"], "ui/streamlit_strings.py": ["js=_JS"]}
    import ui.live_typing
    import ui.streamlit_strings

    assert "function" in ui.live_typing._JS and "function" in ui.streamlit_strings._JS   # script text, not a path
    assert "tool.streamlit" not in (ROOT / "pyproject.toml").read_text(encoding="utf-8")


def test_the_first_page_modules_are_what_app_py_and_the_journal_page_import() -> None:
    names = server.first_page_modules(ROOT)
    assert names[0] == "streamlit"
    assert {"ui.common", "ui.navigation", "journal.i18n", "ui.journal.browser", "ui.journal.on_this_day"} <= set(names)
    assert all(not name.startswith(".") for name in names)


WARM_UP = """
import json, sys
from pathlib import Path
from ui import server
server.warm_up(Path(sys.argv[1]))
import ui.common
from journal.notebook import Notebook
def refuse(*args, **kwargs):
    raise AssertionError("opened again")
Notebook.open = staticmethod(refuse)
nb = ui.common._open_notebook(str(Notebook.resolve_home(None)))   # the warm-up's, kept by st.cache_resource
from streamlit import delta_generator
print(json.dumps({"entries": nb.count_entries(), "checked": delta_generator._use_warning_has_been_displayed,
                  "imported": [m for m in ("ui.journal.browser", "ui.journal.editor", "numpy") if m in sys.modules]}))
"""


def test_the_warm_up_imports_the_first_page_and_opens_the_notebook_before_anyone_asks(tmp_path: Path) -> None:
    from journal.notebook import Notebook

    home = tmp_path / "notebook"
    Notebook.open(home).create_entry("Rain on the window.", title="Rain")
    env = {**os.environ, "DUET_HOME": str(home), "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-c", WARM_UP, str(ROOT)], cwd=ROOT, env=env, capture_output=True,
                         text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    assert json.loads(out.stdout.strip().splitlines()[-1]) == {
        "entries": 1, "checked": True, "imported": ["ui.journal.browser", "ui.journal.editor", "numpy"]}


@needs_chromium
def test_duet_app_draws_the_list_in_an_open_browser(tmp_path: Path) -> None:
    """What `make run` starts, end to end: the launcher, Streamlit through ui/server.py, the list in Chromium."""
    from playwright.sync_api import sync_playwright

    from journal.notebook import Notebook

    home = tmp_path / "notebook"
    Notebook.open(home).create_entry("Rain on the window.", title="Rain")
    port = free_port()
    env = {**os.environ, "DUET_HOME": str(home), "DUET_LANG": "en", "DUET_WELCOME": "0"}
    app = subprocess.Popen([sys.executable, "-m", "journal", "app", "--no-browser", "--port", str(port)], cwd=ROOT,
                           env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
            page = browser.new_page()
            for _ in range(600):   # the person's browser, reloading the address until Duet answers
                try:
                    page.goto(f"http://127.0.0.1:{port}", timeout=5000)
                    break
                except Exception:  # noqa: BLE001 - not listening yet
                    page.wait_for_timeout(100)
            page.get_by_role("button", name="Open").first.wait_for(timeout=120_000)
            page.get_by_text("Rain on the window.", exact=True).wait_for(timeout=30_000)   # the row's words
            assert page.locator("strong", has_text="Rain").count() == 1
            browser.close()
    finally:
        app.terminate()
        output = app.communicate(timeout=30)[0]
    assert "warming up the first page stopped" not in output, output[-2000:]
    assert "Traceback" not in output, output[-2000:]


def test_a_streamlit_without_its_runtime_module_skips_the_warm_up_in_one_line(
        monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture, tmp_path: Path) -> None:
    monkeypatch.setitem(sys.modules, "streamlit.runtime", None)   # any import of it now raises ImportError
    with caplog.at_level("WARNING", logger=server.__name__):
        server._warm_up_once_serving(tmp_path)   # returns at once instead of a traceback in its thread
    assert [r.exc_info for r in caplog.records] == [None]
    assert "no warm-up" in caplog.records[0].getMessage()
