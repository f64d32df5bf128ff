"""Paired devices (#13): a pairing code works once and expires, only hashes are kept, revoking refuses at once."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

from journal.devices import LAST_USE_EVERY_SECONDS, PAIRING_MINUTES, Devices, token_hash
from journal.errors import BrokenFile, InvalidInput, NotFound
from journal.notebook import Notebook


class Clock:
    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def devices(notebook: Notebook, clock: Clock) -> Devices:
    return Devices(notebook.home, notebook.lock, clock=clock)


def test_a_pairing_code_pairs_one_device_once(devices: Devices) -> None:
    code = devices.start_pairing()
    device, token = devices.pair(code, "iPhone")
    assert devices.recognise(token) == device
    with pytest.raises(InvalidInput) as spent:
        devices.pair(code, "Android")
    assert "used already" in spent.value.message("en")
    assert [d.name for d in devices.list()] == ["iPhone"]


def test_each_device_has_its_own_token_and_a_wrong_one_opens_nothing(devices: Devices) -> None:
    first, first_token = devices.pair(devices.start_pairing(), "iPhone")
    second, second_token = devices.pair(devices.start_pairing(), "iPad")
    assert first_token != second_token and first.id != second.id
    assert devices.recognise(second_token) == second
    for wrong in ("", None, first_token[:-1], first_token + "x", token_hash(first_token)):
        assert devices.recognise(wrong) is None


def test_a_code_expires(devices: Devices, clock: Clock) -> None:
    code = devices.start_pairing()
    clock.now += PAIRING_MINUTES * 60 + 1
    with pytest.raises(InvalidInput):
        devices.pair(code, "late phone")
    assert devices.list() == []


def test_only_hashes_are_kept_in_a_private_file(devices: Devices) -> None:
    code = devices.start_pairing()
    _device, token = devices.pair(code, "iPhone")
    unused = devices.start_pairing()
    text = devices.path.read_text(encoding="utf-8")
    for secret in (code, token, unused):
        assert secret not in text
    assert token_hash(token) in text and token_hash(unused) in text
    assert stat.S_IMODE(devices.path.stat().st_mode) == 0o600


def test_revoking_refuses_the_token_and_keeps_the_others(devices: Devices) -> None:
    phone, phone_token = devices.pair(devices.start_pairing(), "iPhone")
    tablet, tablet_token = devices.pair(devices.start_pairing(), "iPad")
    devices.revoke(phone.id)
    assert devices.recognise(phone_token) is None
    assert devices.recognise(tablet_token) == tablet
    with pytest.raises(NotFound):
        devices.revoke(phone.id)


def test_last_use_is_noted_but_not_on_every_request(devices: Devices, clock: Clock) -> None:
    device, token = devices.pair(devices.start_pairing(), "iPhone")
    written = devices.path.stat().st_mtime_ns
    clock.now += LAST_USE_EVERY_SECONDS / 2
    assert devices.recognise(token).last_used == device.paired
    assert devices.path.stat().st_mtime_ns == written
    clock.now += LAST_USE_EVERY_SECONDS
    assert devices.recognise(token).last_used == clock.now
    assert devices.list()[0].last_used == clock.now


def test_a_damaged_list_says_so_and_lets_no_one_in(devices: Devices) -> None:
    _device, token = devices.pair(devices.start_pairing(), "iPhone")
    devices.path.write_text("{not json", encoding="utf-8")
    with pytest.raises(BrokenFile):
        devices.recognise(token)
    assert devices.path.read_text(encoding="utf-8") == "{not json"   # never rewritten


def test_names_are_tidied_and_the_notebook_has_one_door(notebook: Notebook) -> None:
    device, _token = notebook.devices.pair(notebook.devices.start_pairing(), "  my\n phone " + "x" * 100)
    assert device.name.startswith("my phone ") and len(device.name) == 60
    assert json.loads(notebook.devices.path.read_text(encoding="utf-8"))["devices"][0]["name"] == device.name
