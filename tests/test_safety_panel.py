"""ui.safety_panel through AppTest: calm help lines for concern and crisis, nothing for none, dismissible, never blocking."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

TIMEOUT = 30


def _panel_app(text: str, lang: str = "en", key: str = "journal_save") -> AppTest:
    def app(text: str, lang: str, key: str) -> None:
        import streamlit as st

        from journal.i18n import set_language
        from journal.safety import assess
        from ui.safety_panel import show_safety_panel

        set_language(lang)
        if "assessment" not in st.session_state or st.session_state.get("text") != text:
            st.session_state["assessment"] = assess(text)
            st.session_state["text"] = text
        show_safety_panel(st.session_state["assessment"], key=key)
        st.text_area("after", key="after_panel")  # the page goes on below the panel

    return AppTest.from_function(app, args=(text, lang, key), default_timeout=TIMEOUT).run()


def _all_text(at: AppTest) -> str:
    return "\n".join([m.value for m in at.markdown] + [c.value for c in at.caption])


def test_crisis_shows_the_help_lines_and_the_page_goes_on() -> None:
    at = _panel_app("I want to die.")
    assert not at.exception
    text = _all_text(at)
    assert "You don't have to carry this alone" in text
    for contact in ("988", "116 123", "findahelpline.com", "911", "999"):
        assert contact in text
    assert "[findahelpline.com](https://findahelpline.com)" in text
    assert at.text_area(key="after_panel") is not None  # not blocking: later widgets still render
    assert at.error == [] and at.warning == []  # calm, not an alarm


def test_chinese_crisis_shows_the_china_lines() -> None:
    text = _all_text(_panel_app("我不想活了", lang="zh"))
    assert "你不必一个人扛着" in text
    for contact in ("12356", "010-82951332", "120 / 110"):
        assert contact in text


def test_concern_has_its_own_gentler_words() -> None:
    text = _all_text(_panel_app("撑不下去了", lang="zh"))
    assert "看起来你最近承受了很多" in text and "12356" in text


@pytest.mark.parametrize("text", ["This commute is killing me.", "笑死我了", ""])
def test_nothing_is_drawn_for_none(text: str) -> None:
    at = _panel_app(text)
    assert not at.exception
    assert at.markdown == [] and at.button == []


def test_the_panel_can_be_dismissed_and_stays_closed_for_that_text() -> None:
    at = _panel_app("I want to die.")
    at.button(key="journal_save_dismiss").click().run()
    assert not at.exception
    assert "988" not in _all_text(at)
    at.run()
    assert "988" not in _all_text(at)


def test_a_new_assessment_brings_the_panel_back() -> None:
    def app() -> None:
        import streamlit as st

        from journal.safety import assess
        from ui.safety_panel import show_safety_panel

        if st.button("again", key="again"):
            st.session_state["assessment"] = assess("I want to die.")
        st.session_state.setdefault("assessment", assess("I want to die."))
        show_safety_panel(st.session_state["assessment"], key="story_safety_s1")

    at = AppTest.from_function(app, default_timeout=TIMEOUT).run()
    at.button(key="story_safety_s1_dismiss").click().run()
    assert "988" not in _all_text(at)
    at.button(key="again").click().run()
    assert "988" in _all_text(at)


def test_none_and_missing_assessments_are_accepted() -> None:
    def app() -> None:
        from ui.safety_panel import show_safety_panel

        assert show_safety_panel(None, key="a") is False

    assert not AppTest.from_function(app, default_timeout=TIMEOUT).run().exception


def test_the_chinese_emergency_line_has_no_stray_space_after_the_full_stop() -> None:
    at = _panel_app("我不想活了", lang="zh")
    assert not at.exception
    [caption] = [c.value for c in at.caption if "120 / 110" in c.value]
    assert "紧急电话。紧急情况（中国）：120 / 110" in caption
