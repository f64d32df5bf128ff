"""The prompt deck (#17): one question a day, bilingual, relationship-aware, leaning on the person's themes, never twice in a month."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import yaml

from journal.entries.prompt_deck import NO_REPEAT_DAYS, choose, deck, person_themes, shown_days
from journal.i18n import set_language
from journal.notebook import Notebook

START = date(2026, 1, 1)


def _run(nb: Notebook, days: int) -> list[tuple[date, str]]:
    return [(day, nb.entries.daily_prompt(day).id) for day in (START + timedelta(days=n) for n in range(days))]


def _assert_no_repeat_within_a_month(shown: list[tuple[date, str]]) -> None:
    for i, (day, prompt) in enumerate(shown):
        later = [(d, p) for d, p in shown[i + 1:] if (d - day).days < NO_REPEAT_DAYS]
        assert prompt not in {p for _, p in later}, f"{prompt} shown {day} and again within {NO_REPEAT_DAYS} days"


def test_the_deck_is_bilingual_and_large_enough() -> None:
    cards = deck()
    assert len({card.id for card in cards}) == len(cards)
    assert all(card.text["en"].strip() and card.text["zh"].strip() for card in cards)
    assert all(("{{companion}}" in card.text["en"]) == card.needs_companion for card in cards)
    assert sum(not card.needs_companion for card in cards) >= NO_REPEAT_DAYS


def test_no_prompt_repeats_within_a_month_without_a_companion(duet_home: Path) -> None:
    nb = Notebook.open(duet_home)
    shown = _run(nb, 75)
    _assert_no_repeat_within_a_month(shown)
    assert not any(card.needs_companion for card in deck() if card.id in {p for _, p in shown})
    assert len({p for _, p in shown}) > NO_REPEAT_DAYS   # the deck really rotates
    # What was shown is persisted: a new process sees the same record and the same question today.
    again = Notebook.open(duet_home)
    assert shown_days(duet_home)[START + timedelta(days=74)] == shown[-1][1]
    assert again.entries.daily_prompt(START + timedelta(days=74)).id == shown[-1][1]


def test_no_prompt_repeats_within_a_month_with_a_companion_and_the_questions_name_them(duet_home: Path) -> None:
    nb = Notebook.open(duet_home)
    companion = nb.companions.create("他")
    nb.stories.create(title="Night", companion=companion.slug)
    nb.create_entry("想你", tags=["love", "心动"], feelings=["miss"])
    set_language("zh")
    shown = [(START + timedelta(days=n), nb.entries.daily_prompt(START + timedelta(days=n))) for n in range(40)]
    _assert_no_repeat_within_a_month([(d, p.id) for d, p in shown])
    texts = [p.text for _, p in shown]
    assert "今天他说的哪句话让你心动？" in texts
    assert all("{{" not in text for text in texts)
    # love / 心动 / miss lean the first days towards the relationship prompts
    first = {p.id for _, p in shown[:3]}
    assert first <= {"moved-by-words", "unsaid", "letter-to-them", "first-talk", "between-you"}


def test_the_same_question_all_day_and_a_record_kept_only_two_months(duet_home: Path) -> None:
    nb = Notebook.open(duet_home)
    today = nb.entries.daily_prompt(START)
    assert nb.entries.daily_prompt(START) == today
    _run(nb, 100)
    settings = yaml.safe_load((duet_home / "settings.yaml").read_text(encoding="utf-8"))
    kept = settings["prompt_deck"]["shown"]
    assert len(kept) == 2 * NO_REPEAT_DAYS
    assert min(kept) == (START + timedelta(days=100 - 2 * NO_REPEAT_DAYS)).isoformat()


def test_themes_rank_first_and_low_moods_add_gentle_ones() -> None:
    themes = person_themes(["Work"], ["tired"], [1, 2, 2])
    assert themes == {"work", "tired", "mood:low"}
    card = choose(deck(), {}, START, themes, has_companion=False)
    best = max(len(c.themes & themes) for c in deck() if not c.needs_companion)
    assert len(card.themes & themes) == best
    assert person_themes([], [], [4, 5]) == set()


def test_a_hand_edited_record_does_not_break_the_deck(duet_home: Path) -> None:
    (duet_home).mkdir(parents=True, exist_ok=True)
    (duet_home / "settings.yaml").write_text("prompt_deck:\n  shown:\n    not-a-day: unsaid\n    2026-01-01: no-such-card\n",
                                             encoding="utf-8")
    nb = Notebook.open(duet_home)
    prompt = nb.entries.daily_prompt(START)
    assert prompt.id in {card.id for card in deck()}


def test_new_with_the_prompt_flag_starts_from_todays_question(duet_home: Path) -> None:
    import json
    import subprocess
    import sys

    root = Path(__file__).resolve().parent.parent
    made = subprocess.run([sys.executable, "-m", "journal", "--home", str(duet_home), "new", "--prompt",
                           "--date", "2026-01-01", "--body", "Nothing, for once.", "--json"],
                          cwd=root, capture_output=True, text=True, timeout=60)
    assert made.returncode == 0, made.stderr
    question = Notebook.open(duet_home).entries.daily_prompt(START)   # recorded by the CLI: the same question
    assert json.loads(made.stdout)["body"] == f"> {question.text}\n\nNothing, for once."
