"""Paired devices: which phones may reach Duet over the network, each by its own revocable token (#13).

Pairing is two secrets. A one-time pairing code (in the QR code the computer
shows) is good for one device, for a few minutes; the device that brings it
gets its own long-lived device token, which its browser keeps. Only SHA-256
hashes of both are stored (``.duet/devices.json``, 0600): the tokens are 256
random bits, so a fast hash is enough (a slow one guards guessable
passphrases, which the app lock still asks for). Revoking a device deletes its
hash, so its next request is refused, even from a page already open.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from journal.errors import BrokenFile, InvalidInput, NotFound
from journal.store.atomic import atomic_write_bytes
from journal.store.index import INDEX_FOLDER

DEVICES_FILE = "devices.json"
TOKEN_BYTES = 32
PAIRING_MINUTES = 10              # a QR code left on screen stops working after this
LAST_USE_EVERY_SECONDS = 60       # "last used" is written at most this often, not on every rerun
MAX_NAME_CHARS = 60


@dataclass(frozen=True)
class Device:
    """What Settings lists: a name, when it was paired and last used (epoch seconds)."""

    id: str
    name: str
    paired: float
    last_used: float


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class Devices:
    """``nb.devices``: start a pairing, pair, recognise, list and revoke devices."""

    def __init__(self, home: Path, write_lock: Any, clock: Callable[[], float] = time.time) -> None:
        self.path = Path(home) / INDEX_FOLDER / DEVICES_FILE
        self._write_lock = write_lock
        self._clock = clock

    def _read(self) -> dict[str, Any]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {"pairing": [], "devices": []}
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            raise BrokenFile("devices.errors.damaged", path=str(self.path)) from exc
        if not isinstance(data, dict) or not isinstance(data.get("devices"), list):
            raise BrokenFile("devices.errors.damaged", path=str(self.path))
        data.setdefault("pairing", [])
        return data

    def _write(self, data: dict[str, Any]) -> None:
        atomic_write_bytes(self.path, json.dumps(data, indent=1).encode("utf-8"))

    def start_pairing(self) -> str:
        """A new one-time pairing code (for the QR code); earlier unused codes stay good until they expire."""
        code = secrets.token_urlsafe(TOKEN_BYTES)
        now = self._clock()
        with self._write_lock:
            data = self._read()
            data["pairing"] = [p for p in data["pairing"] if p["expires"] > now]
            data["pairing"].append({"hash": token_hash(code), "expires": now + PAIRING_MINUTES * 60})
            self._write(data)
        return code

    def pair(self, code: str, name: str) -> tuple[Device, str]:
        """Spend ``code`` (once) on a new device called ``name``; its device token, shown to no one but its browser."""
        name = " ".join(str(name or "").split())[:MAX_NAME_CHARS] or "Device"
        now = self._clock()
        with self._write_lock:
            data = self._read()
            wanted = token_hash(str(code or ""))
            match = next((p for p in data["pairing"]
                          if hmac.compare_digest(p["hash"], wanted) and p["expires"] > now), None)
            if match is None:
                raise InvalidInput("devices.errors.code")
            data["pairing"].remove(match)   # spent: a second device with the same QR code gets nothing
            token = secrets.token_urlsafe(TOKEN_BYTES)
            device = {"id": secrets.token_hex(6), "name": name, "hash": token_hash(token), "paired": now,
                      "last_used": now}
            data["devices"].append(device)
            self._write(data)
        return _device(device), token

    def recognise(self, token: str | None) -> Device | None:
        """The paired device holding ``token``, or None (never paired, revoked); notes its last use now and then."""
        if not token:
            return None
        wanted = token_hash(token)
        data = self._read()
        found = next((d for d in data["devices"] if hmac.compare_digest(d["hash"], wanted)), None)
        if found is None:
            return None
        now = self._clock()
        if now - found.get("last_used", 0) >= LAST_USE_EVERY_SECONDS:
            with self._write_lock:
                data = self._read()
                for device in data["devices"]:
                    if device["id"] == found["id"]:
                        device["last_used"] = found["last_used"] = now
                self._write(data)
        return _device(found)

    def list(self) -> list[Device]:
        return [_device(d) for d in self._read()["devices"]]

    def revoke(self, device_id: str) -> None:
        """Forget the device: its token opens nothing any more, on its next request."""
        with self._write_lock:
            data = self._read()
            kept = [d for d in data["devices"] if d["id"] != device_id]
            if len(kept) == len(data["devices"]):
                raise NotFound("devices.errors.unknown", id=device_id)
            data["devices"] = kept
            self._write(data)


def _device(record: dict[str, Any]) -> Device:
    return Device(record["id"], record["name"], float(record["paired"]), float(record.get("last_used", 0)))
