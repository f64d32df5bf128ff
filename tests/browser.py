"""A real Streamlit server and a real Chromium, for the few things AppTest cannot show.

AppTest runs every rerun on one thread; the live server runs each in a new
one, which is where a thread-bound SQLite connection breaks. These helpers
start `streamlit run` on a free loopback port and drive Debian's Chromium
through Playwright (no browser download).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Iterator

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SERVER_START_SECONDS = 60

needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed (.ci/run installs it)")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def streamlit_server(home: Path, lang: str | None = "en", *, welcome: bool = False,
                     extra_env: dict[str, str] | None = None) -> Iterator[str]:
    """``lang=None`` leaves DUET_LANG unset, so the language saved in Settings decides, as for a real user.

    ``welcome`` shows the first-run welcome page; ``extra_env`` adds variables (a test catalogue, a fake host).
    """
    port = free_port()
    env = {**os.environ, "DUET_HOME": str(home), "DUET_LANG": lang or "", "DUET_WELCOME": "1" if welcome else "0",
           **(extra_env or {})}
    proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port),
                             "--server.headless", "true"], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + SERVER_START_SECONDS
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as resp:
                    if resp.status == 200:
                        break
            except OSError:
                time.sleep(0.3)
        else:
            raise RuntimeError("streamlit did not start")
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


@contextlib.contextmanager
def chromium_page(tmp_path: Path, viewport: dict[str, int] | None = None, *, mobile: bool = False):
    """``mobile`` emulates a phone: touch events, the mobile viewport meta tag, no scrollbars taking width."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            str(tmp_path / "chrome-profile"), executable_path=CHROMIUM, args=CHROMIUM_FLAGS,
            viewport=viewport or {"width": 1280, "height": 900}, is_mobile=mobile, has_touch=mobile)
        try:
            yield context.pages[0] if context.pages else context.new_page()
        finally:
            context.close()
