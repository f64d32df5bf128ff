"""journal.safety.learned: the classifier trained on the shipped examples, and how assess() lets it speak.

The unseen sentences below were written for this file (issue #18, rounds 5 and 6), not taken from any set: the crisis
ones are indirect on purpose (the rules miss every one of them, so they fail when the learned signal is removed), the
everyday ones are what a companion hears every night (they fail when the classifier reads ordinary words as clues).
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
import yaml

from journal.safety import assess, learned
from journal.safety.assess import LEARNED_CODE, SOMEONE_ELSE_CODE, normalize

HELD_OUT_D = Path(__file__).parent / "safety_heldout_d.yaml"
HELD_OUT_E = Path(__file__).parent / "safety_heldout_e.yaml"
HELD_OUT_F_NAME = "safety_heldout_f.yaml"
"""Round 7's blind set, named only: nothing here opens it (the integrator runs it once, benchmarks/safety_eval.py)."""
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


LEARNED_CATCHES_AT_LEAST = 5
"""Of UNSEEN_CRISIS, measured with the shipped configuration (round 6): a classifier that catches fewer regressed."""


def test_unseen_indirect_crisis_is_caught_by_the_learned_signal_alone() -> None:
    with learned.using(None):
        by_rules = [t for t in UNSEEN_CRISIS if assess(t).level == "crisis"]
    assert not by_rules, "the rules catch these: they prove nothing about the classifier"
    with learned.using(learned.default_model()):
        results = {t: assess(t) for t in UNSEEN_CRISIS}
    caught = [t for t, r in results.items() if r.level == "crisis" and LEARNED_CODE in {x.code for x in r.reasons}]
    assert len(caught) >= LEARNED_CATCHES_AT_LEAST, sorted(set(UNSEEN_CRISIS) - set(caught))


class _FiresOnEverything:
    """A classifier that reads every sentence as crisis: what is left is the rules' context judgement alone."""

    def p_crisis(self, sentence: str) -> float:
        return 1.0


# However sure the classifier is, a context the rules judge says it is not the writer in danger now.
VETOED = [
    ("The song goes: I just want to close my eyes and have it all be over.", "none"),  # fiction: a song
    ("I would never kill myself, I just want to close my eyes and have it all be over.", "none"),  # a denial
    ("我不会去死的，只是今天好想闭上眼睛就一切都结束。", "none"),  # a denial
    ("If I have to sit through one more meeting I am done with everything.", "none"),  # hyperbole
    ("I'm doing better now and life is good.", "none"),  # a recovery
    ("My sister keeps saying she wishes she wasn't in the picture at all.", "concern"),  # someone else
    ("Everything would be simpler if I wasn't in the picture at all lol", "concern"),  # a joke: one lower
]


@pytest.mark.parametrize(("text", "level"), VETOED)
def test_the_learned_signal_cannot_fire_through_the_rules_context(text: str, level: str) -> None:
    with learned.using(_FiresOnEverything()):  # type: ignore[arg-type]
        result = assess(text)
    assert result.level == level, (text, [str(r) for r in result.reasons])
    if "sister" in text:
        assert SOMEONE_ELSE_CODE in {r.code for r in result.reasons}
    with learned.using(_FiresOnEverything()):  # type: ignore[arg-type]
        assert assess("Everything would be simpler if I wasn't in the picture at all.").level == "crisis"


def test_the_training_files_are_the_shipped_examples_and_never_a_held_out_set() -> None:
    files = learned.example_files()
    assert len(files) >= 9
    assert all(f.parent == learned.EXAMPLES_DIR for f in files)
    training = {text for text, _ in learned.load_examples()}
    for held_out_path in (HELD_OUT_D, HELD_OUT_E, HELD_OUT_D.parent / HELD_OUT_F_NAME):
        if not held_out_path.exists():
            continue
        assert held_out_path.name not in {f.name for f in files}
        held_out = yaml.safe_load(held_out_path.read_text(encoding="utf-8"))
        assert len(held_out) >= 200
        # counted, never printed: a held-out sentence must not be named in a test's output
        assert sum(1 for i in held_out if normalize(i["text"]) in training) == 0, held_out_path.name


def test_char_wb_is_sklearns_analyzer() -> None:
    # Worked by hand from sklearn's _char_wb_ngrams: runs of whitespace become one space, each word is padded
    # with one space each side, a word shorter than n gives itself once, and repeats are counted.
    assert learned.char_wb_ngrams("Hi  Yo", (1, 2)) == {
        " ": 4, "h": 1, "i": 1, "y": 1, "o": 1, " h": 1, "hi": 1, "i ": 1, " y": 1, "yo": 1, "o ": 1}
    assert learned.char_wb_ngrams("a", (2, 5)) == {" a": 1, "a ": 1, " a ": 1}
    assert learned.char_wb_ngrams("不想", (3, 4)) == {" 不想": 1, "不想 ": 1, " 不想 ": 1}
    assert learned.char_wb_ngrams("  ", (1, 4)) == {}
    assert learned.char_wb_ngrams("la la", (2, 2)) == {" l": 2, "la": 2, "a ": 2}


def test_char_is_sklearns_analyzer() -> None:
    # sklearn's _char_ngrams: runs of two or more white spaces become one space, then every n-gram, across words.
    assert learned.char_ngrams("Ab  c", (2, 3)) == {"ab": 1, "b ": 1, " c": 1, "ab ": 1, "b c": 1}
    assert learned.char_ngrams("aaa", (1, 5)) == {"a": 3, "aa": 2, "aaa": 1}
    assert learned.char_ngrams("", (1, 4)) == {}


def test_training_finds_the_regularised_logistic_optimum() -> None:
    """At the minimum of C * sum(log loss) + |w|^2 / 2 the gradient is zero: w = C * sum(y_i s(-y_i z_i) x_i), and
    the unpenalised intercept balances the residuals. Checked from the features, independently of the solver."""
    import math

    examples = [("i want to sleep forever", True), ("sleep well tonight", False), ("i want pancakes", False),
                ("forever tired of being here", True), ("tired after the run", False), ("here we go", False)]
    model = learned.train(examples, (1, 3), min_df=1, c=4.0)
    residual_sum = 0.0
    pull: dict[str, float] = {}
    for text, is_crisis in examples:
        y = 1.0 if is_crisis else -1.0
        residual = y / (1.0 + math.exp(y * model.log_odds(text)))   # y * sigmoid(-y z)
        residual_sum += residual
        counts = learned.char_wb_ngrams(text, (1, 3))
        values = {g: (1 + math.log(n)) * model.idf[g] for g, n in counts.items()}
        norm = math.sqrt(sum(v * v for v in values.values()))
        for g, v in values.items():
            pull[g] = pull.get(g, 0.0) + 4.0 * residual * v / norm
    assert abs(residual_sum) < 1e-4
    assert max(abs(model.weights[g] - pull.get(g, 0.0)) for g in model.weights) < 1e-4
    assert model.p_crisis("i want to sleep forever") > 0.5 > model.p_crisis("i want pancakes")
    with pytest.raises(ValueError):
        learned.train([("aa", True)])


@pytest.mark.skipif(not Path(SKLEARN_PYTHON).exists(), reason="no scikit-learn python at hand (DUET_SKLEARN_PYTHON)")
def test_probabilities_match_scikit_learn(tmp_path: Path) -> None:
    """scikit-learn is not a dependency: a separate python that has it scores the same texts."""
    examples = learned.load_examples()
    probes = [t for t, _ in examples[::7]] + [normalize(t) for t in UNSEEN_CRISIS] + ["", "  odd   spacing\there  "]
    (tmp_path / "data.json").write_text(json.dumps({"train": examples, "probes": probes, "ngram": learned.NGRAM_RANGE,
                                                    "min_df": learned.MIN_DF, "c": learned.C,
                                                    "analyzer": learned.ANALYZER,
                                                    "weights": learned.example_weights()}), encoding="utf-8")
    script = (
        "import json,sys\n"
        "from sklearn.feature_extraction.text import TfidfVectorizer\n"
        "from sklearn.linear_model import LogisticRegression\n"
        "d=json.load(open(sys.argv[1]))\n"
        "v=TfidfVectorizer(analyzer=d['analyzer'],ngram_range=tuple(d['ngram']),min_df=d['min_df'],sublinear_tf=True)\n"
        "X=v.fit_transform([t for t,_ in d['train']])\n"
        "lr=LogisticRegression(C=d['c'],max_iter=10000,tol=1e-8).fit(X,[bool(y) for _,y in d['train']],sample_weight=d['weights'])\n"
        "print(json.dumps(lr.predict_proba(v.transform(d['probes']))[:,1].tolist()))\n")
    out = subprocess.run([SKLEARN_PYTHON, "-c", script, str(tmp_path / "data.json")], capture_output=True, text=True,
                         check=True, timeout=600)
    theirs = json.loads(out.stdout)
    model = learned.default_model()
    assert max(abs(model.p_crisis(p) - q) for p, q in zip(probes, theirs, strict=True)) < 1e-3


TINY_EXAMPLES = """
- {lang: en, level: crisis, text: "I am the weight on everyone here"}
- {lang: en, level: crisis, text: "everyone here would breathe easier without the weight"}
- {lang: en, level: none, text: "the weight of the parcel surprised everyone"}
- {lang: en, level: none, text: "here is the bakery I told you about"}
- {lang: en, level: none, text: "we walked here after the bakery"}
"""


@pytest.fixture
def own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A fresh cache folder, tiny examples (training takes no time) and no model in memory; afterwards the shared
    test cache of the shipped examples is read again."""
    examples = tmp_path / "examples"
    examples.mkdir()
    (examples / "tiny.yaml").write_text(TINY_EXAMPLES, encoding="utf-8")
    monkeypatch.setenv(learned.CACHE_ENV, str(tmp_path / "cache"))
    monkeypatch.setattr(learned, "EXAMPLES_DIR", examples)
    learned._shipped_key.cache_clear()
    learned.forget()
    try:
        yield tmp_path / "cache"
    finally:
        learned._shipped_key.cache_clear()
        learned.forget()


def test_the_weights_are_cached_by_the_examples_hash_and_a_damaged_cache_is_rebuilt(own_cache: Path) -> None:
    built = learned.default_model()
    path = learned.cache_path()
    assert path.parent == own_cache and learned.examples_hash()[:16] in path.name
    cached = json.loads(path.read_text(encoding="utf-8"))
    assert cached["key"] == learned.examples_hash()
    learned.forget()
    assert learned.default_model() == built
    path.write_text("{not json", encoding="utf-8")
    learned.forget()
    assert learned.default_model() == built
    assert json.loads(path.read_text(encoding="utf-8"))["key"] == cached["key"]
    path.write_text(json.dumps(dict(cached, key="stale", weights=[99.0] * len(cached["grams"]))), encoding="utf-8")
    learned.forget()
    assert learned.default_model() == built
    (own_cache / "safety_classifier-0123456789abcdef.json").write_text("{}", encoding="utf-8")  # older examples'
    path.unlink()
    learned.forget()
    learned.default_model()
    assert [p.name for p in own_cache.glob("safety_classifier*")] == [path.name]


def test_an_unwritable_cache_folder_still_checks(own_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = own_cache.parent / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv(learned.CACHE_ENV, str(blocker / "cache"))
    model = learned.default_model()
    assert model.p_crisis("I am the weight on everyone here") > 0.5
    assert assess("I want to kill myself.").level == "crisis"


def test_a_check_never_waits_for_training(own_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No cache: the first check answers from the rules at once while a background thread trains and caches."""
    import threading

    release = threading.Event()
    real_train = learned.train

    def slow_train(*args, **kwargs):
        assert release.wait(30)
        return real_train(*args, **kwargs)

    monkeypatch.delenv(learned.SYNC_ENV, raising=False)
    monkeypatch.setattr(learned, "train", slow_train)
    saved, learned._override = learned._override, learned._UNSET   # as the app runs: no test override
    try:
        assert learned.active_model() is None   # the rules alone, not waiting
        assert assess("I want to kill myself.").level == "crisis"
        assert learned._training is not None and learned._training.is_alive()
        release.set()
        learned._training.join(60)
        assert learned.cache_path().exists()
        assert learned.active_model() is learned.default_model()
        learned.forget()   # a new process: the cache is read, nothing is trained
        monkeypatch.setattr(learned, "train", lambda *a, **k: pytest.fail("trained although the cache matches"))
        assert learned.active_model() is not None
    finally:
        release.set()
        learned._override = saved


def test_the_labelled_sets_live_in_the_package_and_only_held_out_sets_stay_in_tests() -> None:
    """They train the product, so they ship with it (hatch packages the whole journal/ folder)."""
    assert learned.EXAMPLES_DIR.is_relative_to(Path(learned.__file__).parent)
    assert {p.name for p in Path(__file__).parent.glob("safety_*.yaml")} <= {HELD_OUT_D.name, HELD_OUT_E.name, HELD_OUT_F_NAME}


# Round 5's Naive Bayes read these as crisis ("biscuit" once in a crisis example; "tonight"), which kept it off by
# default. Written for this file (not in any training set): what a companion hears every night.
EVERYDAY = [
    "I brought biscuits.", "Just listening tonight.",
    "Made soup with the last of the carrots and called Mum.",
    "The bus was late again so I walked home in the rain.",
    "Finally finished the puzzle we started at Christmas.",
    "My sister sent photos of the new puppy, he is tiny.",
    "Work was fine. Long meeting, cold coffee, nothing else to report.",
    "I think I'll repaint the bathroom green this spring.",
    "Tonight I just want to sleep early and read a bit.",
    "We argued about the dishes and then laughed about it.",
    "The exam is on Friday and I haven't started the last chapter.",
    "I gave my old bike to the neighbour's kid.",
    "今天下班路上买了一束花。",
    "周末打算去爬山，希望别下雨。",
    "晚上和妈妈视频聊了很久。",
    "新买的耳机音质还不错。",
    "今天加班到九点，回家吃了碗面。",
    "楼下的猫又来蹭饭了。",
    "明天要早起去医院给奶奶拿药。",
    "把旧衣服整理好捐给了社区。",
]


STILL_LOUD: set[str] = set()
"""Everyday sentences above that the classifier still reads as crisis: none in round 6. A new false alarm fails.
"Just listening tonight." is quiet because the classifier does not read three words (learned.MIN_WORDS): its
p(crisis) is still about 0.8, "tonight" being a word crisis writing uses a lot."""


def test_everyday_writing_is_quiet_with_the_learned_signal_on() -> None:
    with learned.using(learned.default_model()):
        loud = {t for t in EVERYDAY if assess(t).level != "none"}
    assert loud == STILL_LOUD


def test_the_learned_signal_reads_only_sentences_of_min_words() -> None:
    with learned.using(_FiresOnEverything()):  # type: ignore[arg-type]
        assert assess("Just listening tonight.").level == "none"   # three words: the rules alone
        assert assess("在听歌。").level == "none"                   # three characters
        assert assess("Just listening to music tonight.").level == "crisis"
        assert assess("今晚只是在听雨声。").level == "crisis"
    assert learned.word_count("Just listening tonight.") == 3 < learned.MIN_WORDS
    assert learned.word_count("我不想活了。") == 5 and learned.word_count("i'm 23, ok") == 3


def test_the_learned_signal_is_on_by_default_and_can_be_switched_off(monkeypatch: pytest.MonkeyPatch) -> None:
    # As the app runs: no test override. Restored by hand, not by monkeypatch: conftest's monkeypatch is torn down
    # after this module's fixture and would leave the override changed for every later test of this worker.
    saved, learned._override = learned._override, learned._UNSET
    try:
        monkeypatch.delenv(learned.SWITCH_ENV, raising=False)
        assert learned.active_model() is learned.default_model()
        assert assess(UNSEEN_CRISIS[0]).level == "crisis"
        assert [assess(text).level for text in EVERYDAY if text not in STILL_LOUD] == ["none"] * (len(EVERYDAY) - len(STILL_LOUD))
        monkeypatch.setenv(learned.SWITCH_ENV, "0")
        assert learned.active_model() is None
        assert assess(UNSEEN_CRISIS[0]).level != "crisis"
    finally:
        learned._override = saved


def test_a_cache_with_a_number_that_is_not_finite_is_trained_again(own_cache: Path) -> None:
    """A NaN weight makes every comparison with the threshold false: read as is, it would call every sentence crisis."""
    built = learned.default_model()
    path = learned.cache_path()
    cached = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps(dict(cached, weights=[float("nan")] * len(cached["grams"]))), encoding="utf-8")
    learned.forget()
    assert learned.default_model() == built


def test_a_training_that_fails_leaves_the_rules_alone_without_trying_at_every_check(
        own_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    attempts: list[int] = []

    def broken_train(*args, **kwargs):
        attempts.append(1)
        raise ImportError("numpy is missing")

    monkeypatch.delenv(learned.SYNC_ENV, raising=False)
    monkeypatch.setattr(learned, "train", broken_train)
    monkeypatch.setattr(learned, "_training_failed", False)
    saved, learned._override = learned._override, learned._UNSET   # as the app runs: no test override
    try:
        assert learned.active_model() is None
        learned._training.join(30)
        for _ in range(3):
            assert learned.active_model() is None
            assert assess("I want to kill myself.").level == "crisis"   # the rules still answer
        assert attempts == [1]
    finally:
        learned._override = saved


def test_training_that_cannot_be_cached_never_holds_up_the_end_of_a_process(
        own_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An unwritable cache folder: the thread is a daemon (a CLI exits at once); a writable one: it is not (a short
    CLI process finishes writing the cache it trained)."""
    import threading

    release = threading.Event()
    real_train = learned.train
    monkeypatch.delenv(learned.SYNC_ENV, raising=False)
    monkeypatch.setattr(learned, "train", lambda *a, **k: (release.wait(30), real_train(*a, **k))[1])
    saved, learned._override = learned._override, learned._UNSET
    try:
        blocker = own_cache.parent / "file"
        blocker.write_text("not a folder", encoding="utf-8")
        monkeypatch.setenv(learned.CACHE_ENV, str(blocker / "cache"))
        assert learned.active_model() is None
        assert learned._training.daemon
        release.set()
        learned._training.join(30)
        learned.forget()
        release.clear()
        monkeypatch.setenv(learned.CACHE_ENV, str(own_cache))
        assert learned.active_model() is None
        assert not learned._training.daemon
    finally:
        release.set()
        if learned._training is not None:
            learned._training.join(30)
        learned._override = saved


def test_a_sentence_the_rules_raised_to_crisis_is_not_read_by_the_classifier() -> None:
    """A long entry's cost: nothing could raise such a sentence further, so the classifier skips it."""

    class Counting:
        def __init__(self) -> None:
            self.asked: list[str] = []

        def p_crisis(self, sentence: str) -> float:
            self.asked.append(sentence)
            return 0.0

    counting = Counting()
    with learned.using(counting):  # type: ignore[arg-type]
        assert assess("I want to kill myself tonight. We had noodles for dinner and it was nice.").level == "crisis"
    assert counting.asked == ["we had noodles for dinner and it was nice."]
