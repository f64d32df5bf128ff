"""Letters back (issue #14, item 5): opt-in, linked both ways, searchable; never when the crisis panel shows."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from journal.companions.letters import LETTER_KEY, LETTERS_KEY, set_letters, write_letter
from journal.notebook import Notebook
from journal.provenance import entry_passages


def test_a_letter_answers_an_entry_linked_both_ways_and_searchable(duet_home: Path, chat) -> None:
    nb = Notebook.open(duet_home)
    entry = nb.create_entry("Walked to the harbour after my shift. The ferry lights looked like lanterns.",
                            title="Ferry lights")
    assert write_letter(nb, entry.id, "wren-ashby", chat).reason == "not_enabled" and chat.history == []
    set_letters(nb, "wren-ashby", True)
    chat.enqueue("Dear User, lanterns on the water: I can picture them. Come by tomorrow. Wren")
    outcome = write_letter(nb, entry.id, "wren-ashby", chat)
    assert outcome.reason == "written"
    letter = nb.get_entry(outcome.letter.id)
    assert letter.title == "A letter from Wren Ashby" and "letter" in letter.tags
    assert letter.extra[LETTER_KEY] == {"from": "wren-ashby", "reply_to": entry.id}
    assert nb.get_entry(entry.id).extra[LETTERS_KEY] == [letter.id]
    assert [p["kind"] for p in entry_passages(letter)] == ["letter"]          # the AI's words, for share labels
    assert [r.id for r in nb.search("lanterns on the water")] == [letter.id]
    assert "Ferry lights" in chat.history[-1].prompt and "ferry lights looked like lanterns" in chat.history[-1].prompt


def test_no_letter_and_no_model_call_when_the_crisis_panel_shows(duet_home: Path, chat) -> None:
    nb = Notebook.open(duet_home)
    set_letters(nb, "wren-ashby", True)
    for body in ("I want to kill myself tonight.", "我不想活了，今晚就结束吧。"):
        entry = nb.create_entry(body)
        assert entry.safety.needs_support                                       # the page shows the help panel
        outcome = write_letter(nb, entry.id, "wren-ashby", chat)
        assert (outcome.letter, outcome.reason) == (None, "crisis")
        assert LETTERS_KEY not in nb.get_entry(entry.id).extra
    assert chat.history == [] and nb.count_entries() == 2


def test_fewer_letters_while_the_step_back_nudge_is_active(duet_home: Path, chat) -> None:
    from journal.settings import write_section

    nb = Notebook.open(duet_home)
    set_letters(nb, "wren-ashby", True)
    today = date.today()
    write_section(duet_home, "wellbeing", {"nudge_last_shown": today.isoformat(), "nudge_dismissed": False})
    first, second = nb.create_entry("A quiet day of reading."), nb.create_entry("Soup for dinner.")
    chat.enqueue("Dear User, reading days are the best. Wren")
    assert write_letter(nb, first.id, "wren-ashby", chat, today=today).reason == "written"
    assert write_letter(nb, second.id, "wren-ashby", chat, today=today).reason == "nudge"
    assert len(chat.history) == 1


def test_letters_are_switched_on_per_companion_on_the_companions_page(app_path: str, duet_home: Path) -> None:
    from streamlit.testing.v1 import AppTest

    from journal.companions.letters import letters_enabled

    app = AppTest.from_file(app_path, default_timeout=30)
    app.switch_page("pages/companions.py").run()
    app.button(key="companion_edit_wren-ashby").click().run()
    app.toggle(key="voice_letters").set_value(True).run()
    assert not app.exception
    nb = Notebook.open(duet_home)
    assert letters_enabled(nb.companions.get("wren-ashby")) and not letters_enabled(nb.companions.get("zhou-yu"))
