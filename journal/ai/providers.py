"""Which model answers: the provider a person picked, its address, model name and key.

Settings (provider, address, model, sampling) live in the notebook's
``settings.yaml`` section ``ai``; keys never do. A key is looked up by the
name of its environment variable, first in the secrets mapping the caller
passes (``st.secrets`` on the Streamlit side), then in ``os.environ``, so this
module never imports streamlit and never stores or prints a key in full.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path
from typing import Any

from journal.ai.backend import Sampling
from journal.errors import InvalidInput
from journal.settings import read_section, refuse_secret_in_url, write_section

SETTINGS_SECTION = "ai"

EMBEDDED = "embedded"
OPENAI = "openai"
COMPATIBLE = "compatible"
PROVIDER_KINDS = (EMBEDDED, OPENAI, COMPATIBLE)

OPENAI_BASE_URL = "https://api.openai.com/v1"
OPENAI_DEFAULT_MODEL = "gpt-4o-mini"
OPENAI_KEY_ENV = "OPENAI_API_KEY"
CUSTOM_KEY_ENV = "DUET_AI_KEY"  # for a hand-entered OpenAI-compatible address
LOCAL_PLACEHOLDER_KEY = "not-needed"  # local servers ignore the key, but the openai client insists on one

# Sampling defaults. The built-in SmolLM2-135M's are measured (journal.ai.catalogue.BUILTIN_SAMPLING);
# a downloaded catalogue model brings its own; any other .gguf file gets these middle-of-the-road ones.
EMBEDDED_SAMPLING = Sampling(temperature=0.5, max_tokens=200, top_p=0.9, repeat_penalty=1.18, frequency_penalty=0.2)
REMOTE_SAMPLING = Sampling(temperature=0.7, max_tokens=600)

DEFAULT_CONTEXT_SIZE = 4096
MIN_CONTEXT_SIZE = 512
MAX_CONTEXT_SIZE = 131072
MAX_THREADS = 256
DEFAULT_TIMEOUT_SECONDS = 60.0
MIN_TIMEOUT_SECONDS = 1.0
MAX_TIMEOUT_SECONDS = 600.0
MIN_TEMPERATURE = 0.0
MAX_TEMPERATURE = 2.0
MIN_REPLY_TOKENS = 1
MAX_REPLY_TOKENS = 8192
MIN_REPEAT_PENALTY = 1.0
MAX_REPEAT_PENALTY = 2.0
MIN_TOP_P = 0.05
MAX_TOP_P = 1.0
MAX_STOP_SEQUENCES = 4  # the OpenAI API accepts at most four
MIN_PENALTY = -2.0  # the OpenAI API's range for frequency and presence penalties
MAX_PENALTY = 2.0
MASK_HEAD = 3
MASK_TAIL = 4
MASK_MIN_LENGTH = 12  # shorter keys show only their tail, so the mask never reveals most of one


@dataclass(frozen=True)
class Preset:
    """A known OpenAI-compatible service or local server, with the defaults it needs."""

    id: str
    label: str  # the product's own name, the same in every language
    base_url: str
    model: str
    key_env: str | None = None  # environment / secrets name of its key; None for local servers
    key_required: bool = False
    repeat_penalty_param: str | None = None  # the name this backend gives llama.cpp's repeat penalty
    stream_usage: bool = False  # accepts stream_options.include_usage (token counts in the stream)
    structured_output: str | None = None  # JSON_SCHEMA, JSON_OBJECT or None: how far it can be held to JSON


JSON_SCHEMA = "json_schema"  # response_format type json_schema: the answer is forced to match a schema
JSON_OBJECT = "json_object"  # response_format type json_object: valid JSON, shape up to the prompt

PRESETS: dict[str, Preset] = {
    p.id: p
    for p in (
        Preset("deepseek", "DeepSeek", "https://api.deepseek.com/v1", "deepseek-chat", "DEEPSEEK_API_KEY",
               key_required=True, stream_usage=True, structured_output=JSON_OBJECT),
        Preset("qwen", "Qwen (DashScope)", "https://dashscope.aliyuncs.com/compatible-mode/v1", "qwen-plus",
               "DASHSCOPE_API_KEY", key_required=True, stream_usage=True, structured_output=JSON_OBJECT),
        Preset("moonshot", "Moonshot (Kimi)", "https://api.moonshot.cn/v1", "moonshot-v1-8k", "MOONSHOT_API_KEY",
               key_required=True, structured_output=JSON_OBJECT),
        Preset("openrouter", "OpenRouter", "https://openrouter.ai/api/v1", "openai/gpt-4o-mini", "OPENROUTER_API_KEY",
               key_required=True, repeat_penalty_param="repetition_penalty", stream_usage=True),
        Preset("ollama", "Ollama", "http://localhost:11434/v1", "llama3.2", stream_usage=True, structured_output=JSON_SCHEMA),
        Preset("lmstudio", "LM Studio", "http://localhost:1234/v1", "local-model", repeat_penalty_param="repeat_penalty",
               structured_output=JSON_SCHEMA),
        Preset("vllm", "vLLM", "http://localhost:8000/v1", "", "VLLM_API_KEY", repeat_penalty_param="repetition_penalty",
               stream_usage=True, structured_output=JSON_SCHEMA),
        Preset("custom", "", "", "", CUSTOM_KEY_ENV),
    )
}
DEFAULT_PRESET = "custom"
# The "openai" provider's own defaults, kept out of PRESETS: it is a provider of its own, not a compatible preset.
OPENAI_PRESET = Preset("openai", "OpenAI", OPENAI_BASE_URL, OPENAI_DEFAULT_MODEL, OPENAI_KEY_ENV,
                       key_required=True, stream_usage=True, structured_output=JSON_SCHEMA)


@dataclass(frozen=True)
class AISettings:
    """The ``ai`` section of settings.yaml. Empty strings and ``None`` mean "the default"."""

    provider: str = EMBEDDED
    preset: str = DEFAULT_PRESET
    base_url: str = ""
    model: str = ""
    model_path: str = ""  # a .gguf file for the embedded server; empty = the built-in SmolLM2
    context_size: int = DEFAULT_CONTEXT_SIZE
    threads: int = 0  # 0 = choose from the machine's cores
    temperature: float | None = None
    reply_length: int | None = None  # max tokens per reply ("tokens" would trip the settings' secret filter)
    repeat_penalty: float | None = None
    top_p: float | None = None
    frequency_penalty: float | None = None
    presence_penalty: float | None = None
    stop: str = ""  # stop sequences, one per line (a plain string so the Settings text box can hold it)
    timeout_seconds: float = DEFAULT_TIMEOUT_SECONDS

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], strict: bool = False) -> "AISettings":
        """Settings from a mapping; ``strict`` raises InvalidInput, otherwise bad values fall back to defaults.

        Reading a hand-edited settings.yaml must never stop the app, so reading is
        lenient; saving from the Settings page is strict so the person sees the mistake.
        """
        known = {f.name for f in fields(cls)}
        values: dict[str, Any] = {}
        for name, raw in data.items():
            if name not in known or raw is None or raw == "":
                continue
            try:
                values[name] = _validate(name, raw)
            except InvalidInput:
                if strict:
                    raise
        return cls(**values)

    def to_dict(self) -> dict[str, Any]:
        return {k: v for k, v in asdict(self).items() if v not in (None, "")}

    @property
    def preset_info(self) -> Preset:
        return PRESETS.get(self.preset, PRESETS[DEFAULT_PRESET])

    def sampling(self) -> Sampling:
        """The model's own defaults (built-in or catalogue), overridden by what the person chose."""
        stop = tuple(line for line in self.stop.split("\n") if line.strip()) or None
        return self.model_sampling().but(temperature=self.temperature, max_tokens=self.reply_length,
                                         repeat_penalty=self.repeat_penalty, top_p=self.top_p,
                                         frequency_penalty=self.frequency_penalty,
                                         presence_penalty=self.presence_penalty, stop=stop)

    def model_sampling(self) -> Sampling:
        """Defaults before the person's own choices: measured for the built-in model, the catalogue's for a download."""
        if self.provider != EMBEDDED:
            return REMOTE_SAMPLING
        from journal.ai.catalogue import BUILTIN_SAMPLING, model_for_file

        if not self.model_path:
            return BUILTIN_SAMPLING
        found = model_for_file(self.model_path)
        return found.sampling if found is not None else EMBEDDED_SAMPLING


def _number(name: str, raw: Any, kind: type, low: float, high: float) -> Any:
    try:
        value = kind(raw)
    except (TypeError, ValueError):
        raise InvalidInput("ai.settings.errors.not_a_number", field=name) from None
    if isinstance(raw, bool) or not low <= value <= high:
        raise InvalidInput("ai.settings.errors.out_of_range", field=name, low=low, high=high)
    return value


def _validate(name: str, raw: Any) -> Any:
    if name == "provider":
        if raw not in PROVIDER_KINDS:
            raise InvalidInput("ai.settings.errors.unknown_provider", provider=raw)
        return raw
    if name == "preset":
        if raw not in PRESETS:
            raise InvalidInput("ai.settings.errors.unknown_preset", preset=raw)
        return raw
    if name == "base_url":
        url = str(raw).strip().rstrip("/")
        refuse_secret_in_url(url)   # before bad_url: that sentence would repeat the address, key and all
        if not url.startswith(("http://", "https://")):
            raise InvalidInput("ai.settings.errors.bad_url", url=url)
        return url
    if name in ("model", "model_path"):
        return str(raw).strip()
    if name == "stop":
        lines = raw if isinstance(raw, (list, tuple)) else str(raw).replace("\\n", "\n").split("\n")
        kept = [str(line) for line in lines if str(line).strip()]
        if len(kept) > MAX_STOP_SEQUENCES:
            raise InvalidInput("ai.settings.errors.too_many_stops", limit=MAX_STOP_SEQUENCES)
        return "\n".join(kept)
    if name == "context_size":
        return _number(name, raw, int, MIN_CONTEXT_SIZE, MAX_CONTEXT_SIZE)
    if name == "threads":
        return _number(name, raw, int, 0, MAX_THREADS)
    if name == "temperature":
        return _number(name, raw, float, MIN_TEMPERATURE, MAX_TEMPERATURE)
    if name == "reply_length":
        return _number(name, raw, int, MIN_REPLY_TOKENS, MAX_REPLY_TOKENS)
    if name == "repeat_penalty":
        return _number(name, raw, float, MIN_REPEAT_PENALTY, MAX_REPEAT_PENALTY)
    if name == "top_p":
        return _number(name, raw, float, MIN_TOP_P, MAX_TOP_P)
    if name in ("frequency_penalty", "presence_penalty"):
        return _number(name, raw, float, MIN_PENALTY, MAX_PENALTY)
    if name == "timeout_seconds":
        return _number(name, raw, float, MIN_TIMEOUT_SECONDS, MAX_TIMEOUT_SECONDS)
    return raw


def load_settings(home: Path | str) -> AISettings:
    """The notebook's AI settings; no file or a broken one means the embedded default."""
    return AISettings.from_dict(read_section(Path(home), SETTINGS_SECTION))


def save_settings(home: Path | str, settings: AISettings | Mapping[str, Any]) -> AISettings:
    """Validate and store; raises InvalidInput for a bad value (nothing is written then)."""
    if not isinstance(settings, AISettings):
        settings = AISettings.from_dict(settings, strict=True)
    write_section(Path(home), SETTINGS_SECTION, settings.to_dict())
    return settings


def check_usable(settings: AISettings, secrets: Mapping[str, Any] | None = None) -> None:
    """Raise the one clear sentence that would stop this provider from answering, before anything is saved.

    Settings that cannot work (a remote service without its key, address or
    model; a .gguf file that is not there or not a model) would otherwise be
    kept and break every AI button later, far from where the mistake was made.
    """
    if settings.provider == EMBEDDED:
        if settings.model_path:
            from journal.ai.embedded import check_model_file

            check_model_file(Path(settings.model_path).expanduser())
        return
    remote_endpoint(settings, secrets)


@dataclass(frozen=True)
class Endpoint:
    """Everything the client needs to reach one model. ``repr`` hides the key."""

    provider: str
    label: str
    base_url: str
    model: str
    api_key: str
    key_env: str | None
    repeat_penalty_param: str | None
    stream_usage: bool
    timeout_seconds: float
    structured_output: str | None = None
    dry_sampler: bool = False   # llama.cpp's DRY sampler is there (the embedded server)

    def __repr__(self) -> str:
        return (
            f"Endpoint(provider={self.provider!r}, base_url={self.base_url!r}, model={self.model!r}, "
            f"api_key={mask_key(self.api_key)!r})"
        )


def find_key(name: str | None, secrets: Mapping[str, Any] | None = None) -> str | None:
    """The key stored under ``name`` in ``secrets`` (e.g. st.secrets), else in the environment."""
    if not name:
        return None
    if secrets is not None:
        try:
            value = secrets.get(name)
        except Exception:  # st.secrets raises on a broken secrets.toml; the environment still counts
            value = None
        if value:
            return str(value).strip()
    value = os.environ.get(name)
    return value.strip() if value else None


def mask_key(key: str | None) -> str:
    """``sk-…abcd``: enough to recognise which key it is, never enough to use it."""
    if not key or key == LOCAL_PLACEHOLDER_KEY:
        return ""
    if len(key) < MASK_MIN_LENGTH:
        return "…" + key[-2:]
    return f"{key[:MASK_HEAD]}…{key[-MASK_TAIL:]}"


def remote_target(settings: AISettings) -> Preset:
    """The OpenAI or OpenAI-compatible provider's preset, with the address and model it will use (no key involved)."""
    preset = OPENAI_PRESET if settings.provider == OPENAI else settings.preset_info
    base_url = (settings.base_url or preset.base_url).rstrip("/")
    return replace(preset, label=preset.label or base_url, base_url=base_url, model=settings.model or preset.model)


def remote_endpoint(settings: AISettings, secrets: Mapping[str, Any] | None = None) -> Endpoint:
    """The endpoint for the OpenAI or OpenAI-compatible provider.

    Raises AIMissingKey when the service needs a key and none is set, and
    InvalidInput when no address or model is known, before any network call.
    """
    from journal.ai.errors import AIMissingKey

    target = remote_target(settings)
    key = find_key(target.key_env, secrets)
    if not target.base_url:
        raise InvalidInput("ai.settings.errors.no_base_url")
    if not target.model:
        raise InvalidInput("ai.settings.errors.no_model")
    if target.key_required and not key:
        raise AIMissingKey("ai.errors.no_key", provider=target.label, env=target.key_env)
    return Endpoint(
        provider=settings.provider,
        label=target.label,
        base_url=target.base_url,
        model=target.model,
        api_key=key or LOCAL_PLACEHOLDER_KEY,
        key_env=target.key_env,
        repeat_penalty_param=target.repeat_penalty_param,
        stream_usage=target.stream_usage,
        timeout_seconds=settings.timeout_seconds,
        structured_output=target.structured_output,
    )
