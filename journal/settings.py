"""The notebook's own settings (language, AI provider, share defaults) in ``settings.yaml``.

Settings live in the notebook folder so that they travel with an export, which
is exactly why no secret may ever be written here: keys come from the
environment or ``st.secrets`` only.
"""

from __future__ import annotations

import copy
import re
import threading
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl, urlsplit

import yaml

from journal.errors import BrokenFile, InvalidInput
from journal.store.atomic import atomic_write_text
from journal.store.sealed import read_text

if TYPE_CHECKING:
    from journal.ai.providers import AISettings

SETTINGS_FILE = "settings.yaml"
GENERAL_SECTION = "general"
# Names that hold credentials; "max_tokens" or "token_budget" are settings, not secrets.
_SECRET_KEY = re.compile(r"(api_?key|secret|password|passwd|access_?token|auth_?token|bearer|^token$)", re.IGNORECASE)
# Query parameters that carry credentials in a URL (``?api_key=``, ``?key=``, ``?access_token=``, ``?sig=``).
_SECRET_PARAM = re.compile(r"(key|token|secret|passw|pwd|auth|sig|credential)", re.IGNORECASE)
# The last parse of each settings.yaml, valid while its settings_stamp stays: the pages read a section or two on every
# rerun (the nudge, the prompt deck, onboarding), each a YAML parse (#19). Callers get a copy they may change.
_parsed: dict[Path, tuple[tuple[int, int, int], dict[str, Any]]] = {}
_parsed_lock = threading.Lock()
# A provider key pasted into the path of an address (``/v1/sk-…``): OpenAI-style, Anthropic, Hugging Face, GitHub.
_KEY_IN_TEXT = re.compile(r"\b(sk|sk-proj|sk-ant|hf|ghp|gsk|xai)[-_][A-Za-z0-9_-]{16,}")


def settings_path(home: Path) -> Path:
    return Path(home) / SETTINGS_FILE


def read_settings(home: Path) -> dict[str, Any]:
    """All settings; a missing or unreadable file counts as no settings at all.

    A vault's settings (names to hide when sharing, the person's own name) are
    sealed like the notes; while it is locked this raises ``VaultLocked``
    rather than answering "no settings", which the next write would make true.
    """
    path = settings_path(home)
    stamp = settings_stamp(home)
    with _parsed_lock:
        hit = _parsed.get(path)
    if stamp is not None and hit is not None and hit[0] == stamp:
        return copy.deepcopy(hit[1])
    try:
        data = yaml.safe_load(read_text(path))
    except (OSError, UnicodeDecodeError, yaml.YAMLError, BrokenFile):
        return {}
    data = data if isinstance(data, dict) else {}
    if stamp is not None:
        with _parsed_lock:
            _parsed[path] = (stamp, data)
    return copy.deepcopy(data)


def read_section(home: Path, section: str) -> dict[str, Any]:
    value = read_settings(home).get(section)
    return dict(value) if isinstance(value, dict) else {}


def write_section(home: Path, section: str, values: dict[str, Any]) -> None:
    """Replace one section, refusing anything that looks like a secret."""
    _refuse_secrets(values)
    data = read_settings(home)
    data[section] = values
    atomic_write_text(settings_path(home), yaml.safe_dump(data, allow_unicode=True, sort_keys=True))


def _refuse_secrets(values: Any, where: str = "") -> None:
    if isinstance(values, dict):
        for key, value in values.items():
            if _SECRET_KEY.search(str(key)) and value not in (None, ""):
                raise InvalidInput("errors.secret_in_settings", key=f"{where}{key}")
            _refuse_secrets(value, f"{where}{key}.")
    elif isinstance(values, (list, tuple)):
        for value in values:
            _refuse_secrets(value, where)
    elif isinstance(values, str):
        refuse_secret_in_url(values)


def url_has_secret(text: str) -> bool:
    """True when an address carries a credential: a user or password before ``@``, a key in the query or path.

    A key inside an address ends up wherever the address goes (settings.yaml,
    a backup, ``ai-check``'s output, a log line), so it is refused, not masked.
    """
    text = str(text).strip()
    if "://" not in text:
        return False
    try:
        parts = urlsplit(text)
        userinfo = parts.username is not None or parts.password is not None
        query = f"{parts.query}&{parts.fragment}"
    except ValueError:   # an unparsable bracket: judge the text alone
        userinfo = "@" in text.split("://", 1)[1].split("/", 1)[0]
        query = text.partition("?")[2].replace("#", "&")
    if userinfo:
        return True
    if any(_SECRET_PARAM.search(name) and value for name, value in parse_qsl(query, keep_blank_values=True)):
        return True
    return bool(_KEY_IN_TEXT.search(text))


def refuse_secret_in_url(text: str) -> None:
    """Raise the one sentence (naming the host only, never the secret) when ``text`` is an address holding a key."""
    if url_has_secret(text):
        raise InvalidInput("errors.secret_in_url", host=_host_of(text))


def _host_of(url: str) -> str:
    try:
        return urlsplit(url).hostname or "-"
    except ValueError:
        return "-"


@dataclass(frozen=True)
class GeneralSettings:
    """The Settings page's general tab: the interface language (None: automatic), what to call the writer, and the
    region whose help lines the crisis panel adds (None: the text's language alone)."""

    language: str | None = None
    name: str = ""
    region: str | None = None


@dataclass(frozen=True)
class Settings:
    """Every setting of a notebook, parsed from ``settings.yaml`` once and read as attributes.

    ``nb.settings`` hands out one of these per version of the file, so a story
    exchange that needs the writer's name, the model and the context size reads
    the YAML once, not once per question. Sections Duet has no type for yet
    stay reachable through :meth:`section`.
    """

    sections: dict[str, Any] = field(default_factory=dict)

    def section(self, name: str) -> dict[str, Any]:
        value = self.sections.get(name)
        return dict(value) if isinstance(value, dict) else {}

    @cached_property
    def general(self) -> GeneralSettings:
        from journal.safety.resources import normalize_region

        raw = self.section(GENERAL_SECTION)
        language = raw.get("language")
        return GeneralSettings(language=str(language) if language else None,
                               name=str(raw.get("name") or "").strip(),
                               region=normalize_region(str(raw.get("region") or "")))

    @cached_property
    def ai(self) -> "AISettings":
        from journal.ai.providers import SETTINGS_SECTION, AISettings

        return AISettings.from_dict(self.section(SETTINGS_SECTION))


def settings_stamp(home: Path) -> tuple[int, int, int] | None:
    """What changes whenever ``settings.yaml`` is rewritten (an atomic write is a new inode), or None."""
    try:
        stat = settings_path(home).stat()
    except OSError:
        return None
    return stat.st_ino, stat.st_mtime_ns, stat.st_size


def load_settings_file(home: Path) -> Settings:
    return Settings(read_settings(home))
