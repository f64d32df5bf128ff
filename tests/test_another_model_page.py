""""Try another model" on the Companions page (#14 item 4): golden moments replayed through a second provider (a fake
OpenAI-compatible server on 127.0.0.1), side by side with the originals, then the habits kept and lost."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from journal.notebook import Notebook
from journal.stories.continuity import star_turn
from tests.fake_openai import FakeOpenAIServer, reply
from tests.test_continuity import _story
from tests.test_voice import EN_TURNS

TIMEOUT = 30


def _open_wren(app_path: str) -> AppTest:
    app = AppTest.from_file(app_path, default_timeout=TIMEOUT)
    app.switch_page("pages/companions.py").run()
    return app.button(key="companion_edit_wren-ashby").click().run()


def _texts(app: AppTest) -> str:
    return "\n".join([*(e.value for e in app.text), *(m.value for m in app.markdown), *(c.value for c in app.caption),
                      *(s.value for s in app.subheader)])


def test_golden_moments_replayed_side_by_side_with_the_habits_kept_and_lost(app_path: str, duet_home: Path) -> None:
    nb = Notebook.open(duet_home)
    story = _story(nb)
    star_turn(nb, story.id, 1)
    star_turn(nb, story.id, 7)
    app = _open_wren(app_path)
    app.selectbox(key="another_provider").set_value("custom").run()
    with FakeOpenAIServer() as other:
        other.enqueue(reply("Greetings. How may I assist you?"), reply("I am an AI and cannot have a cat."))
        app.text_input(key="another_base_url").input(other.base_url)
        app.text_input(key="another_model").input("other-7b").run()
        app.button(key="another_run").click().run()
        assert not app.exception
        assert other.chat_requests[0].messages[-1] == {"role": "user", "content": "Question 0?"}   # the moment's prompt
        assert other.chat_requests[0].body["model"] == "other-7b" and len(other.chat_requests) == 2
    shown = _texts(app)
    assert EN_TURNS[0] in shown and "Greetings. How may I assist you?" in shown          # side by side
    assert EN_TURNS[3] in shown and "I am an AI and cannot have a cat." in shown
    assert "habits kept by other-7b" in shown
    assert "pet name: sweetheart" in shown and ":material/cancel: pet name: sweetheart" in shown   # lost, and said so
    assert Notebook.open(duet_home).settings.ai.provider == "embedded"                   # nothing switched or saved


def test_a_provider_without_its_key_is_one_sentence_and_nothing_is_sent(app_path: str, duet_home: Path,
                                                                       monkeypatch) -> None:
    monkeypatch.delenv("DEEPSEEK_API_KEY", raising=False)
    nb = Notebook.open(duet_home)
    star_turn(nb, _story(nb).id, 1)
    app = _open_wren(app_path)
    app.selectbox(key="another_provider").set_value("deepseek").run()
    assert app.text_input(key="another_base_url").value == "https://api.deepseek.com/v1"
    assert any("DEEPSEEK_API_KEY" in c.value for c in app.caption)
    app.button(key="another_run").click().run()
    assert not app.exception and any("DEEPSEEK_API_KEY" in e.value for e in app.error)


def test_without_golden_moments_the_panel_says_how_to_get_them(app_path: str, duet_home: Path) -> None:
    _story(Notebook.open(duet_home))
    app = _open_wren(app_path)
    assert any("Star a few" in i.value for i in app.info)
    assert [b for b in app.button if b.key == "another_run"] == []
