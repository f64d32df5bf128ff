"""``nb.ai``: the model panel's and AI settings' door: which model answers, the catalogue, downloads, checks.

A thin face over the modules that do the work (:mod:`journal.ai.providers`,
:mod:`~journal.ai.models`, :mod:`~journal.ai.downloads`, :mod:`~journal.ai.download_jobs`,
:mod:`~journal.ai.local_servers`, :mod:`~journal.ai.check`, :mod:`~journal.ai.chat`),
so a page names the Notebook and :mod:`journal.ai.model`'s plain values only.
Each module is imported when its first method is called: a page that never
opens the model panel never loads the download code.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from journal.ai.model import AISettings, CatalogueModel, CheckResult, LocalServer

if TYPE_CHECKING:
    from journal.ai.backend import ChatBackend
    from journal.ai.downloads import DownloadStatus
    from journal.notebook import Notebook

Secrets = Mapping[str, Any] | None


def _ai(module: str) -> Any:
    return importlib.import_module(f"journal.ai.{module}")


class NotebookAI:
    """The AI side of one notebook; every method reads or writes only what its name says."""

    def __init__(self, nb: "Notebook") -> None:
        self.nb = nb

    # -- settings and keys -----------------------------------------------------------------------------------
    @property
    def settings(self) -> AISettings:
        """The ``ai`` section of settings.yaml, typed (read once per change of the file)."""
        return self.nb.settings.ai

    def save(self, settings: AISettings | Mapping[str, Any]) -> AISettings:
        """Validate and store (InvalidInput for a bad value, nothing written then)."""
        return _ai("providers").save_settings(self.nb.home, settings)

    def check_usable(self, settings: AISettings, secrets: Secrets = None) -> None:
        """Raise the one sentence that says why ``settings`` cannot answer yet (no key, no address…)."""
        _ai("providers").check_usable(settings, secrets)

    @staticmethod
    def find_key(env: str | None, secrets: Secrets = None) -> str | None:
        return _ai("providers").find_key(env, secrets)

    @staticmethod
    def mask_key(key: str | None) -> str:
        return _ai("providers").mask_key(key)

    def check(self, settings: AISettings | None = None, secrets: Secrets = None) -> CheckResult:
        """Describe the provider and time one tiny reply; never raises for AI failures."""
        return _ai("check").run_check(self.nb.home, secrets=secrets, settings=settings or self.settings)

    @staticmethod
    def format_seconds(value: float | None) -> str:
        return _ai("check").format_seconds(value)

    def chat(self, secrets: Secrets = None, settings: AISettings | None = None) -> "ChatBackend":
        """The model that answers now, or the one ``settings`` would choose (a taste test's candidate)."""
        if settings is None:
            return _ai("chat").get_chat(self.nb, secrets=secrets)
        return _ai("chat").chat_for_settings(settings, secrets)

    # -- the built-in model and the welcome page -------------------------------------------------------------
    @staticmethod
    def builtin_model_path() -> Path | None:
        return _ai("embedded").builtin_model_path()

    @staticmethod
    def default_threads() -> int:
        return _ai("embedded").default_threads()

    def needs_onboarding(self) -> bool:
        """Whether the welcome page (choose a model) is still to be shown for this notebook."""
        return _ai("models").needs_onboarding(self.nb.home)

    def finish_onboarding(self) -> None:
        _ai("models").finish_onboarding(self.nb.home)

    # -- the catalogue and downloads -------------------------------------------------------------------------
    @staticmethod
    def catalogue() -> list[CatalogueModel]:
        return _ai("catalogue").load_catalogue()

    def current_model_name(self, settings: AISettings | None = None) -> str | None:
        """The catalogue name of the model in use (the built-in one included), or None for another."""
        return _ai("models").current_model_name(settings or self.settings)

    def use_model(self, name: str) -> AISettings:
        """Switch to an installed catalogue model (or the built-in one) and save that choice."""
        return _ai("models").use_model(self.nb.home, name)

    def service_settings(self, service: str) -> AISettings:
        """The current settings switched to ``service`` (a compatible preset or OpenAI), not saved."""
        return _ai("models").service_settings(self.nb.home, service)

    @staticmethod
    def taste(chat: "ChatBackend", prompt: str) -> str:
        return _ai("models").taste(chat, prompt)

    @staticmethod
    def download_status(model: CatalogueModel) -> "DownloadStatus | None":
        return _ai("downloads").read_status(model)

    @staticmethod
    def installed_path(model: CatalogueModel) -> Path:
        return _ai("downloads").installed_path(model)

    @staticmethod
    def is_verified(model: CatalogueModel) -> bool:
        return _ai("downloads").is_verified(model)

    @staticmethod
    def available_ram_gb() -> float:
        return _ai("downloads").available_ram_gb()

    @staticmethod
    def download_source(kind_or_url: str) -> Any:
        """Where to download from: ``huggingface``, ``modelscope`` or a mirror's address (InvalidInput if bad)."""
        return _ai("downloads").parse_source(kind_or_url)

    @staticmethod
    def start_download(model: CatalogueModel, source: Any = None) -> None:
        """Start (or resume) the download in its own process; closing the page changes nothing."""
        _ai("download_jobs").start_background_download(model, source)

    @staticmethod
    def pause_download(model: CatalogueModel) -> None:
        _ai("download_jobs").pause_download(model)

    @staticmethod
    def cancel_download(model: CatalogueModel) -> None:
        _ai("download_jobs").cancel_download(model)

    @staticmethod
    def remove_model(model: CatalogueModel) -> bool:
        return _ai("download_jobs").remove_model(model)

    # -- servers already running on this machine -------------------------------------------------------------
    @staticmethod
    def detect_local_servers() -> list[LocalServer]:
        return _ai("local_servers").detect_local_servers()

    def use_local_server(self, server: LocalServer, model: str) -> AISettings:
        return _ai("local_servers").use_local_server(self.nb.home, server, model)
