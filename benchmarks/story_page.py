"""Rerun time of the Stories page (AppTest) with a 20-turn and a 2,000-turn story open.

Run: .venv/bin/python benchmarks/story_page.py
Each story has realistic turns (mixed English and Chinese, a third of the
companion turns with regenerated alternatives). After a warm-up (imports), the
AppTest opens the notebook and the page; the figures are the first run that
opens the story, the median of later reruns (what a person waits for on each
click), and the median of sending a turn and getting a scripted FakeChat reply
(user turn saved, prompt assembled, reply streamed and saved, page redrawn).
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
RUNS = 10
SENDS = 5
SIZES = (20, 2_000)
SUMMARIZED_LAG = 20   # turns not yet folded into the summary in the built story
EN = "we walked along the harbour and talked about the rain, the books and the cat who owns the poetry shelf"
ZH = "今天晚上我们沿着海港走了很久，聊到雨、旧书，还有那只霸占诗歌书架的猫"


def build(home: Path, count: int) -> str:
    from journal.notebook import Notebook
    from journal.stories.model import Story, Turn

    nb = Notebook.open(home)
    rng = random.Random(1)
    start = datetime(2025, 4, 2, 21).astimezone()
    turns = []
    for i in range(count):
        role = "user" if i % 2 == 0 else "companion"
        text = f"{i}: " + " ".join(rng.choice((EN, ZH)) for _ in range(rng.randint(1, 4)))
        alternatives = [text, text[::-1]] if role == "companion" and i % 3 == 1 else [text]
        turns.append(Turn(id="", role=role, alternatives=alternatives, created=start + timedelta(minutes=3 * i)))
    # a long story has been summarized as it grew; without this every send would start a summary call
    covered = max(0, count - SUMMARIZED_LAG)
    story = nb.stories.add(Story(id="", title=f"{count} turns", companion="wren-ashby", companion_name="Wren",
                                 turns=turns, memories=["Our anniversary is April 2nd"],
                                 summary="They met at the bookshop and talk most evenings." if covered else "",
                                 summary_upto=covered))
    return story.id


def measure(home: Path, story_id: str) -> tuple[float, float, float, int]:
    """(first open, rerun median, send-and-reply median, turns drawn), in seconds."""
    from streamlit.testing.v1 import AppTest

    from journal.ai.chat import override_chat
    from tests.fake_chat import FakeChat

    class AlwaysReplies(FakeChat):
        """A scripted model that also answers the background summary call."""

        def stream_chat(self, messages, sampling=None):
            if not self.pending:
                self.enqueue("A summary.")
            return super().stream_chat(messages, sampling)

    chat = AlwaysReplies()
    override_chat(lambda home: chat)   # a scripted reply: the figure is Duet's own time
    os.environ["DUET_HOME"] = str(home)
    os.environ.setdefault("DUET_LANG", "en")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    at.switch_page("pages/stories.py").run()
    at.session_state["story_open"] = story_id
    started = time.perf_counter()
    at.run()
    first = time.perf_counter() - started
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        at.run()
        times.append(time.perf_counter() - started)
    shown = len(at.chat_message)
    sends = []
    for n in range(SENDS):
        chat.enqueue(["A reply ", "in pieces."])
        started = time.perf_counter()
        at.chat_input(key="story_input").set_value(f"message {n}").run()
        sends.append(time.perf_counter() - started)
    assert not at.exception, at.exception
    return first, statistics.median(times), statistics.median(sends), shown


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:   # warm-up: imports and caches, so both sizes start equal
        home = Path(tmp) / "nb"
        measure(home, build(home, 2))
    print(f"load average before: {os.getloadavg()[0]:.1f} (2 cores)")
    for count in SIZES:
        with tempfile.TemporaryDirectory() as tmp:
            home = Path(tmp) / "nb"
            story_id = build(home, count)
            size = next((home / "stories").glob("*.md")).stat().st_size
            first, median, send, shown = measure(home, story_id)
            print(f"{count:>5} turns ({size / 1024:.0f} KB file, {shown} turns drawn): open {first * 1000:.0f} ms, "
                  f"rerun median {median * 1000:.0f} ms, send + reply + save median {send * 1000:.0f} ms")


if __name__ == "__main__":
    main()
