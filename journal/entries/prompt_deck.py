"""The prompt deck: one question a day, in the person's language, leaning towards their own themes.

Which prompt was shown on which day is kept in ``settings.yaml`` (section
``prompt_deck``), so the page, a rerun and the CLI agree on today's question,
and no prompt comes back within :data:`NO_REPEAT_DAYS` days. The deck itself
is ``prompt_deck.yaml`` beside this module; prompts about the companion
(``{{companion}}``) are offered only to someone who has one.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

import yaml

from journal.entries.templates import fill
from journal.settings import read_section, write_section

DECK_FILE = Path(__file__).with_name("prompt_deck.yaml")
SETTINGS_SECTION = "prompt_deck"
NO_REPEAT_DAYS = 31          # "never within a month": the longest month
KEEP_DAYS = 2 * NO_REPEAT_DAYS   # older records are dropped from settings.yaml
LOW_MOOD = 2                 # a recent average at or below this adds the theme "mood:low"
LOW_MOOD_THEME = "mood:low"


@dataclass(frozen=True)
class DeckCard:
    id: str
    text: dict[str, str]          # language -> question, with {{companion}} unfilled
    themes: frozenset[str]
    needs_companion: bool


@dataclass(frozen=True)
class DailyPrompt:
    id: str
    day: date
    text: str                     # in the asked language, {{companion}} filled


@lru_cache(maxsize=1)
def deck() -> tuple[DeckCard, ...]:
    raw = yaml.safe_load(DECK_FILE.read_text(encoding="utf-8"))
    return tuple(DeckCard(id=str(item["id"]), text={lang: str(item[lang]) for lang in ("en", "zh")},
                          themes=frozenset(str(word).casefold() for word in item.get("themes") or []),
                          needs_companion=bool(item.get("companion"))) for item in raw)


def shown_days(home: Path) -> dict[date, str]:
    """``day -> prompt id`` of what was shown, as recorded; a hand-edited bad line is ignored."""
    shown: dict[date, str] = {}
    for key, value in (read_section(home, SETTINGS_SECTION).get("shown") or {}).items():
        try:
            shown[date.fromisoformat(str(key))] = str(value)
        except ValueError:
            continue
    return shown


def person_themes(tags: Iterable[str], feelings: Iterable[str], moods: Iterable[int]) -> set[str]:
    """What the person has been writing about lately: their tags, feelings and, after low days, "mood:low"."""
    themes = {word.casefold() for word in [*tags, *feelings] if word}
    recent = list(moods)
    if recent and sum(recent) / len(recent) <= LOW_MOOD:
        themes.add(LOW_MOOD_THEME)
    return themes


def choose(cards: Iterable[DeckCard], shown: dict[date, str], today: date, themes: set[str],
           has_companion: bool) -> DeckCard:
    """Today's card: none shown in the last month, the most of the person's themes, then a daily shuffle."""
    recent = {card_id for day, card_id in shown.items() if today - timedelta(days=NO_REPEAT_DAYS) < day <= today}
    offered = [card for card in cards if has_companion or not card.needs_companion]
    fresh = [card for card in offered if card.id not in recent]
    if not fresh:   # a deck smaller than a month (a test's); the one shown longest ago
        last_seen = {card_id: day for day, card_id in sorted(shown.items())}
        return min(offered, key=lambda card: last_seen.get(card.id, date.min))

    def rank(card: DeckCard) -> tuple[int, str]:
        shuffle = hashlib.sha256(f"{today.isoformat()}:{card.id}".encode()).hexdigest()
        return -len(card.themes & themes), shuffle

    return min(fresh, key=rank)


def daily_prompt(home: Path, today: date, language: str, *, themes: set[str], companion: str | None) -> DailyPrompt:
    """Today's question (the same all day, in any window or the CLI); choosing one records it."""
    shown = shown_days(home)
    by_id = {card.id: card for card in deck()}
    card = by_id.get(shown.get(today, ""))
    if card is None or (card.needs_companion and not companion):
        card = choose(by_id.values(), shown, today, themes, bool(companion))
        shown[today] = card.id
        kept = {day.isoformat(): card_id for day, card_id in sorted(shown.items())
                if today - timedelta(days=KEEP_DAYS) < day <= today}
        section = read_section(home, SETTINGS_SECTION)
        section["shown"] = kept
        write_section(home, SETTINGS_SECTION, section)
    text = card.text.get(language) or card.text["en"]
    return DailyPrompt(id=card.id, day=today, text=fill(text, companion=companion or "", day=today.isoformat()))
