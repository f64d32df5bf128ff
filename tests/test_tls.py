"""Duet's own certificate for a phone on the network (#13): an authority kept once, a server certificate it signs."""

from __future__ import annotations

import ipaddress
import socket
import ssl
import stat
import threading
from pathlib import Path

from cryptography import x509

from journal.tls import SERVER_DAYS, ensure_certificate


def test_the_server_certificate_is_signed_by_the_authority_for_the_addresses_asked(tmp_path: Path) -> None:
    made = ensure_certificate(tmp_path, ["192.168.1.20"])
    cert = x509.load_pem_x509_certificate(made.cert.read_bytes())
    authority = x509.load_pem_x509_certificate(made.authority.read_bytes())
    cert.verify_directly_issued_by(authority)
    san = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    assert {str(a) for a in san.get_values_for_type(x509.IPAddress)} == {"192.168.1.20", "127.0.0.1"}
    assert san.get_values_for_type(x509.DNSName) == ["localhost"]
    assert authority.extensions.get_extension_for_class(x509.BasicConstraints).value.ca
    assert not cert.extensions.get_extension_for_class(x509.BasicConstraints).value.ca
    days = (cert.not_valid_after_utc - cert.not_valid_before_utc).days
    assert days <= SERVER_DAYS <= 398
    for key in (made.key, made.authority.with_suffix(".key")):
        assert stat.S_IMODE(key.stat().st_mode) == 0o600


def test_the_authority_is_kept_and_a_new_address_gets_a_new_server_certificate(tmp_path: Path) -> None:
    first = ensure_certificate(tmp_path, ["192.168.1.20"])
    authority, server = first.authority.read_bytes(), first.cert.read_bytes()
    again = ensure_certificate(tmp_path, ["192.168.1.20"])
    assert again.cert.read_bytes() == server   # nothing to renew
    moved = ensure_certificate(tmp_path, ["10.0.0.7"])
    assert moved.authority.read_bytes() == authority   # the phone that trusts it keeps trusting
    cert = x509.load_pem_x509_certificate(moved.cert.read_bytes())
    san = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    assert ipaddress.ip_address("10.0.0.7") in san.get_values_for_type(x509.IPAddress)


def test_a_client_that_trusts_the_authority_completes_a_handshake(tmp_path: Path) -> None:
    made = ensure_certificate(tmp_path, ["127.0.0.1"])
    server_side = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server_side.load_cert_chain(made.cert, made.key)
    listener = socket.create_server(("127.0.0.1", 0))
    port = listener.getsockname()[1]

    def serve() -> None:
        conn, _ = listener.accept()
        with server_side.wrap_socket(conn, server_side=True) as tls:
            tls.sendall(b"ok")

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    client = ssl.create_default_context(cafile=str(made.authority))
    with socket.create_connection(("127.0.0.1", port)) as raw, client.wrap_socket(raw, server_hostname="127.0.0.1") as tls:
        assert tls.recv(2) == b"ok"
    thread.join(5)
    listener.close()
