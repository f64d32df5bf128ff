"""#19: the app's first page draws the list without waiting for what it does not need.

The full sync (every file stat'ed: seconds at 100,000 entries) runs in the background once the page is drawn,
and the crisis check's rules, pandas and icalendar are not imported to draw it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

from streamlit.testing.v1 import AppTest

from journal.notebook import Notebook

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT = 60

FIRST_PAGE = """
import json, sys
import ui.common
ui.common.sync_after_first_page = lambda nb: None   # what the page itself imports, not the warm-up after it
from streamlit.testing.v1 import AppTest
at = AppTest.from_file(sys.argv[1], default_timeout=120).run()
assert not at.exception, at.exception
assert any(b.label == "Open" for b in at.button)
heavy = ("journal.safety.assess", "pandas", "icalendar")
print(json.dumps(sorted(name for name in heavy if name in sys.modules)))
"""


def test_the_first_page_imports_neither_the_crisis_rules_nor_pandas_nor_icalendar(tmp_path: Path) -> None:
    home = tmp_path / "notebook"
    Notebook.open(home).create_entry("Rain on the window.", title="Rain")
    env = {**os.environ, "DUET_HOME": str(home), "DUET_LANG": "en", "DUET_WELCOME": "0", "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-c", FIRST_PAGE, str(ROOT / "app.py")], cwd=ROOT, env=env, check=True,
                         capture_output=True, text=True, timeout=300)
    assert json.loads(out.stdout.strip().splitlines()[-1]) == []


def _wait_for_background_sync() -> None:
    for thread in [t for t in threading.enumerate() if t.name == "duet-full-sync"]:
        thread.join(timeout=TIMEOUT)


def test_an_edit_made_in_place_while_closed_shows_once_the_background_sync_ran(app_path: str,
                                                                               duet_home: Path) -> None:
    nb = Notebook.open(duet_home)
    entry = nb.create_entry("Before.", title="Old title")
    nb.sync(quick=True)   # the folder stamps now include the new entry's folder, as after any start of Duet
    folder = entry.path.parent
    stamp = folder.stat().st_mtime_ns
    entry.path.write_text(entry.path.read_text(encoding="utf-8").replace("Old title", "New title"), encoding="utf-8")
    os.utime(folder, ns=(stamp, stamp))   # edited in place: the folder's stamp says nothing, the quick sync sees none
    _wait_for_background_sync()   # another test's, if any
    at = AppTest.from_file(app_path, default_timeout=TIMEOUT).run()
    assert not at.exception
    _wait_for_background_sync()
    at.run()
    assert any(m.value.split("\n\n")[0] == "**New title**" for m in at.markdown), [m.value for m in at.markdown]
