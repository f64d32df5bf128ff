"""Render time of a 1080x1440 Xiaohongshu card with 300 Chinese characters.

Run: .venv/bin/python benchmarks/share_cards.py [RUNS]   (default 30)

Each style renders RUNS different 300-character texts (random Han characters
with a comma every 13, seeded), after WARMUP runs that open the fonts. Two
figures per style: "fresh" is a text never seen before (line-break units are
computed from scratch, as when a writer picks a new entry); "repeat" renders
the same text again (what a page rerun costs when only the theme changes).
Times are wall-clock from ShareSource to finished PIL images, PNG encoding
excluded and measured separately.
"""

from __future__ import annotations

import io
import random
import statistics
import sys
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from journal.share.cards import render_cards  # noqa: E402
from journal.share.source import ShareSource, ShareTurn, source_from_turns  # noqa: E402

CHARS = 300
WARMUP = 3
POOL = "我总是在深夜写下这些话今天和聊了很久他说你是我的玫瑰人与之间的感情到底算什么也许它不需要被定义就像夜里的灯照亮了一段路"


def text(seed: int) -> str:
    rng = random.Random(seed)
    return "".join(rng.choice(POOL) + ("，" if i % 13 == 12 else "") for i in range(CHARS))


def source(style: str, body: str) -> ShareSource:
    if style == "chat":
        half = len(body) // 2
        return source_from_turns([ShareTurn("Aria", body[:half], True), ShareTurn("C", body[half:], False)],
                                 companion_name="C", date=datetime(2026, 4, 2))
    return ShareSource(kind="entry", text=body, title="三百字", date=datetime(2026, 4, 2))


def timed(style: str, body: str) -> tuple[float, int]:
    start = time.perf_counter()
    cards = render_cards(source(style, body), "xiaohongshu", style, "paper")
    return time.perf_counter() - start, len(cards)


def main(runs: int) -> None:
    han = sum(1 for c in text(0) if "\u4e00" <= c <= "\u9fff")
    print(f"{han} Han characters (+ commas) per card, {runs} runs after {WARMUP} warm-up runs, 1080x1440")
    for style in ("page", "quote", "chat"):
        for seed in range(WARMUP):
            timed(style, text(10_000 + seed))
        fresh = [timed(style, text(seed)) for seed in range(runs)]
        repeat = [timed(style, text(0)) for _ in range(runs)]
        pages = {n for _, n in fresh}
        print(f"{style:5} fresh  mean {statistics.mean(t for t, _ in fresh) * 1000:6.1f} ms"
              f"  median {statistics.median(t for t, _ in fresh) * 1000:6.1f} ms   cards per post: {sorted(pages)}")
        print(f"{style:5} repeat mean {statistics.mean(t for t, _ in repeat) * 1000:6.1f} ms"
              f"  median {statistics.median(t for t, _ in repeat) * 1000:6.1f} ms")
    card = render_cards(source("page", text(1)), "xiaohongshu", "page", "paper")[0]
    start = time.perf_counter()
    for _ in range(runs):
        card.image.save(io.BytesIO(), format="PNG", compress_level=6)
    print(f"PNG encoding of one card: {(time.perf_counter() - start) / runs * 1000:.1f} ms")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 30)
