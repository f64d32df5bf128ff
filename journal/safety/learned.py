"""A small learned second signal: how much a sentence reads like the crisis examples Duet ships with.

The rules (:mod:`journal.safety.rules_en`, ``rules_zh``) find the phrases someone thought of; on wording nobody
wrote a rule for (held-out set D, issue #18) they found under a third of the crisis sentences. This is a binary
multinomial Naive Bayes over character n-grams inside words (scikit-learn's ``CountVectorizer(analyzer="char_wb",
binary=True)`` + ``MultinomialNB``), trained on the labelled sentences in ``journal/safety/examples/`` (crisis
against everything else). Character n-grams need no word splitting, so the same model reads English and Chinese.

Written by hand in plain Python rather than imported from scikit-learn: scikit-learn and its numpy/scipy stack
would add ~100 MB to the install and a slow import to every save and ``journal new``, for what is counting and a
sum of logs. tests/test_safety_learned.py checks the probabilities against scikit-learn's to 1e-6 when a
scikit-learn is at hand. Training is counting, done once on first use and kept in memory; the counts are cached in
the user's cache folder under the examples' hash (see :func:`default_model`) so a fresh ``journal new`` process
does not re-read and re-count the examples.

The configuration was chosen by 5-fold cross-validation on the example sets only (benchmarks/safety_learned_cv.py);
held-out set D (tests/safety_heldout_d.yaml) is never trained on.

OFF unless ``DUET_LEARNED_SAFETY=1``: on held-out set D it lifts crisis recall from 0.31 to 0.78, but on everyday
text it is not yet trustworthy. "I brought biscuits." and "Just listening tonight." read as crisis, because the
overlapping n-grams of one rare word ("biscuit" once in a crisis example; "tonight") count as a dozen separate
clues. A crisis panel on an ordinary story turn teaches people to ignore the panel, which costs more than it
saves; it stays an opt-in until it is trained on everyday writing as well (tests/test_safety_learned.py keeps
both the gain and these false alarms measured).
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

EXAMPLES_DIR = Path(__file__).resolve().parent / "examples"
NGRAM_RANGE: tuple[int, int] = (1, 4)
ALPHA = 0.1
THRESHOLD = 0.99999
"""p(crisis) at or above this raises a sentence (after the rules' context vetoes in journal.safety.assess)."""
RAISED_LEVEL = "crisis"
ENABLE_ENV = "DUET_LEARNED_SAFETY"
"""``1`` turns the learned signal on for assess() (off by default: see the module docstring)."""
CACHE_ENV = "DUET_SAFETY_CACHE"
"""Folder for the cached counts; default ``$XDG_CACHE_HOME/duet`` (``~/.cache/duet``)."""
_CACHE_VERSION = 1
_WHITE_SPACES = re.compile(r"\s\s+")


def char_wb_ngrams(text: str, ngram_range: tuple[int, int] = NGRAM_RANGE) -> set[str]:
    """scikit-learn's ``char_wb`` analyzer (lower-cased, each word padded with one space each side), as a set."""
    low, high = ngram_range
    grams: set[str] = set()
    for word in _WHITE_SPACES.sub(" ", text.lower()).split():
        grams |= _word_ngrams(word, low, high)
    return grams


@lru_cache(maxsize=65536)
def _word_ngrams(word: str, low: int, high: int) -> frozenset[str]:
    """A word's n-grams, cached: words repeat (Zipf), so a long entry costs about its distinct words."""
    padded = f" {word} "
    size = len(padded)
    out: set[str] = set()
    for n in range(low, high + 1):
        if size <= n:
            out.add(padded)
            break
        out.update(padded[i:i + n] for i in range(size - n + 1))
    return frozenset(out)


@dataclass(frozen=True)
class CrisisClassifier:
    """Log-odds form of a two-class multinomial NB: with binary features, p(crisis) is a sigmoid of a sum."""

    ngram_range: tuple[int, int]
    bias: float
    """log P(crisis) - log P(other): the class prior."""
    weights: dict[str, float]
    """Per n-gram: log P(g | crisis) - log P(g | other); n-grams never seen in training are ignored, as in sklearn."""

    def log_odds(self, text: str) -> float:
        weights = self.weights
        return self.bias + sum(weights.get(g, 0.0) for g in char_wb_ngrams(text, self.ngram_range))

    def p_crisis(self, text: str) -> float:
        z = self.log_odds(text)
        return 1.0 / (1.0 + math.exp(-z)) if z >= 0 else math.exp(z) / (1.0 + math.exp(z))


def train(examples: Iterable[tuple[str, bool]], ngram_range: tuple[int, int] = NGRAM_RANGE,
          alpha: float = ALPHA) -> CrisisClassifier:
    """Count each n-gram's documents per class; smoothed like ``MultinomialNB(alpha)`` over the training vocabulary."""
    counts: tuple[dict[str, int], dict[str, int]] = ({}, {})
    docs = [0, 0]
    for text, is_crisis in examples:
        label = int(bool(is_crisis))
        docs[label] += 1
        bucket = counts[label]
        for g in char_wb_ngrams(text, ngram_range):
            bucket[g] = bucket.get(g, 0) + 1
    if not docs[0] or not docs[1]:
        raise ValueError("The crisis classifier needs examples of both crisis and other sentences.")
    vocabulary = counts[0].keys() | counts[1].keys()
    totals = [sum(c.values()) + alpha * len(vocabulary) for c in counts]
    log_ratio = math.log(totals[0]) - math.log(totals[1])
    weights = {g: math.log(counts[1].get(g, 0) + alpha) - math.log(counts[0].get(g, 0) + alpha) + log_ratio
               for g in vocabulary}
    return CrisisClassifier(ngram_range, math.log(docs[1]) - math.log(docs[0]), weights)


def example_files() -> list[Path]:
    """The labelled sets the classifier learns from: only what ships in journal/safety/examples/."""
    return sorted(EXAMPLES_DIR.glob("*.yaml"))


def load_examples(files: Iterable[Path] | None = None) -> list[tuple[str, bool]]:
    """(text as assess() reads it, is crisis) for every labelled item of ``files``."""
    from journal.safety.assess import normalize  # assess imports this module

    out: list[tuple[str, bool]] = []
    for path in files if files is not None else example_files():
        for item in yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER) or []:
            out.append((normalize(item["text"]), item["level"] == "crisis"))
    return out


_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def examples_hash(files: Iterable[Path] | None = None) -> str:
    """Names and bytes of the example files plus the configuration: the cache key."""
    digest = hashlib.sha256(f"{_CACHE_VERSION} {NGRAM_RANGE} {ALPHA}".encode())
    for path in files if files is not None else example_files():
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def cache_path() -> Path:
    base = os.environ.get(CACHE_ENV) or os.path.join(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache", "duet")
    return Path(base) / "safety_classifier.json"


@lru_cache(maxsize=1)
def default_model() -> CrisisClassifier:
    """The shipped classifier: read from the cache when its key matches the examples, else trained and cached.

    A missing, damaged or stale cache is rebuilt; a cache folder that cannot be written only costs the training
    time again next process (the check never fails a save over a cache).
    """
    key = examples_hash()
    path = cache_path()
    try:
        saved = json.loads(path.read_text(encoding="utf-8"))
        if saved.get("key") == key:
            return CrisisClassifier(tuple(saved["ngram_range"]), float(saved["bias"]), dict(saved["weights"]))
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        pass
    model = train(load_examples())
    from journal.errors import StorageError
    from journal.store.atomic import atomic_write_bytes

    counts = {"key": key, "ngram_range": list(model.ngram_range), "bias": model.bias, "weights": model.weights}
    try:   # the project's one atomic writer; a cache is never a notebook file, so never sealed
        atomic_write_bytes(path, json.dumps(counts, ensure_ascii=False).encode("utf-8"), sealed=False)
    except StorageError:
        pass
    return model


_UNSET = object()
_override: object = _UNSET


def active_model() -> CrisisClassifier | None:
    """The classifier assess() uses: what :func:`using` put in place, else the shipped one when ``DUET_LEARNED_SAFETY=1``,
    else None (rules only, the default)."""
    if _override is not _UNSET:
        return _override  # type: ignore[return-value]
    return default_model() if os.environ.get(ENABLE_ENV) == "1" else None


@contextmanager
def using(model: CrisisClassifier | None) -> Iterator[None]:
    """Check with another classifier, or none (rules only): cross-validation folds, the rules-only figure, tests."""
    global _override
    previous, _override = _override, model
    try:
        yield
    finally:
        _override = previous
