"""A second opinion from OpenAI's free moderation endpoint, used only when the person already chose OpenAI.

The local phrase rules miss indirect wording they have never seen; OpenAI's
``omni-moderation-latest`` model reads meaning. But Duet promises that text
stays on the machine unless the person picked a remote provider, so a diary
entry is never sent anywhere *just* to be checked: only a story turn, which
goes to OpenAI for the reply anyway, is asked about
(:mod:`journal.safety.second_opinion` decides); with the embedded model or an
OpenAI-compatible service (DeepSeek, a local Ollama…) this never runs.
A failed call changes nothing: the local assessment stands and saving goes on.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass, field, replace
from typing import Any

from journal.ai.providers import OPENAI
from journal.safety.assess import Assessment, Reason
from journal.safety.resources import resources_for
from journal.safety.rules import LEVELS, Level

log = logging.getLogger(__name__)

MODERATION_MODEL = "omni-moderation-latest"
SELF_HARM_CATEGORIES = ("self-harm", "self-harm/intent", "self-harm/instructions")
CRISIS_CATEGORIES = ("self-harm/intent", "self-harm/instructions")
"""The speaker intends to hurt themselves, or asks how: the same as a local crisis."""
MODERATION_TIMEOUT_SECONDS = 5.0
"""A second opinion must not hold up a save for long; the local assessment is already shown."""
REASON_PREFIX = "moderation:"


@dataclass(frozen=True)
class ModerationResult:
    categories: dict[str, bool] = field(default_factory=dict)
    """The three self-harm categories, keyed by OpenAI's names ("self-harm/intent")."""
    scores: dict[str, float] = field(default_factory=dict)

    @property
    def flagged(self) -> bool:
        return any(self.categories.values())

    @property
    def level(self) -> Level:
        if any(self.categories.get(c) for c in CRISIS_CATEGORIES):
            return "crisis"
        return "concern" if self.categories.get("self-harm") else "none"


def should_use_moderation(provider_kind: str) -> bool:
    """True only for the "openai" provider kind: the text is going to OpenAI anyway, so asking costs no privacy."""
    return provider_kind == OPENAI


def moderate(client: Any, text: str) -> ModerationResult:
    """Ask ``client`` (an ``openai.OpenAI``) for the self-harm categories of ``text``. Raises the client's errors."""
    response = client.moderations.create(model=MODERATION_MODEL, input=text)
    result = response.results[0]
    categories = _by_alias(result.categories)
    scores = _by_alias(result.category_scores)
    return ModerationResult(
        categories={c: bool(categories.get(c)) for c in SELF_HARM_CATEGORIES},
        scores={c: float(scores.get(c) or 0.0) for c in SELF_HARM_CATEGORIES},
    )


def merge(assessment: Assessment, result: ModerationResult, lang: str | None = None,
          region: str | None = None, text: str | None = None) -> Assessment:
    """The higher of the two levels, with the moderation categories added as reasons."""
    extra = [Reason(REASON_PREFIX + c, "crisis" if c in CRISIS_CATEGORIES else "concern", c)
             for c in SELF_HARM_CATEGORIES if result.categories.get(c)]
    level = max(assessment.level, result.level, key=LEVELS.index)
    resources = assessment.resources or (resources_for(lang, region, text) if level != "none" else [])
    if not extra and level == assessment.level:
        return assessment
    # Something new to show: a new token, so a panel the person closed for the local result opens again.
    return replace(assessment, level=level, reasons=[*assessment.reasons, *extra], resources=resources,
                   token=uuid.uuid4().hex)


def second_opinion(assessment: Assessment, text: str, endpoint: Any, *, client: Any = None,
                   lang: str | None = None, region: str | None = None) -> Assessment:
    """``assessment`` raised by OpenAI moderation when ``endpoint.provider`` is OpenAI; unchanged otherwise.

    ``endpoint`` is a :class:`journal.ai.providers.Endpoint`. Any API failure
    (no network, a bad key, a timeout) is logged without the text and ignored.
    """
    if not should_use_moderation(getattr(endpoint, "provider", "")) or not text.strip():
        return assessment
    import openai

    from journal.ai.client import shared_client

    try:
        # The app's pooled client for this endpoint: no new connection per save. Never retried: the save waits.
        client = client or shared_client(endpoint.base_url, endpoint.api_key, MODERATION_TIMEOUT_SECONDS, 0)
        return merge(assessment, moderate(client, text), lang, region, text)
    except openai.OpenAIError as exc:
        log.warning("moderation second opinion skipped: %s", type(exc).__name__)
        return assessment


def _by_alias(model: Any) -> dict[str, Any]:
    """An openai pydantic model (or a plain dict) as a dict keyed by the API's names ("self-harm/intent")."""
    if isinstance(model, dict):
        return model
    if hasattr(model, "model_dump"):
        return model.model_dump(by_alias=True)
    return dict(vars(model))
