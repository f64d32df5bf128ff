"""Getting a catalogue model onto this computer: resumable, checked before use, independent of the page.

The transfer is ``huggingface_hub``'s own (``get_hf_file_metadata`` for the HEAD with
size and ETag, following the Hub's redirects; ``http_get`` for the ranged GET that
resumes a partial file), pointed at Hugging Face, a mirror in the ``HF_ENDPOINT``
style, or ModelScope (whose resolve path differs, so the URL is built here).

What this module adds is the policy: the disk-space check before starting, the
``.part`` file that a killed download resumes from, the SHA-256 check before the file
gets its real name (a mismatch deletes the partial), and a status file that any
process can read. Running it in a process of its own, pause and cancel are
:mod:`journal.ai.download_jobs`.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from journal.ai.catalogue import CatalogueModel, models_dir
from journal.ai.model import DONE, DOWNLOADING, FAILED, HUGGINGFACE, MIRROR, MODELSCOPE, PAUSED, VERIFYING
from journal.errors import DuetError, InvalidInput

HF_ENDPOINT_ENV = "HF_ENDPOINT"  # the variable huggingface_hub and hf-mirror.com users already know
HUGGINGFACE_ENDPOINT = "https://huggingface.co"
MODELSCOPE_ENDPOINT = "https://modelscope.cn"
MODELSCOPE_ENV = "MODELSCOPE_ENDPOINT"
HF_REVISION = "main"
MODELSCOPE_REVISION = "master"
DISK_MARGIN_BYTES = 256 * 1024 * 1024  # room left free after the download: a full disk breaks the notebook too
HASH_CHUNK_BYTES = 8 * 1024 * 1024
STATUS_EVERY_SECONDS = 0.5
METADATA_TIMEOUT_SECONDS = 15.0
PART_SUFFIX = ".part"
STATUS_FOLDER = ".status"
VERIFIED_FILE = ".verified.json"
_SHA256 = re.compile(r"^[0-9a-f]{64}$")

# Download states, as the status file and ``models list`` report them.


class ModelDownloadError(DuetError):
    """A download that cannot start or did not finish; the partial file is kept unless it is wrong."""


class ModelChecksumMismatch(ModelDownloadError):
    """The downloaded bytes are not the file the catalogue (or the server) promised; the partial is deleted."""


class NotEnoughSpace(ModelDownloadError):
    """The disk cannot hold the model; refused before a byte is downloaded."""


@dataclass(frozen=True)
class Source:
    """Where a file comes from: Hugging Face, a mirror of it, or ModelScope."""

    kind: str
    endpoint: str

    def label(self) -> str:
        return self.endpoint if self.kind == MIRROR else self.kind

    def url_for(self, model: CatalogueModel) -> str:
        from huggingface_hub import hf_hub_url

        if self.kind == MODELSCOPE:
            repo = model.sources.get(MODELSCOPE)
            if not repo:
                raise InvalidInput("models.errors.no_modelscope", name=model.name)
            return f"{self.endpoint}/models/{repo}/resolve/{MODELSCOPE_REVISION}/{model.file}"
        repo = model.sources.get(HUGGINGFACE)
        if not repo:
            raise InvalidInput("models.errors.no_huggingface", name=model.name)
        return hf_hub_url(repo, model.file, revision=HF_REVISION, endpoint=self.endpoint)


def parse_source(value: str | None = None) -> Source:
    """``huggingface`` (or nothing: ``HF_ENDPOINT`` when set), ``modelscope``, or a mirror's address."""
    value = (value or "").strip()
    if not value or value == HUGGINGFACE:
        endpoint = os.environ.get(HF_ENDPOINT_ENV, "").strip().rstrip("/")
        return Source(MIRROR, endpoint) if endpoint and endpoint != HUGGINGFACE_ENDPOINT else Source(HUGGINGFACE, HUGGINGFACE_ENDPOINT)
    if value == MODELSCOPE:
        return Source(MODELSCOPE, os.environ.get(MODELSCOPE_ENV, MODELSCOPE_ENDPOINT).rstrip("/"))
    if value.startswith(("http://", "https://")):
        return Source(MIRROR, value.rstrip("/"))
    raise InvalidInput("models.errors.bad_source", source=value)


# -- where things are ---------------------------------------------------------------------

def installed_path(model: CatalogueModel, folder: Path | None = None) -> Path:
    return (folder or models_dir()) / model.file


def partial_path(model: CatalogueModel, folder: Path | None = None) -> Path:
    return (folder or models_dir()) / (model.file + PART_SUFFIX)


def status_path(model: CatalogueModel, folder: Path | None = None) -> Path:
    return (folder or models_dir()) / STATUS_FOLDER / f"{model.name}.json"


@dataclass
class DownloadStatus:
    """What a download is doing, written by the downloading process, read by anyone."""

    name: str
    state: str
    done: int = 0
    total: int | None = None
    source: str = ""
    pid: int | None = None
    error: str | None = None
    updated: float = 0.0

    @property
    def fraction(self) -> float:
        return min(1.0, self.done / self.total) if self.total else 0.0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def write_status(model: CatalogueModel, status: DownloadStatus, folder: Path | None = None) -> None:
    path = status_path(model, folder)
    path.parent.mkdir(parents=True, exist_ok=True)
    status.updated = time.time()
    temp = path.with_suffix(f".{os.getpid()}.tmp")
    temp.write_text(json.dumps(status.to_dict()), encoding="utf-8")
    os.replace(temp, path)


def process_alive(pid: int | None) -> bool:
    if not pid:
        return False
    try:
        import psutil

        process = psutil.Process(pid)
        return process.is_running() and process.status() != psutil.STATUS_ZOMBIE
    except Exception:  # psutil.NoSuchProcess, AccessDenied: not ours to watch
        return False


def read_status(model: CatalogueModel, folder: Path | None = None) -> DownloadStatus | None:
    """The last status, corrected by the facts: a "downloading" process that died is "paused" at its partial's size."""
    path = status_path(model, folder)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        status = DownloadStatus(**{k: data[k] for k in DownloadStatus.__dataclass_fields__ if k in data})
    except (OSError, ValueError, TypeError):
        status = None
    part = partial_path(model, folder)
    if status is None:
        if part.exists():
            return DownloadStatus(model.name, PAUSED, part.stat().st_size, model.size)
        return None
    if status.state in (DOWNLOADING, VERIFYING) and not process_alive(status.pid):
        status.state = PAUSED
        status.pid = None
    if status.state == PAUSED:
        status.done = part.stat().st_size if part.exists() else 0
    return status


# -- checks ---------------------------------------------------------------------------------

def free_bytes(folder: Path) -> int:
    """Free space where ``folder`` is (its nearest existing parent)."""
    probe = folder
    while not probe.exists() and probe.parent != probe:
        probe = probe.parent
    return shutil.disk_usage(probe).free


def check_disk(model: CatalogueModel, folder: Path, already: int = 0, total: int | None = None) -> None:
    """Refuse before starting when the rest of the file plus a margin does not fit."""
    needed = max(0, (total or model.download_size) - already) + DISK_MARGIN_BYTES
    free = free_bytes(folder)
    if free < needed:
        raise NotEnoughSpace("models.errors.no_space", name=model.label, needed=_gb(needed), free=_gb(free),
                             folder=str(folder))


def available_ram_gb() -> float:
    import psutil

    return psutil.virtual_memory().available / 1024**3


def check_ram(model: CatalogueModel, available: float | None = None) -> None:
    """Refuse to load a model the machine cannot hold right now (it would swap the whole computer to a crawl)."""
    available = available_ram_gb() if available is None else available
    if available < model.ram_gb:
        raise ModelDownloadError("models.errors.no_ram", name=model.label, needed=f"{model.ram_gb:g}",
                                 available=f"{available:.1f}")


def _gb(value: int) -> str:
    return f"{value / 1024**3:.2f}"


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(HASH_CHUNK_BYTES):
            digest.update(chunk)
    return digest.hexdigest()


def verified_index(folder: Path) -> dict[str, Any]:
    try:
        data = json.loads((folder / VERIFIED_FILE).read_text(encoding="utf-8"))
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}


def _record_verified(path: Path, sha: str) -> None:
    index = verified_index(path.parent)
    stat = path.stat()
    index[path.name] = {"sha256": sha, "size": stat.st_size, "mtime_ns": stat.st_mtime_ns}
    temp = path.parent / (VERIFIED_FILE + ".tmp")
    temp.write_text(json.dumps(index, indent=1), encoding="utf-8")
    os.replace(temp, path.parent / VERIFIED_FILE)


def forget_verified(path: Path) -> None:
    """A deleted model leaves no record behind (a new file of that name must be checked again)."""
    index = verified_index(path.parent)
    if index.pop(path.name, None) is not None:
        temp = path.parent / (VERIFIED_FILE + ".tmp")
        temp.write_text(json.dumps(index, indent=1), encoding="utf-8")
        os.replace(temp, path.parent / VERIFIED_FILE)


def is_verified(model: CatalogueModel, folder: Path | None = None) -> bool:
    """The installed file is the one that passed the checksum, unchanged since (size and time), or hashes right now."""
    path = installed_path(model, folder)
    if not path.is_file():
        return False
    record = verified_index(path.parent).get(path.name) or {}
    stat = path.stat()
    expected = model.sha256 or record.get("sha256")
    if record.get("size") == stat.st_size and record.get("mtime_ns") == stat.st_mtime_ns and record.get("sha256") == expected:
        return True
    if expected and sha256_of(path) == expected:
        _record_verified(path, expected)
        return True
    return False


# -- the download itself --------------------------------------------------------------------

def _progress_class(report: Callable[[int, int | None], None]) -> type:
    """A tqdm that also reports bytes so far (huggingface_hub drives it; it may be disabled for display)."""
    from tqdm.auto import tqdm

    class Progress(tqdm):  # type: ignore[misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            self._bytes = int(kwargs.get("initial") or 0)
            self._total = kwargs.get("total")
            super().__init__(*args, **kwargs)

        def update(self, n: float | None = 1) -> bool | None:
            self._bytes += int(n or 0)
            report(self._bytes, self._total)
            return super().update(n)

    return Progress


def download_model(model: CatalogueModel, source: Source | None = None, *, folder: Path | None = None,
                   on_progress: Callable[[int, int | None], None] | None = None) -> Path:
    """Download (or resume) ``model`` into ``folder`` and verify it; returns the installed path.

    Raises NotEnoughSpace before any byte moves, ModelChecksumMismatch (partial deleted)
    when the bytes are not the promised file, ModelDownloadError for network and server
    failures (partial kept, so the next call resumes).
    """
    from huggingface_hub.file_download import get_hf_file_metadata, http_get

    source = source or parse_source()
    folder = folder or models_dir()
    folder.mkdir(parents=True, exist_ok=True)
    final, part = installed_path(model, folder), partial_path(model, folder)
    if final.is_file() and is_verified(model, folder):
        return final
    url = source.url_for(model)
    status = DownloadStatus(model.name, DOWNLOADING, source=source.label(), pid=os.getpid())
    try:
        meta = get_hf_file_metadata(url, timeout=METADATA_TIMEOUT_SECONDS, retry_on_errors=True)
    except Exception as exc:  # httpx2 and huggingface_hub errors: unreachable, 404, 401 (gated)
        raise ModelDownloadError("models.errors.unreachable", url=url, reason=_reason(exc)) from None
    if model.size and meta.size and meta.size != model.size:
        raise ModelChecksumMismatch("models.errors.wrong_size", name=model.label, expected=model.size, got=meta.size)
    total = model.size or meta.size
    expected_sha = model.sha256 or (meta.etag if meta.etag and _SHA256.match(meta.etag) else None)
    if not expected_sha:
        raise ModelDownloadError("models.errors.unverifiable", name=model.label)
    already = part.stat().st_size if part.exists() else 0
    if total is not None and already > total:
        part.unlink()
        already = 0
    check_disk(model, folder, already, total)
    status.done, status.total = already, total
    write_status(model, status, folder)
    last = [0.0]

    def report(done: int, size: int | None) -> None:
        if on_progress is not None:
            on_progress(done, size or total)
        now = time.monotonic()
        if now - last[0] >= STATUS_EVERY_SECONDS:
            last[0] = now
            status.done, status.total = done, size or total
            write_status(model, status, folder)

    try:
        with part.open("ab") as handle:
            http_get(url, handle, resume_size=already, expected_size=total, tqdm_class=_progress_class(report),
                     displayed_filename=model.file)
    except Exception as exc:
        status.state, status.error = PAUSED, _reason(exc)
        status.done = part.stat().st_size if part.exists() else 0
        write_status(model, status, folder)
        raise ModelDownloadError("models.errors.interrupted", name=model.label, reason=_reason(exc)) from None
    status.state, status.done = VERIFYING, part.stat().st_size
    write_status(model, status, folder)
    actual = sha256_of(part)
    if actual != expected_sha:
        part.unlink(missing_ok=True)
        status.state, status.error = FAILED, "checksum"
        write_status(model, status, folder)
        raise ModelChecksumMismatch("models.errors.checksum", name=model.label, expected=expected_sha[:12],
                                    got=actual[:12])
    from journal.ai.embedded import GGUF_MAGIC

    with part.open("rb") as handle:
        if handle.read(len(GGUF_MAGIC)) != GGUF_MAGIC:
            part.unlink(missing_ok=True)
            raise ModelChecksumMismatch("models.errors.not_gguf", name=model.label)
    os.replace(part, final)
    _record_verified(final, expected_sha)
    status.state, status.pid = DONE, None
    write_status(model, status, folder)
    return final


def _reason(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text[:200]
