"""Build the chat backend the notebook's settings ask for: embedded, OpenAI or compatible.

Pages and the CLI call :func:`get_chat` and never see which one it is. The
embedded backend starts its server on the first reply, not here, so building
a backend is always instant and never fails for lack of a model.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from journal.ai.backend import ChatBackend, Message, ReplyStream, Sampling
from journal.ai.client import OpenAIChat
from journal.ai.embedded import EMBEDDED_SERVER, EmbeddedServer, embedded_config
from journal.ai.errors import AIEmbeddedFailed
from journal.ai.providers import (
    COMPATIBLE,
    EMBEDDED,
    JSON_SCHEMA,
    AISettings,
    Endpoint,
    find_key,
    load_settings,
    mask_key,
    remote_endpoint,
    remote_target,
)

ChatFactory = Callable[[Path], ChatBackend]

EMBEDDED_LABEL = "Duet (embedded)"
EMBEDDED_SERVER_LABEL_URL = "http://127.0.0.1 (in-process)"


class EmbeddedChat(OpenAIChat):
    """The openai client pointed at the in-process llama.cpp server, started on first use."""

    # llama.cpp continues a last assistant message instead of starting a new one, so a
    # feature may begin the answer ("- ") to hold a small model to a format.
    continues_last_message = True

    def __init__(self, settings: AISettings, server: EmbeddedServer = EMBEDDED_SERVER, sampling: Sampling | None = None) -> None:
        self.settings = settings
        self.server = server
        self._config = embedded_config(settings.model_path, settings.context_size, settings.threads)
        from journal.ai.catalogue import model_for_file

        found = model_for_file(settings.model_path) if settings.model_path else None
        # A model's own switch in the system prompt (Qwen3's "/no_think": answer without thinking aloud first).
        self.system_suffix = found.system_suffix if found is not None else ""
        super().__init__(self._placeholder_endpoint(), sampling or settings.sampling())

    def stream_chat(self, messages: Sequence[Message], sampling: Sampling | None = None) -> ReplyStream:
        return super().stream_chat(with_system_suffix(messages, self.system_suffix), sampling)

    def _placeholder_endpoint(self) -> Endpoint:
        return Endpoint(
            provider=EMBEDDED,
            label=EMBEDDED_LABEL,
            base_url="",
            model=self._config.model_name,
            api_key="",
            key_env=None,
            repeat_penalty_param="repeat_penalty",
            stream_usage=True,
            timeout_seconds=self.settings.timeout_seconds,
            structured_output=JSON_SCHEMA,
            dry_sampler=True,
        )

    @property
    def model(self) -> str:
        return self._config.model_name

    def endpoint(self) -> Endpoint:
        address = self.server.ensure(self._config)
        return dataclasses.replace(self._placeholder_endpoint(), base_url=address.base_url, api_key=address.api_key)


def with_system_suffix(messages: Sequence[Message], suffix: str) -> list[Message]:
    """``messages`` with ``suffix`` at the end of the first system message (or as one, when there is none)."""
    out = [dict(m) for m in messages]
    if not suffix:
        return out
    for message in out:
        if message.get("role") == "system":
            message["content"] = f"{message['content'].rstrip()} {suffix}"
            return out
    return [{"role": "system", "content": suffix}, *out]


def _home_of(nb_or_home: Any) -> Path:
    """A Notebook's folder, or the folder itself (a Path has a ``home`` attribute too, so test the type)."""
    if isinstance(nb_or_home, (str, os.PathLike)):
        return Path(nb_or_home)
    return Path(nb_or_home.home)


def chat_for_settings(settings: AISettings, secrets: Mapping[str, Any] | None = None) -> OpenAIChat:
    """The backend for ``settings``; remote ones check the key here (AIMissingKey) before any call."""
    if settings.provider == EMBEDDED:
        return EmbeddedChat(settings)
    return OpenAIChat(remote_endpoint(settings, secrets), settings.sampling())


_override: ChatFactory | None = None


def override_chat(factory: ChatFactory | None) -> None:
    """Make :func:`get_chat` answer ``factory(home)`` instead of the configured backend; ``None`` undoes it.

    The one seam for a scripted model: ``tests/conftest.py`` registers its
    ``FakeChat`` here (as ``llm``'s tests register ``MockModel``), and so does
    the Stories page benchmark. The product itself never calls it.
    """
    global _override
    _override = factory


def get_chat(nb_or_home: Any, secrets: Mapping[str, Any] | None = None) -> ChatBackend:
    """The chat backend configured for this notebook (a Notebook or its home folder)."""
    if _override is not None:
        return _override(_home_of(nb_or_home))
    if isinstance(nb_or_home, (str, os.PathLike)):
        return chat_for_settings(load_settings(Path(nb_or_home)), secrets)
    return chat_for_settings(nb_or_home.settings.ai, secrets)   # a Notebook: settings parsed once per change


def describe_provider(settings: AISettings, secrets: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """What the Settings page and ``ai-check`` show: provider, address, model, masked key. Never fails."""
    info: dict[str, Any] = {"provider": settings.provider}
    if settings.provider == EMBEDDED:
        info["preset"] = None
        info["base_url"] = EMBEDDED_SERVER_LABEL_URL
        try:
            config = embedded_config(settings.model_path, settings.context_size, settings.threads)
        except AIEmbeddedFailed:  # a missing built-in model is reported by the round trip itself
            info.update(model=settings.model_path or None, model_path=settings.model_path or None)
        else:
            info.update(model=config.model_name, model_path=str(config.model_path), context_size=config.context_size, threads=config.threads)
        info["key"] = None
        return info
    target = remote_target(settings)
    info["preset"] = settings.preset if settings.provider == COMPATIBLE else None
    info.update(base_url=target.base_url or None, model=target.model or None, key_env=target.key_env)
    info["key"] = mask_key(find_key(target.key_env, secrets)) or None
    return info

