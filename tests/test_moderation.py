"""The OpenAI moderation second opinion: asked only when the provider is OpenAI, through a fake server on 127.0.0.1."""

from __future__ import annotations

import logging

import pytest

from journal.safety import assess
from journal.safety.moderation import (
    MODERATION_MODEL, ModerationResult, merge, moderate, second_opinion, should_use_moderation,
)
from tests.fake_openai import FakeOpenAIServer, error, moderation

INDIRECT = "Made a list of who gets my things. It feels calm, which scares me."  # local rules: concern only
CALM = "We walked by the river and ate dumplings."


@pytest.fixture
def server():
    with FakeOpenAIServer() as fake:
        yield fake


def _moderation_calls(server: FakeOpenAIServer) -> list:
    return [r for r in server.requests if r.path.rstrip("/").endswith("/moderations")]


@pytest.mark.parametrize(("kind", "expected"), [("openai", True), ("embedded", False), ("compatible", False),
                                               ("", False), ("OpenAI-ish", False)])
def test_only_the_openai_provider_uses_moderation(kind: str, expected: bool) -> None:
    assert should_use_moderation(kind) is expected


def test_openai_provider_asks_the_moderation_endpoint_once_with_the_text(server: FakeOpenAIServer) -> None:
    server.enqueue_moderation(moderation(True, {"self-harm": True, "self-harm/intent": True,
                                                "self-harm/instructions": False}))
    local = assess(INDIRECT, lang="en")
    assert local.level == "concern"
    result = second_opinion(local, INDIRECT, server.endpoint(provider="openai"), lang="en")
    calls = _moderation_calls(server)
    assert len(calls) == 1
    assert calls[0].method == "POST"
    assert calls[0].body == {"model": MODERATION_MODEL, "input": INDIRECT}
    assert result.level == "crisis"
    assert "moderation:self-harm/intent" in [r.code for r in result.reasons]
    assert result.resources and result.resources[0].contact == "988"


@pytest.mark.parametrize("kind", ["embedded", "compatible"])
def test_local_and_compatible_providers_never_send_the_text(server: FakeOpenAIServer, kind: str) -> None:
    local = assess(INDIRECT, lang="en")
    result = second_opinion(local, INDIRECT, server.endpoint(provider=kind), lang="en")
    assert server.requests == []
    assert result == local


def test_a_calm_text_stays_calm_and_a_flag_on_calm_text_shows_help(server: FakeOpenAIServer) -> None:
    server.enqueue_moderation(moderation(False, {"self-harm": False}), moderation(True, {"self-harm": True}))
    endpoint = server.endpoint(provider="openai")
    calm = second_opinion(assess(CALM), CALM, endpoint, lang="zh")
    assert calm.level == "none" and calm.resources == []
    flagged = second_opinion(assess(CALM), CALM, endpoint, lang="zh")
    assert flagged.level == "concern"
    assert flagged.resources[0].contact == "12356"


def test_a_failing_moderation_call_keeps_the_local_assessment_and_logs_no_text(
        server: FakeOpenAIServer, caplog: pytest.LogCaptureFixture) -> None:
    server.enqueue_moderation(error(500, "boom"))
    local = assess(INDIRECT, lang="en")
    endpoint = server.endpoint(provider="openai")
    with caplog.at_level(logging.DEBUG):
        result = second_opinion(local, INDIRECT, endpoint, lang="en")
    assert result == local
    assert len(_moderation_calls(server)) == 1  # no retry: a second opinion must not hold up a save
    assert "who gets my things" not in caplog.text
    assert endpoint.api_key not in caplog.text


def test_empty_text_is_never_sent(server: FakeOpenAIServer) -> None:
    second_opinion(assess(""), "   ", server.endpoint(provider="openai"))
    assert server.requests == []


def test_moderate_reads_the_three_self_harm_categories(server: FakeOpenAIServer) -> None:
    import openai

    server.enqueue_moderation(moderation(True, {"self-harm": True, "self-harm/instructions": True, "violence": True}))
    client = openai.OpenAI(base_url=server.base_url, api_key="sk-test", max_retries=0)
    result = moderate(client, "text")
    assert result.categories == {"self-harm": True, "self-harm/intent": False, "self-harm/instructions": True}
    assert result.scores["self-harm/instructions"] == 1.0
    assert result.level == "crisis" and result.flagged


@pytest.mark.parametrize(("categories", "level"), [
    ({}, "none"),
    ({"self-harm": True}, "concern"),
    ({"self-harm/intent": True}, "crisis"),
    ({"self-harm/instructions": True}, "crisis"),
])
def test_levels_from_categories(categories: dict[str, bool], level: str) -> None:
    assert ModerationResult(categories=categories).level == level


def test_merge_never_lowers_the_local_level() -> None:
    local = assess("I want to die", lang="en")
    merged = merge(local, ModerationResult(categories={"self-harm": False}))
    assert merged.level == "crisis" and merged.reasons == local.reasons
    assert merged.token == local.token  # nothing new: a closed panel stays closed


def test_a_raised_level_gets_a_new_token_so_the_panel_opens_again() -> None:
    local = assess("I feel hopeless.", lang="en")
    merged = merge(local, ModerationResult(categories={"self-harm/intent": True}))
    assert merged.level == "crisis" and merged.token != local.token
