"""The crisis check as a policy at the door (#21) and help lines that follow the writer (#20 items 1-2).

Every save of something a person wrote returns its assessment: a new entry (the
page and ``python -m journal new`` from stdin), an edited entry, a story turn,
an edited story turn. The companion's turns are never checked. The help lines
come from the text's own language and the person's region setting, both sets
when they differ, whatever the interface language.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from journal.i18n import set_language
from journal.notebook import Notebook
from journal.safety import assess
from journal.safety.panel import panel_text
from journal.safety.policy import check_writing
from journal.safety.resources import text_languages
from journal.settings import read_section, write_section
from journal.stories import ops

ROOT = Path(__file__).resolve().parent.parent
ZH_CRISIS = "活着没有意思，我想今晚就结束自己的生命。"  # the sentence of issue #20
EN_CRISIS = "I want to end my life tonight"
CN_LINES = ["12356", "010-82951332", "120 / 110"]
US_UK_LINES = ["988", "116 123", "911", "999"]


def _contacts(assessment) -> list[str]:
    return [r.contact for r in assessment.resources]


def _set_region(home: Path, region: str | None) -> None:
    general = read_section(home, "general")
    general["region"] = region
    write_section(home, "general", general)


# --- #20.2: the lines follow the writer, not the interface -------------------------------------

def test_a_chinese_crisis_text_in_the_english_interface_gets_the_china_lines() -> None:
    result = assess(ZH_CRISIS, lang="en")
    assert result.level == "crisis"
    assert _contacts(result) == ["12356", "010-82951332", "findahelpline.com", "120 / 110"]
    assert result.resources[0].name == "National psychological assistance hotline (China)"  # named in the UI's words


def test_an_english_crisis_text_in_the_chinese_interface_gets_the_us_and_uk_lines() -> None:
    result = assess("I want to kill myself.", lang="zh")
    assert _contacts(result) == ["988", "116 123", "findahelpline.com", "911", "999"]
    assert result.resources[0].name == "988 自杀与危机生命线（美国）"


def test_a_text_in_both_languages_gets_both_sets() -> None:
    contacts = _contacts(assess("I can't do this anymore. 我不想活了。", lang="en"))
    assert all(c in contacts for c in CN_LINES + US_UK_LINES)
    assert contacts.count("findahelpline.com") == 1


@pytest.mark.parametrize(("text", "expected"), [
    ("今天和C聊了很久，OK", ["zh"]),                 # a name and an "OK" do not make a Chinese text English
    ("I had 饺子 tonight with my sister", ["en"]),  # nor does one dish name make an English one Chinese
    ("Today was long. 今天好累。", ["zh", "en"]),
    ("", []),
])
def test_the_language_of_a_text(text: str, expected: list[str]) -> None:
    assert text_languages(text) == expected


@pytest.mark.parametrize(("region", "text", "expected"), [
    ("UK", ZH_CRISIS, ["12356", "010-82951332", "120 / 110", "116 123", "999"]),  # differ: both sets
    ("CN", ZH_CRISIS, ["12356", "010-82951332", "120 / 110"]),                     # the same: once
    ("US", EN_CRISIS, ["988", "findahelpline.com", "911"]),                        # the region's English lines only
    ("CN", EN_CRISIS, ["12356", "010-82951332", "120 / 110", "988", "116 123"]),   # English writer living in China
])
def test_the_region_setting_adds_its_lines_when_they_differ(duet_home: Path, region: str, text: str,
                                                            expected: list[str]) -> None:
    _set_region(duet_home, region)
    contacts = _contacts(check_writing(text, duet_home))
    assert all(c in contacts for c in expected), contacts
    if region == "US":
        assert "116 123" not in contacts and "999" not in contacts
    if region == "CN" and text == ZH_CRISIS:
        assert "988" not in contacts and "911" not in contacts


# --- #21: every save of a person's words returns the check --------------------------------------

def test_creating_and_editing_an_entry_return_the_assessment(duet_home: Path) -> None:
    nb = Notebook.open(duet_home)
    calm = nb.create_entry("We walked by the river and ate dumplings.")
    assert calm.safety is not None and calm.safety.level == "none"
    edited = nb.update_entry(calm.id, body=ZH_CRISIS)
    assert edited.safety.level == "crisis" and "12356" in _contacts(edited.safety)
    titled = nb.create_entry("Thank you for everything.", title="I want to kill myself")
    assert titled.safety.level == "crisis"  # a typed title is the person's words too
    assert "safety" not in titled.to_dict() and "safety" not in titled.path.read_text(encoding="utf-8")


def test_a_story_turn_and_an_edited_story_turn_return_the_assessment(duet_home: Path) -> None:
    nb = Notebook.open(duet_home)
    story = nb.stories.create(title="Night", companion=nb.companions.list()[0].slug)
    turned = ops.add_user_turn(nb, story.id, "*I hold the letter out to you* It's my goodbye. " + EN_CRISIS + ".")
    assert turned.safety.level == "crisis"
    calm = ops.add_user_turn(nb, story.id, "Let's walk to the bakery.")
    assert calm.safety.level == "none"
    edited = ops.edit_turn(nb, story.id, -1, "我真的不想活了。")
    assert edited.safety.level == "crisis" and _contacts(edited.safety)[0] == "12356"
    assert nb.stories.get(story.id).safety is None  # a check belongs to the save, never to the file


def test_the_companions_turns_are_not_checked(duet_home: Path) -> None:
    nb = Notebook.open(duet_home)
    story = nb.stories.create(title="Night", companion=nb.companions.list()[0].slug)
    ops.add_user_turn(nb, story.id, "Tell me about the knight.")
    job = ops.plan_reply(nb, nb.stories.get(story.id), after_user_turn=True)
    replied = ops.commit_reply(nb, job, "The knight says he wants to die, and falls from the tower.")
    assert replied.safety is None
    edited = ops.edit_turn(nb, story.id, -1, "The knight wants to kill himself.")
    assert edited.safety is None


def test_cli_new_from_stdin_prints_the_help_lines_the_page_shows(duet_home: Path) -> None:
    run = subprocess.run([sys.executable, "-m", "journal", "new", "--home", str(duet_home)], input=EN_CRISIS,
                         capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert run.returncode == 0, run.stderr
    set_language("en")
    words = panel_text(assess(EN_CRISIS, lang="en"), "en", links=False)
    assert words.plain() in run.stdout
    for line in words.helplines:
        assert line.replace("**", "") in run.stdout
    assert "988 Suicide & Crisis Lifeline (US): 988" in run.stdout
    [entry] = Notebook.open(duet_home).list_entries()
    assert entry.title  # saved first: the check never stops a save


def test_cli_new_json_carries_the_assessment(duet_home: Path) -> None:
    import json

    run = subprocess.run([sys.executable, "-m", "journal", "new", "--json", "--home", str(duet_home)],
                         input=ZH_CRISIS, capture_output=True, text=True, cwd=ROOT, timeout=120)
    data = json.loads(run.stdout)
    assert data["safety"]["level"] == "crisis"
    assert [r["contact"] for r in data["safety"]["resources"]][:2] == ["12356", "010-82951332"]


def test_a_calm_cli_entry_prints_no_panel(duet_home: Path) -> None:
    run = subprocess.run([sys.executable, "-m", "journal", "new", "--home", str(duet_home)],
                         input="Rain on the window.", capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert run.returncode == 0 and "988" not in run.stdout and "carry this alone" not in run.stdout


def test_the_page_panel_and_the_cli_use_the_same_words() -> None:
    from streamlit.testing.v1 import AppTest

    def app() -> None:
        from journal.i18n import set_language
        from journal.safety import assess
        from ui.safety_panel import show_safety_panel

        set_language("zh")
        show_safety_panel(assess("活着没有意思，我想今晚就结束自己的生命。", lang="en"), key="p")

    at = AppTest.from_function(app, default_timeout=30).run()
    page = "\n".join([m.value for m in at.markdown] + [c.value for c in at.caption])
    words = panel_text(assess(ZH_CRISIS, lang="en"), "zh")
    assert words.title in page and words.body in page and words.emergency in page
    for line in words.helplines:
        assert line in page
    assert "988" not in page and "Samaritans" not in page and "National" not in page  # assessed in English, shown in Chinese


def test_the_panel_names_the_lines_in_the_language_it_is_drawn_in() -> None:
    # A story turn is assessed in the chat_input callback, before the page sets its language (#20.1).
    assessed_in_english = assess(ZH_CRISIS, lang="en")
    words = panel_text(assessed_in_english, "zh")
    assert words.helplines[0].startswith("**全国心理援助热线**")
    assert "紧急情况（中国）：120 / 110" in words.emergency
