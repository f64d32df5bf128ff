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
    assert nb.companions.letters.settings("wren-ashby") == (True, False)
    app.toggle(key="voice_letters_unprompted").set_value(True).run()
    assert not app.exception and nb.companions.letters.settings("wren-ashby") == (True, True)


# --- offered after a save, unprompted when asked for, linked both ways (the door: nb.companions.letters) ----------

def test_offers_follow_opt_in_help_first_and_one_letter_per_companion(duet_home: Path, chat) -> None:
    nb = Notebook.open(duet_home)
    letters = nb.companions.letters
    entry = nb.create_entry("Bought tulips for the kitchen table.", title="Tulips")
    assert letters.offers(entry.id) == []                                       # nobody opted in
    letters.set("wren-ashby", True)
    assert [(o.slug, o.unprompted) for o in letters.offers(entry.id)] == [("wren-ashby", False)]
    letters.set("zhou-yu", True, unprompted=True)
    assert {(o.slug, o.unprompted) for o in letters.offers(entry.id)} == {("wren-ashby", False), ("zhou-yu", True)}
    crisis = nb.create_entry("I want to kill myself tonight.")
    assert letters.offers(crisis.id) == []                                      # the help panel shows: no offer
    edited = nb.create_entry("A slow morning.")
    assert len(letters.offers(edited.id)) == 2
    nb.update_entry(edited.id, body="A slow morning. I want to kill myself tonight.")
    assert letters.offers(edited.id) == []                                      # an edit is checked again
    plan = letters.plan(entry.id, "wren-ashby")
    assert plan.ready and "Tulips" in plan.messages[0]["content"]
    letter = letters.keep(plan, "Dear User, tulips! Wren").letter
    assert [o.slug for o in letters.offers(entry.id)] == ["zhou-yu"]            # Wren has answered this one
    assert letters.plan(entry.id, "wren-ashby").reason == "already"
    assert letters.offers(letter.id) == [] and letters.is_letter(letter)        # a letter is not answered
    assert [(link.id, link.companion) for link in letters.letters_to(nb.get_entry(entry.id))] == [(letter.id, "Wren Ashby")]
    assert letters.reply_to(letter).id == entry.id and letters.reply_to(entry) is None
    assert letters.settings("zhou-yu") == (True, True) and letters.settings("wren-ashby") == (True, False)
    letters.set("zhou-yu", False)
    assert letters.settings("zhou-yu") == (False, True)                         # off wins; the choice is remembered


# --- milestone letters ----------------------------------------------------------------------------------------

def _story_started(nb: Notebook, slug: str, first: date, memories: tuple[str, ...] = ()) -> str:
    from datetime import datetime, timezone

    from journal.stories.model import Story, Turn

    when = datetime(first.year, first.month, first.day, 21, 0, tzinfo=timezone.utc)
    story = nb.stories.add(Story(id="", title="Harbour nights", companion=slug, memories=list(memories), turns=[
        Turn(id="a", role="user", alternatives=["Hello."], created=when),
        Turn(id="b", role="companion", alternatives=["Hello, you."], created=when)]))
    return story.id


def test_milestones_first_talk_100_days_and_anniversary_offered_once(duet_home: Path, chat) -> None:
    from journal.companions.milestone_letters import OFFER_DAYS

    nb = Notebook.open(duet_home)
    letters = nb.companions.letters
    first = date(2025, 3, 10)
    _story_started(nb, "wren-ashby", first, memories=("Her cat is called Admiral.",))
    assert letters.milestones_due(first) == []                                   # letters are off for Wren
    letters.set("wren-ashby", True)
    assert [(o.kind, o.day) for o in letters.milestones_due(first)] == [("first", first)]
    hundred = first + timedelta(days=100)
    assert [(o.kind, o.count) for o in letters.milestones_due(hundred + timedelta(days=OFFER_DAYS - 1))] == [("days", 100)]
    assert letters.milestones_due(hundred + timedelta(days=OFFER_DAYS)) == []     # a week later it lets go
    year = date(2026, 3, 10)
    [offer] = letters.milestones_due(year)
    assert (offer.kind, offer.count, offer.companion) == ("anniversary", 1, "Wren Ashby")
    plan = letters.plan_milestone(offer, today=year)
    prompt = plan.messages[0]["content"]
    assert plan.ready and "1 year since we met" in prompt and "2025-03-10" in prompt
    assert "Her cat is called Admiral." in prompt                                # what they share, for the letter
    letter = letters.keep(plan, "Dear User, a whole year of harbour nights. Wren").letter
    assert letter.title == "1 year since we met" and "letter" in letter.tags
    assert letter.extra["letter"] == {"from": "wren-ashby", "milestone": offer.key}
    assert letters.milestones_due(year) == []                                    # written: never offered again
    assert letters.plan_milestone(offer, today=year).reason == "already"


def test_milestones_declined_and_held_back_while_help_shows(duet_home: Path, chat) -> None:
    nb = Notebook.open(duet_home)
    letters = nb.companions.letters
    letters.set("zhou-yu", True)
    today = date.today()
    _story_started(nb, "zhou-yu", today - timedelta(days=100))
    [offer] = letters.milestones_due(today)
    assert offer.kind == "days" and letters.occasion(offer) == "100 days since we met"
    nb.create_entry("我不想活了，今晚就结束吧。")                                  # the help panel shows for today
    assert letters.milestones_due(today) == []
    for n in range(6):   # later entries of the day do not push the crisis entry out of the look (review)
        nb.create_entry(f"后来又写了一点，第{n}段。")
    assert letters.milestones_due(today) == []
    assert letters.plan_milestone(offer, today=today).reason == "crisis" and chat.history == []
    other = Notebook.open(duet_home.parent / "other")
    other.companions.letters.set("zhou-yu", True)
    _story_started(other, "zhou-yu", today - timedelta(days=100))
    [offer] = other.companions.letters.milestones_due(today)
    other.companions.letters.dismiss_milestone(offer)
    assert other.companions.letters.milestones_due(today) == []                  # "not this one" sticks


def test_milestone_letter_comes_with_a_labelled_carousel_from_the_share_pipeline(duet_home: Path) -> None:
    import io

    from PIL import Image

    nb = Notebook.open(duet_home)
    letters = nb.companions.letters
    letters.set("wren-ashby", True)
    today = date.today()
    _story_started(nb, "wren-ashby", today)
    [offer] = letters.milestones_due(today)
    body = "Dear Mei, our first talk. Ring me on 13812345678. " + "The kettle sang and the rain kept on. " * 60 + "Wren"
    letter = letters.keep(letters.plan_milestone(offer, today=today), body).letter
    carousel = letters.carousel(letter.id)
    assert len(carousel.pngs) >= 3 and len(carousel.names) == len(carousel.pngs)      # a cover, then the pages
    assert carousel.names[0].endswith("-01.png")
    first = Image.open(io.BytesIO(carousel.pngs[0]))
    assert first.size == (1080, 1440)                                           # Xiaohongshu 3:4
    assert b"TC260" in carousel.pngs[1] or b"AIGC" in carousel.pngs[1]           # the AI-content label (GB 45438)
    assert "13812345678" not in carousel.caption and "#letter" in carousel.caption   # the privacy pass ran
    assert carousel.caption.startswith("Our first talk\n\n[AI-generated]")                      # labelled
    import zipfile

    assert zipfile.ZipFile(io.BytesIO(carousel.zip_bytes())).namelist() == carousel.names
