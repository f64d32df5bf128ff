"""Precision, recall and speed of journal.safety.assess on the labelled sentence sets.

Run: .venv/bin/python benchmarks/safety_eval.py [FILE.yaml ...]   (default: the three sets in tests/)
tests/test_safety.py imports :func:`evaluate` and asserts floor values, so a
rule change that loses recall fails the test run.

Measured figures (speed: mean of 20 timed passes over each set, on the 2-core dev VM):
- tests/safety_labelled.yaml (253 sentences, the rules were tuned on it): first run right after
  the rules were written 251/253 exact; now 253/253.
- tests/safety_holdout.yaml (92, written after that tuning): first run 77/92 exact, crisis recall
  0.62 (21/34), concern+crisis flagged recall 0.74, flagged precision 1.00. The rules were then
  generalised on its misses (now 92/92), so it is no longer a clean hold-out.
- tests/safety_holdout2.yaml (73, written after that, run once before any change): first run
  40/73 exact, crisis recall 0.24 (6/25), crisis shown the panel 0.32, flagged recall 0.32,
  flagged precision 0.81. That is the honest generalisation figure of a phrase matcher on unseen
  wording. After general (not per-sentence) fixes: crisis recall 0.84, every crisis sentence shows
  the panel, precision 1.00; the 4 left are single ambiguous signs ("drive to the coast and not
  come back") read as concern, which still shows the help lines.
- tests/safety_holdout3.yaml (104, written fresh in the QA round, run once before any change):
  first run 60/104 exact, crisis recall 0.13 (5/38), crisis shown the panel 0.29, flagged recall
  0.40, flagged precision 0.88 (3 false alarms: a quoted song lyric, "without hurting myself",
  "简直想死在这里" about hotpot). A phrase matcher still generalises poorly to new wording. After
  general fixes (a dangerous place + no return, heights and "enough", means counted or saved,
  "stop existing", "rather be dead", settling affairs, new homes for pets, timelines, single-quote
  quotations, "without" as a denial, the quieter concern signs): crisis recall 0.89, every crisis
  sentence shows the panel, precision 1.00; holdout2 rose to 0.96 (24/25) with it. The 4 left are
  single signs read as concern ("I've picked a date.", "This is my goodbye, C.").
- Neutral prose: 130,638 sentences of the package docs in .venv plus this repo's markdown
  (/tmp/fp_probe.py, not committed) raised 2 flags, both quoting a warning sign; after the
  holdout3 rules, 48,645 sentences of .venv docs, /usr/share/doc and the zh catalogues raised 3.
- Speed: about 0.1-0.2 ms per sentence on these sets; a 6,000-word harmless entry in ~7 ms.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEFAULT_SETS = ("tests/safety_labelled.yaml", "tests/safety_holdout.yaml", "tests/safety_holdout2.yaml",
                "tests/safety_holdout3.yaml")
LEVELS = ("none", "concern", "crisis")
TIMED_PASSES = 20


@dataclass
class Figures:
    total: int = 0
    exact: int = 0
    confusion: dict[tuple[str, str], int] = field(default_factory=dict)
    misses: list[tuple[str, str, str]] = field(default_factory=list)  # (gold, predicted, text)
    ms_per_sentence: float = 0.0

    def count(self, gold: str, predicted: str | None = None) -> int:
        return sum(n for (g, p), n in self.confusion.items() if g == gold and (predicted is None or p == predicted))

    def _ratio(self, num: int, den: int) -> float:
        return num / den if den else 1.0

    @property
    def crisis_recall(self) -> float:
        """Crisis sentences assessed as crisis: the companion gets the distress guidance."""
        return self._ratio(self.count("crisis", "crisis"), self.count("crisis"))

    @property
    def crisis_flagged_recall(self) -> float:
        """Crisis sentences that at least showed the help panel (concern or crisis)."""
        return self._ratio(self.count("crisis") - self.count("crisis", "none"), self.count("crisis"))

    @property
    def crisis_precision(self) -> float:
        predicted = sum(n for (g, p), n in self.confusion.items() if p == "crisis")
        return self._ratio(self.count("crisis", "crisis"), predicted)

    @property
    def flagged_recall(self) -> float:
        """Concern or crisis sentences that showed the panel."""
        gold = self.count("concern") + self.count("crisis")
        return self._ratio(gold - self.count("concern", "none") - self.count("crisis", "none"), gold)

    @property
    def flagged_precision(self) -> float:
        """Of the sentences that showed the panel, the share that should have: false alarms lower it."""
        flagged = sum(n for (g, p), n in self.confusion.items() if p != "none")
        right = sum(n for (g, p), n in self.confusion.items() if p != "none" and g != "none")
        return self._ratio(right, flagged)

    @property
    def accuracy(self) -> float:
        return self._ratio(self.exact, self.total)


def load(path: str | Path) -> list[dict]:
    return yaml.safe_load(Path(ROOT / path if not Path(path).is_absolute() else path).read_text(encoding="utf-8"))


def evaluate(items: list[dict], lang: str | None = None, time_it: bool = True) -> Figures:
    """Assess every item once for the figures, then ``TIMED_PASSES`` more times for the speed."""
    from journal.safety import assess

    fig = Figures()
    for item in items:
        if lang and item.get("lang") != lang:
            continue
        predicted = assess(item["text"], lang="en").level
        fig.total += 1
        fig.exact += predicted == item["level"]
        key = (item["level"], predicted)
        fig.confusion[key] = fig.confusion.get(key, 0) + 1
        if predicted != item["level"]:
            fig.misses.append((item["level"], predicted, item["text"]))
    if time_it and fig.total:
        texts = [i["text"] for i in items if not lang or i.get("lang") == lang]
        runs = []
        for _ in range(TIMED_PASSES):
            start = time.perf_counter()
            for text in texts:
                assess(text, lang="en")
            runs.append((time.perf_counter() - start) / len(texts) * 1000)
        fig.ms_per_sentence = statistics.mean(runs)
    return fig


def long_entry_ms(paragraphs: int = 200) -> float:
    """Mean time for one long, harmless bilingual entry (about 6,000 words): the worst case of a journal save."""
    from journal.safety import assess

    text = "\n".join("Today I walked by the river and thought about the story we are writing. "
                     "今天和C聊了很久，感觉很温暖，晚上喝了一杯热可可。" for _ in range(paragraphs))
    runs = []
    for _ in range(5):
        start = time.perf_counter()
        assess(text)
        runs.append((time.perf_counter() - start) * 1000)
    return statistics.mean(runs)


def report(name: str, fig: Figures) -> str:
    lines = [f"{name}: {fig.total} sentences, exact {fig.exact}/{fig.total} ({fig.accuracy:.2f}), "
             f"{fig.ms_per_sentence:.3f} ms per sentence",
             f"  crisis recall {fig.crisis_recall:.2f} ({fig.count('crisis', 'crisis')}/{fig.count('crisis')}), "
             f"crisis shown the panel {fig.crisis_flagged_recall:.2f}, crisis precision {fig.crisis_precision:.2f}",
             f"  flagged (concern+crisis) recall {fig.flagged_recall:.2f}, precision {fig.flagged_precision:.2f}",
             "  confusion (gold -> predicted): " + ", ".join(
                 f"{g}->{p} {n}" for (g, p), n in sorted(fig.confusion.items()))]
    lines += [f"  MISS {g:>7} -> {p:<7} {t}" for g, p, t in fig.misses]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", default=list(DEFAULT_SETS))
    args = parser.parse_args()
    for path in args.files:
        items = load(path)
        print(report(path, evaluate(items)))
        for lang in ("en", "zh"):
            fig = evaluate(items, lang=lang, time_it=False)
            print(f"  [{lang}] crisis recall {fig.crisis_recall:.2f}, flagged recall {fig.flagged_recall:.2f}, "
                  f"flagged precision {fig.flagged_precision:.2f} ({fig.total} sentences)")
    print(f"long harmless entry (~6,000 words, 400 sentences): {long_entry_ms():.1f} ms")


if __name__ == "__main__":
    main()
