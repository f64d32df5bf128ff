"""One story exchange (#21): the person's turn and the reply written once, and nothing lost on the way.

Before #21 the Stories page wrote the person's turn, queued the reply in session state, streamed it and
wrote the story again, then reran the page: two full-page runs and two rewrites per exchange (measured
on the live server by tests/test_browser_one_exchange.py). Now the words wait in a draft file while the
reply streams, and one rewrite carries both.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from journal.ai.errors import AIStreamCut
from journal.entries.drafts import draft_path
from journal.notebook import Notebook
from journal.stories import exchange, ops
from journal.stories.store import StoryStore
from tests.fake_chat import FakeChat

TIMEOUT = 30


@pytest.fixture
def story(notebook: Notebook):
    return notebook.stories.create(title="Rain", companion="wren-ashby")


@pytest.fixture
def saves(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every rewrite of a story file, by story id."""
    written: list[str] = []
    real = StoryStore.save

    def counted(self, story, *args, **kwargs):
        written.append(story.id)
        return real(self, story, *args, **kwargs)

    monkeypatch.setattr(StoryStore, "save", counted)
    return written


def _texts(nb: Notebook, story_id: str) -> list[str]:
    return [turn.text for turn in nb.stories.get(story_id).turns]


def test_the_persons_words_wait_in_a_draft_until_the_exchange_is_written(notebook, story, saves) -> None:
    before = story.path.read_bytes()
    started = exchange.begin(notebook, story.id, "I brought the umbrella back.")
    assert story.path.read_bytes() == before and saves == []          # not written yet...
    assert "I brought the umbrella back." in draft_path(notebook.home, f"story-{story.id}").read_text("utf-8")
    job = ops.plan_reply(notebook, started.story, after_user_turn=True)
    exchange.finish(notebook, started, job, "The kettle is on.")
    assert _texts(notebook, story.id) == ["I brought the umbrella back.", "The kettle is on."]
    assert saves == [story.id]                                          # ...then once, both turns
    assert not draft_path(notebook.home, f"story-{story.id}").exists()
    notebook.stories.undo(story.id)                                     # one exchange, one undo step
    assert _texts(notebook, story.id) == []


def test_a_process_that_dies_mid_reply_loses_no_word(duet_home: Path, story) -> None:
    started = exchange.begin(Notebook.open(duet_home), story.id, "Tell me about the lighthouse.")
    del started   # the process dies here: no finish
    reopened = Notebook.open(duet_home)
    recovered = exchange.recover(reopened, story.id)
    assert recovered is not None and [t.text for t in recovered.turns] == ["Tell me about the lighthouse."]
    assert exchange.recover(reopened, story.id) is None                # once
    assert not draft_path(duet_home, f"story-{story.id}").exists()


def test_a_failed_model_call_still_writes_the_turn_once(notebook, story, saves, chat: FakeChat) -> None:
    chat.enqueue([], error=AIStreamCut("ai.errors.stream_cut"))
    with pytest.raises(AIStreamCut):
        ops.reply(notebook, story.id, chat, "Are you there?")
    assert _texts(notebook, story.id) == ["Are you there?"] and saves == [story.id]
    chat.enqueue(["Half of a "], error=AIStreamCut("ai.errors.stream_cut"))
    with pytest.raises(AIStreamCut):
        ops.reply(notebook, story.id, chat, "Still there?")
    turns = notebook.stories.get(story.id).turns
    assert [t.text for t in turns][-2:] == ["Still there?", "Half of a"] and turns[-1].extra["incomplete"] is True
    assert saves == [story.id, story.id]


def test_one_exchange_on_the_page_is_one_run_and_one_rewrite(app_path: str, story, saves, chat: FakeChat,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    import ui.stories.picker

    runs: list[str] = []
    real_picker = ui.stories.picker.render_picker
    monkeypatch.setattr(ui.stories.picker, "render_picker", lambda nb: runs.append("page") or real_picker(nb))
    at = AppTest.from_file(app_path, default_timeout=TIMEOUT).run().switch_page("pages/stories.py").run()
    runs.clear()
    chat.enqueue(["The kettle ", "is on."])
    at.chat_input(key="story_input").set_value("I brought the umbrella back.").run()
    assert not at.exception
    assert runs == ["page"] and saves == [story.id]     # was 2 runs (an st.rerun()) and 2 rewrites
    assert any("The kettle is on." in m.value for m in at.markdown)
    assert [b.key for b in at.button if b.key and b.key.startswith("story_regen_")]   # the reply has its controls


def test_a_turn_left_by_a_dead_process_appears_with_reply_now(app_path: str, duet_home: Path, story,
                                                              chat: FakeChat) -> None:
    exchange.begin(Notebook.open(duet_home), story.id, "Tell me about the lighthouse.")   # then the process died
    at = AppTest.from_file(app_path, default_timeout=TIMEOUT).run().switch_page("pages/stories.py").run()
    assert not at.exception
    assert any("Tell me about the lighthouse." in m.value for m in at.markdown)
    chat.enqueue("It still turns at night.")
    at.button(key="story_reply_now").click().run()
    assert _texts(Notebook.open(duet_home), story.id) == ["Tell me about the lighthouse.", "It still turns at night."]


def test_an_exchange_in_another_tab_keeps_its_draft_when_the_first_one_finishes(notebook, story) -> None:
    first = exchange.begin(notebook, story.id, "Are you still there?")
    second = exchange.begin(notebook, story.id, "I found the old map.")   # recovers the first turn, keeps its own
    exchange.finish(notebook, first)
    assert draft_path(notebook.home, f"story-{story.id}").exists()   # the second tab's words stay safe
    exchange.finish(notebook, second)
    texts = [turn.text for turn in notebook.stories.get(story.id).turns]
    assert texts == ["Are you still there?", "I found the old map."]
    assert not draft_path(notebook.home, f"story-{story.id}").exists()
