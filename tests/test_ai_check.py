"""``python -m journal ai-check``: succeeds offline on the embedded model, and fails with one clear sentence."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from journal.ai.providers import save_settings
from journal.cli import main
from tests.fake_openai import FakeOpenAIServer, reply, unauthorized
from tests.fixtures_ai import embedded_chat  # noqa: F401  (session fixture: one model start for the whole run)

ROOT = Path(__file__).resolve().parent.parent
SUBPROCESS_TIMEOUT = 120


def _run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, dict]:
    code = main(["ai-check", "--json", *argv])
    return code, json.loads(capsys.readouterr().out)


def test_with_no_settings_the_embedded_model_answers_offline(embedded_chat, capsys) -> None:
    code, data = _run_json(capsys)
    assert code == 0 and data["ok"] is True and data["error"] is None
    assert data["provider"]["provider"] == "embedded"
    assert data["provider"]["base_url"].startswith("http://127.0.0.1:")
    assert data["provider"]["model"].startswith("SmolLM2")
    assert data["reply"] and data["tokens"] >= 1
    assert data["latency_seconds"] > 0 and data["time_to_first_token"] > 0
    assert data["tokens_per_second"] is None or data["tokens_per_second"] > 0


def test_human_output_names_provider_model_and_speed(embedded_chat, capsys) -> None:
    assert main(["ai-check"]) == 0
    out = capsys.readouterr().out
    for label in ("Provider:", "Base URL:", "Model:", "First token:", "tokens/s", "The AI works."):
        assert label in out


def test_a_refused_key_is_one_clear_sentence(duet_home: Path, capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DUET_AI_KEY", "sk-wrong-key-000000009999")
    with FakeOpenAIServer() as server:
        server.enqueue(unauthorized())
        save_settings(duet_home, {"provider": "compatible", "preset": "custom", "base_url": server.base_url, "model": "m"})
        assert main(["ai-check"]) == 1
    captured = capsys.readouterr()
    assert "refused the API key" in captured.err and "DUET_AI_KEY" in captured.err
    assert "Traceback" not in captured.err and "sk-wrong-key-000000009999" not in captured.out + captured.err
    assert "sk-…9999" in captured.out  # the key is shown masked


def test_a_configured_service_reports_its_figures(duet_home: Path, capsys) -> None:
    with FakeOpenAIServer(model="tiny") as server:
        server.enqueue(reply(["Hi", " there", "!"]))
        save_settings(duet_home, {"provider": "compatible", "preset": "ollama", "base_url": server.base_url, "model": "tiny"})
        code, data = _run_json(capsys)
        body = server.chat_requests[0].body
    assert code == 0 and data["reply"] == "Hi there!" and data["tokens"] == 3
    assert data["provider"] == {"provider": "compatible", "preset": "ollama", "base_url": server.base_url,
                                "model": "tiny", "key_env": None, "key": None}
    assert body["max_tokens"] <= 16  # a tiny round trip


def test_a_missing_key_fails_before_any_network_call(duet_home: Path, capsys) -> None:
    save_settings(duet_home, {"provider": "openai"})
    code, data = _run_json(capsys)
    assert code == 1 and data["ok"] is False
    assert data["error_key"] == "ai.errors.no_key" and "OPENAI_API_KEY" in data["error"]


def test_the_command_line_succeeds_offline_and_exits_cleanly(tmp_path: Path) -> None:
    env = {"PATH": "/usr/bin:/bin", "DUET_HOME": str(tmp_path / "nb"), "DUET_LANG": "zh",
           "HOME": str(tmp_path), "NO_PROXY": "*", "HTTPS_PROXY": "http://127.0.0.1:9", "HTTP_PROXY": "http://127.0.0.1:9"}
    done = subprocess.run([sys.executable, "-m", "journal", "ai-check"], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=SUBPROCESS_TIMEOUT)
    assert done.returncode == 0, done.stderr
    assert "AI 工作正常" in done.stdout and done.stderr == ""
