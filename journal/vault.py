"""The vault: a notebook whose every file is encrypted with a key only its passphrase (or recovery key) can open.

On disk, ``.duet-vault.json`` holds a random 256-bit data key twice, each copy
sealed with AES-256-GCM: once under a key derived from the passphrase with
argon2id and this notebook's own salt, once under the one-time recovery key.
Changing the passphrase re-seals those 32 bytes and no note. The data key
seals the files themselves (:mod:`journal.store.sealed`); the index is never
written as SQLite: it lives in memory and is saved sealed
(:mod:`journal.store.index`).

Turning the vault on or off rewrites every file in place, one atomic rename
per file, under the notebook's write lock. The key file says which way a
conversion is going (``state``), and a sealed file announces itself by its
first bytes, so a conversion killed at any instant leaves files that are each
whole, readable with the passphrase, and finished at the next open.
"""

from __future__ import annotations

import base64
import json
import os
import re
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterator

from journal.entries.files import JOURNAL_FOLDER
from journal.errors import DuetError, InvalidInput, VaultLocked, WrongPassphrase
from journal.names import PRIVATE_TOKEN_BYTES, free_path
from journal.passphrase import check_new_passphrase
from journal.store.atomic import atomic_write_bytes, atomic_write_many
from journal.store.index import INDEX_FOLDER, INDEX_FILE
from journal.store.leftovers import SKIPPED_FOLDERS, is_temp_name
from journal.store.trash import TRASH_FOLDER
from journal.store.sealed import (KEY_FILE, PLAIN_NAMES, NONCE_BYTES, drop_key, hold_key, holds_key, is_sealed,
                                  unseal)

if TYPE_CHECKING:
    from journal.store.locks import NotebookLock

FORMAT = 1
MEMORY_FOLDER = "/dev/shm"        # RAM-backed on Linux: for a vault's passing plain copies (scratch_folder)
CONVERT_BATCH = 200               # files rewritten per disk flush when the vault is turned on or off
KEY_BYTES = 32                     # AES-256
SALT_BYTES = 16
# argon2id, RFC 9106's second recommended option (64 MiB, 3 passes, 4 lanes): ~0.25 s here, per unlock, not per file.
KDF = {"name": "argon2id", "time_cost": 3, "memory_cost": 65536, "parallelism": 4}
WRAP_CONTEXT = b"duet-vault data key"
RECOVERY_GROUP = 4                 # the recovery key is shown as XXXX-XXXX-… (base32 of 32 random bytes)
NAMED_FOLDERS = (JOURNAL_FOLDER, "stories")   # whose file names come from titles (journal.stories.index.STORIES_FOLDER)
DATED = re.compile(r"^\d{4}-\d{2}-\d{2}-")
PRIVATE_NAME = re.compile(rf"^[0-9a-f]{{{2 * PRIVATE_TOKEN_BYTES}}}(-\d+)?$")
STATE_ON, STATE_SEALING, STATE_OPENING = "on", "sealing", "opening"
# SQLite's own files: never rewritten by a conversion (the plain index is deleted instead; it is derived).
INDEX_FILES = frozenset({INDEX_FILE, f"{INDEX_FILE}-wal", f"{INDEX_FILE}-shm", f"{INDEX_FILE}-journal"})


@dataclass(frozen=True)
class VaultStatus:
    on: bool
    state: str | None        # "on", or "sealing" / "opening" while a conversion waits to be finished
    sealed_files: int
    plain_files: int

    def to_dict(self) -> dict[str, object]:
        return {"vault": "on" if self.on else "off", "state": self.state,
                "sealed_files": self.sealed_files, "plain_files": self.plain_files}


# --- the key file -------------------------------------------------------------------------------


def key_path(home: Path) -> Path:
    return Path(home) / KEY_FILE


def is_vault(home: Path) -> bool:
    return key_path(home).is_file()


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def _read_key_file(home: Path) -> dict:
    try:
        data = json.loads(key_path(home).read_text(encoding="utf-8"))
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise ValueError("not a Duet vault key file")
        return data
    except (OSError, ValueError) as exc:
        raise DuetError("vault.errors.key_file_unreadable", path=str(key_path(home)), reason=str(exc)) from None


def _write_key_file(home: Path, data: dict) -> None:
    atomic_write_bytes(key_path(home), (json.dumps(data, indent=1, sort_keys=True) + "\n").encode("utf-8"))


def _derive(passphrase: str, kdf: dict) -> bytes:
    from argon2.low_level import Type, hash_secret_raw

    return hash_secret_raw(passphrase.encode("utf-8"), _unb64(kdf["salt"]), time_cost=int(kdf["time_cost"]),
                           memory_cost=int(kdf["memory_cost"]), parallelism=int(kdf["parallelism"]),
                           hash_len=KEY_BYTES, type=Type.ID)


def _wrap(kek: bytes, data_key: bytes) -> dict:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    nonce = os.urandom(NONCE_BYTES)
    return {"nonce": _b64(nonce), "sealed": _b64(AESGCM(kek).encrypt(nonce, data_key, WRAP_CONTEXT))}


def _unwrap(kek: bytes, wrapped: dict) -> bytes | None:
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    try:
        return AESGCM(kek).decrypt(_unb64(wrapped["nonce"]), _unb64(wrapped["sealed"]), WRAP_CONTEXT)
    except (InvalidTag, KeyError, ValueError, TypeError):
        return None


def new_recovery_key() -> tuple[str, bytes]:
    """(as shown to the person, as used): 32 random bytes in base32, grouped for copying by hand."""
    raw = secrets.token_bytes(KEY_BYTES)
    text = base64.b32encode(raw).decode("ascii").rstrip("=")
    return "-".join(text[i:i + RECOVERY_GROUP] for i in range(0, len(text), RECOVERY_GROUP)), raw


def _recovery_bytes(text: str) -> bytes | None:
    """The recovery key typed back (any case, with or without dashes and spaces), or None if it cannot be one."""
    compact = "".join(ch for ch in text.upper() if ch.isalnum())
    try:
        raw = base64.b32decode(compact + "=" * (-len(compact) % 8))
    except ValueError:
        return None
    return raw if len(raw) == KEY_BYTES else None


def _data_key(home: Path, secret: str, record: dict | None = None) -> bytes:
    """The data key, opened with the passphrase or with the recovery key; :class:`WrongPassphrase` otherwise."""
    record = record or _read_key_file(home)
    key = _unwrap(_derive(secret, record["kdf"]), record.get("passphrase_key", {}))
    if key is None:
        recovery = _recovery_bytes(secret)
        if recovery is not None:
            key = _unwrap(recovery, record.get("recovery_key", {}))
    if key is None:
        raise WrongPassphrase("vault.errors.wrong_passphrase")
    return key


def _new_kdf() -> dict:
    return {**KDF, "salt": _b64(secrets.token_bytes(SALT_BYTES))}


# --- opening ------------------------------------------------------------------------------------


def unlock(home: Path, passphrase: str | None) -> bool:
    """Make a vault notebook readable and writable in this process; False for a notebook without a vault.

    A conversion left half-way by a crash is finished here, under the write
    lock. Without a passphrase the answer is :class:`VaultLocked`; a wrong one
    is :class:`WrongPassphrase`, and nothing on disk changes either way.
    """
    home = Path(home)
    if not is_vault(home):
        return False
    if not holds_key(home):
        if not passphrase:
            raise VaultLocked("vault.errors.locked", path=str(home))
        hold_key(home, _data_key(home, passphrase))
    state = _read_key_file(home).get("state")
    if state != STATE_ON:
        lock = _write_lock(home)
        with lock:
            _finish(home, lock)
    return True


def scratch_folder(home: Path) -> str | None:
    """Where a vault's passing plain copies go (an upload being imported): memory, not disk; None: the usual temp."""
    if is_vault(home) and os.path.isdir(MEMORY_FOLDER) and os.access(MEMORY_FOLDER, os.W_OK):
        return MEMORY_FOLDER
    return None


def _write_lock(home: Path) -> "NotebookLock":
    """The notebook's write lock: no note is saved while its files are being converted."""
    from journal.store.locks import NotebookLock

    return NotebookLock(Path(home) / INDEX_FOLDER)


def status(home: Path) -> VaultStatus:
    """Whether the notebook is a vault, and how many of its files are sealed (no passphrase needed)."""
    home = Path(home)
    sealed = plain = 0
    for path in _notebook_files(home):
        try:
            with open(path, "rb") as handle:
                head = handle.read(16)
        except OSError:
            continue
        if is_sealed(head):
            sealed += 1
        else:
            plain += 1
    state = _read_key_file(home).get("state") if is_vault(home) else None
    return VaultStatus(on=state is not None, state=state, sealed_files=sealed, plain_files=plain)


def _notebook_files(home: Path) -> Iterator[Path]:
    """Every file a conversion rewrites: all but the key file, the marker, settings, locks, temps and SQLite's own."""
    for folder, dirs, files in os.walk(home):
        dirs[:] = [d for d in dirs if d not in SKIPPED_FOLDERS]
        in_index = Path(folder) == Path(home) / INDEX_FOLDER
        for name in files:
            if name in PLAIN_NAMES or is_temp_name(name) or os.path.islink(os.path.join(folder, name)):
                continue
            if in_index and (name in INDEX_FILES or name.endswith(".lock")):
                continue
            yield Path(folder) / name


def _rename_privately(home: Path, path: Path) -> None:
    """An entry's or a story's file name carries its title: give it the random name a vault gives new notes.

    One rename of an already sealed file, so a crash leaves it under one name or
    the other, never under both. Conflict copies keep the name that ties them to
    their note; companions keep theirs, which is their slug (stories refer to it).
    """
    from journal.store.conflicts import CONFLICT_MARK

    parts = path.relative_to(home).parts
    if parts and parts[0] == TRASH_FOLDER:
        parts = parts[2:]                              # .trash/<item>/journal/… as it was before the delete
    if path.suffix != ".md" or CONFLICT_MARK in path.name or not parts or parts[0] not in NAMED_FOLDERS:
        return
    match = DATED.match(path.stem)
    keep = len(match.group(0)) if match and parts[0] == JOURNAL_FOLDER else 0
    if PRIVATE_NAME.match(path.stem[keep:]):
        return
    target = free_path(path.parent, f"{path.stem[:keep]}{secrets.token_hex(PRIVATE_TOKEN_BYTES)}")
    if target is not None:
        os.rename(path, target)


def _remove_plain_index(home: Path) -> None:
    """The SQLite index holds every body in the clear: gone before the first file is sealed (it is derived)."""
    for name in INDEX_FILES:
        try:
            (Path(home) / INDEX_FOLDER / name).unlink()
        except FileNotFoundError:
            pass


# --- turning it on and off ----------------------------------------------------------------------


def turn_on(home: Path, passphrase: str, show_recovery_key: Callable[[str], None]) -> None:
    """Make the notebook a vault: every file sealed, the plain index deleted.

    ``show_recovery_key`` is given the one-time recovery key before anything
    is written, so a person who saw it can always use it. Refused for a notebook
    that already is a vault (turning it on again after a crash just unlocks and
    finishes the conversion).
    """
    home = Path(home)
    if is_vault(home):
        if unlock(home, passphrase):
            return
    check_new_passphrase(passphrase)
    shown, recovery = new_recovery_key()
    data_key = secrets.token_bytes(KEY_BYTES)
    kdf = _new_kdf()
    record = {"format": FORMAT, "state": STATE_SEALING, "kdf": kdf,
              "passphrase_key": _wrap(_derive(passphrase, kdf), data_key),
              "recovery_key": _wrap(recovery, data_key)}
    show_recovery_key(shown)
    lock = _write_lock(home)
    with lock:
        _write_key_file(home, record)
        hold_key(home, data_key)
        _finish(home, lock)


def turn_off(home: Path, passphrase: str | None) -> None:
    """Make the notebook plain again: every file opened and rewritten in the clear, the key file deleted last."""
    home = Path(home)
    if not unlock(home, passphrase):
        raise InvalidInput("vault.errors.not_a_vault")
    lock = _write_lock(home)
    with lock:
        record = _read_key_file(home)
        record["state"] = STATE_OPENING
        _write_key_file(home, record)
        _finish(home, lock)


def _finish(home: Path, lock) -> None:
    """Carry a conversion through to its end (the caller holds the key and the write lock); safe to repeat."""
    from journal.store.leftovers import remove_leftovers, temps_below

    state = _read_key_file(home).get("state")
    remove_leftovers(lock, temps_below(home))   # a plain temp from before must not outlive the vault
    if state == STATE_SEALING:
        _remove_plain_index(home)
        for chunk in _chunks(list(_notebook_files(home))):
            _rewrite([(p, d) for p in chunk if not is_sealed(d := p.read_bytes())], sealed=True)   # the key is held
            for path in chunk:
                _rename_privately(home, path)
        record = _read_key_file(home)
        record["state"] = STATE_ON
        _write_key_file(home, record)
    elif state == STATE_OPENING:
        from journal.store.index import SNAPSHOT_FILE

        for chunk in _chunks(list(_notebook_files(home))):
            _rewrite([(p, unseal(p, d)) for p in chunk if is_sealed(d := p.read_bytes())], sealed=False)
        try:
            (Path(home) / INDEX_FOLDER / SNAPSHOT_FILE).unlink()
        except FileNotFoundError:
            pass
        key_path(home).unlink()
        drop_key(home)


def _chunks(paths: list[Path]) -> Iterator[list[Path]]:
    for start in range(0, len(paths), CONVERT_BATCH):
        yield paths[start:start + CONVERT_BATCH]


def _rewrite(files: list[tuple[Path, bytes]], sealed: bool) -> None:
    """Each file whole under its own name (temp, then rename), with one disk flush per batch instead of two per file."""
    if files:
        atomic_write_many(files, sealed=sealed)


def change_passphrase(home: Path, current: str, new: str) -> None:
    """Seal the data key under a new passphrase (``current`` may be the recovery key); no note is rewritten."""
    home = Path(home)
    check_new_passphrase(new)
    with _write_lock(home):
        record = _read_key_file(home)
        data_key = _data_key(home, current, record)
        kdf = _new_kdf()
        record["kdf"] = kdf
        record["passphrase_key"] = _wrap(_derive(new, kdf), data_key)
        _write_key_file(home, record)
