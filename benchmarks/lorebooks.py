"""Prompt assembly with a 500-entry lorebook in a 2,000-turn story: the issue's "under 50 ms" (#14).

Run: .venv/bin/python benchmarks/lorebooks.py [--runs 10]
Builds a throwaway notebook: a companion whose card carries a 500-entry
``character_book`` (keys in English and Chinese, a third selective with each
of the four logics, recursion on) and a 2,000-turn story of varied text, so
neither search nor key scanning is flattered. Prints the median of ``--runs``
assemblies with the lorebook and, interleaved, without it, and the ratio;
the figure the issue names is the first. On a shared, loaded machine the
CPU time of the same assembly (``time.process_time``) is printed too.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TURNS, ENTRIES, BUDGET = 2_000, 500, 8_000
TARGET_SECONDS = 0.050
WORDS = ("rain tea books harbour ferry lamp window kettle letter garden bridge market bakery shelf poem cat "
         "river winter coat stairs radio bicycle station ticket museum candle blanket piano orchard cliff gull").split()


def build(nb, turns: int = TURNS, entries: int = ENTRIES):
    """A long story and a large lorebook (the card's ``character_book``); returns (story, companion)."""
    from journal.stories.model import Story, Turn

    rng = random.Random(14)
    book = {"name": "Big", "scan_depth": 4, "recursive_scanning": True, "entries": [
        {"keys": [f"place{n}", f"地名{n}"], "content": f"Lore {n}: place{n + 1} lies east of the {rng.choice(WORDS)}.",
         "enabled": True, "insertion_order": n, "selective": n % 3 == 0,
         "secondary_keys": [rng.choice(WORDS), rng.choice(WORDS)], "extensions": {"selectiveLogic": n % 4}}
        for n in range(entries)]}
    companion = nb.companions.create("Big", description="Big lore.", character_book=book)
    history = [Turn(id=f"t{n}", role="user" if n % 2 == 0 else "companion",
                    alternatives=[" ".join(rng.choice(WORDS) for _ in range(18)) + f" place{rng.randrange(entries)} 聊到很晚。"])
               for n in range(turns)]
    story = nb.stories.add(Story(id="", title="Long", companion=companion.slug, turns=history))
    return story, nb.companions.get(companion.slug)


def timed(nb, story, companion, clock=time.perf_counter) -> float:
    """Seconds one assembly takes on ``clock`` (wall time; ``time.process_time`` for CPU time on a busy machine)."""
    from journal.stories.memory import assemble

    started = clock()
    assemble(nb, story, companion, budget=BUDGET)
    return clock() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        os.environ["DUET_HOME"] = folder
        from journal.notebook import Notebook
        from journal.stories.memory import assemble

        nb = Notebook.open(folder)
        story, companion = build(nb)
        plain = replace(companion, character_book=None)
        fired = assemble(nb, story, companion, budget=BUDGET).lore   # warm-up: imports, the index, the book read once
        assemble(nb, story, plain, budget=BUDGET)
        with_lore, without, cpu = [], [], []
        for _ in range(args.runs):   # interleaved, so a noisy machine slows both alike
            with_lore.append(timed(nb, story, companion))
            without.append(timed(nb, story, plain))
            cpu.append(timed(nb, story, companion, time.process_time))
    median, base = statistics.median(with_lore), statistics.median(without)
    print(f"{TURNS} turns, {ENTRIES}-entry lorebook, {len(fired)} entries fired, load {os.getloadavg()[0]:.1f}")
    print(f"assembly with the lorebook:    median {median * 1000:.1f} ms of {args.runs} "
          f"({'under' if median < TARGET_SECONDS else 'OVER'} {TARGET_SECONDS * 1000:.0f} ms)")
    print(f"assembly without it:           median {base * 1000:.1f} ms; ratio {median / base:.2f}")
    print(f"CPU time with the lorebook:    median {statistics.median(cpu) * 1000:.1f} ms (what an idle machine waits)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
