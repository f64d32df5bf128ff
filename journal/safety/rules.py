"""The shape of a crisis-signal rule, kept apart from the phrase lists so each language's file reads as data.

A rule is one regular expression for one warning sign plus the exceptions that
keep everyday speech quiet: hyperbole right before or after the phrase
("热得不想活了", "die of embarrassment"), and sentence contexts that change
what the phrase means (a knife that slipped while cooking, a farewell letter to
colleagues). Negation, past tense, fiction, quotes, jokes and third persons are
handled once for every rule by :mod:`journal.safety.assess`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

Level = Literal["none", "concern", "crisis"]
LEVELS: tuple[Level, ...] = ("none", "concern", "crisis")

CATEGORIES: tuple[str, ...] = (
    "wish_to_be_dead", "suicidal_thoughts", "method", "intent", "plan", "preparation", "self_harm",
    "burden", "hopelessness", "entrapment",
)
"""The warning-sign categories crisis services publish and the Columbia scale (C-SSRS) asks about.

Every rule's ``code`` is one of these (or one of the two below), in both
languages, and the model's second opinion answers in the same words, so a
reason reads the same whoever found it."""
DISTRESS = "distress"
"""Quieter signs that are not a category of their own (numbness, self-hatred, nobody would notice): concern only."""
SOMEONE_ELSE = "someone_else_at_risk"
"""A friend or relative at risk: the panel helps the worried writer too, as concern."""
CODES: tuple[str, ...] = (*CATEGORIES, DISTRESS, SOMEONE_ELSE)


@dataclass(frozen=True)
class Rule:
    code: str
    """Machine-readable reason, e.g. ``suicidal_ideation``; the same code in both languages."""
    level: Level
    pattern: re.Pattern[str]
    unless_before: re.Pattern[str] | None = None
    """Searched in the clause text just before the match: a hit means hyperbole or an idiom, so no signal."""
    unless_after: re.Pattern[str] | None = None
    """Matched at the start of the sentence text right after the match, with the same meaning."""
    unless_sentence: re.Pattern[str] | None = None
    """Searched in the whole sentence: an everyday context (an accident, a job, charity) that defuses the phrase."""
    soften_sentence: re.Pattern[str] | None = None
    """Searched in the whole sentence: a context that makes a crisis phrase ambiguous, so it counts as concern."""
    soften_after: re.Pattern[str] | None = None
    """Matched right after the phrase: an idiom that turns a crisis phrase into concern ("想死的心都有了")."""
    needs_sentence: re.Pattern[str] | None = None
    """When set, the sentence must also contain this (a bare noun like "self-harm" needs "I", "again", "urge")."""
    subject_sensitive: bool = True
    """False when the pattern itself names the writer ("kill myself", "我是个累赘"), so no subject check is needed."""
    sign: str = ""
    """The particular warning sign inside the category (a farewell, a last entry, giving things away); two
    different signs close together make a crisis. Empty means the category itself."""
    needs_nearby: bool = False
    """``needs_sentence`` may also be found in the sentence just before or after: people put the means in one
    sentence and its purpose in the next ("I bought a rope today. I know what it's for.")."""


def rule(code: str, level: Level, pattern: str, *, unless_before: str | None = None,
         unless_after: str | None = None, unless_sentence: str | None = None,
         soften_sentence: str | None = None, soften_after: str | None = None,
         needs_sentence: str | None = None, subject_sensitive: bool = True, sign: str = "",
         needs_nearby: bool = False) -> Rule:
    """Compile one rule; the text it runs on is already NFKC-normalized and lower-cased."""

    def comp(source: str | None) -> re.Pattern[str] | None:
        return re.compile(source) if source else None

    def anchored(source: str | None) -> re.Pattern[str] | None:
        return re.compile(r"^\s*(?:" + source + ")") if source else None

    return Rule(code=code, level=level, pattern=re.compile(pattern),
                unless_before=comp(unless_before), unless_after=anchored(unless_after),
                unless_sentence=comp(unless_sentence), soften_sentence=comp(soften_sentence),
                soften_after=anchored(soften_after), needs_sentence=comp(needs_sentence),
                subject_sensitive=subject_sensitive, sign=sign or code, needs_nearby=needs_nearby)


@dataclass(frozen=True)
class LanguageContext:
    """What the assessor needs to know about a language besides its rules."""

    rules: tuple[Rule, ...]
    trigger: re.Pattern[str]
    """A cheap first look: a sentence with none of these stems cannot match any rule, so it is skipped.
    tests/test_safety.py checks that skipping never changes a result on the labelled sets."""
    negation: re.Pattern[str]
    """Matched against the clause text before a phrase: the phrase is denied ("I would never", "我不")."""
    first_person: re.Pattern[str]
    third_person: re.Pattern[str]
    past: re.Pattern[str]
    """Searched in the clause holding the phrase: it happened before ("used to", "以前")."""
    fiction: re.Pattern[str]
    """Searched in the sentence: a story, a film, the news, a prevention campaign."""
    joke: re.Pattern[str]
    """Searched in the sentence and just after the phrase: a laugh that marks hyperbole."""
    clause_break: re.Pattern[str]
    recovered: re.Pattern[str] | None = None
    """Searched in the whole text: the past is told as over ("I'm 30 now and life is good", "已经走出来了").
    A sign softened as past is then dropped: a person telling their recovery is not met with a hotline."""
    denied_after: re.Pattern[str] | None = None
    """Matched right after a phrase: the same clause denies it afterwards ("伤害自己这种事我想都没想过")."""
    hyperbole: re.Pattern[str] | None = None
    """Searched in the sentence: a frame that makes any death phrase in it a figure of speech ("if I have to
    sit through one more meeting I'll…")."""


def first_letter_alternation(source: str, word_start: bool = False) -> re.Pattern[str]:
    """Compile a long "a|b|c" trigger so each position tries only the branches starting with its own letter.

    Python's regex engine tries every branch of an alternation at every position,
    so a trigger of a few hundred stems costs more than the rules it saves (the
    6,000-word entry check went from ~40 ms to ~70 ms when the word families were
    added). Grouping the branches by their first character (``a(?:live|ffairs)|b(?:…)``)
    keeps the same matches at a fraction of the cost. ``word_start`` (English) also
    requires each stem to begin a word, so the branches are tried a few times per
    word rather than at every letter: about five times faster again.
    """
    branches, depth, start, escaped, in_class = [], 0, 0, False, False
    for i, ch in enumerate(source):
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            branches.append(source[start:i])
            start = i + 1
    branches.append(source[start:])
    by_letter: dict[str, list[str]] = {}
    others: list[str] = []
    for branch in dict.fromkeys(branches):
        head = branch[:1]
        if head and (head.isalpha() or head.isdigit()) and branch[1:2] not in ("?", "*", "+", "{"):
            by_letter.setdefault(head, []).append(branch[1:])
        else:
            others.append(branch)
    grouped = [re.escape(letter) + "(?:" + "|".join(rests) + ")" for letter, rests in sorted(by_letter.items())]
    joined = "|".join(grouped + others)
    return re.compile(r"(?<![a-z])(?:" + joined + ")" if word_start else joined)
