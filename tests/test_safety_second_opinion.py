"""The capable model's second opinion (#18), through the fake OpenAI-compatible server on 127.0.0.1.

It may raise a level the local rules missed, it can never lower one they
raised, and it is never asked when the provider is the embedded model or when
no usable AI is configured. A plain journal save sends nothing anywhere.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from journal.ai.providers import save_settings
from journal.notebook import Notebook
from journal.safety import assess
from journal.safety.rules import CATEGORIES
from journal.safety.second_opinion import (
    PROMPT_NAME, ModelOpinion, combine, parse_opinion, second_opinion_now, start_second_opinion,
)
from tests.fake_openai import FakeOpenAIServer, reply, server_error

OBLIQUE = "The plants are watered and the spare key is with the neighbour now."  # the rules see nothing here
CRISIS = "I want to kill myself tonight."
WAIT_SECONDS = 20


@pytest.fixture
def server():
    with FakeOpenAIServer() as fake:
        yield fake


def _compatible(home: Path, server: FakeOpenAIServer) -> None:
    save_settings(home, {"provider": "compatible", "base_url": server.base_url, "model": "fake-model"})


def _answer(level: str, *categories: str):
    return reply(json.dumps({"level": level, "categories": list(categories)}))


def test_the_model_raises_a_level_the_rules_missed(duet_home: Path, server: FakeOpenAIServer) -> None:
    _compatible(duet_home, server)
    server.enqueue_safety(_answer("crisis", "preparation", "plan"))
    local = assess(OBLIQUE)
    assert local.level == "none"
    result = second_opinion_now(duet_home, OBLIQUE, local)
    assert result.level == "crisis"
    assert [r.code for r in result.reasons] == ["model:preparation", "model:plan"]
    assert [r.contact for r in result.resources][:1] == ["988"] and result.token != local.token
    [request] = server.safety_requests
    assert request.messages[-1] == {"role": "user", "content": OBLIQUE}
    from journal.ai.prompts import render_prompt

    assert request.messages[0] == {"role": "system", "content": render_prompt(PROMPT_NAME, "en")}


def test_a_chinese_turn_is_asked_in_chinese_and_gets_the_china_lines(duet_home: Path, server: FakeOpenAIServer) -> None:
    _compatible(duet_home, server)
    server.enqueue_safety(_answer("concern", "hopelessness"))
    text = "钥匙放在邻居那里了，花也浇好了。"
    result = second_opinion_now(duet_home, text, assess(text), lang="en")
    assert result.level == "concern" and [r.contact for r in result.resources][0] == "12356"
    from journal.ai.prompts import render_prompt

    assert server.safety_requests[0].messages[0]["content"] == render_prompt(PROMPT_NAME, "zh")


def test_the_model_cannot_lower_what_the_rules_raised(duet_home: Path, server: FakeOpenAIServer) -> None:
    _compatible(duet_home, server)
    server.enqueue_safety(_answer("none"))
    local = assess(CRISIS)
    assert local.level == "crisis"
    result = second_opinion_now(duet_home, CRISIS, local)
    assert len(server.safety_requests) == 1  # it was asked
    assert result is local  # and changed nothing: same level, reasons and token (a closed panel stays closed)


@pytest.mark.parametrize(("opinion", "local_text", "expected"), [
    (ModelOpinion("none"), CRISIS, "crisis"),
    (ModelOpinion("concern", ("hopelessness",)), CRISIS, "crisis"),
    (ModelOpinion("concern", ("hopelessness",)), OBLIQUE, "concern"),
    (ModelOpinion("crisis", ("intent",)), "I feel hopeless.", "crisis"),
    (None, CRISIS, "crisis"),
])
def test_either_source_may_raise_only_the_rules_may_lower(opinion, local_text: str, expected: str) -> None:
    assert combine(assess(local_text), opinion, local_text).level == expected


def test_never_asked_for_the_embedded_model(duet_home: Path, server: FakeOpenAIServer) -> None:
    save_settings(duet_home, {"provider": "embedded", "base_url": server.base_url, "model": "fake-model"})
    local = assess(OBLIQUE)
    assert start_second_opinion(duet_home, OBLIQUE, local) is None
    assert second_opinion_now(duet_home, OBLIQUE, local) is local
    assert server.requests == []


@pytest.mark.parametrize("settings", [
    {"provider": "compatible", "base_url": "", "model": ""},          # no address: no AI configured
    {"provider": "compatible", "preset": "deepseek"},                   # a service that needs a key, without one
    {"provider": "openai"},                                             # OpenAI without a key
])
def test_never_asked_when_no_usable_ai_is_configured(duet_home: Path, server: FakeOpenAIServer, settings: dict,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("OPENAI_API_KEY", "DEEPSEEK_API_KEY", "DUET_AI_KEY"):
        monkeypatch.delenv(name, raising=False)
    save_settings(duet_home, settings)
    assert start_second_opinion(duet_home, OBLIQUE, assess(OBLIQUE), {}) is None
    assert server.requests == []


@pytest.mark.serial
def test_the_background_job_does_not_hold_up_the_caller(duet_home: Path, server: FakeOpenAIServer) -> None:
    from tests.fake_openai import slow

    _compatible(duet_home, server)
    server.enqueue_safety(slow(1.5, _answer("crisis", "plan"))[0])
    start = time.perf_counter()
    future = start_second_opinion(duet_home, OBLIQUE, assess(OBLIQUE))
    assert time.perf_counter() - start < 1.0  # returned before the model answered
    assert future.result(timeout=WAIT_SECONDS).level == "crisis"


@pytest.mark.parametrize("behaviour", [reply("I think they are fine."), reply('{"level": "catastrophic"}'),
                                       server_error(500)])
def test_a_useless_or_failed_answer_keeps_the_local_result(duet_home: Path, server: FakeOpenAIServer,
                                                           behaviour) -> None:
    _compatible(duet_home, server)
    server.enqueue_safety(*(behaviour if isinstance(behaviour, list) else [behaviour]))
    local = assess("I feel hopeless.")
    assert second_opinion_now(duet_home, "I feel hopeless.", local) is local


def test_parse_keeps_only_known_categories() -> None:
    assert parse_opinion('Sure! {"level": "crisis", "categories": ["plan", "bogus"]}') == ModelOpinion("crisis", ("plan",))
    assert parse_opinion("no json") is None


def test_the_prompt_names_every_category() -> None:
    from journal.ai.prompts import render_prompt

    for lang in ("en", "zh"):
        prompt = render_prompt(PROMPT_NAME, lang)
        assert all(category in prompt for category in CATEGORIES)


def test_a_plain_journal_save_never_asks_the_model(duet_home: Path, server: FakeOpenAIServer) -> None:
    _compatible(duet_home, server)
    entry = Notebook.open(duet_home).create_entry(OBLIQUE)
    assert entry.safety.level == "none"
    time.sleep(0.3)
    assert server.requests == []


def test_a_story_turn_is_checked_again_by_the_model_and_the_panel_rises(app_path: str, duet_home: Path,
                                                                       server: FakeOpenAIServer) -> None:
    from streamlit.testing.v1 import AppTest

    _compatible(duet_home, server)
    nb = Notebook.open(duet_home)
    nb.stories.create(title="Night", companion=nb.companions.list()[0].slug)
    assert assess(OBLIQUE).level == "none"  # the rules alone show nothing
    server.enqueue(reply("The kettle clicks off."))
    server.enqueue_safety(_answer("crisis", "preparation"))
    at = AppTest.from_file(app_path, default_timeout=60).run().switch_page("pages/stories.py").run()
    at.chat_input(key="story_input").set_value(OBLIQUE).run()
    assert not at.exception
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline and not server.safety_requests:
        time.sleep(0.1)
    assert server.safety_requests[0].messages[-1] == {"role": "user", "content": OBLIQUE}
    time.sleep(0.5)  # the answer travels back to the background job
    at.run()
    text = " ".join(m.value for m in at.markdown)
    assert "You don't have to carry this alone" in text and "988" in text
    assert _only_reply(duet_home) == "The kettle clicks off."  # the reply was not taken by the second opinion


def _only_reply(home: Path) -> str:
    nb = Notebook.open(home)
    [summary] = nb.stories.list()
    return nb.stories.get(summary.id).turns[-1].text
