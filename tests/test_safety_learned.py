"""journal.safety.learned: the classifier trained on the shipped examples, and how assess() lets it speak.

The unseen sentences below were written for this file (issue #18, round 5), not taken from any set, and are
indirect on purpose: the rules miss every one of them, so they fail when the learned signal is removed.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
import yaml

from journal.safety import assess, learned
from journal.safety.assess import LEARNED_CODE, SOMEONE_ELSE_CODE, normalize, sentences

HELD_OUT_D = Path(__file__).parent / "safety_heldout_d.yaml"


@pytest.fixture(autouse=True)
def _learned_signal_on() -> None:
    """The classifier is off by default (see journal/safety/learned.py); these tests are about it switched on."""
    with learned.using(learned.default_model()):
        yield
SKLEARN_PYTHON = os.environ.get("DUET_SKLEARN_PYTHON", "/tmp/skl/bin/python")

UNSEEN_CRISIS = [
    "Sometimes I think the kindest thing I could do for everyone is to just not be around next year.",
    "Been staring at the river a lot, thinking how quiet it would be under there.",
    "I just want to close my eyes and have it all be over.",
    "Everything would be simpler if I wasn't in the picture at all.",
    "我想睡一觉就再也不用面对明天了。",
    "真的好想从这个世界上下线，永远不再登录。",
    "我觉得自己活到今年就够了。",
    "好想闭上眼睛就一切都结束。",
]


@pytest.mark.parametrize("text", UNSEEN_CRISIS)
def test_unseen_indirect_crisis_is_caught_only_by_the_learned_signal(text: str) -> None:
    with learned.using(None):
        assert assess(text).level != "crisis", "the rules catch this one: it proves nothing about the classifier"
    result = assess(text)
    assert result.level == "crisis", (text, [str(r) for r in result.reasons])
    assert LEARNED_CODE in {r.code for r in result.reasons}


# Each sentence reads like the crisis examples (p(crisis) over the threshold, checked first) but a context the
# rules judge says it is not the writer in danger now.
VETOED = [
    ("The song goes: I just want to close my eyes and have it all be over.", "none"),  # fiction: a song
    ("I would never kill myself, I just want to close my eyes and have it all be over.", "none"),  # a denial
    ("我不会去死的，只是今天好想闭上眼睛就一切都结束。", "none"),  # a denial
    ("My sister keeps saying she wishes she wasn't in the picture at all.", "concern"),  # someone else
]


@pytest.mark.parametrize(("text", "level"), VETOED)
def test_the_learned_signal_cannot_fire_through_the_rules_context(text: str, level: str) -> None:
    model = learned.default_model()
    first = sentences(normalize(text))[0]
    assert model.p_crisis(first) >= learned.THRESHOLD, "not a test of the veto: the classifier is calm anyway"
    result = assess(text)
    assert result.level == level, (text, [str(r) for r in result.reasons])
    if level == "concern":
        assert SOMEONE_ELSE_CODE in {r.code for r in result.reasons}


def test_a_joke_lowers_the_learned_signal_by_one() -> None:
    text = "Everything would be simpler if I wasn't in the picture at all lol"
    assert learned.default_model().p_crisis(normalize(text)) >= learned.THRESHOLD
    assert assess(text).level == "concern"


def test_the_training_files_are_the_shipped_examples_and_never_held_out_set_d() -> None:
    files = learned.example_files()
    assert len(files) >= 9
    assert all(f.parent == learned.EXAMPLES_DIR for f in files)
    assert HELD_OUT_D.name not in {f.name for f in files}
    training = {text for text, _ in learned.load_examples()}
    held_out = yaml.safe_load(HELD_OUT_D.read_text(encoding="utf-8"))
    assert len(held_out) >= 200
    assert not [i for i in held_out if normalize(i["text"]) in training]
    assert not any(HELD_OUT_D.samefile(f) for f in files)


def test_char_wb_is_sklearns_analyzer() -> None:
    # Worked by hand from sklearn's _char_wb_ngrams: runs of whitespace become one space, each word is padded
    # with one space each side, and a word shorter than n gives itself once.
    assert learned.char_wb_ngrams("Hi  Yo", (1, 2)) == {" ", "h", "i", "y", "o", " h", "hi", "i ", " y", "yo", "o "}
    assert learned.char_wb_ngrams("a", (2, 5)) == {" a", "a ", " a "}
    assert learned.char_wb_ngrams("不想", (3, 4)) == {" 不想", "不想 ", " 不想 "}
    assert learned.char_wb_ngrams("  ", (1, 4)) == set()


def test_training_is_naive_bayes_counting() -> None:
    model = learned.train([("aa", True), ("bb", False), ("ab", False)], (1, 1), alpha=1.0)
    # vocabulary {" ", "a", "b"}; crisis doc {" ", "a"}, other docs {" ", "b"} and {" ", "a", "b"}
    # P(.|crisis) = (1+1)/(2+3), (1+1)/5, (0+1)/5; P(.|other) = (2+1)/(5+3), (1+1)/8, (2+1)/8
    import math
    expected = math.log(1 / 2) + math.log((2 / 5) / (3 / 8)) + math.log((2 / 5) / (2 / 8))
    assert model.log_odds("a") == pytest.approx(expected)
    with pytest.raises(ValueError):
        learned.train([("aa", True)])


@pytest.mark.skipif(not Path(SKLEARN_PYTHON).exists(), reason="no scikit-learn python at hand (DUET_SKLEARN_PYTHON)")
def test_probabilities_match_scikit_learn(tmp_path: Path) -> None:
    """scikit-learn is not a dependency: a separate python that has it scores the same texts."""
    examples = learned.load_examples()
    probes = [t for t, _ in examples[::7]] + [normalize(t) for t in UNSEEN_CRISIS] + ["", "  odd   spacing\there  "]
    (tmp_path / "data.json").write_text(json.dumps({"train": examples, "probes": probes, "ngram": learned.NGRAM_RANGE,
                                                    "alpha": learned.ALPHA}), encoding="utf-8")
    script = (
        "import json,sys\n"
        "from sklearn.feature_extraction.text import CountVectorizer\n"
        "from sklearn.naive_bayes import MultinomialNB\n"
        "d=json.load(open(sys.argv[1]))\n"
        "cv=CountVectorizer(analyzer='char_wb',ngram_range=tuple(d['ngram']),binary=True)\n"
        "X=cv.fit_transform([t for t,_ in d['train']])\n"
        "nb=MultinomialNB(alpha=d['alpha']).fit(X,[bool(y) for _,y in d['train']])\n"
        "print(json.dumps(nb.predict_proba(cv.transform(d['probes']))[:,1].tolist()))\n")
    out = subprocess.run([SKLEARN_PYTHON, "-c", script, str(tmp_path / "data.json")], capture_output=True, text=True,
                         check=True, timeout=300)
    theirs = json.loads(out.stdout)
    model = learned.train(examples)
    assert max(abs(model.p_crisis(p) - q) for p, q in zip(probes, theirs, strict=True)) < 1e-6


def test_the_counts_are_cached_by_the_examples_hash_and_a_damaged_cache_is_rebuilt(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(learned.CACHE_ENV, str(tmp_path))
    learned.default_model.cache_clear()
    try:
        built = learned.default_model()
        cached = json.loads(learned.cache_path().read_text(encoding="utf-8"))
        assert cached["key"] == learned.examples_hash()
        learned.default_model.cache_clear()
        assert learned.default_model() == built
        learned.cache_path().write_text("{not json", encoding="utf-8")
        learned.default_model.cache_clear()
        assert learned.default_model() == built
        assert json.loads(learned.cache_path().read_text(encoding="utf-8"))["key"] == cached["key"]
        stale = dict(cached, key="stale", weights={"x": 99.0})
        learned.cache_path().write_text(json.dumps(stale), encoding="utf-8")
        learned.default_model.cache_clear()
        assert learned.default_model() == built
    finally:
        learned.default_model.cache_clear()


def test_an_unwritable_cache_folder_still_checks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv(learned.CACHE_ENV, str(blocker / "cache"))
    learned.default_model.cache_clear()
    try:
        assert assess(UNSEEN_CRISIS[0]).level == "crisis"
    finally:
        learned.default_model.cache_clear()


def test_the_labelled_sets_live_in_the_package_and_only_d_stays_in_tests() -> None:
    """They train the product, so they ship with it (hatch packages the whole journal/ folder)."""
    assert learned.EXAMPLES_DIR.is_relative_to(Path(learned.__file__).parent)
    assert [p.name for p in Path(__file__).parent.glob("safety_*.yaml")] == [HELD_OUT_D.name]


# Why it is off by default: everyday sentences a companion hears every night, read as crisis by the classifier.
# When a better-trained classifier stops firing on these, this test fails: then reconsider switching it on.
EVERYDAY_FALSE_ALARMS = ["I brought biscuits.", "Just listening tonight."]


def test_the_learned_signal_is_off_unless_asked_for(monkeypatch: pytest.MonkeyPatch) -> None:
    with learned.using(learned.default_model()):
        assert [assess(text).level for text in EVERYDAY_FALSE_ALARMS] == ["crisis", "crisis"]
    # As the app runs: no test override. Restored by hand, not by monkeypatch: conftest's monkeypatch is torn down
    # after this module's fixture and would put the classifier back on for every later test of this worker.
    saved, learned._override = learned._override, learned._UNSET
    try:
        monkeypatch.delenv(learned.ENABLE_ENV, raising=False)
        assert learned.active_model() is None
        assert [assess(text).level for text in EVERYDAY_FALSE_ALARMS] == ["none", "none"]
        monkeypatch.setenv(learned.ENABLE_ENV, "1")
        assert learned.active_model() is learned.default_model()
        assert assess(UNSEEN_CRISIS[0]).level == "crisis"
    finally:
        learned._override = saved

