"""The client sends what each backend accepts, finds keys without storing them, and builds the configured backend."""

from __future__ import annotations

from pathlib import Path

import pytest

from journal.ai.backend import ChatBackend, Sampling
from journal.ai.chat import EmbeddedChat, describe_provider, get_chat
from journal.ai.client import OpenAIChat
from journal.ai.errors import AIMissingKey
from tests.fake_chat import FakeChat
from journal.ai.providers import (
    EMBEDDED_SAMPLING,
    PRESETS,
    AISettings,
    find_key,
    load_settings,
    mask_key,
    remote_endpoint,
    save_settings,
)
from journal.errors import InvalidInput
from journal.settings import settings_path
from tests.fake_openai import FakeOpenAIServer, reply

MESSAGES = [{"role": "system", "content": "Be kind."}, {"role": "user", "content": "Hello"}]
KEY = "sk-proj-abcdefghijklmnop1234"


@pytest.fixture
def server():
    with FakeOpenAIServer(model="small-model") as fake:
        yield fake


def test_a_streamed_reply_arrives_in_pieces_with_figures(server: FakeOpenAIServer) -> None:
    server.enqueue(reply(["Hel", "lo ", "there"]))
    stream = OpenAIChat(server.endpoint(stream_usage=True)).stream_chat(MESSAGES, Sampling(temperature=0.3, max_tokens=9))
    assert list(stream) == ["Hel", "lo ", "there"]
    assert stream.text == "Hello there" and stream.finish_reason == "stop"
    assert stream.completion_tokens == 3 and stream.time_to_first_token is not None
    body = server.chat_requests[0].body
    assert body["model"] == "small-model" and body["messages"] == MESSAGES and body["stream"] is True
    assert body["temperature"] == 0.3 and body["max_tokens"] == 9
    assert body["stream_options"] == {"include_usage": True}
    assert server.chat_requests[0].headers["authorization"] == "Bearer sk-test-fake-key-1234"


def test_repeat_penalty_goes_only_to_backends_that_take_it(server: FakeOpenAIServer) -> None:
    sampling = Sampling(repeat_penalty=1.2, frequency_penalty=0.1)
    OpenAIChat(server.endpoint(repeat_penalty_param="repeat_penalty")).complete_chat(MESSAGES, sampling)
    OpenAIChat(server.endpoint(repeat_penalty_param=None)).complete_chat(MESSAGES, sampling)
    llama, openai_like = (r.body for r in server.chat_requests)
    assert llama["repeat_penalty"] == 1.2 and llama["frequency_penalty"] == 0.1
    assert "repeat_penalty" not in openai_like and "repetition_penalty" not in openai_like
    assert openai_like["frequency_penalty"] == 0.1


def test_the_dry_sampler_goes_only_to_the_embedded_server(server: FakeOpenAIServer) -> None:
    """DRY is how the built-in model is kept out of loops; a service would reject the unknown parameter."""
    from journal.ai.catalogue import BUILTIN_SAMPLING
    from journal.ai.chat import EmbeddedChat
    from journal.ai.providers import AISettings

    assert BUILTIN_SAMPLING.dry_multiplier
    sampling = Sampling(dry_multiplier=0.8)
    OpenAIChat(server.endpoint(dry_sampler=True)).complete_chat(MESSAGES, sampling)
    OpenAIChat(server.endpoint(repeat_penalty_param="repeat_penalty")).complete_chat(MESSAGES, sampling)
    llama, other = (r.body for r in server.chat_requests)
    assert llama["dry_multiplier"] == 0.8 and "dry_multiplier" not in other
    assert EmbeddedChat(AISettings())._placeholder_endpoint().dry_sampler


def test_json_schema_is_enforced_where_supported_and_asked_for_elsewhere(server: FakeOpenAIServer) -> None:
    schema = {"type": "object", "properties": {"mood": {"type": "integer"}}}
    sampling = Sampling(json_schema=schema)
    for structured in ("json_schema", "json_object", None):
        OpenAIChat(server.endpoint(structured_output=structured)).complete_chat(MESSAGES, sampling)
    strict, loose, plain = (r.body for r in server.chat_requests)
    assert strict["response_format"]["type"] == "json_schema"
    assert strict["response_format"]["json_schema"]["schema"] == schema
    assert loose["response_format"] == {"type": "json_object"}
    assert "response_format" not in plain


def test_backend_defaults_apply_and_a_call_can_override_them(server: FakeOpenAIServer) -> None:
    chat = OpenAIChat(server.endpoint(repeat_penalty_param="repeat_penalty"), EMBEDDED_SAMPLING)
    chat.complete_chat(MESSAGES, Sampling(max_tokens=5))
    body = server.chat_requests[0].body
    assert body["max_tokens"] == 5
    assert body["temperature"] == EMBEDDED_SAMPLING.temperature
    assert body["repeat_penalty"] == EMBEDDED_SAMPLING.repeat_penalty


def test_keys_come_from_secrets_then_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DEEPSEEK_API_KEY", "sk-from-env-000000001")
    assert find_key("DEEPSEEK_API_KEY") == "sk-from-env-000000001"
    assert find_key("DEEPSEEK_API_KEY", {"DEEPSEEK_API_KEY": "sk-from-secrets-0001"}) == "sk-from-secrets-0001"

    class BrokenSecrets(dict):
        def get(self, key, default=None):  # st.secrets raises when secrets.toml cannot be parsed
            raise RuntimeError("no secrets file")

    assert find_key("DEEPSEEK_API_KEY", BrokenSecrets()) == "sk-from-env-000000001"
    assert find_key(None, {"x": "y"}) is None


def test_a_remote_provider_without_its_key_fails_before_any_call() -> None:
    settings = AISettings(provider="compatible", preset="deepseek")
    with pytest.raises(AIMissingKey) as info:
        remote_endpoint(settings, {})
    assert "DEEPSEEK_API_KEY" in info.value.message("en")
    endpoint = remote_endpoint(settings, {"DEEPSEEK_API_KEY": KEY})
    assert endpoint.base_url == PRESETS["deepseek"].base_url and endpoint.model == "deepseek-chat"
    assert KEY not in repr(endpoint)


def test_local_presets_need_no_key() -> None:
    endpoint = remote_endpoint(AISettings(provider="compatible", preset="ollama"), {})
    assert endpoint.base_url == "http://localhost:11434/v1" and endpoint.api_key


def test_mask_shows_only_enough_to_recognise_a_key() -> None:
    assert mask_key(KEY) == "sk-…1234"
    assert mask_key("short") == "…rt"
    assert mask_key(None) == "" and mask_key("") == ""


def test_settings_round_trip_without_any_key(duet_home: Path) -> None:
    save_settings(duet_home, {"provider": "compatible", "preset": "ollama", "model": "qwen2.5:3b",
                              "temperature": "0.4", "reply_length": 300})
    loaded = load_settings(duet_home)
    assert (loaded.provider, loaded.preset, loaded.model, loaded.temperature, loaded.reply_length) == (
        "compatible", "ollama", "qwen2.5:3b", 0.4, 300)
    assert loaded.sampling().temperature == 0.4 and loaded.sampling().max_tokens == 300
    save_settings(duet_home, {"provider": "openai", "api_key": KEY})  # not a setting: dropped, never written
    assert KEY not in settings_path(duet_home).read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "bad",
    [{"provider": "skynet"}, {"temperature": 9}, {"base_url": "localhost:11434"}, {"context_size": "big"}, {"preset": "x"}],
)
def test_saving_a_bad_value_is_refused_and_nothing_is_written(duet_home: Path, bad: dict) -> None:
    save_settings(duet_home, {"provider": "openai"})
    with pytest.raises(InvalidInput):
        save_settings(duet_home, bad)
    assert load_settings(duet_home).provider == "openai"


def test_a_hand_broken_settings_file_falls_back_to_defaults(duet_home: Path) -> None:
    duet_home.mkdir(parents=True, exist_ok=True)
    settings_path(duet_home).write_text("ai:\n  provider: skynet\n  temperature: hot\n  model: m\n", encoding="utf-8")
    loaded = load_settings(duet_home)
    assert loaded.provider == "embedded" and loaded.temperature is None and loaded.model == "m"


def test_get_chat_builds_the_configured_backend(duet_home: Path, server: FakeOpenAIServer) -> None:
    assert isinstance(get_chat(duet_home), EmbeddedChat)  # no settings: the private default
    save_settings(duet_home, {"provider": "compatible", "preset": "custom", "base_url": server.base_url,
                              "model": "small-model"})
    server.enqueue(reply("from the configured service"))
    chat = get_chat(duet_home, secrets={"DUET_AI_KEY": KEY})
    assert isinstance(chat, ChatBackend)
    assert chat.complete_chat(MESSAGES) == "from the configured service"
    assert server.chat_requests[0].headers["authorization"] == f"Bearer {KEY}"


def test_describe_provider_masks_the_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    info = describe_provider(AISettings(provider="openai"))
    assert info["key"] == "sk-…1234" and info["key_env"] == "OPENAI_API_KEY"
    assert KEY not in str(info)
    assert describe_provider(AISettings())["provider"] == "embedded"


def test_fake_chat_satisfies_the_backend_protocol() -> None:
    chat = FakeChat()
    assert isinstance(chat, ChatBackend)
    chat.enqueue(["a", "b"])
    assert chat.complete_chat(MESSAGES, Sampling(max_tokens=3)) == "ab"
    assert chat.history[0].messages == MESSAGES and chat.history[0].sampling.max_tokens == 3
