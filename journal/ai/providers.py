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
from journal.ai.model import (  # names, limits, presets and the AISettings type: the plain part, kept there
    COMPATIBLE, CUSTOM_KEY_ENV, DEFAULT_CONTEXT_SIZE, DEFAULT_PRESET, DEFAULT_TIMEOUT_SECONDS, EMBEDDED,
    EMBEDDED_SAMPLING, JSON_OBJECT, JSON_SCHEMA, LOCAL_PLACEHOLDER_KEY, MASK_HEAD, MASK_MIN_LENGTH, MASK_TAIL,
    MAX_CONTEXT_SIZE, MAX_PENALTY, MAX_REPEAT_PENALTY, MAX_REPLY_TOKENS, MAX_STOP_SEQUENCES, MAX_TEMPERATURE,
    MAX_THREADS, MAX_TIMEOUT_SECONDS, MAX_TOP_P, MIN_CONTEXT_SIZE, MIN_PENALTY, MIN_REPEAT_PENALTY,
    MIN_REPLY_TOKENS, MIN_TEMPERATURE, MIN_TIMEOUT_SECONDS, MIN_TOP_P, OPENAI, OPENAI_BASE_URL,
    OPENAI_DEFAULT_MODEL, OPENAI_KEY_ENV, OPENAI_PRESET, PRESETS, PROVIDER_KINDS, REMOTE_SAMPLING,
    SETTINGS_SECTION, AISettings, Preset,
)


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


def _own_address(settings: AISettings) -> str:
    preset = OPENAI_PRESET if settings.provider == OPENAI else settings.preset_info
    return preset.base_url or ""


def _host(url: str) -> str:
    from urllib.parse import urlsplit

    return (urlsplit(url).hostname or "").lower()


def _serving_a_circle() -> bool:
    """This process serves a circle of signed-in people (journal.circle): keys in its secrets are the operator's."""
    from journal.paths import CIRCLE_MARKER, resolve_home

    return (resolve_home(None) / CIRCLE_MARKER).is_file()


def remote_endpoint(settings: AISettings, secrets: Mapping[str, Any] | None = None) -> Endpoint:
    """The endpoint for the OpenAI or OpenAI-compatible provider.

    Raises AIMissingKey when the service needs a key and none is set, and
    InvalidInput when no address or model is known, before any network call.
    """
    from journal.ai.errors import AIMissingKey

    target = remote_target(settings)
    key = find_key(target.key_env, secrets)
    if key and _serving_a_circle() and _host(target.base_url) != _host(_own_address(settings)):
        key = None   # the operator's key goes only to its own service, never to an address a member typed
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
