"""The one file seam of a vault notebook: bytes are sealed (AES-256-GCM) on the way to disk, opened on the way back.

Every write of a notebook file goes through :mod:`journal.store.atomic`, which
calls :func:`seal`; every read of one goes through :func:`read_bytes`. While a
vault's data key is held by this process (:func:`hold_key`, done by
:mod:`journal.vault` after the passphrase was checked), everything written
under that notebook folder is encrypted, whatever module writes it: entries,
stories, companions, avatars, drafts, history, trash, the index snapshot.
A sealed file starts with :data:`MAGIC`, so a reader tells it from a plain one
without asking; a notebook half-way through a conversion is still read whole.

The keys live only in this process's memory, keyed by notebook folder, so a
folder's files are sealed whichever ``Notebook`` object writes them.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

from journal.errors import BrokenFile, VaultLocked

MAGIC = b"\x89DUET-VAULT\x01"     # not UTF-8, not markdown: no editor mistakes a sealed file for a note
NONCE_BYTES = 12                   # AES-GCM's standard nonce, random per file (2^-32 collision bound far away)
KEY_FILE = ".duet-vault.json"      # the wrapped data key (journal/vault.py); must stay readable before unlocking
# Files that stay plain in a vault notebook: the wrapped key (needed to open it), Duet's folder marker and the app
# lock's file (journal/applock.py: an argon2id hash and wait times, no notes). Lock files are never written here.
PLAIN_NAMES = frozenset({KEY_FILE, ".duet-notebook", "applock.json",
                         # phone pairing (#13): hashes and names only; the certificates Streamlit's server reads
                         "devices.json", "duet-ca.crt", "duet-ca.key", "server.crt", "server.key"})

_keys: dict[str, object] = {}      # folder with a trailing separator -> AESGCM
_keys_lock = threading.Lock()


def _prefixes(home: Path) -> set[str]:
    home = Path(home)
    return {os.path.join(str(home), ""), os.path.join(str(home.resolve()), "")}


def hold_key(home: Path, key: bytes) -> None:
    """From now on, files under ``home`` are sealed with ``key`` when written and opened with it when read."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    cipher = AESGCM(key)
    with _keys_lock:
        for prefix in _prefixes(home):
            _keys[prefix] = cipher


def drop_key(home: Path) -> None:
    """Forget ``home``'s key: files written there from now on are plain (the vault was turned off)."""
    with _keys_lock:
        for prefix in _prefixes(home):
            _keys.pop(prefix, None)


def holds_key(home: Path) -> bool:
    return any(prefix in _keys for prefix in _prefixes(home))


def _cipher_for(path: Path | str):
    if not _keys:
        return None
    name = os.fspath(path)
    if os.path.basename(name) in PLAIN_NAMES:
        return None
    for prefix, cipher in list(_keys.items()):
        if name.startswith(prefix):
            if not os.path.exists(prefix + KEY_FILE):   # another process turned the vault off: the notes are plain
                with _keys_lock:                        # again, and nothing may be sealed with a key now gone
                    for other in [k for k, c in _keys.items() if c is cipher]:
                        _keys.pop(other, None)
                return None
            return cipher
    return None


def sealing(path: Path | str) -> bool:
    """True when a file written at ``path`` now would be sealed."""
    return _cipher_for(path) is not None


def is_sealed(data: bytes) -> bool:
    return data[:len(MAGIC)] == MAGIC


def seal(path: Path | str, data: bytes) -> bytes:
    """``data`` as it must be written at ``path``: sealed when ``path`` is inside an open vault, else as it is."""
    cipher = _cipher_for(path)
    if cipher is None:
        return data
    nonce = os.urandom(NONCE_BYTES)
    return MAGIC + nonce + cipher.encrypt(nonce, data, MAGIC)  # type: ignore[attr-defined]


def unseal(path: Path | str, data: bytes) -> bytes:
    """The plain bytes of a file read from ``path``; a plain file is returned as it is.

    A sealed file in a notebook whose key this process does not hold raises
    :class:`VaultLocked`; one that fails its authentication tag (changed or
    truncated on disk) is a :class:`BrokenFile`, never garbage passed on.
    """
    if not is_sealed(data):
        return data
    cipher = _cipher_for(path)
    if cipher is None:
        raise VaultLocked("vault.errors.locked", path=str(path))
    from cryptography.exceptions import InvalidTag

    nonce, sealed = data[len(MAGIC):len(MAGIC) + NONCE_BYTES], data[len(MAGIC) + NONCE_BYTES:]
    try:
        return cipher.decrypt(nonce, sealed, MAGIC)  # type: ignore[attr-defined]
    except (InvalidTag, ValueError):
        raise BrokenFile("vault.errors.damaged_file", path=str(path)) from None


def read_bytes(path: Path | str) -> bytes:
    """Read a notebook file as its plain bytes (OSError as :meth:`Path.read_bytes` raises it)."""
    with open(path, "rb") as file:   # not Path(path).read_bytes(): a reindex reads 100,000 files, each a Path less
        return unseal(path, file.read())


def read_text(path: Path | str) -> str:
    return read_bytes(path).decode("utf-8")
