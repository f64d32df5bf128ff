"""The Stories page's story picker, new-story form and the chat "answer" button, found wanting in a live browser."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from journal.notebook import Notebook
from tests.conftest import use_chat
from tests.fake_chat import FakeChat
from tests.test_stories_page import _send, _start, app  # noqa: F401 - fixture

__all__ = ["app"]


def _stories(home: Path):
    nb = Notebook.open(home)
    return [nb.stories.get(s.id) for s in nb.stories.list()]


def test_two_stories_alike_get_different_labels(app: AppTest, chat: FakeChat, duet_home: Path) -> None:
    # The browser sends the picked label back, so two stories with the default title and as many turns
    # used to share one label and opening (or writing in) one of them opened the other.
    _start(app)
    _start(app)
    picker = next(box for box in app.selectbox if str(box.key).startswith("story_pick"))
    labels = picker.options[1:]
    assert len(labels) == 2 and len(set(labels)) == 2
    assert all(label.endswith("1 turn") or label.endswith("1 turn (2)") for label in labels)


def test_the_picker_is_redrawn_when_its_labels_change(app: AppTest, chat: FakeChat, duet_home: Path) -> None:
    # Under one key the browser kept the old label (and the old story) after a turn changed the count.
    _start(app)
    before = next(box for box in app.selectbox if str(box.key).startswith("story_pick"))
    chat.enqueue("Hello.")
    _send(app, "Hi")   # one exchange reruns the open story's fragment alone; the picker follows on the page's next run
    app.run()
    after = next(box for box in app.selectbox if str(box.key).startswith("story_pick"))
    assert after.key != before.key and after.value == app.session_state["story_open"]
    assert after.options[1].endswith("3 turns")


def test_starting_a_story_empties_and_folds_the_form(app: AppTest, chat: FakeChat, duet_home: Path) -> None:
    _start(app, setting="A drowned city")
    assert app.text_input(key="story_new_setting").value == ""
    assert app.session_state["story_new_box"] is False


def test_a_chat_story_ending_with_the_persons_turn_can_ask_for_the_answer(app: AppTest, chat: FakeChat,
                                                                         duet_home: Path) -> None:
    _start(app)
    chat.enqueue("First answer.")
    _send(app, "Are you there?")
    [story] = _stories(duet_home)
    app.button(key=f"story_delete_{story.turns[-1].id}").click().run()   # the reply is gone: no way to get another
    assert [t.role for t in _stories(duet_home)[0].turns][-1] == "user"
    chat.enqueue("Here I am.")
    app.button(key="story_reply_now").click().run()
    assert not app.exception
    assert _stories(duet_home)[0].turns[-1].text == "Here I am."
    assert not [b for b in app.button if b.key == "story_reply_now"]


class _StoppedMidway:
    """A model whose reply is interrupted the way the Stop button interrupts a run (a script stop)."""

    model = "stopped"

    def stream_chat(self, messages, sampling=None):
        from journal.ai.backend import ReplyStream

        def pieces():
            import streamlit as st

            yield "The tide "
            yield "came in"
            st.stop()

        return ReplyStream(pieces())

    def complete_chat(self, messages, sampling=None):
        return "A summary."


def test_stop_midway_keeps_the_partial_reply(app: AppTest, chat: FakeChat, duet_home: Path) -> None:
    _start(app)
    use_chat(_StoppedMidway())
    _send(app, "Tell me about the sea.")
    app.run()   # the rerun the Stop click causes
    assert not app.exception
    last = _stories(duet_home)[0].turns[-1]
    assert last.role == "companion" and last.text == "The tide came in"
    assert last.extra.get("incomplete")
