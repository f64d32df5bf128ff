"""A chat backend with scripted replies, for testing prompt flow without any server (tests only: the product ships no fake).

Modelled on simonw/llm's ``MockModel``: ``enqueue`` the replies the "model"
will give, run the feature, then read ``history`` to see exactly which
messages and sampling it sent. It satisfies :class:`journal.ai.backend.ChatBackend`,
so stories, captions and reflection tests use it in place of the real client;
the ``chat`` fixture in ``tests/conftest.py`` registers one with
``journal.ai.chat.override_chat`` so pages get it too.

    chat = FakeChat()
    chat.enqueue(["What made ", "today feel heavy?"])
    question = ask_question(chat, "I was tired all day.").read()
    assert chat.history[0].messages[-1]["role"] == "user"
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from journal.ai.backend import Message, ReplyStream, Sampling
from journal.ai.errors import AIError


@dataclass
class FakeCall:
    """One call the feature made: the messages it sent and the sampling it asked for."""

    messages: list[Message]
    sampling: Sampling

    @property
    def prompt(self) -> str:
        """The last user message, the part tests most often check."""
        users = [m["content"] for m in self.messages if m.get("role") == "user"]
        return users[-1] if users else ""

    @property
    def system(self) -> str:
        systems = [m["content"] for m in self.messages if m.get("role") == "system"]
        return systems[0] if systems else ""


@dataclass
class _Scripted:
    pieces: list[str]
    error: AIError | None = None
    finish_reason: str = "stop"


@dataclass
class FakeChat:
    """Replies come from a queue; an empty queue is a test bug and says so."""

    model: str = "fake-model"
    sampling: Sampling = field(default_factory=Sampling)
    history: list[FakeCall] = field(default_factory=list)
    _queue: deque = field(default_factory=deque)

    def enqueue(self, pieces: Sequence[str] | str, *, error: AIError | None = None, finish_reason: str = "stop") -> None:
        """Script the next reply: its pieces in order, then optionally an error (which gets ``partial`` filled)."""
        self._queue.append(_Scripted([pieces] if isinstance(pieces, str) else list(pieces), error, finish_reason))

    @property
    def pending(self) -> int:
        return len(self._queue)

    def stream_chat(self, messages: Sequence[Message], sampling: Sampling | None = None) -> ReplyStream:
        self.history.append(FakeCall([dict(m) for m in messages], sampling or self.sampling))
        if not self._queue:
            raise AssertionError("FakeChat has no reply queued: call enqueue() before the feature runs")
        scripted = self._queue.popleft()
        return ReplyStream(lambda reply: self._play(scripted, reply))

    def complete_chat(self, messages: Sequence[Message], sampling: Sampling | None = None) -> str:
        return self.stream_chat(messages, sampling).read()

    @staticmethod
    def _play(scripted: _Scripted, reply: ReplyStream) -> Iterator[str]:
        yield from scripted.pieces
        if scripted.error is not None:
            scripted.error.partial = reply.text
            raise scripted.error
        reply.finish_reason = scripted.finish_reason
