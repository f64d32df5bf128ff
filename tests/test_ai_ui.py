"""The AI panel under the editor and the AI section of Settings, driven through AppTest.

The model is a FakeChat (tests/fake_chat.py) registered through the ``chat`` fixture, so
these tests check the page flow: streaming, the clear error with the partial
text kept, and that nothing reaches the entry before the person accepts it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from journal.ai.errors import AIStreamCut
from journal.provenance import ENTRY_KEY as AI_WORDS
from tests.conftest import use_chat
from tests.fake_chat import FakeChat
from journal.ai.providers import load_settings, save_settings
from tests.fake_openai import FakeOpenAIServer, reply

BODY = "Walked by the river after work. My sister called and we argued about mum's birthday again."
TIMEOUT = 30


def panel_app() -> None:
    import streamlit as st

    from ui.common import get_notebook
    from ui.journal.ai import render_journal_ai

    st.session_state.setdefault("body", "Walked by the river after work. My sister called and we argued about mum's birthday again.")
    st.text_area("Body", key="body")

    def apply(changes: dict) -> None:
        for name, value in changes.items():
            st.session_state["body" if name == "body" else f"applied_{name}"] = value

    returned = render_journal_ai(get_notebook(), lambda: {"body": st.session_state["body"]}, on_accept=apply)
    if returned:
        st.session_state["returned"] = returned


def settings_app() -> None:
    from ui.settings.ai import render_ai_settings
    from ui.common import get_notebook

    render_ai_settings(get_notebook())


@pytest.fixture
def fake(chat: FakeChat) -> FakeChat:
    return chat


def _panel() -> AppTest:
    at = AppTest.from_function(panel_app, default_timeout=TIMEOUT)
    at.run()
    assert not at.exception
    return at


def _texts(at: AppTest) -> str:
    parts = [e.value for e in (*at.info, *at.error, *at.caption, *at.markdown, *at.success, *at.warning)]
    return "\n".join(str(p) for p in parts)


def test_question_is_asked_and_kept_with_the_answer_only_on_accept(fake: FakeChat) -> None:
    fake.enqueue(["I'm sorry you argued. ", "What did the river ", "sound like?"])
    at = _panel()
    at.button(key="journal_ai_question").click().run()
    assert not at.exception
    assert [i.value for i in at.info] == ["What did the river sound like?"]
    assert at.session_state["body"] == BODY  # nothing applied yet
    assert BODY in fake.history[0].prompt
    at.text_area(key="journal_ai_answer").input("Like rain on a roof.")
    at.button(key="journal_ai_use").click().run()
    expected = BODY + "\n\n> What did the river sound like?\n\nLike rain on a roof.\n"
    assert at.session_state["body"] == expected
    returned = at.session_state["returned"]
    assert returned["body"] == expected
    # The question is the AI's words: recorded so a share of this entry carries the AI label.
    assert [(p["kind"], p["text"]) for p in returned[AI_WORDS]] == [("question", "What did the river sound like?")]
    assert not at.info  # the panel is cleared after accepting


def test_edits_typed_just_before_accepting_are_kept(fake: FakeChat) -> None:
    fake.enqueue("Later I called her back and we laughed.")
    at = _panel()
    at.button(key="journal_ai_continue").click().run()
    at.text_area(key="body").input(BODY + " One more line.")
    at.button(key="journal_ai_use").click().run()
    assert at.session_state["body"] == BODY + " One more line. Later I called her back and we laughed."


def test_a_cut_stream_shows_one_sentence_and_keeps_the_partial_text(fake: FakeChat) -> None:
    fake.enqueue(["Later I called ", "her back and"], error=AIStreamCut("ai.errors.stream_cut"))
    at = _panel()
    at.button(key="journal_ai_continue").click().run()
    assert not at.exception
    assert any("stopped halfway" in e.value for e in at.error)
    assert "Later I called her back and" in _texts(at)
    assert at.session_state["body"] == BODY
    at.button(key="journal_ai_use").click().run()
    assert at.session_state["body"] == BODY + " Later I called her back and"


def test_suggestions_apply_only_the_ticked_parts(fake: FakeChat) -> None:
    fake.enqueue('{"title": "The river", "tags": ["family", "walks"], "mood": 2}')
    at = _panel()
    at.button(key="journal_ai_suggest").click().run()
    assert at.checkbox(key="journal_ai_use_tags").value is True
    at.checkbox(key="journal_ai_use_tags").uncheck()
    at.button(key="journal_ai_use").click().run()
    assert at.session_state["applied_title"] == "The river" and at.session_state["applied_mood"] == 2
    assert "applied_tags" not in at.session_state
    assert at.session_state["body"] == BODY


def test_a_missing_key_is_a_clear_error_and_the_draft_is_untouched(duet_home: Path) -> None:
    save_settings(duet_home, {"provider": "openai"})
    at = _panel()
    at.button(key="journal_ai_question").click().run()
    assert not at.exception
    assert any("OPENAI_API_KEY" in e.value for e in at.error)
    assert at.session_state["body"] == BODY


def test_buttons_wait_for_some_writing(fake: FakeChat) -> None:
    at = _panel()
    at.text_area(key="body").input("").run()
    assert at.button(key="journal_ai_question").disabled
    assert fake.history == []


def test_settings_save_a_provider_and_never_a_key(duet_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DEEPSEEK_API_KEY", "sk-deepseek-secret-000042")
    at = AppTest.from_function(settings_app, default_timeout=TIMEOUT)
    at.run()
    assert at.radio(key="ai_settings_provider").value == "embedded"
    at.radio(key="ai_settings_provider").set_value("compatible").run()
    at.selectbox(key="ai_settings_preset").set_value("deepseek").run()
    assert "sk-…0042" in _texts(at) and "sk-deepseek-secret-000042" not in _texts(at)
    at.number_input(key="ai_settings_temperature").set_value(0.3)
    at.button(key="ai_settings_save").click().run()
    assert not at.exception and at.success
    saved = load_settings(duet_home)
    assert (saved.provider, saved.preset, saved.temperature) == ("compatible", "deepseek", 0.3)
    assert "secret" not in (duet_home / "settings.yaml").read_text(encoding="utf-8")


def test_settings_refuse_a_bad_address_and_keep_the_old_settings(duet_home: Path) -> None:
    save_settings(duet_home, {"provider": "compatible", "preset": "ollama"})
    at = AppTest.from_function(settings_app, default_timeout=TIMEOUT)
    at.run()
    at.text_input(key="ai_settings_base_url").input("localhost:11434")
    at.button(key="ai_settings_save").click().run()
    assert any("http://" in e.value for e in at.error)
    assert load_settings(duet_home).base_url == ""


def test_settings_refuse_a_provider_without_its_key_and_save_nothing(duet_home: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    at = AppTest.from_function(settings_app, default_timeout=TIMEOUT)
    at.run()
    at.radio(key="ai_settings_provider").set_value("openai").run()
    at.button(key="ai_settings_save").click().run()
    assert not at.exception and not at.success
    assert any("OpenAI needs an API key" in e.value and "OPENAI_API_KEY" in e.value for e in at.error)
    assert load_settings(duet_home).provider == "embedded"
    assert not (duet_home / "settings.yaml").exists() or "openai" not in (duet_home / "settings.yaml").read_text()


def test_settings_refuse_a_model_file_that_is_not_there(duet_home: Path) -> None:
    at = AppTest.from_function(settings_app, default_timeout=TIMEOUT)
    at.run()
    at.text_input(key="ai_settings_model_path").input(str(duet_home / "nope" / "模型.gguf"))
    at.button(key="ai_settings_save").click().run()
    assert not at.exception and not at.success
    assert any("模型.gguf does not exist" in e.value for e in at.error)
    assert load_settings(duet_home).model_path == ""


def test_settings_test_button_reports_speed(duet_home: Path) -> None:
    with FakeOpenAIServer(model="tiny") as server:
        server.enqueue(reply(["Hello", " there"]))
        at = AppTest.from_function(settings_app, default_timeout=TIMEOUT)
        at.run()
        at.radio(key="ai_settings_provider").set_value("compatible").run()
        at.selectbox(key="ai_settings_preset").set_value("ollama").run()
        at.text_input(key="ai_settings_base_url").input(server.base_url)
        at.text_input(key="ai_settings_model").input("tiny")
        at.button(key="ai_settings_test").click().run()
    assert not at.exception
    assert any("Hello there" in s.value for s in at.success)
    assert len(at.metric) == 3


class _StoppedMidway:
    """A backend whose reply is interrupted the way the Stop button interrupts a run (a script stop)."""

    model = "stopped"

    def stream_chat(self, messages, sampling=None):
        from journal.ai.backend import ReplyStream

        def pieces():
            import streamlit as st

            yield "Later I called "
            yield "her back"
            st.stop()

        return ReplyStream(pieces())

    def complete_chat(self, messages, sampling=None):
        return self.stream_chat(messages, sampling).read()


def test_stop_midway_keeps_the_partial_reply_for_the_next_run() -> None:
    use_chat(_StoppedMidway())
    at = _panel()
    at.button(key="journal_ai_continue").click().run()
    at.run()  # the rerun that the Stop click causes
    assert not at.exception
    assert any("Stopped" in c.value for c in at.caption)
    assert "Later I called her back" in _texts(at)
    at.button(key="journal_ai_use").click().run()
    assert at.session_state["body"] == BODY + " Later I called her back"


def test_a_failed_suggestion_is_a_clear_error_and_nothing_is_offered(fake: FakeChat) -> None:
    fake.enqueue(['{"title": "The ri'], error=AIStreamCut("ai.errors.stream_cut"))
    at = _panel()
    at.button(key="journal_ai_suggest").click().run()
    assert not at.exception
    assert any("stopped halfway" in e.value for e in at.error)
    assert not at.checkbox and at.session_state["body"] == BODY
