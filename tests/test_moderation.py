"""The OpenAI moderation second opinion: asked only when the provider is OpenAI, through a fake server on 127.0.0.1."""

from __future__ import annotations

import logging

import pytest

from journal.safety import assess
from journal.safety.moderation import (
    MODERATION_MODEL, ModerationResult, merge, moderate, second_opinion, should_use_moderation,
)
from tests.fake_openai import FakeOpenAIServer, error, moderation, reply

INDIRECT = "I am so tired of everything."  # the local check: concern only (round 5: the learned signal reads the old text, a training example, as crisis)
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
    # The lines follow the English text (#20), named in the Chinese interface's words.
    assert flagged.resources[0].contact == "988" and "美国" in flagged.resources[0].name


def test_a_flag_on_a_chinese_text_in_the_english_interface_gets_the_china_lines(server: FakeOpenAIServer) -> None:
    server.enqueue_moderation(moderation(True, {"self-harm": True}))
    calm_zh = "今天和朋友去江边散步，吃了饺子。"
    flagged = second_opinion(assess(calm_zh), calm_zh, server.endpoint(provider="openai"), lang="en")
    assert flagged.level == "concern"
    assert [r.contact for r in flagged.resources][:2] == ["12356", "010-82951332"]


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


# --- the notebook's own provider setting decides ---------------------------------------------

def _set_provider(home, provider: str, base_url: str) -> None:
    from journal.ai.providers import save_settings

    save_settings(home, {"provider": provider, "base_url": base_url, "model": "fake-model"})


def test_a_notebook_set_to_openai_asks_for_a_second_opinion(server: FakeOpenAIServer, duet_home) -> None:
    from journal.safety.second_opinion import second_opinion_now

    server.enqueue_moderation(moderation(True, {"self-harm/intent": True}))
    _set_provider(duet_home, "openai", server.base_url)
    result = second_opinion_now(duet_home, INDIRECT, assess(INDIRECT), {"OPENAI_API_KEY": "sk-test-openai"})
    assert result.level == "crisis"
    assert len(_moderation_calls(server)) == 1
    assert _moderation_calls(server)[0].headers["authorization"] == "Bearer sk-test-openai"
    assert server.chat_requests == []  # with OpenAI, its moderation endpoint is the second opinion


@pytest.mark.parametrize("provider", ["embedded", "compatible"])
def test_a_notebook_on_another_provider_never_asks_moderation(server: FakeOpenAIServer, duet_home, provider: str) -> None:
    from journal.safety.second_opinion import second_opinion_now

    server.enqueue(reply('{"level": "none", "categories": []}'))
    _set_provider(duet_home, provider, server.base_url)
    local = assess(INDIRECT)
    assert second_opinion_now(duet_home, INDIRECT, local, {"OPENAI_API_KEY": "sk-x", "DUET_AI_KEY": "sk-y"}) == local
    assert _moderation_calls(server) == []


def test_openai_without_a_key_keeps_the_local_result(server: FakeOpenAIServer, duet_home) -> None:
    from journal.safety.second_opinion import second_opinion_now

    _set_provider(duet_home, "openai", server.base_url)
    local = assess(INDIRECT)
    assert second_opinion_now(duet_home, INDIRECT, local, {}) == local
    assert server.requests == []


def test_a_plain_journal_save_never_sends_the_entry_to_openai(
        server: FakeOpenAIServer, duet_home, monkeypatch: pytest.MonkeyPatch) -> None:
    # A journal entry is not going to OpenAI when it is saved, so its moderation is not asked (#18):
    # the panel comes from the local check the save returned, across the rerun that follows it.
    from streamlit.testing.v1 import AppTest

    server.enqueue_moderation(moderation(True, {"self-harm/intent": True}))
    _set_provider(duet_home, "openai", server.base_url)
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-openai")

    def app(text: str) -> None:
        import streamlit as st

        from ui.common import get_notebook
        from ui.safety_panel import remember_assessment, show_remembered_panel

        nb = get_notebook()
        st.button("save", key="save", on_click=lambda: remember_assessment(nb.create_entry(text).safety, "journal_save"))
        show_remembered_panel("journal_save")

    at = AppTest.from_function(app, args=(INDIRECT,), default_timeout=30).run()
    assert not any("988" in m.value for m in at.markdown)
    at.button(key="save").click().run()
    assert not at.exception
    assert any("It sounds like things are heavy right now" in m.value for m in at.markdown)  # the local concern
    assert any("988" in m.value for m in at.markdown)
    assert server.requests == []
