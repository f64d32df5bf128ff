"""`duet app` / `make run`: start Streamlit in the app's folder, open the browser once it answers, show progress."""

from __future__ import annotations

import http.server
import os
import re
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
    # Streamlit's `streamlit run`, through Duet's launcher (ui/server.py: tests/test_server_start.py)
    assert run["command"][1:4] == ["-m", "ui.server", "run"] and run["command"][-2:] == ["--server.port", "8600"]
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


def test_app_phone_refuses_to_serve_the_network_without_the_app_lock(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    started: list[list[str]] = []
    monkeypatch.setattr("journal.cli.app.run_until_stopped", lambda command, cwd, env: started.append(command) or 0)
    monkeypatch.setattr("journal.cli.app.ensure_builtin_model", lambda: None)
    home = tmp_path / "nb"
    assert main(["app", "--home", str(home), "--phone", "--no-browser"]) == 2
    assert "app lock" in capsys.readouterr().err
    assert started == [] and not (home / ".duet" / "tls").exists()


def test_app_phone_serves_https_on_the_network_with_a_one_time_qr_code(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from journal.notebook import Notebook

    started: list[dict] = []
    monkeypatch.setattr("journal.cli.app.run_until_stopped",
                        lambda command, cwd, env: started.append({"command": command, "env": env}) or 0)
    monkeypatch.setattr("journal.cli.app.ensure_builtin_model", lambda: None)
    home = tmp_path / "nb"
    nb = Notebook.open(home)
    nb.app_lock.set("river lanterns at night")
    assert main(["app", "--home", str(home), "--phone", "--host", "192.168.1.20", "--port", "8600"]) == 0
    [run] = started
    command = run["command"]
    assert command[command.index("--server.address") + 1] == "0.0.0.0"
    assert Path(command[command.index("--server.sslCertFile") + 1]).exists()
    assert run["env"]["DUET_PHONE"] == "1" and run["env"]["DUET_PHONE_URL"] == "https://192.168.1.20:8600"
    out = capsys.readouterr().out
    code = re.search(r"https://192\.168\.1\.20:8600/\?pair=([A-Za-z0-9_-]+)", out).group(1)
    device, _token = nb.devices.pair(code, "iPhone")   # the printed code pairs a device, once
    assert [d.id for d in nb.devices.list()] == [device.id]
    assert "█" in out or "▀" in out   # the QR code, drawn in the terminal
