"""Pairing a phone against a real HTTPS ``streamlit run`` in a real Chromium (#13).

The server is started as ``duet app --phone`` starts it (journal.cli.app.phone_command: every address,
Duet's own certificate, the phone gate on), on 127.0.0.1. Chromium trusts that one server key, as a phone
that installed Duet's authority does. A pairing code works once; a paired device still meets the app lock;
a revoked device and a device that never paired see the lock screen and nothing of the notebook.
"""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path

import pytest

from journal.cli.app import phone_command
from journal.i18n import catalogue
from journal.notebook import Notebook
from tests.browser import chromium_page, free_port, needs_chromium, streamlit_server

pytestmark = [pytest.mark.browser, needs_chromium]
EN = catalogue("en")
LOADED_MS = 90_000
WAIT_MS = 30_000
PASSPHRASE = "river lanterns at night"
SECRET_TITLE = "Only for me"


def spki_of(cert_path: Path) -> str:
    from cryptography import x509
    from cryptography.hazmat.primitives import serialization

    cert = x509.load_pem_x509_certificate(cert_path.read_bytes())
    der = cert.public_key().public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    return base64.b64encode(hashlib.sha256(der).digest()).decode()


def locked_out(page) -> None:
    """The lock's title and the not-paired sentence; no passphrase box, no menu, no entry."""
    page.get_by_role("heading", name=EN["privacy.lock.screen.title"]).wait_for(timeout=LOADED_MS)
    page.get_by_text(EN["devices.not_paired"][:40]).wait_for(timeout=WAIT_MS)
    page.wait_for_timeout(500)
    assert page.get_by_label(EN["privacy.lock.screen.passphrase"]).count() == 0
    assert page.get_by_text(SECRET_TITLE).count() == 0
    assert page.get_by_test_id("stSidebarNav").count() == 0
    assert "Traceback" not in page.content()


def unlock(page) -> None:
    box = page.get_by_label(EN["privacy.lock.screen.passphrase"])
    box.wait_for(timeout=LOADED_MS)
    box.fill(PASSPHRASE)
    page.get_by_role("button", name=EN["privacy.lock.screen.open"]).click()
    page.get_by_text(SECRET_TITLE).first.wait_for(timeout=LOADED_MS)


def test_a_code_pairs_one_device_once_and_a_revoked_device_sees_only_the_lock(tmp_path: Path) -> None:
    home = tmp_path / "nb"
    nb = Notebook.open(home)
    nb.create_entry("what I tell no one", title=SECRET_TITLE)
    nb.app_lock.set(PASSPHRASE)
    port = free_port()
    command, env, _url = phone_command(home, port, "127.0.0.1")
    args = command[command.index("--server.address"):]
    assert args[:2] == ["--server.address", "0.0.0.0"]
    args[1] = "127.0.0.1"   # the test listens on loopback only; everything else is what `make phone` runs
    cert = Path(args[args.index("--server.sslCertFile") + 1])
    authority = home / ".duet" / "tls" / "duet-ca.crt"
    code = nb.devices.start_pairing()
    with streamlit_server(home, extra_env=env, extra_args=args, authority=authority, port=port) as url:
        assert url.startswith("https://")
        trust = spki_of(cert)
        # The phone opens the QR code's address: paired, then asked for the passphrase like any session.
        with chromium_page(tmp_path, trust_spki=trust, profile="phone") as phone:
            phone.goto(f"{url}/?pair={code}", wait_until="networkidle")
            unlock(phone)
            assert "pair=" not in phone.url   # the spent code does not stay in the address bar
            [device] = nb.devices.list()
            # A new session of the same browser (a reload) is known by its token and only asked the passphrase.
            phone.goto(url, wait_until="networkidle")
            unlock(phone)

        # Another device with the same QR code: the code is spent. Without any code: the lock, nothing else.
        with chromium_page(tmp_path, trust_spki=trust, profile="other") as other:
            other.goto(f"{url}/?pair={code}", wait_until="networkidle")
            locked_out(other)
            other.get_by_text(EN["devices.errors.code"][:40]).wait_for(timeout=WAIT_MS)
            other.goto(url, wait_until="networkidle")
            locked_out(other)
        assert [d.id for d in nb.devices.list()] == [device.id]

        # The phone again, a day later (its browser restarted): still paired. Then revoked in Settings' stead:
        # the open page is refused on its next run, and so is a reload.
        with chromium_page(tmp_path, trust_spki=trust, profile="phone") as phone:
            phone.goto(url, wait_until="networkidle")
            unlock(phone)
            nb.devices.revoke(device.id)
            phone.get_by_role("link", name=EN["nav.settings"]).click()
            locked_out(phone)
            phone.goto(url, wait_until="networkidle")
            locked_out(phone)
