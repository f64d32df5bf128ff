"""``python -m journal lock set|remove|status``: the passphrase from DUET_PASSPHRASE or a prompt, never an argument."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from journal.cli import main
from journal.notebook import Notebook
from tests.fast_argon2 import cheap_argon2  # noqa: F401  (autouse: argon2id with tiny costs)

ROOT = Path(__file__).resolve().parent.parent
FIRST = "paper lanterns at dusk"
SECOND = "纸灯笼 at the harbour"


def _status(capsys: pytest.CaptureFixture[str]) -> dict:
    capsys.readouterr()
    assert main(["lock", "status", "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_set_status_change_and_remove_from_the_environment(duet_home: Path, monkeypatch: pytest.MonkeyPatch,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    assert _status(capsys) == {"set": False, "idle_minutes": 15, "failures": 0, "wait_seconds": 0.0}
    monkeypatch.setenv("DUET_PASSPHRASE", FIRST)
    assert main(["lock", "set", "--idle", "20"]) == 0
    assert "The app lock is on" in capsys.readouterr().out
    assert _status(capsys)["set"] is True and _status(capsys)["idle_minutes"] == 20
    raw = (duet_home / ".duet" / "applock.json").read_text(encoding="utf-8")
    assert FIRST not in raw and "lanterns" not in raw

    monkeypatch.setenv("DUET_NEW_PASSPHRASE", SECOND)   # changing: the current one in DUET_PASSPHRASE
    assert main(["lock", "set"]) == 0
    Notebook.open(duet_home).app_lock.unlock(SECOND)
    assert _status(capsys)["idle_minutes"] == 20

    monkeypatch.setenv("DUET_PASSPHRASE", FIRST)        # no longer the right one
    assert main(["lock", "remove"]) == 1
    assert "not the right one" in capsys.readouterr().err
    assert _status(capsys)["set"] is True
    monkeypatch.setenv("DUET_PASSPHRASE", SECOND)
    assert main(["lock", "remove"]) == 0
    assert _status(capsys)["set"] is False


def test_changing_with_a_wrong_current_passphrase_changes_nothing(duet_home: Path, monkeypatch: pytest.MonkeyPatch,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    Notebook.open(duet_home).app_lock.set(FIRST)
    before = json.loads((duet_home / ".duet" / "applock.json").read_text())["hash"]
    monkeypatch.setenv("DUET_PASSPHRASE", "a guess, and a wrong one")
    monkeypatch.setenv("DUET_NEW_PASSPHRASE", SECOND)
    assert main(["lock", "set"]) == 1
    assert "not the right one" in capsys.readouterr().err
    assert json.loads((duet_home / ".duet" / "applock.json").read_text())["hash"] == before
    status = _status(capsys)
    assert status["failures"] == 1


def test_a_short_passphrase_is_refused_in_one_sentence(duet_home: Path, monkeypatch: pytest.MonkeyPatch,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("DUET_PASSPHRASE", "short")
    assert main(["lock", "set"]) == 1
    err = capsys.readouterr().err
    assert "at least 8 characters" in err and "Traceback" not in err
    assert not (duet_home / ".duet" / "applock.json").exists()


def test_a_bad_idle_time_is_refused(duet_home: Path, monkeypatch: pytest.MonkeyPatch,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("DUET_PASSPHRASE", FIRST)
    assert main(["lock", "set", "--idle", "0"]) == 1
    assert "from 1 to 1440" in capsys.readouterr().err
    assert not (duet_home / ".duet" / "applock.json").exists()


def test_without_a_terminal_or_the_variable_it_says_what_to_set(duet_home: Path, tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DUET_PASSPHRASE", "DUET_NEW_PASSPHRASE")}
    done = subprocess.run([sys.executable, "-m", "journal", "lock", "set", "--home", str(duet_home)], cwd=ROOT,
                          env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=120)
    assert done.returncode == 1 and "Set DUET_PASSPHRASE" in done.stderr and "Traceback" not in done.stderr
    assert not (duet_home / ".duet" / "applock.json").exists()


def test_status_in_chinese(duet_home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    Notebook.open(duet_home).app_lock.set(FIRST, idle_minutes=3)
    assert main(["--lang", "zh", "lock", "status"]) == 0
    assert "应用锁已开启" in capsys.readouterr().out
