"""Every test gets a fresh, empty notebook and English unless it asks otherwise."""

from __future__ import annotations

import os
import sys
import tempfile
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# The safety classifier's cached counts (journal.safety.learned) go to a temp folder, never the person's ~/.cache;
# shared by the test processes (CLI subprocesses inherit it) so each trains at most once.
os.environ.setdefault("DUET_SAFETY_CACHE", str(Path(tempfile.gettempdir()) / f"duet-test-safety-cache-{os.getuid()}"))
# With no cache yet, a check trains the classifier on the spot instead of in the background with the rules alone
# meanwhile (journal.safety.learned.active_model): every test sees the same levels whatever ran before it.
os.environ.setdefault("DUET_SAFETY_TRAIN_SYNC", "1")


@pytest.fixture(autouse=True)
def duet_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "notebook"
    monkeypatch.setenv("DUET_HOME", str(home))
    monkeypatch.setenv("DUET_LANG", "en")
    monkeypatch.setenv("DUET_MODELS", str(tmp_path / "models"))   # never the person's downloaded models
    monkeypatch.delenv("DUET_CATALOGUE", raising=False)
    monkeypatch.delenv("HF_ENDPOINT", raising=False)
    monkeypatch.setenv("DUET_WELCOME", "0")   # pages open as before; the welcome page has its own tests
    for var in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "DEEPSEEK_API_KEY", "DASHSCOPE_API_KEY",
                "MOONSHOT_API_KEY", "OPENROUTER_API_KEY"):
        monkeypatch.delenv(var, raising=False)
    from journal.i18n import set_language

    set_language(None)
    return home


@pytest.fixture(autouse=True)
def _clear_streamlit_caches():
    """st.cache_resource outlives an AppTest run; a stale Notebook would point at another test's folder."""
    yield
    st = sys.modules.get("streamlit")
    if st is None:
        return
    st.cache_resource.clear()
    st.cache_data.clear()


def _full_sync_without_delay() -> None:
    common = sys.modules.get("ui.common")   # imported by the first app run; never imported here for nothing
    if common is not None:
        common.FULL_SYNC_DELAY_SECONDS = 0.0


@pytest.fixture(autouse=True)
def _background_sync_ends_with_its_test():
    """The app's background full sync (ui/common.py) waits seconds after the first page; in the suite its CPU would
    land in whichever test runs next (process_time counts every thread) and upset the CPU-ratio guards. Here it
    starts at once and the test that started it waits for it. The live app keeps its delay."""
    _full_sync_without_delay()
    yield
    _full_sync_without_delay()
    for thread in [t for t in threading.enumerate() if t.name == "duet-full-sync"]:
        thread.join(timeout=120)


@pytest.fixture
def notebook(duet_home: Path):
    from journal.notebook import Notebook

    return Notebook.open(duet_home)


@pytest.fixture
def app_path() -> str:
    return str(ROOT / "app.py")


APP_TIMEOUT = 30


@pytest.fixture
def open_page(app_path: str):
    """``open_page("pages/x.py")``: the app run once, then switched to that page and run, with no exception."""
    from streamlit.testing.v1 import AppTest

    def opened(page: str, *, timeout: float = APP_TIMEOUT) -> AppTest:
        app = AppTest.from_file(app_path, default_timeout=timeout)
        app.run()
        app.switch_page(page)
        app.run()
        assert not app.exception
        return app
    return opened


@pytest.fixture(autouse=True)
def _no_model_override():
    """A scripted model registered by one test never answers the next one."""
    yield
    from journal.ai.chat import override_chat

    override_chat(None)


def use_chat(backend):
    """Register ``backend`` (a FakeChat or any ChatBackend) as every notebook's model until the test ends."""
    from journal.ai.chat import override_chat

    override_chat(lambda home: backend)
    return backend


@pytest.fixture
def chat():
    """A scripted model (``tests/fake_chat.py``) answering every page and CLI call of this test."""
    from tests.fake_chat import FakeChat

    return use_chat(FakeChat())
