""""Try another model" for one companion, behind the door: ``nb.companions.another_model``.

The check itself (golden moments replayed side by side, habit by habit) is
:func:`journal.stories.continuity.try_another_model`; this gives the Companions
page what it needs around it: the providers a person may try (OpenAI and the
known OpenAI-compatible services and local servers, or any address), a backend
built from that choice with keys read from secrets or the environment only
(never typed here, never stored), and the golden moments to count. Nothing of
the other model is saved: the person tunes the persona or the voice paragraph,
replays again, and switches on the Settings page once it is them again.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Mapping

if TYPE_CHECKING:
    from journal.notebook import Notebook

CUSTOM = "custom"


@dataclass(frozen=True)
class ProviderChoice:
    """One entry of the "other model" picker, with the address and model it starts from."""

    id: str              # "openai", a preset id, or "custom"
    label: str           # the product's name ("DeepSeek"); "" for an address typed by hand
    base_url: str
    model: str
    key_env: str | None  # where its key is read from (secrets or environment), shown so the person can set it
    local: bool          # a server on this machine: nothing leaves it


def provider_choices() -> list[ProviderChoice]:
    """OpenAI, every known compatible service and local server, and an address typed by hand (last)."""
    from journal.ai.providers import OPENAI_PRESET, PRESETS

    presets = [OPENAI_PRESET, *(p for p in PRESETS.values() if p.id != CUSTOM), PRESETS[CUSTOM]]
    return [ProviderChoice(p.id, p.label, p.base_url, p.model, p.key_env,
                           local=p.base_url.startswith(("http://localhost", "http://127.0.0.1"))) for p in presets]


def settings_for(choice_id: str, base_url: str, model: str) -> Any:
    """The AISettings of the other model (validated: a bad address is one clear sentence, nothing is saved)."""
    from journal.ai.providers import COMPATIBLE, OPENAI, AISettings

    provider = OPENAI if choice_id == OPENAI else COMPATIBLE
    data: dict[str, Any] = {"provider": provider, "base_url": base_url.strip(), "model": model.strip()}
    if provider == COMPATIBLE:
        data["preset"] = choice_id
    return AISettings.from_dict(data, strict=True)


class AnotherModel:
    """What the Companions page's "Try another model" panel asks of the notebook."""

    def __init__(self, nb: "Notebook") -> None:
        self.nb = nb

    def choices(self) -> list[ProviderChoice]:
        return provider_choices()

    def golden_count(self, slug: str) -> int:
        from journal.stories.continuity import golden_moments

        return len(golden_moments(self.nb, slug))

    def replay(self, slug: str, choice_id: str, base_url: str, model: str,
               secrets: Mapping[str, Any] | None = None) -> dict[str, Any]:
        """The golden moments through the chosen model, beside the originals, and the habits it kept and lost.

        Returns ``{"label", "rows", "habits"}`` (see :func:`journal.stories.continuity.try_another_model`);
        raises the provider's DuetError (no key, no address) before any moment is sent.
        """
        from journal.ai.chat import chat_for_settings
        from journal.ai.providers import remote_target
        from journal.stories.continuity import try_another_model

        settings = settings_for(choice_id, base_url, model)
        backend = chat_for_settings(settings, secrets)
        target = remote_target(settings)
        label = f"{target.label} · {target.model}" if target.label != target.base_url else target.model
        result = try_another_model(self.nb, slug, {label: backend})
        return {"label": label, "rows": result["rows"], "habits": result["habits"][label]}
