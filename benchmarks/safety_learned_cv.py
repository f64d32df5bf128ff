"""Choose the learned crisis signal's configuration by grouped cross-validation on the training examples only.

Run: nice -n 10 .venv/bin/python benchmarks/safety_learned_cv.py [--folds 5] [--quick]

Every item of journal/safety/examples/*.yaml belongs to a group: its file and its run of 40 consecutive sentences
(people write variants of one idea one after another, so a variant and its twin stay in the same fold and the held
fold is new wording, not a paraphrase seen in training). Groups are dealt into k folds (a fixed shuffle); for each
fold a classifier is trained on the other folds (journal.safety.learned.train) and the held fold is checked through
assess() with it, so the figures are those of the combination people see (rules + classifier + the rules' context
vetoes). Held-out sets D and E (tests/safety_heldout_*.yaml) are never read here.

Per configuration (analyzer, n-gram range, C, weight of an everyday sentence, fewest words the classifier reads) and threshold it prints: crisis recall of the combination (all crisis items,
and the items of files the rules were never tuned on: safety_train_categories_*), the classifier alone on crisis
items, false alarms on everyday writing (everyday_*.yaml: the panel shown) and on hard negatives (every other
sentence labelled none), and below-crisis read as crisis.

Choice rule (issue #18, fixed before any run): the highest combined crisis recall among the (configuration,
threshold) pairs whose false alarms are <= 1% on everyday writing and <= 5% on hard negatives; ties go to fewer
false alarms, then the higher threshold.

RESULT: see RESULT_NOTE at the end of this file.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from journal.safety import assess, learned  # noqa: E402
from journal.safety.assess import normalize, sentences  # noqa: E402

FEATURES = (("char_wb", (1, 4)),)
"""char (1, 5) (across words) was never chosen in the two earlier grids of round 6 and is left out to save time."""
"""(analyzer, n-gram range): inside words (round 5's choice), or across the spaces between them."""
CS = (10.0, 30.0, 100.0)
EVERYDAY_WEIGHTS = (1.0, 3.0)
MIN_WORDS = (1, 4)
THRESHOLDS = (0.3, 0.4, 0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 0.97, 0.99)
GROUP_SIZE = 40
MAX_EVERYDAY_FALSE_ALARMS = 0.01
MAX_HARD_NEGATIVE_FALSE_ALARMS = 0.05
UNTUNED_PREFIX = "safety_train_categories"
"""Files the rules were never tuned on: their combined recall is the fairer estimate for new wording."""


class _Firing:
    """A stand-in classifier that fires on exactly the given sentences: the combined level of an item depends only
    on which of its sentences the classifier raises, so assess() runs once per item and pattern, not per setting."""

    def __init__(self, firing: frozenset[str]) -> None:
        self.firing = firing

    def p_crisis(self, sentence: str) -> float:
        return 1.0 if sentence in self.firing else 0.0


def items() -> list[dict]:
    import yaml

    out = []
    for path in learned.example_files():
        for n, item in enumerate(yaml.safe_load(path.read_text(encoding="utf-8")) or []):
            kind = ("everyday" if path.stem.startswith("everyday") else
                    "hard_negative" if item["level"] == "none" else item["level"])
            out.append(dict(item, kind=kind, group=f"{path.stem}:{n // GROUP_SIZE}", file=path.stem))
    return out


def folds_of(data: list[dict], k: int) -> list[int]:
    groups = sorted({d["group"] for d in data})
    random.Random(18).shuffle(groups)
    fold = {g: n % k for n, g in enumerate(groups)}
    return [fold[d["group"]] for d in data]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="the shipped configuration only")
    parser.add_argument("--cs", type=float, nargs="*", default=list(CS))
    parser.add_argument("--everyday-weights", type=float, nargs="*", default=list(EVERYDAY_WEIGHTS))
    parser.add_argument("--min-words", type=int, nargs="*", default=list(MIN_WORDS))
    args = parser.parse_args()
    data = items()
    fold = folds_of(data, args.folds)
    pieces = [sentences(normalize(d["text"])) for d in data]
    kinds = {k: sum(1 for d in data if d["kind"] == k) for k in ("crisis", "concern", "hard_negative", "everyday")}
    print(f"{len(data)} examples from {len(learned.example_files())} files, {args.folds} folds of "
          f"{GROUP_SIZE}-sentence runs; {kinds}")
    memo: dict[tuple[int, frozenset[str]], str] = {}
    saved_threshold = learned.THRESHOLD
    learned.THRESHOLD, saved_min_words = 0.5, learned.MIN_WORDS
    learned.MIN_WORDS = 0   # the stand-in classifier decides which sentences fire, length included

    def combined(i: int, firing: frozenset[str]) -> str:
        if (i, firing) not in memo:
            with learned.using(_Firing(firing)):
                memo[i, firing] = assess(data[i]["text"]).level
        return memo[i, firing]

    rows = []
    configs = ([(learned.ANALYZER, learned.NGRAM_RANGE, learned.C, learned.EVERYDAY_WEIGHT)] if args.quick else
               [(analyzer, ngram, c, ew) for ew in args.everyday_weights for analyzer, ngram in FEATURES for c in args.cs])
    print("analyzer ngram   C     every minw thr  | recall  untuned  clf-alone | fa-everyday  fa-hard  below>crisis")
    for analyzer, ngram, c, ew in configs:
        started = time.process_time()
        models = [learned.train([(normalize(d["text"]), d["level"] == "crisis") for d, f in zip(data, fold) if f != k],
                                ngram, learned.MIN_DF, c, analyzer,
                                weights=[ew if d["kind"] == "everyday" else 1.0 for d, f in zip(data, fold) if f != k])
                  for k in range(args.folds)]
        probs = [[models[fold[i]].p_crisis(s) for s in pieces[i]] for i in range(len(data))]
        cpu = time.process_time() - started
        for min_words, threshold in [(m, t) for m in (args.min_words if not args.quick else (learned.MIN_WORDS,))
                                     for t in THRESHOLDS]:
            fires = [[p >= threshold and learned.word_count(s) >= min_words for s, p in zip(pieces[i], probs[i])]
                     for i in range(len(data))]
            levels = [combined(i, frozenset(s for s, f in zip(pieces[i], fires[i]) if f)) for i in range(len(data))]
            alone = [any(fires[i]) for i in range(len(data))]
            figures = _figures(data, levels, alone)
            rows.append((figures, analyzer, ngram, c, ew, min_words, threshold))
            print(f"{analyzer:<8} {ngram} {c:<5} {ew:<5} {min_words} {threshold:<4} | {figures['recall']:.3f}   {figures['untuned']:.3f}    "
                  f"{figures['alone']:.3f}     | {figures['fa_everyday']:.3f}        {figures['fa_hard']:.3f}    "
                  f"{figures['below_as_crisis']:.3f}", flush=True)
        print(f"  ({args.folds} trainings and scoring: {cpu:.1f} s CPU)")
    with learned.using(None):
        rules = _figures(data, [assess(d["text"]).level for d in data], [False] * len(data))
    learned.THRESHOLD, learned.MIN_WORDS = saved_threshold, saved_min_words
    print(f"rules only: recall {rules['recall']:.3f} (untuned files {rules['untuned']:.3f}), false alarms everyday "
          f"{rules['fa_everyday']:.3f}, hard negatives {rules['fa_hard']:.3f}")
    allowed = [r for r in rows if r[0]["fa_everyday"] <= MAX_EVERYDAY_FALSE_ALARMS
               and r[0]["fa_hard"] <= MAX_HARD_NEGATIVE_FALSE_ALARMS]
    best = max(allowed, key=lambda r: (r[0]["recall"], -r[0]["fa_everyday"] - r[0]["fa_hard"], r[6]), default=None)
    print("CHOSEN:", best)
    print("  exact:", best and {k: round(v, 5) for k, v in best[0].items()})


def _figures(data: list[dict], levels: list[str], alone: list[bool]) -> dict[str, float]:
    def share(pick, hit) -> float:
        chosen = [i for i, d in enumerate(data) if pick(d)]
        return sum(1 for i in chosen if hit(i)) / len(chosen) if chosen else 0.0

    return {
        "recall": share(lambda d: d["kind"] == "crisis", lambda i: levels[i] == "crisis"),
        "untuned": share(lambda d: d["kind"] == "crisis" and d["file"].startswith(UNTUNED_PREFIX),
                         lambda i: levels[i] == "crisis"),
        "alone": share(lambda d: d["kind"] == "crisis", lambda i: alone[i]),
        "fa_everyday": share(lambda d: d["kind"] == "everyday", lambda i: levels[i] != "none"),
        "fa_hard": share(lambda d: d["kind"] == "hard_negative", lambda i: levels[i] != "none"),
        "below_as_crisis": share(lambda d: d["level"] != "crisis", lambda i: levels[i] == "crisis"),
    }


RESULT_NOTE = """Round 6, 2026-12-02 04:44-04:53 UTC, 6,064 examples (1,553 crisis, 326 concern, 1,242 hard negatives,
2,943 everyday), load 5-6. Rules alone: recall 0.615 (untuned files 0.284), false alarms everyday 0.003, hard 0.033.
Full grid (char_wb 1-4 and char 1-5 had been compared in two earlier grids on less data; char 1-5 never won):
CHOSEN C 10, everyday weight 3, min words 1, threshold 0.7: recall 0.735, untuned 0.510, fa everyday 0.008, hard
0.039. Under it "Just listening tonight." (three words, p 0.8) is crisis: the false alarm issue #18 names and
tests/test_story_cli.py holds as none. So min words 4 was required (decided on that sentence, which is no held-out
data) and the grid re-run for it (--cs 10 30 --everyday-weights 3 --min-words 4): CHOSEN C 10, everyday weight 3,
min words 4, threshold 0.7: recall 0.731, untuned 0.504, classifier alone 0.487, fa everyday 0.0078, hard 0.0395,
below-crisis read as crisis 0.017. These are the defaults in journal/safety/learned.py."""

if __name__ == "__main__":
    main()
