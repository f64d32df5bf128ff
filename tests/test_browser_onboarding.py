"""The first-run welcome page in a real browser: download a better model from a fake host, use it, start writing."""

from __future__ import annotations

import hashlib
from pathlib import Path
from urllib.parse import urlparse

import pytest
import yaml

from journal.ai.embedded import builtin_model_path
from journal.ai.providers import load_settings
from tests.browser import chromium_page, needs_chromium, streamlit_server
from tests.fake_model_host import FakeModelHost

pytestmark = [pytest.mark.browser, needs_chromium]
WAIT_MS = 60_000
DOWNLOAD_MS = 180_000
REPO = "test/Tiny-GGUF"


def _taste_answers(page) -> tuple[str, str]:
    """The text under "Now" and under "Candidate" in the taste test's two columns."""
    columns = page.locator("[data-testid='stColumn']").filter(has_text="Candidate").last.locator("..")
    texts = columns.locator("[data-testid='stColumn']").all_inner_texts()
    now = next(t for t in texts if t.startswith("Now"))
    candidate = next(t for t in texts if t.startswith("Candidate"))
    return now.split("\n", 1)[-1], candidate.split("\n", 1)[-1]


def test_welcome_page_downloads_a_model_and_uses_it(tmp_path: Path) -> None:
    model_file = builtin_model_path()
    data = model_file.read_bytes()
    catalogue = tmp_path / "catalogue.yaml"
    catalogue.write_text(yaml.safe_dump({"models": [{
        "name": "tiny-test", "label": "Tiny test model", "file": model_file.name, "size": len(data),
        "sha256": hashlib.sha256(data).hexdigest(), "checked_by": "computed by the test", "ram_gb": 0.5,
        "languages": ["en"], "chinese": "poor", "licence": "Apache-2.0", "recommended": True,
        "sources": {"huggingface": REPO}, "about": {"en": "A test model.", "zh": "测试模型。"}}]}), encoding="utf-8")
    home = tmp_path / "nb"
    outside: list[str] = []
    with FakeModelHost({f"{REPO}/{model_file.name}": data}) as host:
        env = {"DUET_CATALOGUE": str(catalogue), "DUET_MODELS": str(tmp_path / "models"), "HF_ENDPOINT": host.url}
        with streamlit_server(home, welcome=True, extra_env=env) as url, chromium_page(tmp_path) as page:
            page.on("request", lambda request: outside.append(request.url)
                    if urlparse(request.url).hostname not in ("127.0.0.1", "localhost") else None)
            page.goto(url, wait_until="networkidle")
            page.get_by_role("heading", name="Welcome to Duet").wait_for(timeout=WAIT_MS)
            page.get_by_text("Choose your companion's model").first.wait_for(timeout=WAIT_MS)
            page.get_by_text("needs about 0.5 GB of memory").first.wait_for(timeout=WAIT_MS)
            page.get_by_role("button", name="Download").click()
            page.get_by_text("Downloaded and verified.").wait_for(timeout=DOWNLOAD_MS)
            # The taste test: the same prompt answered by the model in use and by the candidate, side by side.
            page.get_by_role("button", name="Compare").click()
            page.get_by_text("Candidate", exact=False).first.wait_for(timeout=DOWNLOAD_MS)
            now, candidate = _taste_answers(page)
            assert now.strip() and candidate.strip()   # two real replies from the embedded model, not errors
            assert "error" not in (now + candidate).lower()
            page.get_by_role("button", name="Use this model").click()
            page.get_by_text("The companion now answers with Tiny test model").wait_for(timeout=WAIT_MS)
            page.get_by_role("button", name="Start writing").click()
            page.get_by_role("heading", name="Journal").wait_for(timeout=WAIT_MS)
            assert not page.get_by_text("Traceback").count()
        assert any(method == "GET" and path.startswith("/blobs/") for method, path, _ in host.requests)
    settings = load_settings(home)
    assert settings.model_path == str(tmp_path / "models" / model_file.name)
    assert (tmp_path / "models" / model_file.name).read_bytes() == data
    # Only the fake host served the model (the favicon request to Google is #20.4, fixed elsewhere).
    assert not [u for u in outside if "huggingface" in u or "modelscope" in u or "hf-mirror" in u]
