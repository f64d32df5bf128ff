"""Where the learned crisis signal's weights are kept between processes, and how they are read and written.

Training takes seconds of CPU (:mod:`journal.safety.learned`), so the weights are kept in the person's cache
folder under the hash of the examples they were trained from; a process whose examples match reads them in tens
of milliseconds. A cache is never a notebook file: it is not sealed by the vault, and losing it only costs the
training again. A missing, damaged, stale or non-finite cache reads as None (trained again).
"""

from __future__ import annotations

import json
import math
import os
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from journal.safety.learned import CrisisClassifier

CACHE_ENV = "DUET_SAFETY_CACHE"
"""Folder for the cached weights; default ``$XDG_CACHE_HOME/duet`` (``~/.cache/duet``)."""
FILE_PREFIX = "safety_classifier"


def cache_path(key: str) -> Path:
    """The cache file for ``key``; ``expanduser``, unlike Path.home(), never raises without a home folder."""
    cache_home = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(os.environ.get(CACHE_ENV) or os.path.join(cache_home, "duet")) / f"{FILE_PREFIX}-{key[:16]}.json"


def can_write(path: Path) -> bool:
    """Whether the cache file could be written: its nearest existing folder is writable. A process whose cache
    cannot be kept gains nothing by waiting at exit for a training it will throw away."""
    folder = path.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    return folder.is_dir() and os.access(folder, os.W_OK | os.X_OK)


def read_cache(key: str) -> CrisisClassifier | None:
    """The cached model when its key matches; a missing, damaged or stale cache is None (it is trained again)."""
    from journal.safety.learned import CrisisClassifier   # learned imports this module

    try:
        saved = json.loads(cache_path(key).read_text(encoding="utf-8"))
        if saved.get("key") != key:
            return None
        grams, idf, weights = saved["grams"], [*map(float, saved["idf"])], [*map(float, saved["weights"])]
        bias, ngram_range = float(saved["bias"]), tuple(saved["ngram_range"])
        if not len(grams) == len(idf) == len(weights) or len(ngram_range) != 2:
            return None
        if not all(map(math.isfinite, [bias, *idf, *weights])):   # a NaN would read every sentence as crisis
            return None
        return CrisisClassifier(str(saved["analyzer"]), ngram_range, bias, dict(zip(grams, idf)),
                                dict(zip(grams, weights)))
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def write_cache(key: str, model: CrisisClassifier) -> None:
    """Keep ``model`` under ``key`` and remove the weights of earlier examples; an unwritable folder is ignored."""
    from journal.errors import StorageError
    from journal.store.atomic import atomic_write_bytes

    grams = list(model.idf)
    saved = {"key": key, "analyzer": model.analyzer, "ngram_range": list(model.ngram_range), "bias": model.bias, "grams": grams,
             "idf": [model.idf[g] for g in grams], "weights": [model.weights[g] for g in grams]}
    path = cache_path(key)
    try:   # the project's one atomic writer; a cache is never a notebook file, so never sealed
        atomic_write_bytes(path, json.dumps(saved, ensure_ascii=False).encode("utf-8"), sealed=False)
    except StorageError:
        return   # an unwritable cache folder only costs the training again next process
    for old in path.parent.glob(f"{FILE_PREFIX}*.json"):   # earlier examples' weights
        if old != path:
            old.unlink(missing_ok=True)
