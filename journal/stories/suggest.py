"""Small things the model offers and the person accepts or ignores: next-step choices, memories to pin.

Nothing here changes the story by itself except saving the offered choices
on the turn they belong to (so they survive a rerun); pinning a memory is
always the person's click.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from journal.stories.model import CHOICES_KEY, Story
from journal.stories.persona import companion_for, story_language, user_name

if TYPE_CHECKING:
    from journal.ai.backend import ChatBackend
    from journal.notebook import Notebook

CHOICE_COUNT = 3
MIN_CHOICES = 2
MAX_CHOICE_CHARS = 120
MAX_CHOICE_WORDS = 12            # "at most twelve words", as the prompt asks; longer is a sentence of prose
MAX_CHOICE_HAN = 24              # the Chinese prompt asks for at most twenty characters
CHOICE_ATTEMPTS = 3              # SmolLM2-135M gives a usable list about two times in three (measured)
CHOICE_CONTEXT_TURNS = 3         # the latest turns are what "next" follows from
CHOICE_PASSAGE_CHARS = 1200      # and their end is enough: a short prompt keeps a tiny model on task
CHOICE_MAX_TOKENS = 90           # three short lines, with room for a numbered preamble
CHOICE_PREFILL = "- "            # the start of the answer, for backends that continue it
MAX_SUGGESTED_MEMORIES = 3
MEMORY_CONTEXT_TURNS = 6         # recent turns the model reads to propose memories
NOTHING_MARK = "NONE"
_BULLET = re.compile(r"^\s*(?:[-*•·]|\d+[.)、:：]|[（(]?\d+[)）]|[a-cA-C][.)])\s*")
_QUOTES = "\"'“”‘’「」『』"
# "1- Open a letter. 2- The door opens…" on one line: numbers inside the line start new items.
_INLINE_NUMBER = re.compile(r"(?:^|(?<=\s))\d{1,2}\s*(?:[.)、:：]|-(?=\s))\s*")
_PARENTHESIS = re.compile(r"\s*[(（][^)）]*[)）]")
_SENTENCE_STOP = re.compile(r"[.!?。！？;；]")
_CLAUSE_STOP = re.compile(r"[,，、—–]| - ")
_HAN = re.compile(r"[\u3400-\u9fff]")
# "remember that our anniversary is April 2nd" / "记住：我们的纪念日是四月二号"
_REMEMBER_EN = re.compile(r"\b(?:please\s+)?remember\s+(?:that\s+)?(.{4,}?)\s*(?:[.!?\n]|$)", re.IGNORECASE)
_REMEMBER_ZH = re.compile(r"(?:请|要)?(?:记住|记得)(?:[:：,，]?\s*)(.{2,}?)(?:[。！？!?\n]|$)")


def clean_lines(text: str, limit: int, max_chars: int = MAX_CHOICE_CHARS) -> list[str]:
    """Lines of a model's list answer, without bullets, numbers or quotes, distinct, at most ``limit``."""
    out: list[str] = []
    for raw in text.splitlines():
        line = _BULLET.sub("", raw).strip().strip(_QUOTES).strip()
        if not line or line.upper() == NOTHING_MARK or len(line) > max_chars:
            continue
        if line not in out:
            out.append(line)
    return out[:limit]


def remember_requests(text: str) -> list[str]:
    """Facts the person explicitly asked to be remembered in ``text`` (no model needed)."""
    found = [m.group(1).strip() for m in _REMEMBER_EN.finditer(text)]
    found += [m.group(1).strip() for m in _REMEMBER_ZH.finditer(text)]
    return [f for f in dict.fromkeys(found) if f]


def choice_items(text: str) -> list[str]:
    """The raw items of a list answer: one per line, or several on one line when the model numbered them inline."""
    items: list[str] = []
    for line in text.splitlines():
        line = line.strip()
        if not line or line.endswith((":", "：")):   # "Here are three options:" introduces, it is not one
            continue
        parts = [p for p in _INLINE_NUMBER.split(line) if p.strip()]
        items.extend(parts if len(_INLINE_NUMBER.findall(line)) > 1 else [line])
    return items


def clean_choice(item: str) -> str | None:
    """One choice as a short action, or None when the item is prose, junk or empty.

    Small models answer "Open the letter: the keeper opens a door to reveal…" or a
    whole sentence; the label before the colon, or the first sentence or clause,
    is the choice when it is short enough.
    """
    from journal.ai.cleanup import has_broken_characters, has_template_junk

    text = _BULLET.sub("", item).replace("**", "").strip().strip(_QUOTES).strip()
    if not text or has_template_junk(text) or has_broken_characters(text) or text.upper() == NOTHING_MARK:
        return None
    text = _PARENTHESIS.sub("", text)
    label, colon, _ = text.partition(":") if ":" in text else text.partition("：")
    if colon and _short_enough(label):
        text = label
    text = _SENTENCE_STOP.split(text, maxsplit=1)[0]
    if not _short_enough(text):
        text = _CLAUSE_STOP.split(text, maxsplit=1)[0]
    text = text.strip().strip(_QUOTES + " -–—").strip()
    if not text or not _short_enough(text) or not any(c.isalpha() for c in text):
        return None
    return text


def _short_enough(text: str) -> bool:
    han = len(_HAN.findall(text))
    if han:
        return 0 < len(text.strip()) <= MAX_CHOICE_HAN
    return 0 < len(text.split()) <= MAX_CHOICE_WORDS and len(text) <= MAX_CHOICE_CHARS


def latest_passage(story: Story) -> str:
    """The end of the latest turns, as plain paragraphs (no speaker labels a small model would continue)."""
    text = "\n\n".join(t.text.strip() for t in story.turns[-CHOICE_CONTEXT_TURNS:] if t.text.strip())
    return text[-CHOICE_PASSAGE_CHARS:]


def choice_messages(nb: "Notebook", story: Story, language: str, *, prefill: bool = False) -> list[dict[str, str]]:
    """A short system message, one worked example as an earlier exchange, then the latest passage.

    Not the whole story prompt: with the persona and history a small model continues
    the prose instead of listing options. ``prefill`` starts the answer with "- " for
    backends that continue a last assistant message (llama.cpp), which holds a tiny
    model to the list form.
    """
    from journal.ai.prompts import render_prompt

    system = render_prompt("story_choices", language, count=CHOICE_COUNT, user=user_name(nb, story, language))
    example = render_prompt("story_choices_example", language).strip()
    example_passage, _, example_answer = example.partition("\n- ")
    messages = [
        {"role": "system", "content": system},
        {"role": "user", "content": example_passage.strip()},
        {"role": "assistant", "content": "- " + example_answer.strip()},
        {"role": "user", "content": latest_passage(story)},
    ]
    if prefill:
        messages.append({"role": "assistant", "content": CHOICE_PREFILL})
    return messages


def suggest_choices(nb: "Notebook", story_id: str, chat: "ChatBackend", *, lang: str | None = None) -> list[str]:
    """Ask for 2–3 short choices of what happens next; saved on the last turn (not an undo step).

    One more attempt when the first gives fewer than two usable choices; then raises
    AIUnusable with a sentence, rather than returning nothing.
    """
    from journal.ai.backend import Sampling
    from journal.ai.cleanup import echoes_example
    from journal.ai.errors import AIUnusable
    from journal.ai.prompts import load_prompt

    story = nb.stories.get(story_id)
    if not story.turns:
        raise AIUnusable("stories.narrate.no_choices")
    language = story_language(companion_for(nb, story), lang)
    messages = choice_messages(nb, story, language, prefill=bool(getattr(chat, "continues_last_message", False)))
    example = load_prompt("story_choices_example", language).text
    passage = latest_passage(story)
    choices: list[str] = []
    for _ in range(CHOICE_ATTEMPTS):
        answer = chat.complete_chat(messages, Sampling(max_tokens=CHOICE_MAX_TOKENS, stop=("\n\n\n",)))
        for item in choice_items(answer):
            choice = clean_choice(item)
            if choice and choice not in choices and not echoes_example(choice, example, passage):
                choices.append(choice)
        if len(choices) >= MIN_CHOICES:
            break
    if len(choices) < MIN_CHOICES:
        raise AIUnusable("stories.narrate.no_choices")
    choices = choices[:CHOICE_COUNT]
    last_id = story.turns[-1].id

    def change(current: Story) -> None:
        if current.turns and current.turns[-1].id == last_id:
            current.turns[-1].extra[CHOICES_KEY] = choices
    nb.stories.update(story_id, change, snapshot=False)
    return choices


def offer_memories(nb: "Notebook", story_id: str, chat: "ChatBackend", *,
                   lang: str | None = None) -> list[dict[str, Any]]:
    """Facts from the latest turns worth pinning, each with where it came from; nothing is pinned here.

    ``[{"text": ..., "source": {"by": "suggested", "model": ..., "turns": [first, last]}}]``: the
    person accepts one (``keepsakes.add_memory(..., source=offer["source"])``) or lets it go.
    """
    from journal.ai.prompts import render_prompt

    story = nb.stories.get(story_id)
    companion = companion_for(nb, story)
    language = story_language(companion, lang)
    user = user_name(nb, story, language)
    read = story.turns[-MEMORY_CONTEXT_TURNS:]
    turns = "\n".join(f"{user if t.role == 'user' else story.display_companion}: {t.text}" for t in read)
    if not turns.strip():
        return []
    prompt = render_prompt("story_suggest_memories", language, user=user, turns=turns)
    answer = chat.complete_chat([{"role": "user", "content": prompt}])
    found = clean_lines(answer, MAX_SUGGESTED_MEMORIES, max_chars=500)
    source = {"by": "suggested", "model": getattr(chat, "model", "") or "",
              "turns": [len(story.turns) - len(read) + 1, len(story.turns)]}
    return [{"text": f, "source": dict(source)} for f in found if f not in story.memories]


def suggest_memories(nb: "Notebook", story_id: str, chat: "ChatBackend", *, lang: str | None = None) -> list[str]:
    """The texts of :func:`offer_memories` (kept for callers that only show them)."""
    return [offer["text"] for offer in offer_memories(nb, story_id, chat, lang=lang)]
