"""One translation function for every string a person reads.

Catalogues are plain YAML files, one folder per language and one file per
area (``en/journal.yaml`` holds the keys ``journal.*``), so a translator edits
text without reading Python and helpers working on different areas never
touch the same file. ``{name}`` placeholders are filled with ``str.format``.
"""

from __future__ import annotations

import contextvars
import os
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

CATALOGUE_DIR = Path(__file__).parent
LANGUAGES: dict[str, str] = {"en": "English", "zh": "简体中文"}
DEFAULT_LANGUAGE = "en"

# libyaml's loader is ~10x faster; the catalogues are read on every CLI start.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_current: contextvars.ContextVar[str | None] = contextvars.ContextVar("duet_lang", default=None)


def normalize_language(value: str | None) -> str | None:
    """Map a locale string (``zh_CN.UTF-8``, ``en-US``, ``zh-Hans``) to a catalogue language."""
    if not value:
        return None
    head = value.strip().lower().replace("-", "_").split(".")[0].split("_")[0]
    return head if head in LANGUAGES else None


def system_language() -> str:
    """``DUET_LANG`` first, then the process locale, then English."""
    for var in ("DUET_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        lang = normalize_language(os.environ.get(var))
        if lang:
            return lang
    return DEFAULT_LANGUAGE


def set_language(lang: str | None) -> None:
    """Choose the language for this thread/context (a page rerun, a CLI run)."""
    _current.set(normalize_language(lang))


def current_language() -> str:
    return _current.get() or system_language()


def _flatten(prefix: str, node: Any, out: dict[str, str]) -> None:
    if isinstance(node, dict):
        for key, value in node.items():
            if not isinstance(key, str):  # YAML reads a bare yes/no/on/off key as a boolean
                raise ValueError(f"catalogue key {key!r} under {prefix!r} must be quoted")
            _flatten(f"{prefix}.{key}" if prefix else str(key), value, out)
    else:
        out[prefix] = str(node)


@lru_cache(maxsize=None)
def _area(lang: str, area: str) -> dict[str, str]:
    """One catalogue file, flattened: ``t("cli.x")`` parses only ``cli.yaml``, keeping the CLI's start-up light."""
    out: dict[str, str] = {}
    path = CATALOGUE_DIR / lang / f"{area}.yaml"
    if path.is_file():
        _flatten(area, yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER) or {}, out)
    return out


@lru_cache(maxsize=None)
def catalogue(lang: str) -> dict[str, str]:
    """Every key of one language, flattened to ``area.key.subkey``."""
    out: dict[str, str] = {}
    for path in sorted((CATALOGUE_DIR / lang).glob("*.yaml")):
        out.update(_area(lang, path.stem))
    return out


def _lookup(key: str, lang: str) -> str | None:
    return _area(lang, key.split(".", 1)[0]).get(key)


def has_key(key: str, lang: str | None = None) -> bool:
    return _lookup(key, normalize_language(lang) or current_language()) is not None


def t(key: str, /, lang: str | None = None, **params: Any) -> str:
    """The text for ``key`` in ``lang`` (default: the current language).

    A key missing from the chosen language falls back to English, then to the
    key itself, so a gap shows up as a visible key rather than a crash; the
    catalogue test makes such gaps fail CI.
    """
    lang = normalize_language(lang) or current_language()
    text = _lookup(key, lang)
    if text is None:
        text = _lookup(key, DEFAULT_LANGUAGE) or key
    if params:
        try:
            return text.format(**params)
        except (KeyError, IndexError, ValueError):
            return text
    return text


_PLURAL_LOCALES = {"en": "en", "zh": "zh_Hans"}


def tn(key: str, count: int, /, lang: str | None = None, **params: Any) -> str:
    """``key.one`` or ``key.other`` chosen by the language's CLDR plural rule ("1 card", "2 cards"; 张 for both).

    ``{count}`` is filled with ``count`` written for the locale ("1,234"); Babel is imported only here, keeping
    the CLI's start-up light.
    """
    from babel import Locale
    from babel.numbers import format_decimal

    lang = normalize_language(lang) or current_language()
    locale = Locale.parse(_PLURAL_LOCALES.get(lang, "en"))
    form = locale.plural_form(count)
    chosen = f"{key}.{form}" if _lookup(f"{key}.{form}", lang) is not None else f"{key}.other"
    return t(chosen, lang, count=format_decimal(count, locale=locale), **params)
