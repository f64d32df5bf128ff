"""Prompts are files, not strings in code: ``prompts/<name>.<lang>.md`` with front matter.

A writer or translator can improve what the model is told without reading
Python. Each file declares its ``variables``; :func:`render_prompt` fills them
with ``string.Template`` (``$entry`` / ``${entry}``, so JSON examples and the
braces people type stay literal) and refuses a missing or an undeclared one,
so a typo fails loudly in tests instead of sending "$entry" to the model.
"""

from __future__ import annotations

import string
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from journal.errors import BrokenFile, InvalidInput, NotFound
from journal.paths import app_folder
from journal.store.documents import read_document

PROMPTS_DIR = app_folder() / "prompts"
PROMPT_LANGUAGES = ("en", "zh")
FALLBACK_LANGUAGE = "en"
REQUIRED_KEYS = ("name", "purpose", "variables", "language")


@dataclass(frozen=True)
class PromptTemplate:
    name: str
    language: str
    purpose: str
    variables: tuple[str, ...]
    text: str
    path: Path

    def render(self, **variables: Any) -> str:
        missing = [v for v in self.variables if v not in variables]
        if missing:
            raise InvalidInput("ai.prompts.missing_variable", name=self.name, variable=", ".join(missing))
        unknown = sorted(set(variables) - set(self.variables))
        if unknown:
            raise InvalidInput("ai.prompts.unknown_variable", name=self.name, variable=", ".join(unknown))
        return string.Template(self.text).substitute({k: str(v) for k, v in variables.items()}).strip()


def prompt_path(name: str, lang: str, folder: Path = PROMPTS_DIR) -> Path:
    return folder / f"{name}.{lang}.md"


def _load(path: Path) -> PromptTemplate:
    # Keyed by modification time, so an edited prompt is picked up without restarting the app.
    return _load_version(path, path.stat().st_mtime_ns)


@lru_cache(maxsize=None)
def _load_version(path: Path, mtime_ns: int) -> PromptTemplate:
    meta, body = read_document(path)
    missing = [key for key in REQUIRED_KEYS if key not in meta]
    if missing:
        raise BrokenFile("ai.prompts.missing_keys", path=str(path), keys=", ".join(missing))
    variables = meta.get("variables") or []
    if isinstance(variables, dict):  # variables may be documented as name: description
        variables = list(variables)
    if not isinstance(variables, list) or not all(isinstance(v, str) for v in variables):
        raise BrokenFile("ai.prompts.bad_variables", path=str(path))
    template = string.Template(body)
    if not template.is_valid():
        raise BrokenFile("ai.prompts.bad_placeholder", path=str(path))
    used = set(template.get_identifiers())
    if used != set(variables):
        raise BrokenFile(
            "ai.prompts.variables_mismatch", path=str(path),
            declared=", ".join(sorted(variables)) or "-", used=", ".join(sorted(used)) or "-",
        )
    return PromptTemplate(
        name=str(meta["name"]), language=str(meta["language"]), purpose=str(meta["purpose"]),
        variables=tuple(variables), text=body, path=path,
    )


def load_prompt(name: str, lang: str = FALLBACK_LANGUAGE, folder: Path = PROMPTS_DIR) -> PromptTemplate:
    """The template ``name`` in ``lang``, or in English when that language has no version."""
    for candidate in dict.fromkeys((lang, FALLBACK_LANGUAGE)):
        path = prompt_path(name, candidate, folder)
        if path.is_file():
            return _load(path)
    raise NotFound("ai.prompts.not_found", name=name)


def render_prompt(name: str, lang: str = FALLBACK_LANGUAGE, /, **variables: Any) -> str:
    """Load ``prompts/<name>.<lang>.md`` and fill every variable it declares (no more, no fewer).

    ``name`` and ``lang`` are positional-only, so a prompt may itself use variables called ``$name`` or ``$lang``.
    """
    return load_prompt(name, lang).render(**variables)


def list_prompts(folder: Path = PROMPTS_DIR) -> list[Path]:
    return sorted(folder.glob("*.md"))
