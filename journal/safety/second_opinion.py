"""A second opinion on a story turn from the capable model the person already talks to, off the saving path.

The local rules answer in milliseconds and are what the panel shows first;
they miss wording they have never seen. When the configured provider is a
capable model (an OpenAI-compatible service or local server, not the
embedded tiny model and not an unusable configuration), the story turn the
person just sent to that model anyway is also given to it, in a background
thread, with ``prompts/safety_second_opinion.*.md``: a short JSON answer with
a level and the same warning-sign categories as the rules. With the OpenAI
provider the purpose-built moderation endpoint is asked instead
(:mod:`journal.safety.moderation`). Either may RAISE the level; only the local
rules may lower one, so a model that says "none" never hides the panel. A
plain journal save sends nothing anywhere: this is never asked for it.
"""

from __future__ import annotations

import json
import logging
import re
import uuid
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Mapping

from journal.safety.assess import Assessment, Reason
from journal.safety.resources import resources_for
from journal.safety.rules import CATEGORIES, LEVELS, Level

log = logging.getLogger(__name__)

PROMPT_NAME = "safety_second_opinion"
REASON_PREFIX = "model:"
SECOND_OPINION_TIMEOUT_SECONDS = 20.0
"""A second opinion that takes longer is dropped: the local panel is already on screen."""
MAX_ANSWER_TOKENS = 120
"""A level and a few category names; a longer answer is not what was asked for."""
WORKERS = 2
"""Two story turns checked at once is plenty for one person; more would only compete with the reply."""
ANSWER_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "level": {"type": "string", "enum": list(LEVELS)},
        "categories": {"type": "array", "items": {"type": "string", "enum": list(CATEGORIES)}},
    },
    "required": ["level", "categories"],
    "additionalProperties": False,
}
_JSON_OBJECT = re.compile(r"\{.*\}", re.DOTALL)
_executor = ThreadPoolExecutor(max_workers=WORKERS, thread_name_prefix="duet-second-opinion")


@dataclass(frozen=True)
class ModelOpinion:
    level: Level
    categories: tuple[str, ...] = ()


def capable_endpoint(home: Path, secrets: Mapping[str, Any] | None = None):
    """The configured remote or local-server endpoint, or None for the embedded model or an unusable setup."""
    from journal.ai.providers import EMBEDDED, load_settings, remote_endpoint
    from journal.errors import DuetError

    settings = load_settings(home)
    if settings.provider == EMBEDDED:
        return None  # the built-in model is too small to judge risk, and the rules already ran locally
    try:
        return remote_endpoint(settings, secrets)
    except DuetError:  # no key, no address, no model: no AI is configured, so nothing is asked
        return None


def parse_opinion(answer: str) -> ModelOpinion | None:
    """The model's JSON answer; None when it is not the shape asked for (a second opinion is optional)."""
    match = _JSON_OBJECT.search(answer or "")
    if not match:
        return None
    try:
        data = json.loads(match.group(0))
    except ValueError:
        return None
    level = data.get("level") if isinstance(data, dict) else None
    if level not in LEVELS:
        return None
    raw = data.get("categories") or []
    categories = tuple(c for c in raw if c in CATEGORIES) if isinstance(raw, list) else ()
    return ModelOpinion(level=level, categories=categories)


def ask_model(endpoint: Any, text: str, lang: str = "en") -> ModelOpinion | None:
    """One short, non-streamed-for-the-page classification of ``text``; None on any failure (logged without the text)."""
    from journal.ai.backend import Sampling
    from journal.ai.client import OpenAIChat
    from journal.ai.errors import AIError
    from journal.ai.prompts import render_prompt

    endpoint = replace(endpoint, timeout_seconds=min(endpoint.timeout_seconds, SECOND_OPINION_TIMEOUT_SECONDS))
    chat = OpenAIChat(endpoint, Sampling(temperature=0.0, max_tokens=MAX_ANSWER_TOKENS, json_schema=ANSWER_SCHEMA),
                      max_retries=0)
    messages = [{"role": "system", "content": render_prompt(PROMPT_NAME, lang)}, {"role": "user", "content": text}]
    try:
        return parse_opinion(chat.complete_chat(messages))
    except AIError as exc:
        log.warning("safety second opinion skipped: %s", type(exc).__name__)
        return None


def combine(local: Assessment, opinion: ModelOpinion | None, text: str, lang: str | None = None,
            region: str | None = None) -> Assessment:
    """The higher level of the two; the model can add reasons and raise the level, never lower it."""
    if opinion is None or LEVELS.index(opinion.level) <= LEVELS.index(local.level):
        return local
    extra = [Reason(REASON_PREFIX + category, opinion.level, category) for category in opinion.categories] or [
        Reason(REASON_PREFIX + opinion.level, opinion.level, opinion.level)]
    resources = local.resources or resources_for(lang, region, text)
    # A new token: a panel the person closed for the local result opens again with the raised level.
    return replace(local, level=opinion.level, reasons=[*local.reasons, *extra], resources=resources,
                   token=uuid.uuid4().hex)


def second_opinion_now(home: Path, text: str, local: Assessment, secrets: Mapping[str, Any] | None = None,
                       lang: str | None = None) -> Assessment:
    """The combined assessment, asked synchronously (the background job, and tests)."""
    from journal.ai.providers import OPENAI
    from journal.safety.moderation import second_opinion as moderation_opinion
    from journal.safety.policy import help_region
    from journal.safety.resources import text_languages

    endpoint = capable_endpoint(home, secrets)
    if endpoint is None or not text.strip():
        return local
    region = help_region(home)
    if endpoint.provider == OPENAI:
        return moderation_opinion(local, text, endpoint, lang=lang, region=region)
    prompt_lang = (text_languages(text) or ["en"])[0]
    return combine(local, ask_model(endpoint, text, prompt_lang), text, lang, region)


def start_second_opinion(home: Path, text: str, local: Assessment, secrets: Mapping[str, Any] | None = None,
                         lang: str | None = None) -> Future[Assessment] | None:
    """Ask in the background; None (nothing started, nothing sent) when no capable model is configured."""
    if not text.strip() or capable_endpoint(home, secrets) is None:
        return None
    return _executor.submit(second_opinion_now, home, text, local, secrets, lang)
