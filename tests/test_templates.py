"""Templates (#17): the shipped starters in both languages, a hand-written one, {{companion}}/{{date}}, and `new --template`."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from journal.entries.templates import STARTERS_DIR, fill, list_templates, templates_folder
from journal.errors import BrokenFile, NotFound
from journal.i18n import set_language
from journal.notebook import Notebook

ROOT = Path(__file__).resolve().parent.parent
STARTER_NAMES = {"morning-pages", "evening-review", "gratitude", "letter", "after-talking", "mood-check-in"}
HAND_WRITTEN = """---
title: Dream log
entry_title: "Dream, {{date}}"
tags: [dreams]
mood: 3
---
Last night ({{ date }}) I dreamt of {{Companion}}.
Weather: {{weather}}
"""


def _cli(home: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "journal", "--home", str(home), *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=60)


def test_starters_ship_in_english_and_chinese_and_land_in_the_notebook(duet_home: Path) -> None:
    nb = Notebook.open(duet_home)
    english = nb.entries.templates()
    assert {tpl.name for tpl in english} == STARTER_NAMES
    assert all(tpl.language == "en" for tpl in english)
    set_language("zh")
    chinese = nb.entries.templates()
    assert {tpl.name for tpl in chinese} == {f"{name}.zh" for name in STARTER_NAMES}
    assert "晨间随笔" in {tpl.title for tpl in chinese}
    # They are plain files in the notebook now, one per shipped starter, byte for byte.
    shipped = sorted(p.name for p in STARTERS_DIR.glob("*.md"))
    assert sorted(p.name for p in templates_folder(duet_home).glob("*.md")) == shipped
    assert (templates_folder(duet_home) / "gratitude.zh.md").read_bytes() == (STARTERS_DIR / "gratitude.zh.md").read_bytes()


def test_a_deleted_starter_stays_deleted(duet_home: Path) -> None:
    nb = Notebook.open(duet_home)
    nb.entries.templates()
    (templates_folder(duet_home) / "letter.md").unlink()
    assert "letter" not in {tpl.name for tpl in nb.entries.templates()}


def test_companion_and_date_are_filled_from_the_latest_story(duet_home: Path) -> None:
    nb = Notebook.open(duet_home)
    companion = nb.companions.create("Juniper")
    nb.stories.create(title="Rain", companion=companion.slug)
    page = nb.entries.start_from_template("after-talking", day=date(2026, 4, 2))
    assert page.title == "After talking with Juniper"
    assert "Today (April 2, 2026) I talked with Juniper." in page.body
    assert "{{" not in page.body
    set_language("zh")
    page = nb.entries.start_from_template("after-talking", day=date(2026, 4, 2))
    assert page.title == "和Juniper聊完之后" and "今天（2026年4月2日）我和Juniper聊了天。" in page.body
    # The button on the page names the companion too.
    assert "和Juniper聊完之后" in {tpl.title for tpl in nb.entries.templates()}


def test_a_hand_written_template_from_the_cli(duet_home: Path) -> None:
    Notebook.open(duet_home).entries.templates()
    (templates_folder(duet_home) / "dream.md").write_text(HAND_WRITTEN, encoding="utf-8")
    made = _cli(duet_home, "new", "--template", "dream", "--companion", "C", "--date", "2026-04-02",
                "--body", "We flew.", "--json")
    assert made.returncode == 0, made.stderr
    entry = json.loads(made.stdout)
    assert entry["title"] == "Dream, April 2, 2026"
    assert entry["body"] == "Last night (April 2, 2026) I dreamt of C.\nWeather: {{weather}}\n\nWe flew."
    assert entry["tags"] == ["dreams"] and entry["mood"] == 3
    assert entry["created"].startswith("2026-04-02")
    shown = Notebook.open(duet_home).get_entry(entry["id"])
    assert shown.body == entry["body"]


def test_new_with_a_shipped_template_and_an_unknown_one(duet_home: Path) -> None:
    made = _cli(duet_home, "new", "--template", "gratitude", "--date", "2026-04-02", "--json")
    assert made.returncode == 0, made.stderr
    entry = json.loads(made.stdout)
    assert entry["title"] == "Three good things, April 2, 2026"
    assert entry["body"].startswith("Three things I am grateful for today (April 2, 2026):")
    missing = _cli(duet_home, "new", "--template", "no-such-thing")
    assert missing.returncode != 0
    assert "There is no template called “no-such-thing”" in missing.stderr + missing.stdout
    assert "morning-pages" in missing.stderr + missing.stdout
    assert "Traceback" not in missing.stderr
    assert len(Notebook.open(duet_home).list_entries()) == 1   # nothing saved by the refused one


def test_a_broken_template_is_skipped_in_the_list_and_named_when_asked_for(duet_home: Path) -> None:
    nb = Notebook.open(duet_home)
    nb.entries.templates()
    (templates_folder(duet_home) / "broken.md").write_text("---\ntitle: [unclosed\n---\nbody\n", encoding="utf-8")
    assert "broken" not in {tpl.name for tpl in nb.entries.templates()}
    with pytest.raises(BrokenFile):
        nb.entries.start_from_template("broken")
    with pytest.raises(NotFound):
        nb.entries.start_from_template("../settings")


def test_fill_is_one_pass() -> None:
    assert fill("{{companion}} on {{date}}", companion="{{date}}", day="Monday") == "{{date}} on Monday"
    assert fill("{{ COMPANION }} {{other}}", companion="C", day="x") == "C {{other}}"


def test_list_templates_filters_by_language(duet_home: Path) -> None:
    Notebook.open(duet_home)
    (templates_folder(duet_home)).mkdir(exist_ok=True)
    (templates_folder(duet_home) / "any.md").write_text("No front matter: every language.\n", encoding="utf-8")
    assert "any" in {tpl.name for tpl in list_templates(duet_home, "zh")}
    assert "any" in {tpl.name for tpl in list_templates(duet_home, "en")}
