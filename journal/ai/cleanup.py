"""What a model's reply goes through before anyone keeps it: small models leave artefacts whatever the prompt says.

Seen in practice (issue #20, #15): a speaker label before the reply ("Wren Ashby: …"),
the model writing the person's next turn itself ("You: …", "我：…"), an odd number of
``*`` so a whole card turns italic, U+FFFD where a Chinese character was split, template
junk echoed from web pages ("{% embed_script id="), a reply cut mid-word at the token
limit, and a reply looping on its own phrase. Each has one function here, used by
stories, journal reflection and share suggestions alike.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from journal.text import CJK

REPLACEMENT_CHAR = "\ufffd"
LENGTH_FINISH = "length"  # finish_reason when the reply hit max_tokens
MAX_LABEL_WORDS = 3  # "Wren Ashby:" or "Narrator:"; a longer run before a colon is a sentence
REPETITION_NGRAM = 4  # a loop repeats phrases; four words (or four Han characters) is a phrase
REPETITION_LIMIT = 0.1  # share of repeated 4-grams above which a reply is looping (measured on SmolLM2: good replies stay under 0.1)
LOOP_STOP_LIMIT = 0.35  # while streaming: stop generating once this share is reached (the saved text is trimmed later)
LOOP_MIN_WORDS = 24  # too short to judge before this
MIN_KEPT_CHARS = 12  # a trim that leaves less than this has nothing worth keeping

# Labels a model puts before its own words in any language; the story's names are added per call.
OWN_LABELS = ("assistant", "ai", "narrator", "bot", "char", "{{char}}", "旁白", "助手", "叙述者")
# Labels that mean the model has started writing the person's turn: everything from there is dropped.
PERSON_LABELS = ("you", "user", "human", "me", "{{user}}", "我", "你", "用户")

_THINKING = re.compile(r"<think>.*?(?:</think>|$)\s*", re.DOTALL)  # Qwen3 and other reasoning models think aloud first
_SENTENCE_END = re.compile(r"[.!?。！？…]+[\"'”’」』)）\]*_]*")
_TEMPLATE_JUNK = re.compile(
    r"\{%|%\}|\{\{|\}\}|<\s*/?\s*(?:script|iframe|style|div|span)\b|embed_script|<\|[a-z_]+\|>|\[/?INST\]|</?s>",
    re.IGNORECASE,
)
# Emoji and pictographs count one unit each, like Han characters: a tiny model's loops are often made of them.
_PICTOGRAPH = "\u2600-\u27bf\U0001f000-\U0001faff"
_WORD_OR_HAN = re.compile(rf"[{CJK}{_PICTOGRAPH}]|[^\s{CJK}\W_]+(?:['’][^\s{CJK}\W_]+)*", re.UNICODE)
_DOUBLE_STAR = re.compile(r"\*\*")
_SINGLE_STAR = re.compile(r"(?<!\*)\*(?!\*)")


@dataclass(frozen=True)
class CleanReply:
    """The reply to keep, and whether it stopped before the model finished (token limit, loop)."""

    text: str
    incomplete: bool = False
    trimmed_loop: bool = False


def _label_pattern(names: Iterable[str]) -> re.Pattern[str]:
    choices = sorted({n.strip() for n in names if n and n.strip()}, key=len, reverse=True)
    alternatives = "|".join(re.escape(c) for c in choices)
    # Optional bold or brackets around the name: "**Wren:**", "[Wren]:", "Wren Ashby："
    return re.compile(rf"^[ \t]*[*_\[]*(?:{alternatives})[*_\]]*[ \t]*[:：][*_]*[ \t]*", re.IGNORECASE | re.MULTILINE)


def name_variants(*names: str) -> list[str]:
    """A name and its first word: a model writes "Wren:" as often as "Wren Ashby:"."""
    out: list[str] = []
    for name in names:
        name = (name or "").strip()
        if not name:
            continue
        out.append(name)
        first = name.split()[0]
        if first != name and len(first) > 1:
            out.append(first)
    return out


def strip_own_labels(text: str, names: Iterable[str] = ()) -> str:
    """Drop "Name:" labels the model put before its own lines (its own name, "Assistant", "Narrator")."""
    return _label_pattern([*OWN_LABELS, *names]).sub("", text)


def cut_at_person_turn(text: str, names: Iterable[str] = ()) -> str:
    """Everything before the first line where the model starts speaking for the person ("You: …", "我：…").

    A reply that *starts* with such a line (the model first repeating or inventing the
    person's words) loses that line only; what follows may still be its own reply.
    """
    pattern = _label_pattern([*PERSON_LABELS, *names])
    match = pattern.search(text)
    if match is None:
        return text
    if not text[: match.start()].strip():
        line_end = text.find("\n", match.end())
        return "" if line_end < 0 else cut_at_person_turn(text[line_end + 1 :], names)
    return text[: match.start()].rstrip()


def balance_asterisks(text: str) -> str:
    """Remove the last unmatched ``**`` or ``*`` of each paragraph, so a stray mark cannot italicise the rest."""
    paragraphs = text.split("\n\n")
    out = []
    for paragraph in paragraphs:
        if len(_DOUBLE_STAR.findall(paragraph)) % 2:
            head, _, tail = paragraph.rpartition("**")
            paragraph = head + tail
        singles = list(_SINGLE_STAR.finditer(paragraph))
        if len(singles) % 2:
            last = singles[-1]
            paragraph = paragraph[: last.start()] + paragraph[last.end():]
        out.append(paragraph)
    return "\n\n".join(out)


def trim_to_sentence_end(text: str) -> str:
    """``text`` up to its last finished sentence; unchanged when it has none (better half a line than nothing)."""
    ends = list(_SENTENCE_END.finditer(text))
    if not ends:
        return text.rstrip()
    return text[: ends[-1].end()].rstrip()


def has_template_junk(text: str) -> bool:
    """Markup or template syntax echoed from web pages or chat templates: never a real answer."""
    return bool(_TEMPLATE_JUNK.search(text or ""))


def has_broken_characters(text: str) -> bool:
    """U+FFFD: a character lost in decoding (a Chinese character split between two tokens)."""
    return REPLACEMENT_CHAR in (text or "")


def words(text: str) -> list[str]:
    """Latin words lower-cased, single Han characters and single emoji: the units the repetition measure counts."""
    return [w.lower() for w in _WORD_OR_HAN.findall(text or "")]


def repeated_ngram_share(text: str, n: int = REPETITION_NGRAM) -> float:
    """Share of a reply's n-grams that already occurred earlier in it (0.0 fresh, near 1.0 a pure loop)."""
    units = words(text)
    grams = [tuple(units[i : i + n]) for i in range(len(units) - n + 1)]
    if not grams:
        return 0.0
    repeats = sum(count - 1 for count in Counter(grams).values())
    return repeats / len(grams)


def is_looping(text: str) -> bool:
    """For a reply still streaming: has it started going round in circles?"""
    return len(words(text)) >= LOOP_MIN_WORDS and repeated_ngram_share(text) > LOOP_STOP_LIMIT


def trim_repetition(text: str, limit: float = REPETITION_LIMIT) -> str:
    """Cut a looping reply at the end of the last sentence before the loop took over.

    Sentences are added one by one while the text stays under ``limit``; a
    sentence repeated word for word is dropped even when the share is still low.
    """
    if repeated_ngram_share(text) <= limit and not _has_repeated_sentence(text):
        return text
    kept = ""
    seen: set[str] = set()
    start = 0
    for match in _SENTENCE_END.finditer(text):
        sentence = text[start : match.end()]
        start = match.end()
        key = " ".join(words(sentence))
        if key and key in seen:
            break
        candidate = kept + sentence
        if repeated_ngram_share(candidate) > limit:
            break
        seen.add(key)
        kept = candidate
    return kept.strip() if len(kept.strip()) >= MIN_KEPT_CHARS else text


def _has_repeated_sentence(text: str) -> bool:
    seen: set[str] = set()
    start = 0
    for match in _SENTENCE_END.finditer(text):
        key = " ".join(words(text[start : match.end()]))
        start = match.end()
        if len(key.split()) >= 3 and key in seen:
            return True
        seen.add(key)
    return False


def clean_reply(text: str, *, own_names: Iterable[str] = (), person_names: Iterable[str] = (),
                finish_reason: str | None = None, guard_repetition: bool = True) -> CleanReply:
    """A story reply as it should be kept: labels, the person's invented turn, stray marks and loops removed.

    A reply that stopped at the token limit is trimmed to its last finished
    sentence and reported ``incomplete``, so the page can mark it and offer "Continue".
    """
    cleaned = _THINKING.sub("", (text or "").replace(REPLACEMENT_CHAR, ""))
    cleaned = cut_at_person_turn(cleaned, list(person_names))
    cleaned = strip_own_labels(cleaned, list(own_names)).strip()
    incomplete = finish_reason == LENGTH_FINISH
    looped = False
    if guard_repetition:
        unlooped = trim_repetition(cleaned)
        looped = unlooped != cleaned
        cleaned = unlooped
    if incomplete and not looped:
        cleaned = trim_to_sentence_end(cleaned)
    cleaned = balance_asterisks(cleaned).strip()
    return CleanReply(cleaned, incomplete=incomplete, trimmed_loop=looped)


def echoes_example(candidate: str, prompt_text: str, source_text: str = "") -> bool:
    """True when ``candidate`` only repeats the prompt's own example (it is in the prompt, not in the source).

    Small models copy a prompt's example verbatim ("#人机恋" for a post about a human
    partner, "Knock on the door" in a story without a door); such a line says
    nothing about the person's text.
    """
    key = " ".join(words(candidate))
    if not key:
        return False
    return key in " ".join(words(prompt_text)) and key not in " ".join(words(source_text))
