"""What the companion and the person contribute to a story prompt: system prompt, persona, names, turns.

Split from :mod:`journal.stories.memory`, which decides what fits; this
module only says how each part reads. ``creator_notes`` never appear here.
"""

from __future__ import annotations

import logging
import string
from typing import TYPE_CHECKING, Any

from journal.ai.prompts import load_prompt, render_prompt
from journal.companions.macros import substitute, system_prompt_for
from journal.companions.model import Companion
from journal.stories.model import Story, Turn

if TYPE_CHECKING:
    from journal.notebook import Notebook

NARRATE_TAGS = {"say": "[Say]", "do": "[Do]", "story": "[Story]"}   # explained by prompts/story_narrator.*.md
log = logging.getLogger(__name__)


def render_optional_lines(prompt_name: str, lang: str, /, **values: str) -> str:
    """A prompt file rendered line by line, leaving out lines whose variables are all empty.

    Persona and scenario fields are optional; a line such as "Personality:"
    with nothing after it would only confuse the model.
    """
    template = load_prompt(prompt_name, lang)
    missing = [v for v in template.variables if v not in values]
    if missing:
        from journal.errors import InvalidInput

        raise InvalidInput("ai.prompts.missing_variable", name=prompt_name, variable=", ".join(missing))
    kept = []
    for line in template.text.strip().split("\n"):
        used = string.Template(line).get_identifiers()
        content = [v for v in used if v not in ("name", "user", "char")]
        if content and not any(str(values.get(v) or "").strip() for v in content):
            continue
        kept.append(string.Template(line).substitute({k: str(v) for k, v in values.items()}))
    return "\n".join(kept).strip()


def fallback_companion(story: Story) -> Companion:
    """A stand-in when the story's companion file is gone: the name alone still makes a prompt."""
    return Companion(slug=story.companion or "companion", name=story.display_companion or "Companion")


def companion_for(nb: "Notebook", story: Story) -> Companion | None:
    """The story's companion, or None when its file is gone or broken."""
    from journal.errors import DuetError

    try:
        return nb.companions.get(story.companion)
    except DuetError:
        return None


def story_language(companion: Companion | None, lang: str | None = None) -> str:
    """The language a story's prompts are written in: the one asked for, else the companion's, else the app's."""
    from journal.i18n import current_language

    return lang or (companion.language if companion and companion.language else None) or current_language()


def story_persona(nb: "Notebook", story: Story) -> Any:
    """The persona the person plays in this story, or None (none chosen, or its file is gone)."""
    from journal.errors import DuetError
    from journal.personas import STORY_KEY

    slug = story.extra.get(STORY_KEY)
    if not isinstance(slug, str) or not slug:
        return None
    try:
        return nb.companions.personas.get(slug)
    except DuetError:
        return None


def user_name(nb: "Notebook", story: Story, lang: str) -> str:
    """``{{user}}``: the story's persona, else the name the story was given, else the person's, else "User"."""
    from journal.i18n import t

    persona = story_persona(nb, story)
    return (persona.name if persona is not None else "") or (
        story.user_name or nb.settings.general.name or t("stories.default_user_name", lang=lang))


def turn_message(story: Story, turn: Turn, text: str | None = None) -> dict[str, str]:
    content = turn.text if text is None else text
    if turn.role == "user":
        if story.mode == "narrate" and turn.kind in NARRATE_TAGS:
            content = f"{NARRATE_TAGS[turn.kind]} {content}"
        return {"role": "user", "content": content}
    return {"role": "assistant", "content": content}


def is_crisis(text: str) -> bool:
    from journal.safety import assess

    return bool(text.strip()) and assess(text).level == "crisis"


def distress_guidance(lang: str) -> str:
    """The safety prompt; a missing file must never stop a reply to someone in crisis, so it is logged."""
    from journal.errors import NotFound

    try:
        return render_prompt("distress_guidance", lang)
    except NotFound:
        log.error("prompts/distress_guidance.%s.md is missing: the crisis instruction was not added", lang)
        return ""


def core_texts(story: Story, companion: Companion, fields: dict[str, Any], char: str, user: str,
               lang: str, *, small_model: bool = False, persona: str = "") -> list[tuple[str, str]]:
    """``(kind, text)`` of the system prompt, the persona and the scenario card, in that order.

    In chat mode a card's own ``system_prompt`` replaces the default (its
    ``{{original}}`` puts the default back); narrate mode always uses the
    narrator prompt. ``persona`` is the description of the persona the person
    plays in this story. Macros are filled here.
    """
    if story.mode == "narrate":
        system = substitute(render_prompt("story_narrator", lang), char, user)
    else:
        # A tiny model gets the short default prompt (a card's own system prompt still wins).
        default = render_prompt("companion_system_small" if small_model else "companion_system", lang)
        system = substitute(system_prompt_for(companion, default), char, user)
    texts = [("system", system)]
    persona = render_optional_lines(
        "story_persona", lang, name=char, user=user, description=str(fields["description"]),
        personality=str(fields["personality"]), scenario=str(fields["scenario"]),
        speaking_style=str(fields["speaking_style"]), user_persona=str(fields["user_persona"]),
        persona=substitute(persona, char, user))
    if persona:
        texts.append(("persona", persona))
    if any(str(v).strip() for v in story.scenario.values()):
        scenario = render_optional_lines(
            "story_scenario", lang, char=char, user=user, setting=story.scenario.get("setting", ""),
            user_character=story.scenario.get("user_character", ""),
            companion_character=story.scenario.get("companion_character", ""))
        if scenario:
            texts.append(("scenario", scenario))
    return texts
