"""Small things the model offers and the person accepts or ignores: next-step choices, memories to pin.

Nothing here changes the story by itself except saving the offered choices
on the turn they belong to (so they survive a rerun); pinning a memory is
always the person's click.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from journal.stories.model import Story
from journal.stories.persona import companion_for, story_language, user_name

if TYPE_CHECKING:
    from journal.ai.backend import ChatBackend
    from journal.notebook import Notebook

CHOICE_COUNT = 3
MIN_CHOICES = 2
MAX_CHOICE_CHARS = 120
MAX_SUGGESTED_MEMORIES = 3
MEMORY_CONTEXT_TURNS = 6         # recent turns the model reads to propose memories
NOTHING_MARK = "NONE"
CHOICES_KEY = "choices"          # Turn.extra key holding the offered choices
_BULLET = re.compile(r"^\s*(?:[-*•·]|\d+[.)、:：]|[（(]?\d+[)）]|[a-cA-C][.)])\s*")
_QUOTES = "\"'“”‘’「」『』"
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


def suggest_choices(nb: "Notebook", story_id: str, chat: "ChatBackend", *, lang: str | None = None,
                    budget: int | None = None) -> list[str]:
    """Ask for 2–3 short choices of what happens next; saved on the last turn (not an undo step)."""
    from journal.ai.prompts import render_prompt
    from journal.stories.memory import assemble

    story = nb.stories.get(story_id)
    companion = companion_for(nb, story)
    language = story_language(companion, lang)
    instruction = render_prompt("story_choices", language, count=CHOICE_COUNT,
                                user=user_name(nb, story, language))
    assembly = assemble(nb, story, companion, instruction=instruction, lang=language, budget=budget)
    choices = clean_lines(chat.complete_chat(assembly.messages), CHOICE_COUNT)
    if len(choices) < MIN_CHOICES or not story.turns:
        return choices
    last_id = story.turns[-1].id

    def change(current: Story) -> None:
        if current.turns and current.turns[-1].id == last_id:
            current.turns[-1].extra[CHOICES_KEY] = choices
    nb.stories.update(story_id, change, snapshot=False)
    return choices


def suggest_memories(nb: "Notebook", story_id: str, chat: "ChatBackend", *, lang: str | None = None) -> list[str]:
    """Facts from the latest turns the model thinks worth pinning, minus those already pinned."""
    from journal.ai.prompts import render_prompt

    story = nb.stories.get(story_id)
    companion = companion_for(nb, story)
    language = story_language(companion, lang)
    user = user_name(nb, story, language)
    turns = "\n".join(f"{user if t.role == 'user' else story.display_companion}: {t.text}"
                      for t in story.turns[-MEMORY_CONTEXT_TURNS:])
    if not turns.strip():
        return []
    prompt = render_prompt("story_suggest_memories", language, user=user, turns=turns)
    answer = chat.complete_chat([{"role": "user", "content": prompt}])
    found = clean_lines(answer, MAX_SUGGESTED_MEMORIES, max_chars=500)
    return [f for f in found if f not in story.memories]
