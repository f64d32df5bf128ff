"""A small learned second signal: how much a sentence reads like the crisis examples Duet ships with.

WHY. The rules (:mod:`journal.safety.rules_en`, ``rules_zh``) find the phrases someone thought of; on wording nobody
wrote a rule for (held-out set D, issue #18) they found under a third of the crisis sentences.

WHAT. An L2 logistic regression over tf-idf character n-grams inside words, as scikit-learn's ``TfidfVectorizer(
analyzer="char_wb", sublinear_tf=True)`` + ``LogisticRegression`` (tests/test_safety_learned.py compares the two):
one model for English and Chinese, trained on every sentence in ``journal/safety/examples/`` (crisis against the
rest), including 2,943 of everyday writing (``everyday_*.yaml``) and hard negatives.

Round 5's Naive Bayes read "I brought biscuits." as crisis: it adds up the overlapping n-grams of one rare word
as a dozen clues. Logistic regression fits the weights together, and the everyday sentences weigh ordinary words.

CONFIGURATION, chosen by grouped 5-fold cross-validation on the training examples only
(benchmarks/safety_learned_cv.py, which records the grid and its figures; held-out sets D and E in tests/ are never
trained on and chose nothing): the constants below. The rule: the highest crisis recall of rules + classifier with
false alarms at most 1% on everyday writing and 5% on hard negatives. MIN_WORDS was added to that rule by hand for
"Just listening tonight." (p 0.8), the false alarm issue #18 names; it costs 0.004 of recall.

WRITTEN BY HAND, though scikit-learn covers it: the analyzer, tf-idf and the L-BFGS solver (:func:`_fit_logistic`).
scikit-learn with scipy adds ~100 MB and a slow import to the process that checks a save, for what is, at check
time, a sum of weights in plain Python. Training uses numpy (installed with Streamlit, pinned), only when the
examples change.

TRAINING NEVER HOLDS UP A SAVE: the weights are cached in the user's cache folder under the examples' hash
(:mod:`journal.safety.learned_cache`); with
no cache a background thread trains and checks use the rules alone meanwhile (:func:`active_model`).
``DUET_LEARNED_SAFETY=0`` switches the learned signal off.
"""

from __future__ import annotations

import hashlib
import logging
import math
import os
import re
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from journal.safety import learned_cache
from journal.safety.learned_cache import CACHE_ENV  # noqa: F401 - where tests and docs name it

EXAMPLES_DIR = Path(__file__).resolve().parent / "examples"
ANALYZER = "char_wb"
"""``char_wb``: n-grams inside words; ``char``: n-grams across the spaces too ("l my" of "kill myself")."""
NGRAM_RANGE: tuple[int, int] = (1, 4)
MIN_DF = 2
"""An n-gram must occur in at least this many training sentences: one writer's quirk is not a clue."""
C = 10.0
"""Inverse regularisation strength, as scikit-learn's ``LogisticRegression(C=...)``."""
EVERYDAY_WEIGHT = 3.0
"""How much one sentence of everyday writing (``everyday_*.yaml``) counts in training against one of the others."""
THRESHOLD = 0.7
"""p(crisis) at or above this raises a sentence (after the rules' context vetoes in journal.safety.assess)."""
MIN_WORDS = 4
"""The learned signal speaks only for a sentence of at least this many words (a Chinese character counts as one):
in three words ("Just listening tonight.") one word decides, and a word crisis writers use often ("tonight") is no
warning sign alone. Short crisis sentences ("I want to die.", "不想活了") are the rules' work."""
RAISED_LEVEL = "crisis"
SWITCH_ENV = "DUET_LEARNED_SAFETY"
"""``0`` switches the learned signal off (rules only); on by default."""
SYNC_ENV = "DUET_SAFETY_TRAIN_SYNC"
"""``1`` makes a missing cache be trained on the spot instead of in the background (tests, benchmarks: the same
answer every run)."""
_CACHE_VERSION = 2
_WHITE_SPACES = re.compile(r"\s\s+")


_WORDS = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]|[^\W\d_\u3400-\u9fff\uf900-\ufaff]+")


def word_count(sentence: str) -> int:
    """Words of letters, each Chinese character one: enough text for the classifier to read (:data:`MIN_WORDS`)."""
    return len(_WORDS.findall(sentence))


def ngrams(text: str, analyzer: str = ANALYZER, ngram_range: tuple[int, int] = NGRAM_RANGE) -> dict[str, int]:
    """The sentence's n-grams and their counts, as scikit-learn's analyzer of that name (after lower-casing)."""
    return (char_wb_ngrams if analyzer == "char_wb" else char_ngrams)(text, ngram_range)


def char_ngrams(text: str, ngram_range: tuple[int, int] = NGRAM_RANGE) -> dict[str, int]:
    """scikit-learn's ``char`` analyzer: runs of white space become one space, then every n-gram of the text."""
    low, high = ngram_range
    text = _WHITE_SPACES.sub(" ", text.lower())
    counts: dict[str, int] = {}
    size = len(text)
    for n in range(low, min(high, size) + 1):
        for i in range(size - n + 1):
            gram = text[i:i + n]
            counts[gram] = counts.get(gram, 0) + 1
    return counts


def char_wb_ngrams(text: str, ngram_range: tuple[int, int] = NGRAM_RANGE) -> dict[str, int]:
    """scikit-learn's ``char_wb`` analyzer (each word padded with one space each side): n-gram -> count."""
    low, high = ngram_range
    counts: dict[str, int] = {}
    for word in _WHITE_SPACES.sub(" ", text.lower()).split():
        for gram in _word_ngrams(word, low, high):
            counts[gram] = counts.get(gram, 0) + 1
    return counts


@lru_cache(maxsize=65536)
def _word_ngrams(word: str, low: int, high: int) -> tuple[str, ...]:
    """A word's n-grams, cached: words repeat (Zipf), so a long entry costs about its distinct words."""
    padded = f" {word} "
    size = len(padded)
    out: list[str] = []
    for n in range(low, high + 1):
        if size <= n:   # a word shorter than n gives itself, once
            out.append(padded)
            break
        out.extend(padded[i:i + n] for i in range(size - n + 1))
    return tuple(out)


@dataclass(frozen=True)
class CrisisClassifier:
    """p(crisis) = sigmoid(bias + sum of weight * tf-idf) over the L2-normalised n-gram vector of a sentence."""

    analyzer: str
    ngram_range: tuple[int, int]
    bias: float
    idf: dict[str, float]
    """Per n-gram of the training vocabulary: its inverse document frequency (unseen n-grams are ignored)."""
    weights: dict[str, float]
    """Per n-gram: the logistic regression's coefficient."""

    def log_odds(self, text: str) -> float:
        idf, weights = self.idf, self.weights
        total = norm = 0.0
        for gram, count in ngrams(text, self.analyzer, self.ngram_range).items():
            weight = idf.get(gram)
            if weight is None:
                continue
            value = (1.0 + math.log(count)) * weight
            norm += value * value
            total += value * weights[gram]
        return self.bias + (total / math.sqrt(norm) if norm else 0.0)

    def p_crisis(self, text: str) -> float:
        z = self.log_odds(text)
        return 1.0 / (1.0 + math.exp(-z)) if z >= 0 else math.exp(z) / (1.0 + math.exp(z))


def train(examples: Sequence[tuple[str, bool]], ngram_range: tuple[int, int] = NGRAM_RANGE,
          min_df: int = MIN_DF, c: float = C, analyzer: str = ANALYZER,
          weights: Sequence[float] | None = None) -> CrisisClassifier:
    """Tf-idf features (smoothed idf, sublinear tf, L2 rows) and an L2-regularised logistic regression over them;
    ``weights`` as scikit-learn's ``sample_weight``."""
    if len({bool(y) for _, y in examples}) < 2:
        raise ValueError("The crisis classifier needs examples of both crisis and other sentences.")
    docs = [ngrams(text, analyzer, ngram_range) for text, _ in examples]
    df: dict[str, int] = {}
    for doc in docs:
        for gram in doc:
            df[gram] = df.get(gram, 0) + 1
    vocabulary = sorted(g for g, n in df.items() if n >= min_df)
    column = {g: i for i, g in enumerate(vocabulary)}
    n_docs = len(docs)
    idf = [math.log((1 + n_docs) / (1 + df[g])) + 1.0 for g in vocabulary]
    rows: list[int] = []
    cols: list[int] = []
    values: list[float] = []
    for r, doc in enumerate(docs):
        cells = [(column[g], (1.0 + math.log(n)) * idf[column[g]]) for g, n in doc.items() if g in column]
        norm = math.sqrt(sum(v * v for _, v in cells)) or 1.0
        for col, value in cells:
            rows.append(r)
            cols.append(col)
            values.append(value / norm)
    coef, bias = _fit_logistic(rows, cols, values, [bool(y) for _, y in examples],
                               list(weights) if weights is not None else [1.0] * n_docs, len(vocabulary), c)
    return CrisisClassifier(analyzer, ngram_range, bias, dict(zip(vocabulary, idf)), dict(zip(vocabulary, coef)))


def _fit_logistic(rows: list[int], cols: list[int], values: list[float], labels: list[bool], weights: list[float],
                  n_features: int, c: float, max_iter: int = 1000, tol: float = 1e-6) -> tuple[list[float], float]:
    """Minimise C * sum(s log(1 + exp(-y z))) + |w|^2 / 2 (the intercept unpenalised, as scikit-learn) by L-BFGS."""
    import numpy as np

    def dot(a, b) -> float:   # not `@`: that is BLAS, whose threads spin for seconds on a busy two-core machine
        return float((a * b).sum())

    r, k, v = np.asarray(rows, dtype=np.int64), np.asarray(cols, dtype=np.int64), np.asarray(values, dtype=np.float64)
    y = np.where(np.asarray(labels), 1.0, -1.0)
    cs = c * np.asarray(weights, dtype=np.float64)
    n = len(y)

    def loss_and_grad(theta):
        w, b = theta[:-1], theta[-1]
        z = np.bincount(r, weights=v * w[k], minlength=n) + b
        margin = y * z
        loss = dot(cs, np.logaddexp(0.0, -margin)) + 0.5 * dot(w, w)
        residual = -cs * y * np.exp(-np.logaddexp(0.0, margin))   # -C s y sigmoid(-y z)
        grad = np.empty_like(theta)
        grad[:-1] = np.bincount(k, weights=v * residual[r], minlength=n_features) + w
        grad[-1] = residual.sum()
        return loss, grad

    theta = np.zeros(n_features + 1)
    loss, grad = loss_and_grad(theta)
    steps: list[tuple[np.ndarray, np.ndarray, float]] = []
    for _ in range(max_iter):
        if np.abs(grad).max() <= tol * max(1.0, abs(loss)):
            break
        direction = -grad   # two-loop recursion over the last 10 steps
        alphas = []
        for s, t, rho in reversed(steps):
            a = rho * dot(s, direction)
            alphas.append(a)
            direction = direction - a * t
        if steps:
            s, t, _ = steps[-1]
            direction = direction * (dot(s, t) / dot(t, t))
        for (s, t, rho), a in zip(steps, reversed(alphas)):
            direction = direction + s * (a - rho * dot(t, direction))
        slope = dot(grad, direction)
        if slope >= 0:   # not a descent direction: start the memory again
            steps, direction, slope = [], -grad, -dot(grad, grad)
        step = 1.0 if steps else 1.0 / max(1.0, float(np.abs(grad).max()))
        while True:   # backtracking to Armijo's condition
            new_theta = theta + step * direction
            new_loss, new_grad = loss_and_grad(new_theta)
            if new_loss <= loss + 1e-4 * step * slope or step < 1e-12:
                break
            step *= 0.5
        s, t = new_theta - theta, new_grad - grad
        if dot(s, t) > 1e-12:
            steps = [*steps[-9:], (s, t, 1.0 / dot(s, t))]
        theta, loss, grad = new_theta, new_loss, new_grad
    return theta[:-1].tolist(), float(theta[-1])


def example_files() -> list[Path]:
    """The labelled sets the classifier learns from: only what ships in journal/safety/examples/."""
    return sorted(EXAMPLES_DIR.glob("*.yaml"))


def example_weights(files: Iterable[Path] | None = None) -> list[float]:
    """Each item's training weight, in :func:`load_examples` order: everyday writing counts EVERYDAY_WEIGHT."""
    out: list[float] = []
    for path in files if files is not None else example_files():
        weight = EVERYDAY_WEIGHT if path.name.startswith("everyday") else 1.0
        out.extend(weight for _ in yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER) or [])
    return out


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
    digest = hashlib.sha256(f"{_CACHE_VERSION} {ANALYZER} {NGRAM_RANGE} {MIN_DF} {C} {EVERYDAY_WEIGHT}".encode())
    for path in files if files is not None else example_files():
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


@lru_cache(maxsize=1)
def _shipped_key() -> str:
    """The shipped examples' hash, once per process (they do not change under a running app)."""
    return examples_hash()


def cache_path(key: str | None = None) -> Path:
    """The cache file for ``key`` (default: the shipped examples'), :mod:`journal.safety.learned_cache`'s."""
    return learned_cache.cache_path(key or _shipped_key())


_lock = threading.RLock()
_memory: CrisisClassifier | None = None
_training: threading.Thread | None = None
_training_failed = False   # training raised: the rules alone in this process, not a new thread at every check


def default_model() -> CrisisClassifier:
    """The shipped classifier, waiting for it if need be: read from the cache when its key matches, else trained
    and cached. For tests, benchmarks and the background thread; a check goes through :func:`active_model`."""
    global _memory
    if _memory is None:
        key = _shipped_key()
        model = learned_cache.read_cache(key)
        if model is None:
            model = train(load_examples(), weights=example_weights())
            learned_cache.write_cache(key, model)
        with _lock:
            _memory = _memory or model
    return _memory


def forget() -> None:
    """Drop the model from memory (tests of the cache): the next check reads or trains it again."""
    global _memory
    with _lock:
        _memory = None


def active_model() -> CrisisClassifier | None:
    """The classifier assess() uses, never waiting for training.

    What :func:`using` put in place; else None when ``DUET_LEARNED_SAFETY=0``; else the shipped model when it is
    in memory or its cache matches (read once per process); else None (the rules alone) while a background thread
    trains it. ``DUET_SAFETY_TRAIN_SYNC=1`` trains on the spot instead.
    """
    global _memory, _training
    if _override is not _UNSET:
        return _override  # type: ignore[return-value]
    if os.environ.get(SWITCH_ENV) == "0":
        return None
    if _memory is not None or os.environ.get(SYNC_ENV) == "1":
        return default_model()
    with _lock:
        if _memory is None and not _training_failed and (_training is None or not _training.is_alive()):
            _memory = learned_cache.read_cache(_shipped_key()) if cache_path().exists() else None
            if _memory is None:
                # Not a daemon when the cache can be kept: a short CLI process finishes writing it before it exits,
                # after its output. When it cannot, waiting at exit would buy nothing: a daemon, never holding exit.
                _training = threading.Thread(target=_train_in_background, name="duet-safety-training",
                                             daemon=not learned_cache.can_write(cache_path()))
                _training.start()
    return _memory


def _train_in_background() -> None:
    global _training_failed   # default_model() for the thread; a failure (numpy missing) leaves the rules alone
    try:
        default_model()
    except Exception:   # noqa: BLE001 - a check must never fail for the learned signal; the rules still answer
        _training_failed = True
        logging.getLogger(__name__).warning("the learned crisis signal could not be trained", exc_info=True)


_UNSET = object()
_override: object = _UNSET


@contextmanager
def using(model: CrisisClassifier | None) -> Iterator[None]:
    """Check with another classifier, or none (rules only): cross-validation folds, the rules-only figure, tests."""
    global _override
    previous, _override = _override, model
    try:
        yield
    finally:
        _override = previous
