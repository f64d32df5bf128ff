"""The curated list of better local models (``catalogue.yaml``), and where downloaded ones live.

A person who does not know what a GGUF file is picks a name from this list; the
entry says where the file comes from, how big it is, how much memory it needs,
which languages it writes, its licence, and the SHA-256 the download must match.
``DUET_CATALOGUE`` points at another list (an organisation's own, or a test's).
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from journal.ai.backend import Sampling
from journal.ai.model import BUILTIN_NAME, CatalogueModel
from journal.errors import BrokenFile, NotFound

CATALOGUE_FILE = Path(__file__).with_name("catalogue.yaml")
CATALOGUE_ENV = "DUET_CATALOGUE"
MODELS_ENV = "DUET_MODELS"
SOURCE_KINDS = ("huggingface", "modelscope")
SAMPLING_KEYS = ("temperature", "top_p", "repeat_penalty", "frequency_penalty", "presence_penalty", "dry_multiplier",
                 "max_tokens")
SHA256_HEX_LENGTH = 64
CHINESE_LEVELS = ("good", "fair", "poor")
# SmolLM2-135M, measured with benchmarks/repetition.py (20 scripted English turns): a firmer
# repeat penalty, a lower temperature and a shorter reply halve the looping of the old settings
# while staying on topic; llama.cpp's DRY sampler and the loop trim at journal.ai.cleanup's
# REPETITION_LIMIT take the mean repeated 4-gram share over 20 turns from 0.050 to 0.015 (max 0.44 to
# 0.10); the stop strings end a reply where it starts writing the person's turn.
BUILTIN_SAMPLING = Sampling(temperature=0.4, max_tokens=160, top_p=0.85, repeat_penalty=1.25, frequency_penalty=0.3,
                            dry_multiplier=0.8,
                            stop=("\nUser:", "\nYou:", "\n我：", "<|im_end|>"))


def _sampling(raw: Any, path: Path, name: str) -> Sampling:
    if raw is None:
        return Sampling()
    if not isinstance(raw, dict) or set(raw) - {*SAMPLING_KEYS, "stop"}:
        raise BrokenFile("models.errors.bad_catalogue", path=str(path), detail=f"{name}: sampling")
    values = {k: raw[k] for k in SAMPLING_KEYS if k in raw}
    stop = tuple(str(s) for s in raw.get("stop") or ())
    return Sampling(**values, stop=stop)


def _by_language(raw: Any) -> dict[str, str]:
    """``{en: …, zh: …}`` as written, or one plain string taken as English."""
    if isinstance(raw, dict):
        return {str(k): str(v) for k, v in raw.items()}
    return {"en": str(raw)} if raw else {}


def _model(raw: Any, path: Path) -> CatalogueModel:
    if not isinstance(raw, dict):
        raise BrokenFile("models.errors.bad_catalogue", path=str(path), detail="an entry is not a mapping")
    name = str(raw.get("name") or "")
    missing = [k for k in ("name", "label", "file", "ram_gb", "languages", "licence", "sources") if not raw.get(k)]
    if missing:
        raise BrokenFile("models.errors.bad_catalogue", path=str(path), detail=f"{name or '?'}: {', '.join(missing)}")
    sha = raw.get("sha256")
    if sha is not None and (not isinstance(sha, str) or len(sha) != SHA256_HEX_LENGTH
                            or any(c not in "0123456789abcdef" for c in sha)):
        raise BrokenFile("models.errors.bad_catalogue", path=str(path), detail=f"{name}: sha256")
    sources = raw["sources"]
    if not isinstance(sources, dict) or not set(sources) <= set(SOURCE_KINDS):
        raise BrokenFile("models.errors.bad_catalogue", path=str(path), detail=f"{name}: sources")
    if raw.get("size") is None and raw.get("approx_size") is None:
        raise BrokenFile("models.errors.bad_catalogue", path=str(path), detail=f"{name}: size")
    if "/" in str(raw["file"]) or "\\" in str(raw["file"]) or not str(raw["file"]).endswith(".gguf"):
        raise BrokenFile("models.errors.bad_catalogue", path=str(path), detail=f"{name}: file")
    return CatalogueModel(
        name=name, label=str(raw["label"]), file=str(raw["file"]),
        size=int(raw["size"]) if raw.get("size") is not None else None,
        approx_size=int(raw["approx_size"]) if raw.get("approx_size") is not None else None,
        sha256=sha, checked_by=_by_language(raw.get("checked_by")), ram_gb=float(raw["ram_gb"]),
        languages=tuple(str(x) for x in raw["languages"]), chinese=str(raw.get("chinese") or "poor"),
        licence=str(raw["licence"]), sources={str(k): str(v) for k, v in sources.items()},
        sampling=_sampling(raw.get("sampling"), path, name), context=int(raw.get("context") or 4096),
        system_suffix=str(raw.get("system_suffix") or ""),
        about=_by_language(raw.get("about")),
        recommended=bool(raw.get("recommended")), parameters=str(raw.get("parameters") or ""),
        family=str(raw.get("family") or ""),
    )


def catalogue_path() -> Path:
    env = os.environ.get(CATALOGUE_ENV)
    return Path(env).expanduser() if env else CATALOGUE_FILE


def load_catalogue(path: Path | None = None) -> list[CatalogueModel]:
    """Every model in the catalogue, validated; a broken file is one clear error, not a crash later."""
    path = path or catalogue_path()
    try:
        stamp = path.stat().st_mtime_ns
    except OSError as exc:
        raise BrokenFile("models.errors.bad_catalogue", path=str(path), detail=exc.strerror or str(exc)) from None
    return list(_load(path, stamp))


@lru_cache(maxsize=4)
def _load(path: Path, stamp: int) -> tuple[CatalogueModel, ...]:
    """Parsed once per version of the file: settings ask for it on every reply."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise BrokenFile("models.errors.bad_catalogue", path=str(path), detail=str(exc)[:200]) from None
    if not isinstance(data, dict) or not isinstance(data.get("models"), list):
        raise BrokenFile("models.errors.bad_catalogue", path=str(path), detail="models")
    models = tuple(_model(raw, path) for raw in data["models"])
    names = [m.name for m in models]
    if len(set(names)) != len(names):
        raise BrokenFile("models.errors.bad_catalogue", path=str(path), detail="duplicate names")
    return models


def find_model(name: str, catalogue: list[CatalogueModel] | None = None) -> CatalogueModel:
    for model in catalogue if catalogue is not None else load_catalogue():
        if model.name == name:
            return model
    raise NotFound("models.errors.unknown", name=name)


def model_for_file(path: str | Path, catalogue: list[CatalogueModel] | None = None) -> CatalogueModel | None:
    """The catalogue entry a .gguf file was downloaded as (by file name), if any."""
    file_name = Path(path).name
    try:
        models = catalogue if catalogue is not None else load_catalogue()
    except BrokenFile:
        return None
    return next((m for m in models if m.file == file_name), None)


def models_dir() -> Path:
    """Where downloaded models live: ``DUET_MODELS``, else the platform's per-user data folder.

    Not the notebook folder: a 2 GB file does not belong in a journal's backups and exports.
    """
    env = os.environ.get(MODELS_ENV)
    if env:
        return Path(env).expanduser()
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
        return base / "Duet" / "models"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / "Duet" / "models"
    base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "duet" / "models"
