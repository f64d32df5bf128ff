"""What one click costs on the live server (#21): script runs and story-file rewrites, counted.

The Stories page sends the person's turn and streams the reply inside one ``st.fragment``
run with one rewrite of the story file; before #21 the same exchange took whole-page
runs, a queue in session state and two rewrites. On the Share page, editing the caption
reruns only the post maker fragment, never the page with its source picker. A test-only
``sitecustomize`` (tests/run_counter/) logs each run and each story rewrite of the server.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from journal.ai.providers import save_settings
from journal.notebook import Notebook
from tests.browser import chromium_page, needs_chromium, streamlit_server
from tests.fake_openai import FakeOpenAIServer, reply

pytestmark = [pytest.mark.browser, needs_chromium]
WAIT_MS = 30_000
COUNTER = Path(__file__).resolve().parent / "run_counter"


def _counted(home: Path, log: Path) -> dict[str, str]:
    return {"PYTHONPATH": str(COUNTER), "DUET_TEST_RUN_LOG": str(log), "DUET_HOME": str(home)}


def _settled(log: Path, page) -> list[str]:
    """The log once the server has been quiet for a moment (a run may still be finishing its writes)."""
    last = None
    for _ in range(20):
        page.wait_for_timeout(250)
        now = log.read_text("utf-8") if log.exists() else ""
        if now == last:
            break
        last = now
    return (last or "").split()


def test_one_story_exchange_is_one_fragment_run_and_one_rewrite(tmp_path: Path) -> None:
    home, log = tmp_path / "nb", tmp_path / "runs.log"
    nb = Notebook.open(home)
    wren = next(c for c in nb.companions.list() if c.slug == "wren-ashby")
    nb.stories.create(title="Rain", companion=wren.slug)
    with FakeOpenAIServer(default=reply("The kettle is on.")) as model:
        save_settings(home, {"provider": "compatible", "base_url": model.base_url, "model": "fake-model"})
        with streamlit_server(home, extra_env=_counted(home, log)) as url, chromium_page(tmp_path) as page:
            page.goto(f"{url}/stories", wait_until="networkidle")
            page.get_by_role("heading", name="Rain").wait_for(timeout=WAIT_MS)
            _settled(log, page)
            log.write_text("", "utf-8")
            box = page.get_by_test_id("stChatInputTextArea")
            box.fill("I brought the umbrella back.")
            box.press("Enter")
            page.get_by_text("The kettle is on.").first.wait_for(timeout=WAIT_MS)
            runs = _settled(log, page)
            assert not page.get_by_text("Traceback").count()
    story = Notebook.open(home).stories.get(Notebook.open(home).stories.list()[0].id)
    assert [t.text for t in story.turns][-2:] == ["I brought the umbrella back.", "The kettle is on."]
    assert runs == ["fragment", "write"], runs


def test_editing_the_caption_reruns_only_the_post(tmp_path: Path) -> None:
    home, log = tmp_path / "nb", tmp_path / "runs.log"
    Notebook.open(home).create_entry("The first night I wrote to C about the rain.", title="Rain")
    with streamlit_server(home, extra_env=_counted(home, log)) as url, chromium_page(tmp_path) as page:
        page.goto(f"{url}/share", wait_until="networkidle")
        page.get_by_test_id("stImage").first.wait_for(timeout=WAIT_MS)
        _settled(log, page)
        log.write_text("", "utf-8")
        caption = page.get_by_role("textbox", name="Caption", exact=True)
        caption.fill("Rain again tonight.")
        caption.press("Control+Enter")
        page.get_by_text("Rain again tonight.").first.wait_for(timeout=WAIT_MS)
        runs = _settled(log, page)
        assert not page.get_by_text("Traceback").count()
    assert runs == ["fragment"], runs


def test_stop_mid_reply_keeps_the_turn_and_what_arrived_in_one_rewrite(tmp_path: Path) -> None:
    from tests.fake_openai import trickle

    home, log = tmp_path / "nb", tmp_path / "runs.log"
    nb = Notebook.open(home)
    wren = next(c for c in nb.companions.list() if c.slug == "wren-ashby")
    story = nb.stories.create(title="Rain", companion=wren.slug)
    words = "The lighthouse still turns " + " ".join(f"beam{n}" for n in range(150))   # no loop for the guard to cut
    with FakeOpenAIServer(default=trickle(words, 0.2)) as model:
        save_settings(home, {"provider": "compatible", "base_url": model.base_url, "model": "fake-model"})
        with streamlit_server(home, extra_env=_counted(home, log)) as url, chromium_page(tmp_path) as page:
            page.goto(f"{url}/stories", wait_until="networkidle")
            page.get_by_role("heading", name="Rain").wait_for(timeout=WAIT_MS)
            _settled(log, page)
            log.write_text("", "utf-8")
            box = page.get_by_test_id("stChatInputTextArea")
            box.fill("Tell me about the lighthouse.")
            box.press("Enter")
            page.get_by_text("The lighthouse still turns").first.wait_for(timeout=WAIT_MS)
            page.get_by_role("button", name="Stop").click()
            page.get_by_text("stopped early").first.wait_for(timeout=WAIT_MS)
            runs = _settled(log, page)
            assert not page.get_by_text("Traceback").count()
    turns = Notebook.open(home).stories.get(story.id).turns
    assert turns[0].text == "Tell me about the lighthouse." and turns[1].text.startswith("The lighthouse still turns")
    assert len(turns) == 2 and len(turns[1].text) < len(words.strip())   # stopped halfway, what arrived kept
    assert turns[-1].extra.get("incomplete") is True
    assert runs.count("write") == 1 and "app" not in runs, runs
