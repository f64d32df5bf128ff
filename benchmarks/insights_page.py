"""Rerun time of the Insights page (AppTest) for ten years of daily entries, with and without story time.

Run: .venv/bin/python benchmarks/insights_page.py [--entries 3650]
Builds a notebook of one entry a day (mood, tags) ending today, plus stories
with a turn every few minutes on most evenings, then times the page's reruns
for each period. The first run opens the notebook (a full sync); the figure is
the median of later reruns, which is what a person waits for on each click.

Measured (2-core dev VM, 3,650 entries + 4,380 story turns): 50-74 ms per rerun with
the figures cached, 153-173 ms when they are read again (after an entry or a story changed).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
RUNS = 7
TURNS_PER_EVENING = 12


def build(home: Path, count: int, story_days: int) -> None:
    from journal.notebook import Notebook
    from journal.stories.model import Story, Turn

    nb = Notebook.open(home)
    rng = random.Random(6)
    today = date.today()
    first = today - timedelta(days=count - 1)
    nb.create_entries({"body": f"entry {i} " + "今天和C聊了很久 the river at night " * rng.randint(2, 20),
                       "title": f"Day {i}", "tags": rng.sample(["love", "work", "C", "walk", "rain", "family"], 2),
                       "mood": rng.randint(1, 5),
                       "created": datetime.combine(first + timedelta(days=i), datetime.min.time()).astimezone()
                       + timedelta(hours=21)}
                      for i in range(count))
    turns = []
    for d in range(story_days):
        evening = datetime.combine(today - timedelta(days=d), datetime.min.time()).astimezone() + timedelta(hours=20)
        turns += [Turn(id="", role="user" if k % 2 == 0 else "companion", alternatives=[f"line {d}-{k}"],
                       created=evening + timedelta(minutes=3 * k)) for k in range(TURNS_PER_EVENING)]
    turns.sort(key=lambda turn: turn.created)
    nb.stories.add(Story(id="", title="Long story", companion="wren", turns=turns))


def measure(home: Path, period: str, cold: bool = False) -> float:
    """Median rerun; ``cold`` clears the figures cache first each time (the cost after an entry changed)."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    os.environ["DUET_HOME"] = str(home)
    os.environ.setdefault("DUET_LANG", "en")
    at = AppTest.from_file(str(ROOT / "pages" / "insights.py"), default_timeout=120).run()
    at.segmented_control(key="insights_period").set_value(period).run()
    times = []
    for _ in range(RUNS):
        if cold:
            st.cache_resource.clear()
        start = time.perf_counter()
        at.run()
        times.append(time.perf_counter() - start)
    assert not at.exception, at.exception
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=3650)
    parser.add_argument("--story-days", type=int, default=365, help="evenings with story turns (12 turns each)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp) / "nb"
        start = time.perf_counter()
        build(home, args.entries, args.story_days)
        print(f"built {args.entries} entries and {args.story_days * TURNS_PER_EVENING} story turns "
              f"in {time.perf_counter() - start:.1f} s")
        for period in ("90d", "1y", "all"):
            print(f"{args.entries} entries, period {period:>3}: Insights page rerun median "
                  f"{measure(home, period) * 1000:.0f} ms (cached figures), "
                  f"{measure(home, period, cold=True) * 1000:.0f} ms (figures read again)")


if __name__ == "__main__":
    main()
