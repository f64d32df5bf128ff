"""A real OpenID Connect provider on 127.0.0.1 for a circle's sign-in (#13), and the secrets.toml that points at it.

``oidc-provider-mock`` is a complete provider (discovery, authorization form,
signed ID tokens); only its users are made up. Its sign-in form asks for a
subject and signs that person in, so a browser (or the load test's HTTP client)
goes through the whole st.login flow: Streamlit's /auth/login, the provider's
form, the /oauth2callback that sets the identity cookie.
"""

from __future__ import annotations

import contextlib
import json
import os
import threading
import time
import urllib.request
from pathlib import Path
from typing import Iterator

INSECURE_ENV = "AUTHLIB_INSECURE_TRANSPORT"   # plain http, on the loopback only


@contextlib.contextmanager
def oidc_provider(port: int = 0) -> Iterator[str]:
    """The provider in a thread of this process; yields its address (also its issuer's)."""
    import oidc_provider_mock
    import werkzeug.serving

    os.environ[INSECURE_ENV] = "1"
    server = werkzeug.serving.make_server("127.0.0.1", port, oidc_provider_mock.app(), threaded=True)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()


def issuer(provider: str) -> str:
    """The ``iss`` the provider writes in its ID tokens (what names a person's folder, with the subject)."""
    with urllib.request.urlopen(f"{provider}/.well-known/openid-configuration", timeout=10) as resp:
        return json.loads(resp.read())["issuer"]


def register(provider: str, subject: str, name: str) -> None:
    """The claims the provider gives ``subject`` (a display name and an e-mail) when they sign in."""
    body = json.dumps({"name": name, "email": f"{subject}@example.com"}).encode()
    request = urllib.request.Request(f"{provider}/users/{subject}", data=body, method="PUT",
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as resp:
        if resp.status != 204:
            raise RuntimeError(f"the provider refused user {subject}: {resp.status}")


def write_secrets(path: Path, provider: str, app_port: int) -> Path:
    """A secrets.toml whose ``[auth]`` section turns the circle on, for a Duet on ``app_port``."""
    path.write_text(
        "[auth]\n"
        f'redirect_uri = "http://127.0.0.1:{app_port}/oauth2callback"\n'
        f'cookie_secret = "circle-test-{time.time_ns()}-cookie-secret"\n'
        'client_id = "duet"\nclient_secret = "duet-secret"\n'
        f'server_metadata_url = "{provider}/.well-known/openid-configuration"\n', encoding="utf-8")
    return path
