"""How much the embedded model repeats itself: the share of repeated 4-grams per reply over 20 scripted turns.

One English story with the starter companion Wren Ashby, the same 20 turns each
time, replies kept in the story so later turns see earlier ones (as in the app).

* ``--mode before``: the settings and path Duet had before issue #15 (temperature 0.5,
  repeat penalty 1.18, 200 tokens, the long system prompt, replies kept as they came);
* ``--mode after``: the measured built-in settings, the short prompt for tiny models,
  and the cleaning and repetition guard every saved reply goes through.

The measure is :func:`journal.ai.cleanup.repeated_ngram_share` (0 = no 4-gram twice,
near 1 = a loop). Prints per-turn figures, the mean and median, and three replies.

    .venv/bin/python benchmarks/repetition.py --mode before [--turns 20] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

TURNS = [
    "Hi Wren. The shop smells of rain and old paper tonight.",
    "Do you have anything by Mary Oliver?",
    "I read her poem about the wild geese on the train this morning.",
    "My sister called. We argued about our father again.",
    "She thinks I should visit him more. I don't know.",
    "What do you do when a day feels too long?",
    "I made tea and burned my tongue, which felt fitting.",
    "Tell me about the oldest book in the shop.",
    "Why do you like working nights?",
    "I had a dream about the sea last night.",
    "My cat knocked a plant off the windowsill.",
    "Do you ever get lonely in the shop?",
    "I started learning the piano again. Slowly.",
    "What is a small thing that made you happy this week?",
    "The bus was late and I stood in the cold for half an hour.",
    "I think I want to write letters again, on paper.",
    "Which season do you like best, and why?",
    "My friend Lin is moving to another city next month.",
    "I finally finished the book you recommended.",
    "Goodnight, Wren. Thank you for tonight.",
]
OLD_SAMPLING = dict(temperature=0.5, max_tokens=200, top_p=0.9, repeat_penalty=1.18, frequency_penalty=0.2)
BUDGET = 1500


def run(mode: str, turns: int) -> dict:
    os.environ["DUET_HOME"] = tempfile.mkdtemp(prefix="duet-rep-")
    os.environ["DUET_LANG"] = "en"
    from journal.ai import cleanup
    from journal.ai.backend import Sampling
    from journal.ai.chat import get_chat
    from journal.notebook import Notebook
    from journal.stories import memory, ops

    nb = Notebook.open(os.environ["DUET_HOME"])
    story = nb.stories.create(title="Rain", companion="wren-ashby", companion_name="Wren Ashby", user_name="Aria")
    chat = get_chat(nb)
    if mode == "before":
        chat.sampling = Sampling(**OLD_SAMPLING)
        cleanup_off = lambda text, **kw: cleanup.CleanReply((text or "").strip())  # noqa: E731
        ops_clean = cleanup.clean_reply
        cleanup.clean_reply = cleanup_off
        cleanup.is_looping = lambda text: False   # no loop guard while streaming either
        memory.is_small_model = lambda nb: False
    rows = []
    started = time.perf_counter()
    for text in TURNS[:turns]:
        after = ops.reply(nb, story.id, chat, text, budget=BUDGET)
        reply = after.turns[-1].text
        rows.append({"user": text, "reply": reply, "share": round(cleanup.repeated_ngram_share(reply), 3),
                     "words": len(cleanup.words(reply))})
        print(json.dumps(rows[-1], ensure_ascii=False), file=sys.stderr, flush=True)   # survives an interrupted run
    if mode == "before":
        cleanup.clean_reply = ops_clean
    shares = [r["share"] for r in rows]
    return {"mode": mode, "turns": len(rows), "mean": round(statistics.mean(shares), 3),
            "median": round(statistics.median(shares), 3), "max": max(shares),
            "mean_words": round(statistics.mean(r["words"] for r in rows), 1),
            "seconds": round(time.perf_counter() - started, 1), "rows": rows}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mode", choices=["before", "after"], required=True)
    parser.add_argument("--turns", type=int, default=len(TURNS))
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    result = run(args.mode, args.turns)
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=1))
        return 0
    for n, row in enumerate(result["rows"], 1):
        print(f"{n:2} share={row['share']:.3f} words={row['words']:3}  {row['reply'][:90]!r}")
    print(f"{result['mode']}: mean {result['mean']:.3f}, median {result['median']:.3f}, max {result['max']:.3f}, "
          f"mean words {result['mean_words']}, {result['seconds']} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
