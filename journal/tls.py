"""The certificate that lets a phone on the same network reach Duet over HTTPS (#13).

A phone's browser will not send a typed diary over plain HTTP on a network
it shares with others, and nobody outside the computer can issue a
certificate for ``192.168.1.20``. So Duet makes its own, as mkcert does: a
small certificate authority (kept in ``.duet/tls/``, its key 0600) that the
person may install on the phone once, and a server certificate it signs for
this computer's addresses. Until the phone trusts the authority, the browser
shows a warning; the README says what it means and how to trust it.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import socket
from dataclasses import dataclass
from pathlib import Path

from journal.store.atomic import atomic_write_bytes
from journal.store.index import INDEX_FOLDER

TLS_FOLDER = "tls"
CA_CERT, CA_KEY = "duet-ca.crt", "duet-ca.key"
SERVER_CERT, SERVER_KEY = "server.crt", "server.key"
CA_DAYS = 3650
SERVER_DAYS = 397            # Apple and Chrome refuse server certificates valid for longer than 398 days
RENEW_BEFORE_DAYS = 30
KEY_SIZE = 2048
PROBE_ADDRESS = ("192.0.2.1", 9)   # TEST-NET-1: connecting a UDP socket sends nothing, it only picks the route


@dataclass(frozen=True)
class Certificate:
    """Paths Streamlit's ``server.sslCertFile`` / ``server.sslKeyFile`` take, and the authority to install."""

    cert: Path
    key: Path
    authority: Path
    names: tuple[str, ...]


def lan_address() -> str:
    """This computer's address on the local network (the one a phone types), or 127.0.0.1 without a network."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(PROBE_ADDRESS)
            return probe.getsockname()[0]
        except OSError:
            return "127.0.0.1"


def ensure_certificate(home: Path, hosts: list[str]) -> Certificate:
    """The server certificate for ``hosts`` (addresses or names), made or renewed when needed.

    The authority is made once and kept, so a phone that trusts it keeps trusting
    the next server certificate (a new address on another network, a renewal).
    """
    folder = Path(home) / INDEX_FOLDER / TLS_FOLDER
    names = tuple(dict.fromkeys([*hosts, "localhost", "127.0.0.1"]))
    ca_cert, ca_key = _authority(folder)
    cert_path, key_path = folder / SERVER_CERT, folder / SERVER_KEY
    if not _still_good(cert_path, key_path, names):
        key = _new_key()
        cert = _sign(ca_cert, ca_key, key, names)
        _write_key(key_path, key)
        atomic_write_bytes(cert_path, _pem(cert))
    return Certificate(cert_path, key_path, folder / CA_CERT, names)


def _authority(folder: Path):
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.x509.oid import NameOID

    cert_path, key_path = folder / CA_CERT, folder / CA_KEY
    if cert_path.exists() and key_path.exists():
        return (x509.load_pem_x509_certificate(cert_path.read_bytes()),
                serialization.load_pem_private_key(key_path.read_bytes(), password=None))
    key = _new_key()
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, f"Duet on {socket.gethostname()}"[:64]),
                      x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Duet (this computer only)")])
    now = dt.datetime.now(dt.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(minutes=5)).not_valid_after(now + dt.timedelta(days=CA_DAYS))
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .add_extension(x509.KeyUsage(digital_signature=True, key_cert_sign=True, crl_sign=True,
                                         content_commitment=False, key_encipherment=False, data_encipherment=False,
                                         key_agreement=False, encipher_only=False, decipher_only=False), critical=True)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
            .sign(key, hashes.SHA256()))
    _write_key(key_path, key)
    atomic_write_bytes(cert_path, _pem(cert))
    return cert, key


def _sign(ca_cert, ca_key, key, names: tuple[str, ...]):
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

    now = dt.datetime.now(dt.timezone.utc)
    return (x509.CertificateBuilder()
            .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, names[0][:64])]))
            .issuer_name(ca_cert.subject).public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(minutes=5)).not_valid_after(now + dt.timedelta(days=SERVER_DAYS))
            .add_extension(x509.SubjectAlternativeName([_general_name(n) for n in names]), critical=False)
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
            .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False)
            .sign(ca_key, hashes.SHA256()))


def _still_good(cert_path: Path, key_path: Path, names: tuple[str, ...]) -> bool:
    """The server certificate exists, names every host asked for, and is not about to expire."""
    from cryptography import x509

    if not (cert_path.exists() and key_path.exists()):
        return False
    try:
        cert = x509.load_pem_x509_certificate(cert_path.read_bytes())
        san = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    except (ValueError, x509.ExtensionNotFound):
        return False
    held = {str(v) for v in san.get_values_for_type(x509.IPAddress)} | set(san.get_values_for_type(x509.DNSName))
    soon = dt.datetime.now(dt.timezone.utc) + dt.timedelta(days=RENEW_BEFORE_DAYS)
    return set(names) <= held and cert.not_valid_after_utc > soon


def _general_name(host: str):
    from cryptography import x509

    try:
        return x509.IPAddress(ipaddress.ip_address(host))
    except ValueError:
        return x509.DNSName(host)


def _new_key():
    from cryptography.hazmat.primitives.asymmetric import rsa

    return rsa.generate_private_key(public_exponent=65537, key_size=KEY_SIZE)


def _write_key(path: Path, key) -> None:
    from cryptography.hazmat.primitives import serialization

    atomic_write_bytes(path, key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                               serialization.NoEncryption()))


def _pem(cert) -> bytes:
    from cryptography.hazmat.primitives import serialization

    return cert.public_bytes(serialization.Encoding.PEM)
