"""Rerun time of the Journal page (AppTest) with 10 and with 10,000 entries.

Run: .venv/bin/python benchmarks/journal_page.py
The first run of each AppTest opens the notebook (a full sync); the figure is
the median of later reruns, which is what a person waits for on each click.
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


def build(home: Path, count: int) -> None:
    from journal.notebook import Notebook

    nb = Notebook.open(home)
    rng = random.Random(1)
    start = datetime(2016, 1, 1, 21).astimezone()
    nb.create_entries({"body": f"entry {i} " + "雨夜玫瑰咖啡" * rng.randint(5, 40), "title": f"Day {i}",
                       "tags": [rng.choice(["love", "work", "C", "walk"])], "created": start + timedelta(hours=9 * i)}
                      for i in range(count))


def measure(home: Path) -> float:
    from streamlit.testing.v1 import AppTest

    os.environ["DUET_HOME"] = str(home)
    os.environ.setdefault("DUET_LANG", "en")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    times = []
    for _ in range(RUNS):
        t = time.perf_counter()
        at.run()
        times.append(time.perf_counter() - t)
    assert not at.exception, at.exception
    return statistics.median(times)


def main() -> None:
    for count in (10, 10_000):
        with tempfile.TemporaryDirectory() as tmp:
            home = Path(tmp) / "nb"
            build(home, count)
            print(f"{count:>6} entries: Journal page rerun median {measure(home) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
