"""Every way a model call can fail, as one sentence the writer can act on.

A failed call must never cost the writer text: each error carries ``partial``,
the part of the reply that had already arrived, so a page can keep showing it
beside the message (and the entry being written is never touched here).
"""

from __future__ import annotations

from typing import Any

from journal.errors import DuetError

DETAIL_MAX_CHARS = 160  # a server's own explanation is quoted, but never a wall of text


class AIError(DuetError):
    """A model call that did not finish; ``partial`` holds what arrived before it stopped."""

    def __init__(self, key: str, *, partial: str = "", **params: Any) -> None:
        self.partial = partial
        super().__init__(key, **params)


class AIUnreachable(AIError):
    """Nothing answers at the base URL (server not started, wrong address, refused connection)."""


class AIEmbeddedFailed(AIError):
    """The built-in model could not start (missing or unreadable .gguf file)."""


class AIMissingKey(AIError):
    """A remote provider needs a key and none is set in the environment or secrets."""


class AIAuthFailed(AIError):
    """The service refused the key (HTTP 401/403)."""


class AIModelNotFound(AIError):
    """The service has no model by that name (HTTP 404)."""


class AIRateLimited(AIError):
    """HTTP 429 even after the bounded retries with backoff."""


class AIServerError(AIError):
    """The service failed on its side (HTTP 5xx) even after retries."""


class AITimeout(AIError):
    """No answer (or no next piece of the answer) within the time limit."""


class AIStreamCut(AIError):
    """The reply stopped halfway: the connection closed before the reply was finished."""


class AIRejected(AIError):
    """Any other refusal (HTTP 400, 413, 422…): the request itself was not accepted."""


def short_detail(text: str | None) -> str:
    """A server's message cut to one readable line."""
    line = " ".join(str(text or "").split())
    return line if len(line) <= DETAIL_MAX_CHARS else line[: DETAIL_MAX_CHARS - 1] + "…"


class AIUnusable(AIError):
    """The model answered, but nothing usable could be read from it (tiny models ramble)."""
