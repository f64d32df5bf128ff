"""`duet app` / `make run`: start Streamlit in the app's folder, open the browser once it answers, show progress."""

from __future__ import annotations

import http.server
import os
import subprocess
import threading
from pathlib import Path

import pytest

from journal.cli import main
from journal.paths import app_folder

ROOT = Path(__file__).resolve().parent.parent


def test_app_starts_streamlit_in_the_app_folder_with_the_notebook_and_language(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    started: list[dict] = []
    monkeypatch.setattr("journal.cli.app.run_until_stopped",
                        lambda command, cwd, env: started.append({"command": command, "cwd": cwd, "env": env}) or 0)
    monkeypatch.chdir(tmp_path)
    assert main(["app", "--home", "my-notebook", "--lang", "zh", "--port", "8600", "--no-browser"]) == 0
    [run] = started
    assert run["command"][1:4] == ["-m", "streamlit", "run"] and run["command"][-2:] == ["--server.port", "8600"]
    assert Path(run["command"][4]) == app_folder() / "app.py"
    assert run["cwd"] == app_folder()  # where .streamlit/config.toml (127.0.0.1 only) is read from
    assert run["env"]["DUET_HOME"] == str(tmp_path / "my-notebook")  # absolute: the app runs elsewhere
    assert run["env"]["DUET_LANG"] == "zh"


def test_the_browser_opens_once_the_server_answers(monkeypatch: pytest.MonkeyPatch) -> None:
    from journal.cli.app import HEALTH_PATH, _open_when_ready

    class Health(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (the standard library's name)
            self.send_response(200 if self.path == HEALTH_PATH else 404)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Health)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    opened: list[str] = []
    monkeypatch.setattr("journal.cli.app.webbrowser.open", opened.append)
    url = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        _open_when_ready(url)
    finally:
        server.shutdown()
    assert opened == [url]


def test_make_run_opens_the_app_and_the_first_install_shows_its_steps(tmp_path: Path) -> None:
    # A dry run (-n) of every recipe (-B) into a venv that does not exist: nothing is installed.
    env = {**os.environ, "MAKEFLAGS": ""}
    plan = subprocess.run(["make", "-n", "-B", "run", "test", f"VENV={tmp_path / 'venv'}"], cwd=ROOT, env=env,
                          check=True, capture_output=True, text=True, timeout=60).stdout
    assert "-m journal app" in plan  # which opens the browser (test above), not a silent `streamlit run`
    steps = [line for line in plan.splitlines() if line.startswith("echo") and "==>" in line]
    assert len(steps) >= 3
    installs = [line for line in plan.splitlines() if "pip install" in line and "-r requirements" in line]
    assert installs and not [line for line in installs if "--quiet" in line]


def test_stopping_duet_app_stops_the_server_it_started(tmp_path: Path) -> None:
    """SIGTERM to `duet app` (a service manager, `kill`) must not leave Streamlit holding the port and notebook."""
    import signal
    import sys
    import time

    import psutil

    from tests.browser import free_port

    app = subprocess.Popen([sys.executable, "-m", "journal", "app", "--no-browser", "--port", str(free_port()),
                            "--home", str(tmp_path / "nb")], cwd=ROOT, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL)
    children: list[psutil.Process] = []
    try:
        deadline = time.monotonic() + 60
        while not (children := psutil.Process(app.pid).children(recursive=True)):
            assert time.monotonic() < deadline, "streamlit never started"
            time.sleep(0.2)
        app.send_signal(signal.SIGTERM)
        assert app.wait(timeout=30) is not None
        _, alive = psutil.wait_procs(children, timeout=30)
        assert alive == []
    finally:  # even when the test fails, leave nothing running (an orphaned server is no longer our child)
        for process in [*children, *psutil.Process().children(recursive=True)]:
            try:
                process.kill()
            except psutil.NoSuchProcess:
                pass
