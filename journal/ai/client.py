"""The one model client: the official ``openai`` package, for every provider.

Every call streams, so a reply appears as it is written and a failure halfway
still leaves the text that arrived. Library errors (openai's and the
transport's) are translated here, in one place, into :mod:`journal.ai.errors`
with one sentence each. Retries with backoff for 429 and 5xx are the openai
client's own (it honours ``Retry-After``), bounded by ``MAX_RETRIES``.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import lru_cache
from typing import Any

from journal.ai.backend import Message, ReplyStream, Sampling
from journal.ai.errors import (
    AIAuthFailed,
    AIError,
    AIModelNotFound,
    AIRateLimited,
    AIRejected,
    AIServerError,
    AIStreamCut,
    AITimeout,
    AIUnreachable,
    short_detail,
)
from journal.ai.providers import JSON_OBJECT, JSON_SCHEMA, Endpoint

MAX_RETRIES = 2  # so at most 3 attempts: a busy service gets a chance, a broken one fails within seconds
CONNECT_TIMEOUT_SECONDS = 5.0  # a local or remote server that does not accept within this is not there
SERVER_ERROR_MIN = 500
CLIENT_CACHE_SIZE = 8  # endpoints in use at once: the configured one, a Settings-page test, tests' fake servers
SCHEMA_NAME = "answer"  # OpenAI requires a name for a json_schema response format


class OpenAIChat:
    """A :class:`journal.ai.backend.ChatBackend` over one OpenAI-compatible endpoint."""

    def __init__(self, endpoint: Endpoint, sampling: Sampling | None = None, *, max_retries: int = MAX_RETRIES) -> None:
        self._endpoint_value = endpoint
        self.sampling = sampling or Sampling()
        self.max_retries = max_retries

    @property
    def model(self) -> str:
        return self.endpoint().model

    def endpoint(self) -> Endpoint:
        """Where calls go; the embedded backend overrides this to start its server first."""
        return self._endpoint_value

    def _openai(self, endpoint: Endpoint) -> Any:
        return shared_client(endpoint.base_url, endpoint.api_key, endpoint.timeout_seconds, self.max_retries)

    def request_params(self, endpoint: Endpoint, sampling: Sampling) -> dict[str, Any]:
        """The create() arguments for ``sampling``, sending only what this backend accepts."""
        params: dict[str, Any] = {}
        extra: dict[str, Any] = {}
        for name in ("temperature", "max_tokens", "top_p", "frequency_penalty", "presence_penalty"):
            value = getattr(sampling, name)
            if value is not None:
                params[name] = value
        if sampling.stop:
            params["stop"] = list(sampling.stop)
        if sampling.repeat_penalty is not None and endpoint.repeat_penalty_param:
            extra[endpoint.repeat_penalty_param] = sampling.repeat_penalty
        if sampling.dry_multiplier is not None and endpoint.dry_sampler:
            extra["dry_multiplier"] = sampling.dry_multiplier
        if extra:
            params["extra_body"] = extra
        if sampling.json_schema is not None and endpoint.structured_output == JSON_SCHEMA:
            params["response_format"] = {
                "type": JSON_SCHEMA,
                "json_schema": {"name": SCHEMA_NAME, "schema": dict(sampling.json_schema)},
            }
        elif sampling.json_schema is not None and endpoint.structured_output == JSON_OBJECT:
            params["response_format"] = {"type": JSON_OBJECT}
        if endpoint.stream_usage:
            params["stream_options"] = {"include_usage": True}
        return params

    def stream_chat(self, messages: Sequence[Message], sampling: Sampling | None = None) -> ReplyStream:
        from journal.ai.cleanup import is_looping

        merged = self.sampling if sampling is None else _overlay(self.sampling, sampling)
        return ReplyStream(lambda reply: self._pieces(list(messages), merged, reply), loop_guard=is_looping)

    def complete_chat(self, messages: Sequence[Message], sampling: Sampling | None = None) -> str:
        return self.stream_chat(messages, sampling).read()

    def _pieces(self, messages: list[Message], sampling: Sampling, reply: ReplyStream) -> Iterator[str]:
        import httpx2
        import openai

        endpoint: Endpoint | None = None
        try:
            endpoint = self.endpoint()
            stream = self._openai(endpoint).chat.completions.create(
                model=endpoint.model, messages=messages, stream=True, **self.request_params(endpoint, sampling)
            )
            with stream:
                for chunk in stream:
                    usage = getattr(chunk, "usage", None)
                    if usage is not None and usage.completion_tokens is not None:
                        reply.completion_tokens = usage.completion_tokens
                    if not chunk.choices:
                        continue
                    choice = chunk.choices[0]
                    text = choice.delta.content if choice.delta is not None else None
                    if text:
                        yield text
                    if choice.finish_reason:
                        reply.finish_reason = choice.finish_reason
        except AIError as exc:
            exc.partial = reply.text
            raise
        except (openai.OpenAIError, httpx2.HTTPError) as exc:
            raise translate_error(exc, endpoint, partial=reply.text, attempts=self.max_retries + 1) from None
        if reply.finish_reason is None:
            # The server closed a clean-looking stream without saying the reply was finished.
            raise AIStreamCut("ai.errors.stream_cut", partial=reply.text)


@lru_cache(maxsize=CLIENT_CACHE_SIZE)
def shared_client(base_url: str, api_key: str, timeout_seconds: float, max_retries: int) -> Any:
    """One openai client per endpoint per process (they are thread-safe), so Streamlit reruns,
    which build a fresh backend each time, reuse its connection pool instead of a new one."""
    import openai

    return openai.OpenAI(
        api_key=api_key,
        base_url=base_url,
        timeout=openai.Timeout(timeout_seconds, connect=CONNECT_TIMEOUT_SECONDS),
        max_retries=max_retries,
    )


def _overlay(base: Sampling, override: Sampling) -> Sampling:
    """``override``'s set values on top of ``base``."""
    changes = {name: getattr(override, name) for name in base.__dataclass_fields__ if name != "stop"}
    merged = base.but(**changes)
    return merged.but(stop=override.stop) if override.stop else merged


def translate_error(exc: BaseException, endpoint: Endpoint | None, *, partial: str = "", attempts: int = 1) -> AIError:
    """One :class:`AIError` for any openai or transport failure, keeping ``partial``."""
    import httpx2
    import openai

    base_url = endpoint.base_url if endpoint else ""
    provider = endpoint.label if endpoint else ""
    model = endpoint.model if endpoint else ""
    seconds = round(endpoint.timeout_seconds) if endpoint else 0
    if isinstance(exc, (openai.APITimeoutError, httpx2.TimeoutException)):
        return AITimeout("ai.errors.timeout", partial=partial, seconds=seconds)
    if isinstance(exc, (openai.AuthenticationError, openai.PermissionDeniedError)):
        env = (endpoint.key_env if endpoint else None) or ""
        key = "ai.errors.auth_env" if env else "ai.errors.auth"
        return AIAuthFailed(key, partial=partial, provider=provider, env=env)
    if isinstance(exc, openai.NotFoundError):
        return AIModelNotFound("ai.errors.model_not_found", partial=partial, model=model, base_url=base_url)
    if isinstance(exc, openai.RateLimitError):
        return AIRateLimited("ai.errors.rate_limited", partial=partial, attempts=attempts)
    if isinstance(exc, openai.APIStatusError):
        status = exc.status_code
        if status >= SERVER_ERROR_MIN:
            return AIServerError("ai.errors.server", partial=partial, status=status)
        detail = short_detail(_hide_key(getattr(exc, "message", "") or str(exc), endpoint))
        return AIRejected("ai.errors.rejected", partial=partial, status=status, detail=detail)
    if isinstance(exc, openai.APIConnectionError):
        if partial:
            return AIStreamCut("ai.errors.stream_cut", partial=partial)
        return AIUnreachable("ai.errors.unreachable", partial=partial, base_url=base_url)
    if isinstance(exc, httpx2.HTTPError):  # raised while reading the stream: the connection broke
        return AIStreamCut("ai.errors.stream_cut", partial=partial)
    if isinstance(exc, openai.APIError):  # an error event inside the stream
        detail = short_detail(_hide_key(getattr(exc, "message", "") or str(exc), endpoint))
        if partial:
            return AIStreamCut("ai.errors.stream_cut", partial=partial)
        return AIServerError("ai.errors.server_said", partial=partial, detail=detail)
    return AIRejected("ai.errors.rejected", partial=partial, status="?", detail=short_detail(_hide_key(str(exc), endpoint)))


def _hide_key(text: str, endpoint: Endpoint | None) -> str:
    """Servers sometimes quote the key they refused; never pass it on."""
    if endpoint and endpoint.api_key and len(endpoint.api_key) > 4:
        from journal.ai.providers import mask_key

        text = text.replace(endpoint.api_key, mask_key(endpoint.api_key))
    return text
