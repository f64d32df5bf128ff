"""On This Day on the Journal page (#17): past years' entries from today's date across leap years, a companion's
story milestones beside the entries about them, folded by default, and a setting that turns it off.

Our leap-day choice: in a common year, 29 February's entries come back on 28 February; on a 29 February, only
the 29 Februaries of past leap years.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from streamlit.testing.v1 import AppTest

from journal.entries.calendar import mentions, on_this_day_dates
from journal.notebook import Notebook
from journal.stories.keepsakes import add_milestone
from journal.stories.model import Turn
from ui.journal.on_this_day import OPEN_KEY as ON_THIS_DAY_OPEN

TIMEOUT = 30
CST = timezone(timedelta(hours=8))


def _write(nb: Notebook, day: date, title: str, body: str = "A day.") -> str:
    return nb.create_entry(body, title=title, created=datetime(day.year, day.month, day.day, 21, tzinfo=CST)).id


def _titles(nb: Notebook, today: date) -> list[str]:
    return [item.title for item in nb.entries.on_this_day(today)]


def test_leap_days_come_back_on_28_february_of_common_years(duet_home: Path) -> None:
    nb = Notebook.open(duet_home)
    _write(nb, date(2024, 2, 29), "Leap 2024")
    _write(nb, date(2020, 2, 29), "Leap 2020")
    _write(nb, date(2023, 2, 28), "28 Feb 2023")
    _write(nb, date(2025, 2, 28), "28 Feb 2025")
    _write(nb, date(2022, 3, 1), "1 Mar 2022")
    _write(nb, date(2026, 2, 28), "This year")      # today's own entry is not a memory
    # 28 February 2026, a common year: the 28ths and the leap days, newest first
    assert _titles(nb, date(2026, 2, 28)) == ["28 Feb 2025", "Leap 2024", "28 Feb 2023", "Leap 2020"]
    # 28 February 2028 is followed by a 29th: the leap days wait for it
    assert _titles(nb, date(2028, 2, 28)) == ["This year", "28 Feb 2025", "28 Feb 2023"]
    # 29 February 2028: the past leap days only, with how long ago
    items = nb.entries.on_this_day(date(2028, 2, 29))
    assert [(i.title, i.years_ago) for i in items] == [("Leap 2024", 4), ("Leap 2020", 8)]
    # 1 March is only ever 1 March
    assert _titles(nb, date(2026, 3, 1)) == ["1 Mar 2022"]


def test_the_dates_asked_for() -> None:
    assert on_this_day_dates(date(2026, 2, 28), 2023) == [date(2025, 2, 28), date(2024, 2, 28), date(2024, 2, 29),
                                                          date(2023, 2, 28)]
    assert on_this_day_dates(date(2028, 2, 29), 2019) == [date(2024, 2, 29), date(2020, 2, 29)]
    assert on_this_day_dates(date(2026, 4, 2), 2026) == []


def test_entries_about_a_companion_bring_that_companions_milestones(duet_home: Path) -> None:
    nb = Notebook.open(duet_home)
    c = nb.companions.create("C")
    first = datetime(2024, 4, 2, 22, tzinfo=CST)
    story = nb.stories.create(title="Rain on the roof", companion=c.slug,
                              turns=[Turn(id="", role="user", alternatives=["hi"], created=first)])
    add_milestone(nb, story.id, date(2025, 4, 2), "Our first letter")
    add_milestone(nb, story.id, date(2025, 6, 1), "Another day")
    about = _write(nb, date(2025, 4, 2), "Letter day", "今天和C写了第一封信。")
    other = _write(nb, date(2024, 4, 2), "Cats", "The Cat and the ABC.")   # "C" only inside words
    items = {item.id: item for item in nb.entries.on_this_day(date(2026, 4, 2))}
    assert items[other].milestones == []
    found = {(m.kind, m.label, m.years, m.day) for m in items[about].milestones}
    assert found == {("first", "", 0, date(2024, 4, 2)), ("anniversary", "", 1, date(2025, 4, 2)),
                     ("anniversary", "", 2, date(2026, 4, 2)), ("marked", "Our first letter", 0, date(2025, 4, 2))}
    assert all(m.companion == "C" and m.story_title == "Rain on the roof" for m in items[about].milestones)


def test_the_folded_count_reads_no_companion_and_a_new_entry_shows_at_once(duet_home: Path, monkeypatch) -> None:
    """#19: a Journal click asks On This Day only how many there are (kept until the next commit to the index);
    the companions and their stories are read when the person opens it."""
    nb = Notebook.open(duet_home)
    c = nb.companions.create("C")
    nb.stories.create(title="Rain", companion=c.slug,
                      turns=[Turn(id="", role="user", alternatives=["hi"], created=datetime(2024, 4, 2, 22, tzinfo=CST))])
    _write(nb, date(2025, 4, 2), "Letter day", "今天和C写了第一封信。")
    today = date(2026, 4, 2)
    assert [i.title for i in nb.entries.on_this_day(today)] == ["Letter day"]
    calls = []
    real_list = type(nb.companions).list
    monkeypatch.setattr(type(nb.companions), "list", lambda self: calls.append(1) or real_list(self))
    [folded] = nb.entries.on_this_day(today, milestones=False)
    assert folded.title == "Letter day" and folded.milestones == [] and calls == []
    [opened] = nb.entries.on_this_day(today)
    assert opened.milestones and calls == [1]
    _write(nb, date(2024, 4, 2), "Older")   # committed to the index: the kept rows are not used again
    assert [i.title for i in nb.entries.on_this_day(today, milestones=False)] == ["Letter day", "Older"]


def test_mentions_respects_latin_words_and_not_cjk() -> None:
    assert mentions("C", "今天和C聊了") and mentions("c", "with C.") and mentions("小雨", "和小雨散步")
    assert not mentions("C", "Cat") and not mentions("C", "ABC") and not mentions("", "anything")


def test_folded_on_the_page_and_a_setting_turns_it_off(app_path: str, duet_home: Path) -> None:
    nb = Notebook.open(duet_home)
    today = date.today()
    year_ago = today.replace(year=today.year - 1) if (today.month, today.day) != (2, 29) else date(today.year - 4, 2, 29)
    entry = _write(nb, year_ago, "A year ago")
    at = AppTest.from_file(app_path, default_timeout=TIMEOUT).run()
    assert not at.exception
    [past] = [e for e in at.expander if e.label.startswith("On this day")]
    assert past.label == "On this day: 1 entry from past years"
    assert past.proto.expanded is False                   # folded by default, and its rows not drawn until opened
    assert not [b for b in at.button if b.key == f"journal_past_open_{entry}"]
    at.session_state[ON_THIS_DAY_OPEN] = True             # what a click on the expander does: it reruns, open
    at.run()
    assert at.button(key=f"journal_past_open_{entry}")
    at.toggle(key="journal_on_this_day_shown").set_value(False).run()
    assert not [e for e in at.expander if e.label.startswith("On this day")]
    assert Notebook.open(duet_home).settings.section("journal_page") == {"on_this_day": False}
    fresh = AppTest.from_file(app_path, default_timeout=TIMEOUT).run()   # remembered in settings.yaml
    assert not [e for e in fresh.expander if e.label.startswith("On this day")]


def test_a_page_of_the_newest_not_an_archive(duet_home: Path) -> None:
    nb = Notebook.open(duet_home)
    for year in range(2010, 2026):
        _write(nb, date(year, 4, 2), f"April {year}")
    shown = nb.entries.on_this_day(date(2026, 4, 2))
    assert [item.title for item in shown] == [f"April {year}" for year in range(2025, 2015, -1)]
