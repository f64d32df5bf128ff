"""Every way a model call can fail gives one clear sentence and loses nothing that arrived.

Runs the real openai client against the fake server in tests/fake_openai.py
(a real socket on 127.0.0.1), so the same code path as in the app is tested.
"""

from __future__ import annotations

import time

import pytest

from journal.ai.client import MAX_RETRIES, OpenAIChat
from journal.ai.errors import (
    AIAuthFailed,
    AIError,
    AIModelNotFound,
    AIRateLimited,
    AIServerError,
    AIStreamCut,
    AITimeout,
    AIUnreachable,
)
from tests.fake_openai import (
    FakeOpenAIServer,
    cut_after,
    drop_connection,
    free_port,
    model_not_found,
    rate_limited,
    reply,
    server_error,
    slow,
    stall_after,
    unauthorized,
)

MESSAGES = [{"role": "user", "content": "Tell me something."}]
ATTEMPTS = MAX_RETRIES + 1
TOKENS = ["The ", "river ", "was ", "quiet ", "tonight, ", "and ", "so ", "was ", "I."]
SHORT_TIMEOUT = 0.4


@pytest.fixture
def server():
    with FakeOpenAIServer() as fake:
        yield fake


def _fail(chat: OpenAIChat, expected: type[AIError]) -> tuple[AIError, str]:
    """Run a streamed call to its failure; return the error and the text the stream had shown."""
    stream = chat.stream_chat(MESSAGES)
    shown = ""
    with pytest.raises(expected) as info:
        for piece in stream:
            shown += piece
    assert stream.text == shown
    return info.value, shown


def _assert_clear(exc: AIError, secret: str = "sk-test-fake-key-1234") -> None:
    """One sentence in each language, with no key, no traceback, no unfilled placeholder."""
    for lang in ("en", "zh"):
        text = exc.message(lang)
        assert text and "\n" not in text
        assert "{" not in text and "Traceback" not in text
        assert secret not in text
        assert not text.startswith("ai.")  # a real catalogue sentence, not the bare key


def test_refused_connection_names_the_address(server: FakeOpenAIServer) -> None:
    base_url = f"http://127.0.0.1:{free_port()}/v1"
    chat = OpenAIChat(server.endpoint(base_url=base_url), max_retries=0)
    exc, shown = _fail(chat, AIUnreachable)
    assert base_url in exc.message("en") and exc.partial == shown == ""
    _assert_clear(exc)


def test_server_that_closes_without_answering_is_retried_then_unreachable(server: FakeOpenAIServer) -> None:
    server.enqueue(drop_connection(times=ATTEMPTS))
    exc, _ = _fail(OpenAIChat(server.endpoint()), AIUnreachable)
    assert len(server.chat_requests) == ATTEMPTS
    _assert_clear(exc)


def test_401_names_the_key_variable_not_the_key(server: FakeOpenAIServer) -> None:
    server.enqueue(unauthorized())
    exc, _ = _fail(OpenAIChat(server.endpoint()), AIAuthFailed)
    assert "DUET_AI_KEY" in exc.message("en")
    assert len(server.chat_requests) == 1  # a wrong key is not retried
    _assert_clear(exc)


def test_404_names_the_model(server: FakeOpenAIServer) -> None:
    server.enqueue(model_not_found("nope-7b"))
    exc, _ = _fail(OpenAIChat(server.endpoint(model="nope-7b")), AIModelNotFound)
    assert "nope-7b" in exc.message("en") and "nope-7b" in exc.message("zh")
    _assert_clear(exc)


def test_429_is_retried_with_backoff_then_succeeds(server: FakeOpenAIServer) -> None:
    server.enqueue(rate_limited(times=ATTEMPTS - 1), reply(TOKENS))
    assert OpenAIChat(server.endpoint()).complete_chat(MESSAGES) == "".join(TOKENS)
    assert len(server.chat_requests) == ATTEMPTS
    assert [r.headers.get("x-stainless-retry-count") for r in server.chat_requests] == ["0", "1", "2"]


def test_429_gives_up_politely_after_bounded_retries(server: FakeOpenAIServer) -> None:
    server.enqueue(rate_limited(times=ATTEMPTS + 2))
    exc, _ = _fail(OpenAIChat(server.endpoint()), AIRateLimited)
    assert len(server.chat_requests) == ATTEMPTS
    assert str(ATTEMPTS) in exc.message("en")
    _assert_clear(exc)


@pytest.mark.parametrize("status", [500, 502, 503])
def test_5xx_after_retries_is_a_server_error(server: FakeOpenAIServer, status: int) -> None:
    server.enqueue(server_error(status, times=ATTEMPTS))
    exc, _ = _fail(OpenAIChat(server.endpoint()), AIServerError)
    assert str(status) in exc.message("en")
    assert len(server.chat_requests) == ATTEMPTS
    _assert_clear(exc)


def test_one_5xx_then_success_is_invisible(server: FakeOpenAIServer) -> None:
    server.enqueue(server_error(500), reply("fine"))
    assert OpenAIChat(server.endpoint()).complete_chat(MESSAGES) == "fine"


def test_no_answer_within_the_timeout(server: FakeOpenAIServer) -> None:
    server.enqueue(slow(SHORT_TIMEOUT * 10))
    chat = OpenAIChat(server.endpoint(timeout_seconds=SHORT_TIMEOUT), max_retries=0)
    started = time.perf_counter()
    exc, shown = _fail(chat, AITimeout)
    assert time.perf_counter() - started < SHORT_TIMEOUT * 5
    assert shown == "" and exc.partial == ""
    _assert_clear(exc)


def test_timeouts_are_retried_a_bounded_number_of_times(server: FakeOpenAIServer) -> None:
    server.enqueue(slow(SHORT_TIMEOUT * 10, times=ATTEMPTS))
    _fail(OpenAIChat(server.endpoint(timeout_seconds=SHORT_TIMEOUT)), AITimeout)
    assert len(server.chat_requests) == ATTEMPTS


def test_silence_halfway_keeps_what_arrived(server: FakeOpenAIServer) -> None:
    server.enqueue(stall_after(4, TOKENS, seconds=SHORT_TIMEOUT * 10))
    exc, shown = _fail(OpenAIChat(server.endpoint(timeout_seconds=SHORT_TIMEOUT)), AITimeout)
    assert shown == exc.partial == "".join(TOKENS[:4])
    _assert_clear(exc)


@pytest.mark.parametrize("chunked", [True, False], ids=["broken-chunked-body", "clean-close-without-finish"])
def test_stream_cut_halfway_keeps_every_token_that_arrived(server: FakeOpenAIServer, chunked: bool) -> None:
    server.enqueue(cut_after(5, TOKENS, chunked=chunked))
    exc, shown = _fail(OpenAIChat(server.endpoint()), AIStreamCut)
    assert shown == exc.partial == "".join(TOKENS[:5])
    assert len(server.chat_requests) == 1  # a half-delivered reply is never silently re-requested
    _assert_clear(exc)


def test_stop_button_closes_the_stream_and_keeps_the_text(server: FakeOpenAIServer) -> None:
    server.enqueue(reply(TOKENS))
    stream = OpenAIChat(server.endpoint()).stream_chat(MESSAGES)
    first_three = [next(stream) for _ in range(3)]
    stream.close()
    assert stream.text == "".join(first_three) == "".join(TOKENS[:3])
    assert stream.finish_reason == "stopped"
    assert list(stream) == []
