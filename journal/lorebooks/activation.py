"""Which lorebook entries fire for the next reply, and why: SillyTavern World Info's rules, in one pass.

The rules followed (SillyTavern's ``world-info.js`` and the Character Card V2/V3 specs):

- an entry is scanned against the latest ``scan_depth`` turns (the entry's own
  setting, else its book's, else 2); a *constant* entry always fires;
- it fires when one of its *keys* appears (case-insensitive unless the entry
  says otherwise; whole words only when ``match_whole_words``; ``/regex/flags``
  keys, and every key when V3 ``use_regex`` is set, are regular expressions) and
  its *secondary keys* agree under its logic: AND ANY (one of them), AND ALL
  (all), NOT ANY (none), NOT ALL (not all);
- *recursion*: in a book with ``recursive_scanning`` the text of entries that
  fired is scanned too, for at most :data:`MAX_RECURSION_STEPS` more rounds;
  ``exclude_recursion`` entries are only triggered by the turns,
  ``prevent_recursion`` entries trigger nothing, ``delay_until_recursion``
  entries only fire from another entry's text;
- the *budget*: constants first, then higher ``priority``, then higher
  insertion order; an entry that does not fit stops the filling (a lower one
  never jumps the queue), and each book's ``token_budget`` caps its own entries.

Probability, groups, timed effects (sticky, cooldown, delay) and vector
matching are SillyTavern features outside the specs; they are kept in the
files but not applied.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from journal.lorebooks.book import (AND_ALL, AND_ANY, DEFAULT_SCAN_DEPTH, LOGICS, NOT_ALL, NOT_ANY, LoreEntry, Lorebook,
                                    regex_key)
from journal.text import CJK

MAX_RECURSION_STEPS = 3     # rounds of "an entry's text triggers another" after the first scan
_WORD_CHAR = re.compile(rf"[^\W{CJK}]")   # a letter or digit of a spaced script: whole-word edges apply to these


@dataclass
class Fired:
    """An entry that fired: why, in which round, and what it costs."""

    entry: LoreEntry
    reason: dict[str, Any]
    step: int = 0               # 0: the turns triggered it; 1+: another entry's text did
    tokens: int = 0
    text: str = ""              # the content with {{char}}/{{user}} filled in
    kept: bool = True           # False: it fired but the lorebook budget had no room

    def to_dict(self) -> dict[str, Any]:
        return {"book": self.entry.book, "source": self.entry.source, "entry": self.entry.label,
                "index": self.entry.index, "reason": self.reason, "step": self.step, "tokens": self.tokens,
                "position": self.entry.position, "kept": self.kept}


@dataclass
class Activation:
    fired: list[Fired] = field(default_factory=list)     # kept, in prompt order within each position
    dropped: list[Fired] = field(default_factory=list)   # fired, but over the budget

    @property
    def all(self) -> list[Fired]:
        return [*self.fired, *self.dropped]


def _is_word(char: str) -> bool:
    return bool(_WORD_CHAR.match(char))


def _contains(text: str, key: str, whole_words: bool) -> bool:
    """``key`` in ``text``; with whole words, not inside a longer Latin word (CJK has no word edges to test)."""
    if not whole_words:
        return key in text
    edge_start, edge_end = _is_word(key[0]), _is_word(key[-1])
    start = text.find(key)
    while start != -1:
        end = start + len(key)
        if ((not edge_start or start == 0 or not _is_word(text[start - 1]))
                and (not edge_end or end == len(text) or not _is_word(text[end]))):
            return True
        start = text.find(key, start + 1)
    return False


class _Scanner:
    """The text an entry is matched against, built once per scan depth and case."""

    def __init__(self, turns: Sequence[str], default_depth: int) -> None:
        self.turns = turns
        self.default_depth = default_depth
        self._texts: dict[tuple[int, bool], str] = {}

    def text(self, depth: int | None, case_sensitive: bool) -> str:
        depth = self.default_depth if depth is None else depth
        cached = self._texts.get((depth, case_sensitive))
        if cached is None:
            joined = "\n".join(self.turns[len(self.turns) - depth:]) if depth > 0 else ""
            cached = self._texts[(depth, case_sensitive)] = joined if case_sensitive else joined.casefold()
        return cached


def key_matches(key: str, text: str, entry: LoreEntry, case_sensitive: bool) -> bool:
    """Whether one key appears in ``text`` (already case-folded unless ``case_sensitive``)."""
    pattern = regex_key(key) if (entry.use_regex or key.startswith("/")) else None
    if pattern is None and entry.use_regex:
        try:
            pattern = re.compile(key, 0 if case_sensitive else re.IGNORECASE)
        except re.error:
            return False
    if pattern is not None:
        return pattern.search(text) is not None
    return _contains(text, key if case_sensitive else key.casefold(), bool(entry.whole_words))


def _matched(keys: Sequence[str], folded: Sequence[str], text: str, entry: LoreEntry, case: bool) -> list[str]:
    """The keys found in ``text``; the common case (plain keys, any case, not whole words) is a substring test."""
    if entry.plain and not case and not entry.whole_words:
        return [key for key, low in zip(keys, folded) if low in text]
    return [key for key in keys if key_matches(key, text, entry, case)]


def _first_match(entry: LoreEntry, text: str, case: bool) -> str | None:
    if entry.plain and not case and not entry.whole_words:
        for key, low in zip(entry.keys, entry.folded):
            if low in text:
                return key
        return None
    for key in entry.keys:
        if key_matches(key, text, entry, case):
            return key
    return None


def check_entry(entry: LoreEntry, text: str, case_sensitive: bool) -> dict[str, Any] | None:
    """Why ``entry`` fires on ``text`` (primary key, then the secondary keys under its logic), or None."""
    key = _first_match(entry, text, case_sensitive)
    if key is None:
        return None
    reason: dict[str, Any] = {"kind": "key", "key": key}
    if not entry.secondary:
        return reason
    matched = _matched(entry.secondary, entry.folded_secondary, text, entry, case_sensitive)
    logic = entry.logic
    passed = {AND_ANY: bool(matched), AND_ALL: len(matched) == len(entry.secondary),
              NOT_ANY: not matched, NOT_ALL: len(matched) < len(entry.secondary)}[logic]
    if not passed:
        return None
    reason.update(logic=LOGICS[logic], secondary=matched if logic in (AND_ANY, AND_ALL) else
                  [k for k in entry.secondary if k not in matched])
    return reason


def activate(books: Sequence[Lorebook], turns: Sequence[str], *, budget: int,
             cost: Callable[[str], int], fill: Callable[[str], str] = lambda text: text) -> Activation:
    """The entries of ``books`` that fire on ``turns`` (oldest first), within ``budget`` tokens.

    ``cost`` prices one entry's text; ``fill`` substitutes the name macros.
    Entries are returned in prompt order: by position, then insertion order
    (lower first, as the card spec says), then book and entry order.
    """
    fired: dict[tuple[str, int], Fired] = {}
    recursive = {book.source for book in books if book.recursive}
    entries = [entry for book in books for entry in book.entries]
    depth_of = {book.source: book.scan_depth for book in books}
    scanner = _Scanner(turns, DEFAULT_SCAN_DEPTH)
    echo: list[tuple[str, str]] = []        # (label, text) of fired entries whose text is scanned in recursion
    for step in range(MAX_RECURSION_STEPS + 1):
        echo_text = "\n".join(text for _, text in echo)
        found: list[Fired] = []
        for entry in entries:
            handle = (entry.source, entry.index)
            if handle in fired:
                continue
            if entry.constant:
                if step == 0:
                    found.append(Fired(entry, {"kind": "constant"}, step))
                continue
            case = bool(entry.case_sensitive)
            if step == 0 and not entry.delay_until_recursion:
                depth = entry.scan_depth if entry.scan_depth is not None else depth_of.get(entry.source)
                reason = check_entry(entry, scanner.text(depth, case), case)
            elif step > 0 and echo_text and not entry.exclude_recursion and entry.source in recursive:
                text = echo_text if case else echo_text.casefold()
                reason = check_entry(entry, text, case)
                if reason is not None:
                    reason = {**reason, "kind": "recursion", "from": _echo_source(echo, reason["key"], entry, case)}
            else:
                reason = None
            if reason is not None:
                found.append(Fired(entry, reason, step))
        for item in found:
            fired[(item.entry.source, item.entry.index)] = item
        echo = [(item.entry.label, item.entry.content) for item in found
                if item.entry.source in recursive and not item.entry.prevent_recursion]
        if not echo:
            break
    return _within_budget(list(fired.values()), books, budget, cost, fill)


def _echo_source(echo: list[tuple[str, str]], key: str, entry: LoreEntry, case: bool) -> str:
    """The label of the fired entry whose text held ``key`` (for "why")."""
    for label, text in echo:
        if key_matches(key, text if case else text.casefold(), entry, case):
            return label
    return echo[0][0] if echo else ""


def _within_budget(fired: list[Fired], books: Sequence[Lorebook], budget: int, cost: Callable[[str], int],
                   fill: Callable[[str], str]) -> Activation:
    caps = {book.source: book.token_budget for book in books if book.token_budget}
    spent: dict[str, int] = {}
    ranked = sorted(fired, key=lambda f: (not f.entry.constant,
                                          -(f.entry.priority if f.entry.priority is not None else f.entry.order),
                                          -f.entry.order, f.step))
    result = Activation()
    left, full = budget, False
    for item in ranked:
        item.text = fill(item.entry.content)
        item.tokens = cost(item.text)
        source = item.entry.source
        over_book = source in caps and spent.get(source, 0) + item.tokens > caps[source]
        if full or over_book or item.tokens > left:
            full = full or not over_book
            item.kept = False
            result.dropped.append(item)
            continue
        left -= item.tokens
        spent[source] = spent.get(source, 0) + item.tokens
        result.fired.append(item)
    order = {book.source: n for n, book in enumerate(books)}
    result.fired.sort(key=lambda f: (f.entry.position, f.entry.order, order.get(f.entry.source, 0), f.entry.index))
    return result


def describe(fired: Fired, lang: str | None = None) -> str:
    """Why an entry fired, in a sentence for "Why did it say that?" (and whether the budget kept it)."""
    from journal.i18n import t

    reason = fired.reason
    if reason["kind"] == "constant":
        text = t("lorebooks.why.constant", lang=lang)
    else:
        text = t("lorebooks.why.key" if reason["kind"] == "key" else "lorebooks.why.recursion", lang=lang,
                 key=reason["key"], entry=reason.get("from", ""))
        if reason.get("logic"):
            text += t("lorebooks.why.secondary", lang=lang, logic=reason["logic"],
                      keys=", ".join(reason.get("secondary") or []) or "-")
    return text if fired.kept else text + t("lorebooks.why.over_budget", lang=lang)
