"""The "Choose your companion's model" panel on the Settings page and the welcome page, through AppTest."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from journal.ai.models import finish_onboarding, needs_onboarding
from journal.ai.providers import load_settings, save_settings, AISettings

TIMEOUT = 60


def _settings_page(app_path: str, lang: str = "en") -> AppTest:
    at = AppTest.from_file(app_path, default_timeout=TIMEOUT)
    at.run()
    return at.switch_page("pages/settings.py").run()


def test_the_panel_offers_four_honest_choices(app_path: str) -> None:
    at = _settings_page(app_path)
    assert not at.exception
    labels = [tab.label for tab in at.tabs]
    for wanted in ("Keep it on this computer — download a better model", "Already running a local server",
                   "Use a service", "Stay with the built-in tiny model"):
        assert wanted in labels
    text = " ".join(m.value for m in at.markdown) + " ".join(c.value for c in at.caption)
    assert "Answering now: SmolLM2 135M" in text
    assert "it cannot write Chinese" in text and "leaves this computer" in text
    assert at.selectbox(key="model_choice_model").value == "qwen2.5-1.5b"   # the recommended one first


def test_a_service_says_where_its_key_comes_from_and_needs_one(app_path: str) -> None:
    at = _settings_page(app_path)
    at.selectbox(key="model_choice_service").set_value("deepseek").run()
    text = " ".join(m.value for m in at.markdown)
    assert "https://platform.deepseek.com/api_keys" in text and "DEEPSEEK_API_KEY" in text
    assert at.button(key="model_choice_service_test").disabled


def test_in_chinese_the_tiny_model_is_not_offered_for_chinese(app_path: str, duet_home: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DUET_LANG", "zh")
    at = _settings_page(app_path)
    assert not at.exception
    warnings = [w.value for w in at.warning]
    assert any("不提供中文故事写作" in w for w in warnings)
    assert any(c.value.startswith("校验方式：大小和 SHA-256") for c in at.caption)   # not the catalogue's English
    order = at.selectbox(key="model_choice_model").options
    assert order.index(next(o for o in order if "Llama 3.2 1B" in o)) > order.index(next(o for o in order if "Qwen3 1.7B" in o))


def test_choosing_the_tiny_model_resets_a_saved_file(app_path: str, duet_home: Path) -> None:
    save_settings(duet_home, AISettings(provider="compatible", preset="ollama", base_url="http://127.0.0.1:9/v1",
                                        model="llama3.2"))
    at = _settings_page(app_path)
    at.button(key="model_choice_tiny").click().run()
    assert not at.exception
    settings = load_settings(duet_home)
    assert (settings.provider, settings.model_path) == ("embedded", "")
    assert at.radio(key="ai_settings_provider").value == "embedded"   # the form below reads the new choice


def test_a_new_notebook_opens_on_the_welcome_page(app_path: str, duet_home: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DUET_WELCOME", "1")
    assert needs_onboarding(duet_home)
    at = AppTest.from_file(app_path, default_timeout=TIMEOUT).run()
    assert not at.exception
    assert at.title[0].value == "Welcome to Duet"
    finish_onboarding(duet_home)
    at = AppTest.from_file(app_path, default_timeout=TIMEOUT).run()
    assert at.title[0].value != "Welcome to Duet"


def test_a_chinese_story_with_the_tiny_model_says_it_cannot_write_chinese(app_path: str, duet_home: Path) -> None:
    from journal.notebook import Notebook

    nb = Notebook.open(duet_home)
    nb.stories.create(title="夜", companion="zhou-yu", companion_name="周屿", user_name="我")
    at = AppTest.from_file(app_path, default_timeout=TIMEOUT).run()
    at = at.switch_page("pages/stories.py").run()
    assert not at.exception
    assert any("it cannot write Chinese" in w.value or "Chinese stories are not offered" in w.value for w in at.warning)
    save_settings(duet_home, AISettings(provider="compatible", preset="ollama", base_url="http://127.0.0.1:9/v1",
                                        model="qwen2.5"))
    at = AppTest.from_file(app_path, default_timeout=TIMEOUT).run()
    at = at.switch_page("pages/stories.py").run()
    assert not any("Chinese stories are not offered" in w.value for w in at.warning)
