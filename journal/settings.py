"""The notebook's own settings (language, AI provider, share defaults) in ``settings.yaml``.

Settings live in the notebook folder so that they travel with an export, which
is exactly why no secret may ever be written here: keys come from the
environment or ``st.secrets`` only.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from journal.errors import InvalidInput
from journal.store.atomic import atomic_write_text

SETTINGS_FILE = "settings.yaml"
# Names that hold credentials; "max_tokens" or "token_budget" are settings, not secrets.
_SECRET_KEY = re.compile(r"(api_?key|secret|password|passwd|access_?token|auth_?token|bearer|^token$)", re.IGNORECASE)


def settings_path(home: Path) -> Path:
    return Path(home) / SETTINGS_FILE


def read_settings(home: Path) -> dict[str, Any]:
    """All settings; a missing or unreadable file counts as no settings at all."""
    path = settings_path(home)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return {}
    return data if isinstance(data, dict) else {}


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
