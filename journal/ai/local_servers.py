"""Model servers already running on this computer: Ollama, LM Studio, a llama.cpp server.

Each is asked on 127.0.0.1 at its usual port for the models it has, with a short
timeout, so the Settings panel can offer "use llama3.2 from Ollama" without the
person typing an address. Nothing here sends a prompt.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from journal.ai.model import LocalServer
from journal.ai.providers import COMPATIBLE, AISettings, load_settings, save_settings

PROBE_TIMEOUT_SECONDS = 0.6  # a local server answers in milliseconds; a closed port fails at once
HOST = "127.0.0.1"


@dataclass(frozen=True)
class ServerKind:
    id: str
    label: str
    port: int
    models_path: str  # where it lists its models
    preset: str  # the providers.PRESETS entry that fits it


KINDS: tuple[ServerKind, ...] = (
    ServerKind("ollama", "Ollama", 11434, "/api/tags", "ollama"),
    ServerKind("lmstudio", "LM Studio", 1234, "/v1/models", "lmstudio"),
    ServerKind("llamacpp", "llama.cpp server", 8080, "/v1/models", "custom"),
)


def _model_names(kind: ServerKind, data: object) -> list[str]:
    if not isinstance(data, dict):
        return []
    if kind.id == "ollama":
        items = data.get("models") or []
        return [str(m.get("name") or m.get("model")) for m in items if isinstance(m, dict) and (m.get("name") or m.get("model"))]
    items = data.get("data") or []
    return [str(m["id"]) for m in items if isinstance(m, dict) and m.get("id")]


def detect_local_servers(ports: Mapping[str, int] | None = None) -> list[LocalServer]:
    """The servers that answer, each with its model names (``ports`` overrides the usual ones, for tests)."""
    import httpx2

    found: list[LocalServer] = []
    with httpx2.Client(timeout=PROBE_TIMEOUT_SECONDS, trust_env=False) as client:
        for kind in KINDS:
            port = (ports or {}).get(kind.id, kind.port)
            root = f"http://{HOST}:{port}"
            try:
                response = client.get(root + kind.models_path)
            except httpx2.HTTPError:
                continue
            if response.status_code != 200:
                continue
            try:
                names = _model_names(kind, response.json())
            except ValueError:
                continue
            found.append(LocalServer(kind.id, kind.label, root + "/v1", kind.preset, names))
    return found


def use_local_server(home: Path | str, server: LocalServer, model: str) -> AISettings:
    """Make ``model`` on ``server`` the companion's model (an OpenAI-compatible provider at its address)."""
    settings = load_settings(home)
    return save_settings(home, replace(settings, provider=COMPATIBLE, preset=server.preset, base_url=server.base_url,
                                       model=model))
