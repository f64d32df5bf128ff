"""Letters back on the Journal page (AppTest, the scripted model): offered under a saved entry, written unprompted
when the companion is set to, never when the help panel shows, and milestone letters with their carousel (#14)."""

from __future__ import annotations

from datetime import date, datetime, timezone
from pathlib import Path

from streamlit.testing.v1 import AppTest

from journal.notebook import Notebook

TIMEOUT = 30


def _app(app_path: str) -> AppTest:
    return AppTest.from_file(app_path, default_timeout=TIMEOUT).run()


def _save(app: AppTest, body: str, title: str = "") -> AppTest:
    app.text_input(key="editor_new_title").input(title)
    app.text_area(key="editor_new_body").input(body).run()
    return app.button(key="journal_save_new").click().run()


def _asks(app: AppTest) -> list[str]:
    return [b.key for b in app.button if b.key and b.key.startswith("letters_ask_")]


def test_the_reader_offers_a_letter_writes_it_and_links_both_ways(app_path: str, duet_home: Path, chat) -> None:
    nb = Notebook.open(duet_home)
    nb.companions.letters.set("wren-ashby", True)
    entry = nb.create_entry("The ferry lights looked like lanterns tonight.", title="Ferry lights")
    app = AppTest.from_file(app_path, default_timeout=TIMEOUT)
    app.session_state["journal_mode"], app.session_state["journal_open"] = "read", entry.id
    app.run()
    assert _asks(app) == [f"letters_ask_{entry.id}_wren-ashby"] and chat.history == []   # offered, not written
    chat.enqueue(["Dear User, lanterns ", "on the water. Wren"])
    app.button(key=f"letters_ask_{entry.id}_wren-ashby").click().run()
    assert not app.exception
    [letter_id] = Notebook.open(duet_home).get_entry(entry.id).extra["letters"]
    letter = Notebook.open(duet_home).get_entry(letter_id)
    assert letter.body == "Dear User, lanterns on the water. Wren" and "Ferry lights" in chat.history[0].prompt
    assert _asks(app) == []                                                     # answered: no second offer
    app.button(key=f"letters_open_{letter_id}").click().run()                  # entry → letter
    assert app.session_state["journal_open"] == letter_id
    assert "Dear User, lanterns on the water." in " ".join(m.value for m in app.markdown)
    assert any(c.value == "✦ With AI words: the whole letter" for c in app.caption), [c.value for c in app.caption]
    app.button(key=f"letters_carousel_{letter_id}").click().run()              # any letter, shared as a carousel
    assert len(app.get("image")) >= 2 and not app.exception
    app.button(key=f"letters_origin_{letter_id}").click().run()                # letter → entry
    assert app.session_state["journal_open"] == entry.id and len(chat.history) == 1


def test_an_unprompted_companion_writes_once_right_after_a_save(app_path: str, duet_home: Path, chat) -> None:
    Notebook.open(duet_home).companions.letters.set("zhou-yu", True, unprompted=True)
    Notebook.open(duet_home).companions.letters.set("wren-ashby", True)       # this one only offers
    app = _app(app_path)
    chat.enqueue("亲爱的你：栀子开了吗？周屿")
    _save(app, "今天阳台上的栀子开了第一朵。", "栀子")
    assert not app.exception
    nb = Notebook.open(duet_home)
    [entry] = [e for e in nb.list_entries() if e.title == "栀子"]
    [letter_id] = nb.get_entry(entry.id).extra["letters"]
    assert nb.get_entry(letter_id).extra["letter"]["from"] == "zhou-yu" and len(chat.history) == 1
    assert _asks(app) == [f"letters_ask_{entry.id}_wren-ashby"]                 # Wren waits to be asked
    app.run()
    app.run()
    assert len(chat.history) == 1                                                # written once, not on every rerun
    app.button(key="letters_done").click().run()
    assert _asks(app) == []


def test_no_letter_offered_or_written_when_the_save_shows_the_help_panel(app_path: str, duet_home: Path, chat) -> None:
    Notebook.open(duet_home).companions.letters.set("zhou-yu", True, unprompted=True)
    Notebook.open(duet_home).companions.letters.set("wren-ashby", True)
    app = _app(app_path)
    _save(app, "I want to kill myself tonight.")
    assert not app.exception
    assert chat.history == [] and _asks(app) == []
    [entry] = Notebook.open(duet_home).list_entries()
    app.session_state["journal_mode"], app.session_state["journal_open"] = "read", entry.id
    app.run()
    assert chat.history == [] and _asks(app) == [] and Notebook.open(duet_home).count_entries() == 1


def test_a_milestone_letter_is_offered_written_and_ready_to_share(app_path: str, duet_home: Path, chat) -> None:
    from journal.stories.model import Story, Turn

    nb = Notebook.open(duet_home)
    nb.companions.letters.set("wren-ashby", True)
    today = date.today()
    when = datetime(today.year, today.month, today.day, tzinfo=timezone.utc)
    nb.stories.add(Story(id="", title="Harbour", companion="wren-ashby", turns=[
        Turn(id="a", role="user", alternatives=["Hi."], created=when)]))
    app = _app(app_path)
    write = sorted(b.key for b in app.button if b.key and b.key.startswith("letters_milestone_wren-ashby_first"))
    assert write == [f"letters_milestone_wren-ashby_first:{today.isoformat()}_no",
                     f"letters_milestone_wren-ashby_first:{today.isoformat()}_write"]
    chat.enqueue("Dear User, our first talk, and the rain would not stop. I am glad you came in. Wren")
    app.button(key=write[1]).click().run()
    assert not app.exception
    [letter] = [Notebook.open(duet_home).get_entry(e.id) for e in Notebook.open(duet_home).list_entries(limit=5)
                if "letter" in e.tags]
    assert letter.extra["letter"]["milestone"] == f"first:{today.isoformat()}"
    assert len(app.get("image")) >= 2 and any(b.key == f"letters_share_{letter.id}" for b in app.button)
    assert [b for b in app.button if b.key and b.key.startswith("letters_milestone_")] == []   # written: not offered
    app.button(key=f"letters_close_{letter.id}").click().run()
    assert len(app.get("image")) == 0


def test_letters_and_milestones_speak_chinese(app_path: str, duet_home: Path, chat, monkeypatch) -> None:
    from journal.stories.model import Story, Turn

    monkeypatch.setenv("DUET_LANG", "zh")
    nb = Notebook.open(duet_home)
    nb.companions.letters.set("zhou-yu", True)
    today = date.today()
    when = datetime(today.year, today.month, today.day, tzinfo=timezone.utc)
    nb.stories.add(Story(id="", title="电台", companion="zhou-yu", turns=[
        Turn(id="a", role="user", alternatives=["你好"], created=when)]))
    entry = nb.create_entry("今天阳台上的栀子开了。", title="栀子")
    app = AppTest.from_file(app_path, default_timeout=TIMEOUT)
    app.session_state["journal_mode"], app.session_state["journal_open"] = "read", entry.id
    app.run()
    assert app.button(key=f"letters_ask_{entry.id}_zhou-yu").label == "请周屿回一封信"
    chat.enqueue("亲爱的你：栀子开了，真好。周屿")
    app.button(key=f"letters_ask_{entry.id}_zhou-yu").click().run()
    [letter_id] = Notebook.open(duet_home).get_entry(entry.id).extra["letters"]
    assert Notebook.open(duet_home).get_entry(letter_id).title == "周屿的来信"
    assert "请以周屿的身份" in chat.history[0].prompt                                # the Chinese prompt
    app.session_state["journal_mode"] = "list"
    app.run()
    offer = " ".join(m.value for m in app.markdown)
    assert "第一次聊天" in offer and "周屿想给你写一封信" in offer


def test_an_unprompted_letter_cut_off_is_not_started_again_by_itself(app_path: str, duet_home: Path, chat) -> None:
    from journal.ai.errors import AIStreamCut

    Notebook.open(duet_home).companions.letters.set("wren-ashby", True, unprompted=True)
    app = _app(app_path)
    chat.enqueue(["Dear User, the tul"], error=AIStreamCut("ai.errors.stream_cut"))
    _save(app, "Bought tulips for the kitchen table.", "Tulips")
    assert not app.exception and len(chat.history) == 1
    [entry] = Notebook.open(duet_home).list_entries()
    assert "letters" not in Notebook.open(duet_home).get_entry(entry.id).extra          # half a letter is not kept
    app.run()
    assert not app.exception and len(chat.history) == 1                                  # no retry on its own
    assert _asks(app) == [f"letters_ask_{entry.id}_wren-ashby"]                          # the person may ask again
