"""The Stories page through AppTest: every turn operation, memories, notes, milestones, safety, exports, paging."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from journal.ai.errors import AIStreamCut
from journal.notebook import Notebook
from journal.stories.model import Story, Turn
from tests.fake_chat import FakeChat

TIMEOUT = 30
PAGE = "pages/stories.py"


@pytest.fixture
def app(app_path: str) -> AppTest:
    at = AppTest.from_file(app_path, default_timeout=TIMEOUT).run()
    return at.switch_page(PAGE).run()


def _nb(home: Path) -> Notebook:
    return Notebook.open(home)


def _only_story(home: Path) -> Story:
    nb = _nb(home)
    [summary] = nb.stories.list()
    return nb.stories.get(summary.id)


def _start(at: AppTest, companion: str = "wren-ashby", mode: str = "chat", **scenario: str) -> AppTest:
    at.session_state["new_story_companion"] = companion   # what the Companions page's "Start a story" sets
    at.run()
    at.radio(key="story_new_mode").set_value(mode)
    for name, value in scenario.items():
        at.text_input(key=f"story_new_{name}").input(value)
    return at.button(key="story_create").click().run()


def _send(at: AppTest, text: str) -> AppTest:
    return at.chat_input(key="story_input").set_value(text).run()


def _click(at: AppTest, prefix: str, turn: Turn) -> AppTest:
    return at.button(key=f"{prefix}_{turn.id}").click().run()


def _texts(story: Story) -> list[str]:
    return [t.text for t in story.turns]


def test_start_chat_and_every_turn_operation(app: AppTest, chat: FakeChat, duet_home: Path) -> None:
    _start(app)
    assert not app.exception
    story = _only_story(duet_home)
    greeting = story.turns[0]
    assert story.companion == "wren-ashby" and greeting.role == "companion"
    assert len(greeting.alternatives) == len(_nb(duet_home).companions.get("wren-ashby").greetings)

    # send a turn: the reply streams in and is saved
    chat.enqueue(["Hello ", "Aria."])
    _send(app, "I missed you.")
    assert not app.exception
    story = _only_story(duet_home)
    assert _texts(story)[1:] == ["I missed you.", "Hello Aria."]
    assert chat.history[-1].messages[-1] == {"role": "user", "content": "I missed you."}
    assert any("Hello Aria." in m.value for m in app.markdown)

    # regenerate keeps the old reply; ← → browse
    last = story.turns[-1]
    chat.enqueue("A second try.")
    _click(app, "story_regen", last)
    last = _only_story(duet_home).turns[-1]
    assert last.alternatives == ["Hello Aria.", "A second try."] and last.chosen == 1
    assert any("version 2 of 2" in c.value for c in app.caption)
    _click(app, "story_prev", last)
    assert _only_story(duet_home).turns[-1].text == "Hello Aria."
    _click(app, "story_next", last)
    assert _only_story(duet_home).turns[-1].text == "A second try."

    # continue makes the last reply longer, as a new version
    chat.enqueue("And the rain stopped.")
    _click(app, "story_continue", last)
    assert _only_story(duet_home).turns[-1].text == "A second try. And the rain stopped."
    assert "Continue" in chat.history[-1].messages[-1]["content"]

    # edit an earlier (user) turn: pick it with ⋯, then edit
    user_turn = _only_story(duet_home).turns[1]
    _click(app, "story_pick", user_turn)
    _click(app, "story_edit_btn", user_turn)
    app.text_area(key=f"story_edit_{user_turn.id}").input("I missed you so much.").run()
    _click(app, "story_save", user_turn)
    assert not app.exception
    assert _only_story(duet_home).turns[1].alternatives == ["I missed you.", "I missed you so much."]

    # delete the last turn, then undo brings it back
    last = _only_story(duet_home).turns[-1]
    _click(app, "story_pick", last)
    _click(app, "story_delete", last)
    assert len(_only_story(duet_home).turns) == 2
    app.button(key="story_undo").click().run()
    assert _only_story(duet_home).turns[-1].text == "A second try. And the rain stopped."

    # branch from the user turn: a new story opens, linking back
    user_turn = _only_story(duet_home).turns[1]
    _click(app, "story_pick", user_turn)
    _click(app, "story_branch", user_turn)
    assert not app.exception
    nb = _nb(duet_home)
    branch = next(s for s in nb.stories.list() if s.branch_of == story.id)
    assert app.session_state["story_open"] == branch.id
    branched = nb.stories.get(branch.id)
    assert _texts(branched) == [greeting.text, "I missed you so much."]
    assert branched.branch_of == {"story": story.id, "turn": user_turn.id}
    app.button(key="story_open_parent").click().run()
    assert app.session_state["story_open"] == story.id


def test_why_did_it_say_that_and_pinned_memories(app: AppTest, chat: FakeChat, duet_home: Path) -> None:
    _start(app)
    chat.enqueue("Of course I will.")
    _send(app, "Please remember that our anniversary is April 2nd.")
    assert any("parts, about" in c.value for c in app.caption)          # the expander's account
    assert len(app.dataframe) >= 1
    app.button(key="story_pin_offer_0").click().run()
    story = _only_story(duet_home)
    assert story.memories == ["our anniversary is April 2nd"]
    app.sidebar.text_input(key="story_memory_new").input("She loves roses").run()
    app.sidebar.button(key="story_memory_add").click().run()
    assert _only_story(duet_home).memories == ["our anniversary is April 2nd", "She loves roses"]
    chat.enqueue("- Aria's sister is called Mei")
    app.sidebar.button(key="story_memory_suggest").click().run()
    app.sidebar.button(key="story_memory_accept_0").click().run()
    assert _only_story(duet_home).memories[-1] == "Aria's sister is called Mei"
    sources = _only_story(duet_home).extra["memory_sources"]
    assert [sources[m]["by"] for m in _only_story(duet_home).memories] == ["asked", "person", "suggested"]
    assert any(c.value.startswith("Suggested by fake-model from turns") for c in app.sidebar.caption)
    app.sidebar.button(key="story_memory_remove_0").click().run()
    assert _only_story(duet_home).memories == ["She loves roses", "Aria's sister is called Mei"]
    # the next prompt carries the pinned memories
    chat.enqueue("I remember.")
    _send(app, "Do you remember?")
    assert "She loves roses" in chat.history[-1].messages[0]["content"]


def test_note_milestones_and_exports(app: AppTest, chat: FakeChat, duet_home: Path) -> None:
    _start(app)
    app.sidebar.text_area(key="story_note").input("Slow burn; no grand speeches.")
    app.sidebar.number_input(key="story_note_depth").set_value(2)
    app.sidebar.button(key="story_note_save").click().run()
    story = _only_story(duet_home)
    assert (story.author_note, story.author_note_depth) == ("Slow burn; no grand speeches.", 2)
    app.sidebar.text_input(key="story_milestone_label").input("First night at the shop")
    app.sidebar.button(key="story_milestone_add").click().run()
    assert _only_story(duet_home).milestones[0]["label"] == "First night at the shop"
    assert any("First conversation" in m.value for m in app.sidebar.markdown)
    assert any("First night at the shop" in m.value for m in app.sidebar.markdown)
    assert not app.exception
    labels = [b.label for b in app.sidebar.get("download_button")]
    assert len(labels) == 3


def test_narrate_mode_kinds_choices_and_going_on(app: AppTest, chat: FakeChat, duet_home: Path) -> None:
    _start(app, mode="narrate", setting="A drowned city", opening="The water is very still.")
    story = _only_story(duet_home)
    assert story.mode == "narrate" and story.scenario == {"setting": "A drowned city"}
    assert _texts(story) == ["The water is very still."] and story.turns[0].role == "narrator"
    app.radio(key="story_kind").set_value("do")
    chat.enqueue("You sink slowly.")
    _send(app, "I dive in.")
    story = _only_story(duet_home)
    assert story.turns[1].kind == "do" and chat.history[-1].messages[-1]["content"] == "[Do] I dive in."
    chat.enqueue("Swim to the tower\nFollow the fish\nSurface")
    app.button(key="story_suggest_choices").click().run()
    assert [b.label for b in app.button if (b.key or "").startswith("story_choice_")] == [
        "Swim to the tower", "Follow the fish", "Surface"]
    chat.enqueue("The tower door is open.")
    app.button(key="story_choice_0").click().run()
    story = _only_story(duet_home)
    assert _texts(story)[-2:] == ["Swim to the tower", "The tower door is open."]
    chat.enqueue("Far above, thunder.")
    app.button(key="story_go_on").click().run()
    assert _texts(_only_story(duet_home))[-1] == "Far above, thunder."
    assert [t.role for t in _only_story(duet_home).turns][-2:] == ["narrator", "narrator"]


def test_crisis_shows_help_without_blocking_the_reply(app: AppTest, chat: FakeChat, duet_home: Path) -> None:
    _start(app)
    chat.enqueue("I'm here. Please call someone now.")
    _send(app, "I want to kill myself tonight.")
    assert not app.exception
    assert _texts(_only_story(duet_home))[-1] == "I'm here. Please call someone now."
    page_text = " ".join(str(getattr(e, "value", "")) for e in [*app.markdown, *app.info, *app.warning, *app.error,
                                                              *app.caption])
    assert "12356" in page_text or "988" in page_text or "116 123" in page_text   # a help line is shown
    from journal.ai.prompts import render_prompt

    assert {"role": "system", "content": render_prompt("distress_guidance", "en")} in chat.history[-1].messages


def test_a_failed_reply_keeps_the_partial_text_and_says_why(app: AppTest, chat: FakeChat, duet_home: Path) -> None:
    _start(app)
    chat.enqueue(["Half of a "], error=AIStreamCut("ai.errors.stream_cut"))
    _send(app, "Tell me a story.")
    assert not app.exception
    story = _only_story(duet_home)
    assert _texts(story)[-2:] == ["Tell me a story.", "Half of a"]
    assert story.turns[-1].extra.get("incomplete") is True
    assert len(app.error) == 1
    assert any("stopped early" in c.value for c in app.caption)


def test_long_story_pages_back_and_share_selected_turns(app: AppTest, chat: FakeChat, duet_home: Path) -> None:
    nb = _nb(duet_home)
    story = nb.stories.add(Story(id="", title="Long", companion="wren-ashby", turns=[
        Turn(id="", role="user" if i % 2 == 0 else "companion", alternatives=[f"turn number {i}"]) for i in range(100)]))
    app.session_state["story_open"] = story.id
    app.run()
    assert len(app.chat_message) == 30
    app.button(key="story_earlier").click().run()
    assert len(app.chat_message) == 60
    app.sidebar.number_input(key="story_share_first").set_value(98)
    app.sidebar.number_input(key="story_share_last").set_value(100)
    app.sidebar.button(key="story_share_range").click().run()
    assert not app.exception
    assert app.session_state["share_story"] == {"story": story.id, "turns": [97, 99]}
    assert app.session_state["share_story_id"] == story.id
    assert tuple(app.session_state["share_turn_range"]) == (98, 100)   # the Share page counts from 1


def test_mood_check_is_saved(app: AppTest, chat: FakeChat, duet_home: Path) -> None:
    _start(app)
    story = _only_story(duet_home)
    app.sidebar.feedback(key=f"story_mood_{story.id}").set_value(3).run()   # the fourth face of five
    assert not app.exception
    [check] = _only_story(duet_home).moods
    assert check["mood"] == 4 and check["turn"] == story.turns[-1].id


def test_delete_a_story_after_confirming(app: AppTest, chat: FakeChat, duet_home: Path) -> None:
    _start(app)
    story = _only_story(duet_home)
    app.button(key="story_delete_story").click().run()
    app.button(key="story_delete_no").click().run()
    assert story.path.exists()
    app.button(key="story_delete_story").click().run()
    app.button(key="story_delete_yes").click().run()
    assert not app.exception
    assert not story.path.exists() and _nb(duet_home).stories.list() == []
    assert app.session_state["story_open"] is None


def test_a_turn_with_a_code_block_and_an_empty_line_stays_one_block(app: AppTest, chat: FakeChat) -> None:
    _start(app)
    chat.enqueue(["Here:\n\n```\nline one\n\nline three\n```"])
    _send(app, "Show me.")
    assert not app.exception
    [html] = [m.value for m in app.markdown if "<pre>" in m.value]
    assert "\n\n" not in html and "line one&#10;&#10;line three" in html


def test_first_visit_opens_the_story_touched_last(app_path: str, duet_home) -> None:
    from streamlit.testing.v1 import AppTest

    from journal.notebook import Notebook
    from journal.stories.model import Turn

    nb = Notebook.open(duet_home)
    companion = nb.companions.list()[0]
    nb.stories.create(title="Older", companion=companion.slug, turns=[Turn(id="", role="user", alternatives=["first words"])])
    nb.stories.create(title="Newest", companion=companion.slug, turns=[Turn(id="", role="user", alternatives=["latest words"])])
    at = AppTest.from_file(app_path, default_timeout=60)
    at.switch_page("pages/stories.py").run()
    assert not at.exception
    assert [s.value for s in at.subheader][:1] == ["Newest"]


def test_help_is_drawn_before_the_reply_streams(app: AppTest, chat: FakeChat, monkeypatch: pytest.MonkeyPatch) -> None:
    import ui.safety_panel
    import ui.stories.view

    events: list[str] = []
    real_panel, real_stream = ui.safety_panel.show_safety_panel, ui.stories.view.stream_requested

    def panel(assessment, key):
        shown = real_panel(assessment, key)
        if shown:
            events.append("help")
        return shown

    def stream(*args, **kwargs):
        events.append("stream")
        return real_stream(*args, **kwargs)

    monkeypatch.setattr(ui.safety_panel, "show_safety_panel", panel)
    monkeypatch.setattr(ui.stories.view, "stream_requested", stream)
    _start(app)
    chat.enqueue("I'm here with you.")
    events.clear()
    _send(app, "I want to kill myself tonight.")
    assert "help" in events and events.index("help") < events.index("stream")


def test_a_story_turn_asks_openai_moderation_only_for_the_openai_provider(app_path: str, duet_home: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    from journal.ai.providers import save_settings
    from tests.fake_openai import FakeOpenAIServer, moderation, reply

    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-openai")
    with FakeOpenAIServer() as server:
        save_settings(duet_home, {"provider": "openai", "base_url": server.base_url, "model": "fake-model"})
        server.enqueue(reply("I'm listening."))
        server.enqueue_moderation(moderation(True, {"self-harm/intent": True}))
        at = AppTest.from_file(app_path, default_timeout=TIMEOUT).run().switch_page(PAGE).run()
        _start(at)
        _send(at, "I gave my cat to my sister and wrote letters to everyone.")
        assert not at.exception
        # The second opinion runs in the background, off the saving path: wait for it.
        import time

        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and not any(r.path.endswith("/moderations") for r in server.requests):
            time.sleep(0.1)
        assert [r.path for r in server.requests if r.path.endswith("/moderations")] == ["/v1/moderations"]


def test_every_turn_control_has_a_word_and_a_tooltip(app: AppTest, duet_home: Path, chat: FakeChat) -> None:
    # Eight bare 16 px icons had no accessible name (Streamlit hides the icon from screen readers) (#20.25).
    _start(app)
    [turn] = _only_story(duet_home).turns  # the companion's greeting
    for prefix in ("story_prev", "story_next", "story_regen", "story_continue", "story_edit_btn", "story_delete",
                   "story_branch", "story_share"):
        button = app.button(key=f"{prefix}_{turn.id}")
        assert button.label.strip() and ":material/" not in button.label, prefix
        assert button.icon.startswith(":material/") and button.help, prefix
