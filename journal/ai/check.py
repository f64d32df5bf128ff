"""The AI doctor: which model is configured, and does one tiny round trip work, how fast.

Used by ``python -m journal ai-check`` and the Settings page's "Test" button,
so both report the same figures: latency, time to first token, tokens per
second, or the one-sentence error.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from journal.ai.backend import Sampling
from journal.ai.chat import EmbeddedChat, chat_for_settings, describe_provider
from journal.ai.errors import AIError
from journal.ai.prompts import render_prompt
from journal.ai.model import CheckResult
from journal.ai.providers import AISettings, load_settings
from journal.errors import DuetError
from journal.i18n import current_language, t

CHECK_PROMPT = "ai_check"
CHECK_MAX_TOKENS = 12  # "a few tokens": enough to time generation, short enough to be instant
CHECK_SAMPLING = Sampling(max_tokens=CHECK_MAX_TOKENS, temperature=0.0)


def format_seconds(value: float | None) -> str:
    """A measured time as "0.42 s" in the interface language, or "-" when it was not measured."""
    return "-" if value is None else t("ai.check.seconds", value=f"{value:.2f}")


def run_check(
    home: Path | str | None = None,
    secrets: Mapping[str, Any] | None = None,
    settings: AISettings | None = None,
    lang: str | None = None,
) -> CheckResult:
    """Describe the configured provider and time one tiny streamed reply. Never raises for AI failures."""
    settings = settings or (load_settings(home) if home is not None else AISettings())
    result = CheckResult(ok=False, provider=describe_provider(settings, secrets))
    import openai  # noqa: F401  (imported before the clock starts: a one-off cost, not the model's latency)

    try:
        chat = chat_for_settings(settings, secrets)
        if isinstance(chat, EmbeddedChat):
            started = time.perf_counter()
            endpoint = chat.endpoint()  # starts the server now, so its start-up is not counted as latency
            result.startup_seconds = time.perf_counter() - started
            result.provider["base_url"] = endpoint.base_url
        messages = [{"role": "user", "content": render_prompt(CHECK_PROMPT, lang or current_language())}]
        stream = chat.stream_chat(messages, CHECK_SAMPLING)
        result.reply = stream.read().strip()
    except DuetError as exc:
        result.error, result.error_key = exc.message(lang), exc.key
        if isinstance(exc, AIError):
            result.reply = exc.partial
        return result
    result.ok = True
    result.finish_reason = stream.finish_reason
    if stream.started is not None and stream.finished_at is not None:
        result.latency_seconds = stream.finished_at - stream.started
    result.time_to_first_token = stream.time_to_first_token
    result.tokens = stream.tokens
    result.tokens_per_second = stream.tokens_per_second
    return result
