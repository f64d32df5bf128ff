"""Every labelled sentence gets exactly its level; ratio floors alone let a handful of wrong levels through.

A miss is allowed only when it is listed here with the level it gets, so a
rule change that moves any sentence shows up as that sentence, by name.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from benchmarks.safety_eval import evaluate
from journal.safety import learned

LABELLED = Path(__file__).parent.parent / "journal" / "safety" / "examples" / "safety_labelled.yaml"
# text -> (labelled level, level Duet gives, why this miss is accepted). Empty: every sentence is exact.
KNOWN_MISSES: dict[str, tuple[str, str, str]] = {}


def test_every_labelled_sentence_gets_exactly_its_level_or_is_a_known_miss() -> None:
    # The rules' exact levels: this set is the learned signal's training data since round 5 (tests/test_safety_learned.py).
    with learned.using(None):
        figures = evaluate(yaml.safe_load(LABELLED.read_text(encoding="utf-8")), time_it=False)
    misses = {text: (gold, predicted) for gold, predicted, text in figures.misses}
    assert misses == {text: (gold, given) for text, (gold, given, _why) in KNOWN_MISSES.items()}
