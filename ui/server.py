"""Duet's ``streamlit run``: Streamlit's own server and command line, started the way a first start needs (#19).

``python -m ui.server run app.py [options]`` is ``python -m streamlit run app.py [options]`` plus two things:

- Before it answers at all, Streamlit reads the metadata of every installed package (~110 with Duet's), looking
  for packaged "v2 components"; Duet uses none (``tests/test_server_start.py`` checks the app's code for them), and
  the scan is ~0.3 s of CPU on the way to the first page. Streamlit has no setting for it, so
  :func:`skip_component_discovery` turns that one method into a no-op in this process. Components declared in
  code, and the v1 components, work as before.
- Once the server listens, :func:`warm_up` does the first page's one-time work on a background thread while the
  browser loads Streamlit's scripts (about a second in which the server would wait): it imports what ``app.py``
  and the first page import, and the few modules Streamlit loads lazily on a first run, and opens the notebook
  (the quick sync). The first run then only draws. In a circle the notebook depends on who signs in, so only
  the imports are done.

``journal app`` (``make run``) starts this; the tests' servers may start either.
"""

from __future__ import annotations

import ast
import importlib
import logging
import sys
import threading
import time
from pathlib import Path

# Imported by Streamlit itself on the first run of a page like Duet's (set_page_config's icon goes through
# Pillow and numpy; a segmented control's labels through the emoji table, a regular expression of every emoji).
STREAMLIT_FIRST_RUN_MODULES = ("numpy", "PIL.Image", "streamlit.emojis")
SERVER_WAIT_SECONDS = 120
SERVER_POLL_SECONDS = 0.02
WARM_UP_THREAD = "duet-warm-up"


def skip_component_discovery() -> bool:
    """No scan of installed packages for v2 component manifests; False when this Streamlit has no such step."""
    try:
        from streamlit.components.v2.component_manager import BidiComponentManager
    except ImportError:
        return False
    if not hasattr(BidiComponentManager, "discover_and_register_components"):
        return False

    def no_packaged_components(self: BidiComponentManager, *, start_file_watching: bool = True) -> None:
        """Duet ships and calls no packaged component: nothing to discover, nothing to watch."""

    BidiComponentManager.discover_and_register_components = no_packaged_components
    return True


def first_page_modules(app_folder: Path) -> list[str]:
    """The modules ``app.py`` and the first page of the menu import at their top, in order."""
    from ui.navigation import PAGES

    names: list[str] = []
    for script in (app_folder / "app.py", app_folder / PAGES[0][0]):
        for node in ast.parse(script.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.Import):
                names += [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names.append(node.module)
    return list(dict.fromkeys(names))


def warm_up(app_folder: Path) -> None:
    """The first page's one-time work, done before a browser asks for it (see the module's docstring)."""
    for name in (*STREAMLIT_FIRST_RUN_MODULES, *first_page_modules(app_folder)):
        importlib.import_module(name)
    _first_element_check()
    from ui.common import open_notebook_ahead

    open_notebook_ahead()


def _first_element_check() -> None:
    """Streamlit's one-time check on the first element a process draws (is this a REPL?) walks the whole stack
    with ``inspect.stack()``, source lookups included: ~0.1 s inside the first run's deep stack, far less on this
    thread's short one, and off the way to the first page.
    It only warns when no server runs, and runs once per process; a Streamlit without it is left alone."""
    from streamlit import delta_generator

    check = getattr(delta_generator, "_maybe_print_use_warning", None)
    if check is not None:
        check()


def _warm_up_once_serving(app_folder: Path) -> None:
    """Wait until the server listens (its runtime has started), then warm up; never takes the server down.

    The first script run may import the same page modules at the same moment: Python's per-module import locks
    make that safe (one waits for the other's import), so the first run is not made to wait for this thread."""
    try:
        from streamlit.runtime import Runtime, RuntimeState
    except ImportError as exc:   # a Streamlit that moved them: no warm-up, one line, the first page does the work
        logging.getLogger(__name__).warning("no warm-up of the first page: %s", exc)
        return
    deadline = time.monotonic() + SERVER_WAIT_SECONDS
    while not (Runtime.exists() and Runtime.instance().state is not RuntimeState.INITIAL):
        if time.monotonic() > deadline:
            return
        time.sleep(SERVER_POLL_SECONDS)
    try:
        warm_up(app_folder)
    except Exception:   # noqa: BLE001 - the first page does the same work itself, and reports what fails
        logging.getLogger(__name__).warning("warming up the first page stopped", exc_info=True)


def main(argv: list[str]) -> None:
    skip_component_discovery()
    if len(argv) > 1 and argv[0] == "run":   # the folder of app.py: this checkout, or an installed wheel's duet_app
        threading.Thread(target=_warm_up_once_serving, args=(Path(argv[1]).resolve().parent,), name=WARM_UP_THREAD,
                         daemon=True).start()
    from streamlit.web.cli import main as streamlit_main

    sys.argv = ["streamlit", *argv]
    streamlit_main(prog_name="streamlit")


if __name__ == "__main__":
    main(sys.argv[1:])
