"""Time `python -m journal search` over 10,000 entries, as a whole process and in-process.

Run: .venv/bin/python benchmarks/search_speed.py [--entries 10000] [--home DIR]
Builds the notebook once (reused when DIR already holds it), then times each
query over several runs and prints the median.
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

WORDS_EN = "rain rose walk code night river letter coffee morning quiet ocean train window".split()
WORDS_ZH = list("今天和聊了很久玫瑰夜晚河流信咖啡早晨安静海洋火车窗户想你梦见")
QUERIES = ["玫瑰", "聊", "river", "coffee morning", "想你梦见"]
RUNS = 7


def build(home: Path, count: int) -> None:
    from journal.notebook import Notebook

    nb = Notebook.open(home)
    have = nb.count_entries()
    rng = random.Random(42)
    start = datetime(2016, 1, 1, 21, 0).astimezone()
    for i in range(have, count):
        body = " ".join(rng.choice(WORDS_EN) for _ in range(60)) + "\n" + "".join(rng.choice(WORDS_ZH) for _ in range(120))
        nb.create_entry(body, title=f"Day {i}", tags=[rng.choice(WORDS_EN)], created=start + timedelta(hours=9 * i))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--home", type=Path, default=ROOT / "benchmarks/out/search-home")
    args = parser.parse_args()
    t0 = time.perf_counter()
    build(args.home, args.entries)
    print(f"notebook ready ({args.entries} entries) in {time.perf_counter() - t0:.1f}s")

    from journal.notebook import Notebook

    nb = Notebook.open(args.home)
    for query in QUERIES:
        process, inproc = [], []
        for _ in range(RUNS):
            t = time.perf_counter()
            subprocess.run([sys.executable, "-m", "journal", "--home", str(args.home), "search", query],
                           cwd=ROOT, check=True, capture_output=True)
            process.append(time.perf_counter() - t)
            t = time.perf_counter()
            hits = nb.search(query, limit=20)
            inproc.append(time.perf_counter() - t)
        print(f"{query!r:>18}: whole process median {statistics.median(process)*1000:6.0f} ms, "
              f"in-process median {statistics.median(inproc)*1000:6.1f} ms, {len(hits)} hits")


if __name__ == "__main__":
    main()
