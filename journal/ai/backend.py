"""The one interface every chat backend offers, so features never care which model answers.

Features (journal reflection, stories, share captions) take a :class:`ChatBackend`;
the real client, the embedded model and the test fake all satisfy it. A reply
is a :class:`ReplyStream`: iterate it for text pieces as they arrive, then read
``.text`` and the timing figures.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable

Message = dict[str, str]  # {"role": "system" | "user" | "assistant", "content": "..."}
LOOP_FINISH = "loop"  # finish_reason of a reply stopped by its loop guard
LOOP_CHECK_EVERY = 8  # pieces between two looks for a loop: cheap, and a loop shows within a sentence or two


@dataclass(frozen=True)
class Sampling:
    """How the model picks words. ``None`` leaves a setting to the backend's own default.

    ``repeat_penalty`` is llama.cpp's (and LM Studio's, vLLM's ``repetition_penalty``)
    multiplicative penalty; it is only sent to backends known to accept it, because
    OpenAI rejects unknown parameters. ``frequency_penalty`` is the OpenAI-standard one.
    """

    temperature: float | None = None
    max_tokens: int | None = None
    top_p: float | None = None
    repeat_penalty: float | None = None
    frequency_penalty: float | None = None
    presence_penalty: float | None = None
    # llama.cpp's DRY sampler: it penalises the token that would extend a sequence already in the context,
    # which is how a small model's loops start; only sent to the embedded llama.cpp server.
    dry_multiplier: float | None = None
    stop: tuple[str, ...] = ()
    # A JSON Schema the reply must match. Backends that can enforce it (llama.cpp grammars,
    # OpenAI structured outputs) do; others get "JSON only" and the prompt's own instructions.
    json_schema: Mapping[str, Any] | None = None

    def but(self, **changes: object) -> "Sampling":
        """A copy with some settings changed (``None`` values are ignored, keeping the current one)."""
        return dataclasses.replace(self, **{k: v for k, v in changes.items() if v is not None})


class ReplyStream:
    """An iterator of reply pieces that remembers the whole text and how fast it came.

    Consuming it raises an :class:`journal.ai.errors.AIError` on failure; by then
    ``.text`` already holds every piece that arrived, and the error's ``partial``
    is the same text. ``close()`` stops generation early (the Stop button).
    """

    def __init__(self, pieces: Iterator[str] | Callable[["ReplyStream"], Iterator[str]],
                 loop_guard: Callable[[str], bool] | None = None) -> None:
        # A callable gets this stream, so a backend can record finish_reason and usage on it.
        self._pieces = pieces(self) if callable(pieces) else pieces
        # ``loop_guard(text)`` says the reply has started looping: generation stops there
        # (finish_reason "loop"), instead of filling the rest of the token budget with the loop.
        self._loop_guard = loop_guard
        self._looping = False
        self.text = ""
        self.chunks = 0
        self.finish_reason: str | None = None
        self.completion_tokens: int | None = None  # from the server's usage report, when it sends one
        self.started: float | None = None  # set when the first piece is asked for, i.e. the request starts
        self.first_piece_at: float | None = None
        self.finished_at: float | None = None

    def __iter__(self) -> "ReplyStream":
        return self

    def __next__(self) -> str:
        if self.started is None:
            self.started = time.perf_counter()
        if self._looping:
            self.close()
            self.finish_reason = LOOP_FINISH
            raise StopIteration
        try:
            piece = next(self._pieces)
        except BaseException:
            self.finished_at = time.perf_counter()
            raise
        if self.first_piece_at is None:
            self.first_piece_at = time.perf_counter()
        self.text += piece
        self.chunks += 1
        if self._loop_guard is not None and self.chunks % LOOP_CHECK_EVERY == 0 and self._loop_guard(self.text):
            self._looping = True
        return piece

    def close(self) -> None:
        """Stop early; the text so far stays in ``.text``."""
        close = getattr(self._pieces, "close", None)
        if close is not None:
            close()
        if self.finished_at is None:
            self.finished_at = time.perf_counter()
        if self.finish_reason is None:
            self.finish_reason = LOOP_FINISH if self._looping else "stopped"

    def read(self) -> str:
        """Consume the rest and return the whole text."""
        for _ in self:
            pass
        return self.text

    @property
    def time_to_first_token(self) -> float | None:
        if self.first_piece_at is None or self.started is None:
            return None
        return self.first_piece_at - self.started

    @property
    def tokens(self) -> int:
        """Tokens generated: the server's count when reported, else the number of streamed pieces."""
        return self.completion_tokens if self.completion_tokens is not None else self.chunks

    @property
    def tokens_per_second(self) -> float | None:
        """Generation speed after the first token (the first one measures the prompt, not the speed)."""
        if self.first_piece_at is None or self.finished_at is None or self.tokens < 2:
            return None
        span = self.finished_at - self.first_piece_at
        return (self.tokens - 1) / span if span > 0 else None


@runtime_checkable
class ChatBackend(Protocol):
    """What a feature needs from a model: stream a reply, or get it whole."""

    model: str

    def stream_chat(self, messages: Sequence[Message], sampling: Sampling | None = None) -> ReplyStream:
        """Start a reply; nothing is sent until the stream is iterated."""
        ...

    def complete_chat(self, messages: Sequence[Message], sampling: Sampling | None = None) -> str:
        """The whole reply as one string (raises AIError with ``partial`` on failure)."""
        ...
