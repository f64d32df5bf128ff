"""A scriptable fake OpenAI-compatible HTTP server on 127.0.0.1, for tests of the real client path.

The openai package sends through httpx2, which request-mocking libraries do not
intercept, so tests talk to a real socket instead. Script what the next calls
get, run the code under test against ``server.base_url``, then look at
``server.requests``:

    with FakeOpenAIServer() as server:
        server.enqueue(rate_limited(times=2), reply("Hello there"))
        chat = OpenAIChat(server.endpoint())
        assert chat.complete_chat([{"role": "user", "content": "hi"}]) == "Hello there"
        assert len(server.chat_requests) == 3

Behaviours (each consumed by one request to ``/v1/chat/completions``; when the
queue is empty the ``default`` behaviour answers): :func:`reply`, :func:`error`,
:func:`unauthorized`, :func:`model_not_found`, :func:`rate_limited`,
:func:`server_error`, :func:`slow`, :func:`stall_after`, :func:`cut_after`,
:func:`drop_connection`. ``/v1/moderations`` answers from its own queue
(:meth:`FakeOpenAIServer.enqueue_moderation`, :func:`moderation`) and
``GET /v1/models`` lists the server's model. The safety second opinion
(``prompts/safety_second_opinion.*.md``, asked in the background after a story
turn) is a chat request too, but it answers from its own queue
(:meth:`FakeOpenAIServer.enqueue_safety`, default: no risk) and is left out of
``chat_requests``, so it never takes a reply a test queued for the story.
"""

from __future__ import annotations

import json
import re
import socket
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Iterable

DEFAULT_MODEL = "fake-model"
FAST_RETRY_AFTER_MS = 10  # tells the openai client to retry almost at once, so retry tests stay fast
POLL_SECONDS = 0.02  # how fast stop() returns; serve_forever checks for shutdown this often
_TOKEN = re.compile(r"\S+\s*|\s+")


@dataclass
class RecordedRequest:
    method: str
    path: str
    headers: dict[str, str]
    body: Any  # parsed JSON, or the raw text when it is not JSON

    @property
    def messages(self) -> list[dict[str, Any]]:
        return self.body.get("messages", []) if isinstance(self.body, dict) else []


@dataclass
class Behaviour:
    """What one request gets. Build with the factory functions below."""

    kind: str
    tokens: list[str] = field(default_factory=list)
    status: int = 200
    payload: Any = None
    headers: dict[str, str] = field(default_factory=dict)
    stream: bool | None = None  # None: follow the request's "stream" flag
    seconds: float = 0.0
    after: int = 0
    chunked: bool = True
    finish_reason: str = "stop"
    then: "Behaviour | None" = None


def _tokens(text: str | Iterable[str]) -> list[str]:
    return _TOKEN.findall(text) if isinstance(text, str) else list(text)


def reply(text: str | Iterable[str] = "ok", *, stream: bool | None = None, finish_reason: str = "stop") -> Behaviour:
    """A normal answer. A string is split into word tokens; a list is sent piece by piece."""
    return Behaviour("reply", tokens=_tokens(text), stream=stream, finish_reason=finish_reason)


def error(status: int, message: str, *, code: str | None = None, headers: dict[str, str] | None = None) -> Behaviour:
    """An OpenAI-style JSON error body with ``status``."""
    body = {"error": {"message": message, "type": "fake_error", "code": code}}
    return Behaviour("error", status=status, payload=body, headers=dict(headers or {}))


def unauthorized() -> Behaviour:
    return error(401, "Incorrect API key provided.", code="invalid_api_key")


def model_not_found(model: str = "missing-model") -> Behaviour:
    return error(404, f"The model `{model}` does not exist.", code="model_not_found")


def rate_limited(times: int = 1, *, retry_after_ms: int = FAST_RETRY_AFTER_MS) -> list[Behaviour]:
    """``times`` 429 answers in a row (each with a short Retry-After so the client's backoff is quick)."""
    return [
        error(429, "Rate limit reached.", code="rate_limit_exceeded", headers={"retry-after-ms": str(retry_after_ms)})
        for _ in range(times)
    ]


def server_error(status: int = 500, times: int = 1) -> list[Behaviour]:
    return [
        error(status, "The server had an error.", headers={"retry-after-ms": str(FAST_RETRY_AFTER_MS)})
        for _ in range(times)
    ]


def slow(seconds: float, then: Behaviour | None = None, times: int = 1) -> list[Behaviour]:
    """Wait ``seconds`` before answering at all (a timeout when it exceeds the client's)."""
    return [Behaviour("slow", seconds=seconds, then=then or reply()) for _ in range(times)]


def stall_after(k: int, text: str | Iterable[str], seconds: float) -> Behaviour:
    """Stream ``k`` tokens, then go silent for ``seconds`` (a read timeout halfway)."""
    return Behaviour("stall", tokens=_tokens(text), after=k, seconds=seconds)


def trickle(text: str | Iterable[str], seconds: float) -> Behaviour:
    """A streamed answer with ``seconds`` between tokens: a slow model the page can still stop halfway."""
    return Behaviour("trickle", tokens=_tokens(text), seconds=seconds)


def cut_after(k: int, text: str | Iterable[str], *, chunked: bool = True) -> Behaviour:
    """Stream ``k`` tokens, then close the connection.

    ``chunked=True`` breaks the HTTP chunked encoding (the client sees a protocol
    error); ``chunked=False`` ends a ``Connection: close`` body cleanly but without
    a finish reason or ``[DONE]`` (the client must notice the reply is unfinished).
    """
    return Behaviour("cut", tokens=_tokens(text), after=k, chunked=chunked)


def drop_connection(times: int = 1) -> list[Behaviour]:
    """Accept the request, then close the socket without a word (like a crashed server)."""
    return [Behaviour("drop") for _ in range(times)]


def moderation(flagged: bool = False, categories: dict[str, bool] | None = None) -> Behaviour:
    cats = dict(categories or {})
    result = {"flagged": flagged, "categories": cats, "category_scores": {k: (1.0 if v else 0.0) for k, v in cats.items()}}
    return Behaviour("json", payload={"id": "modr-fake", "model": "omni-moderation-latest", "results": [result]})


SAFETY_CALM = '{"level": "none", "categories": []}'


def _is_safety_second_opinion(body: Any) -> bool:
    from journal.ai.prompts import render_prompt
    from journal.safety.second_opinion import PROMPT_NAME

    messages = body.get("messages") if isinstance(body, dict) else None
    if not messages or messages[0].get("role") != "system":
        return False
    return messages[0].get("content") in {render_prompt(PROMPT_NAME, lang) for lang in ("en", "zh")}


class FakeOpenAIServer:
    """A threaded HTTP server speaking enough of the OpenAI API for client tests."""

    def __init__(self, model: str = DEFAULT_MODEL, default: Behaviour | None = None) -> None:
        self.model = model
        self.default = default or reply("ok")
        self.requests: list[RecordedRequest] = []
        self._chat: deque[Behaviour] = deque()
        self._moderation: deque[Behaviour] = deque()
        self._safety: deque[Behaviour] = deque()
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle -------------------------------------------------------
    def start(self) -> "FakeOpenAIServer":
        handler = type("Handler", (_Handler,), {"fake": self})
        self._httpd = _QuietServer(("127.0.0.1", 0), handler)
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": POLL_SECONDS}, name="fake-openai", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopping.set()
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
        if self._thread is not None:
            self._thread.join()

    def __enter__(self) -> "FakeOpenAIServer":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def port(self) -> int:
        assert self._httpd is not None, "start() the server first"
        return self._httpd.server_address[1]

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def endpoint(self, **overrides: Any) -> Any:
        """A :class:`journal.ai.providers.Endpoint` for this server (fields can be overridden)."""
        from journal.ai.providers import Endpoint

        values: dict[str, Any] = dict(
            provider="compatible", label="Fake", base_url=self.base_url, model=self.model, api_key="sk-test-fake-key-1234",
            key_env="DUET_AI_KEY", repeat_penalty_param=None, stream_usage=False, timeout_seconds=5.0,
            structured_output=None,
        )
        values.update(overrides)
        return Endpoint(**values)

    # -- scripting -------------------------------------------------------
    def enqueue(self, *behaviours: Behaviour | list[Behaviour]) -> None:
        """Answers for the next chat completion requests, in order (lists are flattened)."""
        with self._lock:
            for item in behaviours:
                self._chat.extend(item if isinstance(item, list) else [item])

    def enqueue_moderation(self, *behaviours: Behaviour) -> None:
        with self._lock:
            self._moderation.extend(behaviours)

    def enqueue_safety(self, *behaviours: Behaviour) -> None:
        """Answers for the next safety second opinions (the rest answer "no risk")."""
        with self._lock:
            self._safety.extend(behaviours)

    @property
    def pending(self) -> int:
        return len(self._chat)

    @property
    def chat_requests(self) -> list[RecordedRequest]:
        """Chat completions for the app's own work: replies, suggestions (not the safety second opinion)."""
        return [r for r in self.requests if r.path.endswith("/chat/completions") and not _is_safety_second_opinion(r.body)]

    @property
    def safety_requests(self) -> list[RecordedRequest]:
        return [r for r in self.requests if r.path.endswith("/chat/completions") and _is_safety_second_opinion(r.body)]

    def _next(self, queue: deque[Behaviour], default: Behaviour) -> Behaviour:
        with self._lock:
            return queue.popleft() if queue else default

    def _record(self, request: RecordedRequest) -> None:
        with self._lock:
            self.requests.append(request)


class _QuietServer(ThreadingHTTPServer):
    """A client dropping its kept-alive connection (normal when tests end) is not worth a traceback."""

    def handle_error(self, request: Any, client_address: Any) -> None:
        import sys

        if isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            return
        super().handle_error(request, client_address)


class _Handler(BaseHTTPRequestHandler):
    fake: FakeOpenAIServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:  # keep test output clean
        pass

    # -- routing ---------------------------------------------------------
    def do_GET(self) -> None:
        self._record(None)
        if self.path.rstrip("/").endswith("/models"):
            self._json(200, {"object": "list", "data": [{"id": self.fake.model, "object": "model", "owned_by": "fake"}]})
        else:
            self._json(404, {"error": {"message": f"No route {self.path}", "type": "not_found"}})

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length).decode("utf-8", "replace")
        try:
            body = json.loads(raw)
        except ValueError:
            body = raw
        self._record(body)
        path = self.path.rstrip("/")
        if path.endswith("/chat/completions") and _is_safety_second_opinion(body):
            self._behave(self.fake._next(self.fake._safety, reply(SAFETY_CALM)), body)
        elif path.endswith("/chat/completions"):
            self._behave(self.fake._next(self.fake._chat, self.fake.default), body if isinstance(body, dict) else {})
        elif path.endswith("/moderations"):
            self._behave(self.fake._next(self.fake._moderation, moderation()), {})
        else:
            self._json(404, {"error": {"message": f"No route {self.path}", "type": "not_found"}})

    def _record(self, body: Any) -> None:
        headers = {k.lower(): v for k, v in self.headers.items()}
        self.fake._record(RecordedRequest(self.command, self.path, headers, body))

    # -- behaviours ------------------------------------------------------
    def _behave(self, b: Behaviour, request: dict[str, Any]) -> None:
        try:
            if b.kind == "slow":
                if self.fake._stopping.wait(b.seconds):
                    return
                assert b.then is not None
                self._behave(b.then, request)
            elif b.kind == "drop":
                self._drop()
            elif b.kind in ("error", "json"):
                self._json(b.status, b.payload, b.headers)
            elif b.kind == "reply":
                streaming = bool(request.get("stream")) if b.stream is None else b.stream
                if streaming:
                    self._stream(b.tokens, request, finish_reason=b.finish_reason)
                else:
                    self._whole(b.tokens, b.finish_reason)
            elif b.kind == "trickle":
                self._stream(b.tokens, request, finish_reason=b.finish_reason, pause=b.seconds)
            elif b.kind == "stall":
                self._stream(b.tokens[: b.after], request, finish_reason=None, end=False)
                self.fake._stopping.wait(b.seconds)
                self._drop()
            elif b.kind == "cut":
                self._stream(b.tokens[: b.after], request, finish_reason=None, end=False, chunked=b.chunked)
                self._drop()
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up first (a timeout test): nothing to answer

    def _drop(self) -> None:
        self.close_connection = True
        try:
            self.wfile.flush()
            self.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass

    def _json(self, status: int, payload: Any, headers: dict[str, str] | None = None) -> None:
        data = json.dumps(payload).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def _chunk(self, payload: dict[str, Any]) -> dict[str, Any]:
        return {"id": "chatcmpl-fake", "object": "chat.completion.chunk", "created": int(time.time()),
                "model": self.fake.model, **payload}

    def _whole(self, tokens: list[str], finish_reason: str) -> None:
        self._json(200, {
            "id": "chatcmpl-fake", "object": "chat.completion", "created": int(time.time()), "model": self.fake.model,
            "choices": [{"index": 0, "message": {"role": "assistant", "content": "".join(tokens)},
                         "finish_reason": finish_reason}],
            "usage": {"prompt_tokens": 1, "completion_tokens": len(tokens), "total_tokens": len(tokens) + 1},
        })

    def _stream(self, tokens: list[str], request: dict[str, Any], *, finish_reason: str | None,
                end: bool = True, chunked: bool = True, pause: float = 0.0) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-cache")
        if chunked:
            self.send_header("Transfer-Encoding", "chunked")
        else:
            self.send_header("Connection", "close")
            self.close_connection = True
        self.end_headers()

        def send(event: str) -> None:
            data = event.encode("utf-8")
            self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data) if chunked else data)
            self.wfile.flush()

        def event(payload: Any) -> str:
            return f"data: {json.dumps(payload) if not isinstance(payload, str) else payload}\n\n"

        send(event(self._chunk({"choices": [{"index": 0, "delta": {"role": "assistant", "content": ""},
                                              "finish_reason": None}]})))
        for token in tokens:
            send(event(self._chunk({"choices": [{"index": 0, "delta": {"content": token}, "finish_reason": None}]})))
            if pause and self.fake._stopping.wait(pause):
                return
        if not end:
            return
        send(event(self._chunk({"choices": [{"index": 0, "delta": {}, "finish_reason": finish_reason}]})))
        if (request.get("stream_options") or {}).get("include_usage"):
            usage = {"prompt_tokens": 1, "completion_tokens": len(tokens), "total_tokens": len(tokens) + 1}
            send(event(self._chunk({"choices": [], "usage": usage})))
        send(event("[DONE]"))
        if chunked:
            self.wfile.write(b"0\r\n\r\n")
            self.wfile.flush()


def free_port() -> int:
    """A port nothing listens on (bound, then released), for "connection refused" tests."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
