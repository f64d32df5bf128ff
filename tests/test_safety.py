"""journal.safety.assess: the labelled sets, the issue's must-catch and must-not-fire phrases, help lines, speed."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
import yaml

from journal.i18n import catalogue, set_language
from journal.safety import LEVELS, assess, learned, resources_for
from journal.safety.assess import ESCALATION_CODE, SOMEONE_ELSE_CODE, _findings

HERE = Path(__file__).parent
EXAMPLES = Path(__file__).parent.parent / "journal" / "safety" / "examples"  # ship with Duet: the classifier learns from them
LABELLED = EXAMPLES / "safety_labelled.yaml"
TUNING = EXAMPLES / "safety_tuning.yaml"
HELD_OUT = EXAMPLES / "safety_heldout.yaml"  # spent by round 1 (one untouched run), tuned on in round 2
HELD_OUT_B = EXAMPLES / "safety_heldout_b.yaml"  # round 2's untouched held-out set, tuned on in round 3
TUNING_C = EXAMPLES / "safety_tuning_c.yaml"  # round 3's tuning set (fresh sentences, written after held-out set C)
HELD_OUT_C = EXAMPLES / "safety_heldout_c.yaml"  # round 3's held-out set, read while round 3 tuned, tuned on in round 4
HELD_OUT_D = HERE / "safety_heldout_d.yaml"  # round 4's untouched held-out set: NEVER in the exact-level test below
HOLDOUTS = (EXAMPLES / "safety_holdout.yaml", EXAMPLES / "safety_holdout2.yaml", EXAMPLES / "safety_holdout3.yaml")
ALL_SETS = (LABELLED, TUNING, *HOLDOUTS, HELD_OUT, HELD_OUT_B, TUNING_C, HELD_OUT_C)
MIN_LABELLED_SENTENCES = 160
MIN_NEW_SET_SENTENCES = 100

# Exact levels, not ratio floors (#21: floors on a set the rules were fitted to absorbed 6 wrong levels).
# Every sentence must get its labelled level, except these known misses, which must stay exactly as listed:
# a fix shows up here as a test to update, and a new miss fails. The held-out sets' misses are recorded
# here as measured, never tuned away (benchmarks/safety_eval.py has the figures); those marked "none"
# are crisis sentences the local rules cannot see, where only a capable model's second opinion can help.
KNOWN_MISSES: dict[str, dict[str, str]] = {
    "safety_holdout2.yaml": {
        'Made a list of who gets my things. It feels calm, which scares me.': "concern",  # labelled crisis
    },
    "safety_holdout3.yaml": {
        "I've picked a date. Next Friday, after mom's birthday, so I don't ruin it.": "concern",  # labelled crisis
    },
    "safety_heldout.yaml": {
        'kill me now lol, group project from hell': "none",  # labelled concern
    },
    "safety_tuning_c.yaml": {
        "i'd honestly love to just stop existing for a while. forever, actually.": "none",  # labelled crisis
        'nobody tells you how much you can want to be dead and still make breakfast': "concern",  # labelled crisis
        "I've set a date for it. March 3rd.": "concern",  # labelled crisis
        'I want off this ride. Permanently.': "none",  # labelled crisis
        "I've got a bag of my grandma's old prescriptions and I keep counting them.": "none",  # labelled crisis
        "Saturday is the day. I've decided.": "none",  # labelled crisis
        "I've told my best friend where my will is, just in case.": "none",  # labelled crisis
        "I really really don't want to wake up tomorrow.": "none",  # labelled crisis
    },
    "safety_heldout_c.yaml": {  # as measured when round 4 finished tuning on it
        "Being alive feels like a chore I never signed up for and I want to stop doing it.": "none",  # labelled crisis
        "I don't think I'll survive the weekend, and I'm not going to try to.": "none",  # labelled crisis
        "I picked the date: the 14th. It feels right.": "concern",  # labelled crisis
        "I already know which building. The roof door is never locked.": "none",  # labelled crisis
        # told as over only by what came after (a 10k, hugging the girl she was): PAST_POLICY needs it said
        "Three years ago I wanted to die. Today I ran my first 10k.": "concern",  # labelled none
        "翻到以前的日记，全是想消失，好想抱抱当时的自己。": "concern",  # labelled none
    },
}
MAX_MS_PER_SENTENCE = 3.0  # "a few milliseconds" of CPU; measured ~0.7 ms with the word families (0.35 before)
MAX_RATIO_LONG_ENTRY = 25  # a 20,000-word entry against splitting it into sentences; measured ~4


def _load(path: Path) -> list[dict]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_the_labelled_set_is_big_and_covers_both_languages_and_all_levels() -> None:
    items = _load(LABELLED)
    assert len(items) >= MIN_LABELLED_SENTENCES
    for lang in ("en", "zh"):
        for level in LEVELS:
            assert sum(1 for i in items if i["lang"] == lang and i["level"] == level) >= 20, (lang, level)
    texts = [i["text"] for i in items]
    assert len(texts) == len(set(texts)), "duplicate sentences inflate the figures"


@pytest.mark.parametrize("path", ALL_SETS, ids=lambda p: p.stem)
def test_every_sentence_gets_its_exact_level(path: Path) -> None:
    """The RULES' exact levels (round 5: these sets are now the learned signal's training data, so the combination
    is judged on unseen sentences instead: tests/test_safety_learned.py and set D below, in aggregate)."""
    known = KNOWN_MISSES.get(path.name, {})
    wrong = []
    for item in _load(path):
        expected = known.get(item["text"], item["level"])
        with learned.using(None):
            got = assess(item["text"]).level
        if got != expected:
            wrong.append(f"{item['level']} (expected {expected}) -> {got}: {item['text']}")
    assert not wrong, "\n".join(wrong)
    texts = {i["text"] for i in _load(path)}
    assert set(known) <= texts, "an allow-listed sentence is no longer in the set"


# Held-out set D's figures as measured at the end of round 4 (benchmarks/safety_eval.py --aggregate-only); counted in
# aggregate only, never sentence by sentence, so the set stays untouched for the next round. A fall below these is a
# regression. Untouched first run: crisis 15/54 en and 16/50 zh, false alarms 4/49 and 3/46.
HELD_OUT_D_MIN_CRISIS = {"en": 15, "zh": 17}  # the rules alone: crisis recall 0.28 and 0.34
HELD_OUT_D_MAX_FALSE_ALARMS = {"en": 3, "zh": 2}  # of 49 and 46 calm sentences
# Round 5's Naive Bayes (opt-in) measured once on D: crisis 41/54 en, 40/50 zh (0.78); false alarms 5/49, 2/46 (0.07).
# Round 6 (on by default: logistic regression trained with everyday writing, threshold chosen by cross-validation for
# at most 1% false alarms on everyday writing, journal/safety/learned.py), measured on D in aggregate only:
# crisis 30/54 en, 24/50 zh (0.52); false alarms 3/49 en, 2/46 zh (0.05, the rules' own).
# The target (recall >= 0.95, false alarms <= 0.05) is NOT reached.
HELD_OUT_D_MIN_CRISIS_COMBINED = {"en": 30, "zh": 24}
HELD_OUT_D_MAX_FALSE_ALARMS_COMBINED = {"en": 3, "zh": 2}
# Round 7: D and E are spent, development sets (their misses were read and the rules generalised by category on them),
# so these floors guard the round-7 figures against regression; they say nothing about unseen wording (set F does).
HELD_OUT_D_MIN_CRISIS, HELD_OUT_D_MAX_FALSE_ALARMS = {"en": 24, "zh": 30}, {"en": 2, "zh": 0}
HELD_OUT_D_MIN_CRISIS_COMBINED, HELD_OUT_D_MAX_FALSE_ALARMS_COMBINED = {"en": 41, "zh": 37}, {"en": 2, "zh": 0}
# With round 7's training sentences (threshold 0.7 kept: like-for-like cross-validation on the earlier files' folds gives
# 1.0% false alarms on everyday writing and 4.4% on hard negatives, within the 1% / 5% rule): D 78/104, E 105/120,
# with two more English false alarms on E (8/56) than the rules' own 6.


HELD_OUT_E = HERE / "safety_heldout_e.yaml"  # round 6's blind held-out set: aggregate only, never in any training
# E's figures from its one final run (commit a24f34b, benchmarks/safety_eval.py), aggregate only; a fall is a
# regression. The rules alone: crisis 21/60 en, 24/60 zh; false alarms 6/56, 2/56. Rules + the learned signal as
# shipped: crisis 41/60 en, 42/60 zh (0.69); false alarms 6/56, 2/56 (0.07, the rules' own). Target NOT reached.
HELD_OUT_E_FLOORS: dict[bool, tuple[dict[str, int], dict[str, int]]] = {   # round 7 (a development set now)
    True: ({"en": 30, "zh": 37}, {"en": 6, "zh": 1}),
    False: ({"en": 50, "zh": 55}, {"en": 8, "zh": 1}),
}


HELD_OUT_F = HERE / "safety_heldout_f.yaml"  # round 7's blind held-out set: aggregate only, never in any training
# F's figures from its one final run (commit 650502a, benchmarks/safety_eval.py), aggregate only; a fall is a
# regression. First run (58da267): crisis 42/60 en, 49/60 zh. Final: the rules alone 27/60 en, 32/60 zh; rules + the
# learned signal 45/60 en, 52/60 zh (0.81); false alarms 4/56, 2/56 (0.054). Target NOT reached. Spent from round 8 on.
HELD_OUT_F_FLOORS: dict[bool, tuple[dict[str, int], dict[str, int]]] = {
    True: ({"en": 27, "zh": 32}, {"en": 4, "zh": 2}),
    False: ({"en": 45, "zh": 52}, {"en": 4, "zh": 2}),
}


@pytest.mark.parametrize(("path", "rules_only", "min_crisis", "max_false_alarms"), [
    (HELD_OUT_D, True, HELD_OUT_D_MIN_CRISIS, HELD_OUT_D_MAX_FALSE_ALARMS),
    (HELD_OUT_D, False, HELD_OUT_D_MIN_CRISIS_COMBINED, HELD_OUT_D_MAX_FALSE_ALARMS_COMBINED),
    *[(HELD_OUT_E, rules_only, *floors) for rules_only, floors in HELD_OUT_E_FLOORS.items()],
    *[(HELD_OUT_F, rules_only, *floors) for rules_only, floors in HELD_OUT_F_FLOORS.items()]],
    ids=lambda v: v.stem if isinstance(v, Path) else ("rules" if v is True else "combined" if v is False else None))
def test_held_out_sets_keep_their_measured_figures_in_aggregate(path: Path, rules_only: bool,
                                                               min_crisis: dict[str, int],
                                                               max_false_alarms: dict[str, int]) -> None:
    items = _load(path)
    for lang in ("en", "zh"):
        mine = [i for i in items if i["lang"] == lang]
        with learned.using(None if rules_only else learned.default_model()):
            levels = [(i["level"], assess(i["text"]).level) for i in mine]
        caught = sum(1 for gold, got in levels if gold == "crisis" and got == "crisis")
        false_alarms = sum(1 for gold, got in levels if gold == "none" and got != "none")
        assert caught >= min_crisis[lang], (lang, caught)   # counts only: a held-out sentence is never printed
        assert false_alarms <= max_false_alarms[lang], (lang, false_alarms)


@pytest.mark.parametrize("path", [TUNING, HELD_OUT, HELD_OUT_B, TUNING_C, HELD_OUT_C, HELD_OUT_D], ids=lambda p: p.stem)
def test_the_new_sets_are_honest_tests(path: Path) -> None:
    """#18: 100+ sentences, a third hard negatives, 20 story turns, every category, both languages."""
    from journal.safety.rules import CATEGORIES

    items = _load(path)
    assert len(items) >= MIN_NEW_SET_SENTENCES
    hard = [i for i in items if i["kind"] in {"hyperbole", "fiction", "grief", "news", "past", "other_person", "denial",
                                              "accident", "everyday"} and i["level"] != "crisis"]
    assert len(hard) * 3 >= len(items)
    assert sum(1 for i in items if i.get("story")) >= 20
    aliases = {"wish_dead": "wish_to_be_dead", "ideation": "suicidal_thoughts", "goodbye": "preparation"}
    for lang in ("en", "zh"):
        kinds = {aliases.get(i["kind"], i["kind"]) for i in items if i["lang"] == lang}
        assert set(CATEGORIES) <= kinds, (lang, set(CATEGORIES) - kinds)


@pytest.mark.parametrize("path", [HELD_OUT_E, HELD_OUT_F], ids=lambda p: p.stem)
def test_the_blind_sets_are_honest_tests(path: Path) -> None:
    """#18 for the blind sets, whose writers named their calm kinds freely: 100+ sentences, more than a third calm
    (nearly all hard negatives, see each file's header), 20+ story turns, every category in both languages."""
    from journal.safety.rules import CATEGORIES

    items = _load(path)
    assert len(items) >= MIN_NEW_SET_SENTENCES
    assert sum(1 for i in items if i["level"] == "none") * 3 >= len(items)
    assert sum(1 for i in items if i.get("story")) >= 20
    aliases = {"wish_dead": "wish_to_be_dead", "ideation": "suicidal_thoughts", "hopelessness_with_death": "hopelessness"}
    for lang in ("en", "zh"):
        kinds = {aliases.get(i["kind"], i["kind"]) for i in items if i["lang"] == lang and i["level"] == "crisis"}
        assert set(CATEGORIES) <= kinds, (lang, set(CATEGORIES) - kinds)


def test_speed_per_sentence() -> None:
    """CPU time, not wall time: on the shared 2-core machine other people's work can triple the wall clock."""
    texts = [item["text"] for item in _load(LABELLED)]
    start = time.process_time()
    for _ in range(3):
        for text in texts:
            assess(text)
    ms_per_sentence = (time.process_time() - start) * 1000 / (3 * len(texts))
    assert ms_per_sentence < MAX_MS_PER_SENTENCE


# --- the exact phrases named in the issue ------------------------------------------------------

@pytest.mark.parametrize("text", [
    "everyone would be better off without me",
    "I've been writing a farewell letter to my family.",
    "I wrote goodbye notes for everyone.",
    "I'm saving up pills.",
    "不想活了",
    "活着没意思",
    "想结束这一切",
    "我在写遗书",
    "I keep cutting myself.",
    "我又自残了",
])
def test_the_issue_crisis_phrases_are_crisis(text: str) -> None:
    assert assess(text).level == "crisis"


@pytest.mark.parametrize("text", [
    "撑不下去了",
    "I've been giving away my things.",
])
def test_single_warning_signs_show_the_panel(text: str) -> None:
    assert assess(text).level in ("concern", "crisis")


@pytest.mark.parametrize("text", [
    "this commute is killing me", "I'd die for dumplings", "笑死我了", "累死了", "热死了", "饿死了", "爱死这首歌了",
    "The villain dies in chapter three.", "In chapter three the villain throws himself off the tower.",
    "第三章里反派死了。",
])
def test_the_issue_hyperbole_and_fiction_never_fire(text: str) -> None:
    assert assess(text).level == "none"


# --- indirect phrasing: places, means at hand, settling affairs, pets (holdout 3's lessons) ------------

@pytest.mark.parametrize("text", [
    "Tomorrow I'm going to drive to the coast and not come back.",
    "我打算明天去江边，然后就不回来了。",
    "I keep looking up how high the parking garage is and whether it would be enough.",
    "I wish I could just not exist.",
    "I'd rather be dead.",
    "It's better for everyone if I'm not around.",
    "I found a new home for my dog so she's looked after when I'm not here.",
    "Wrote down my passwords for my sister, so nobody has to deal with a mess after.",
    "把银行卡密码写给妹妹了，以后她用得着。",
    "药已经存够了。",
    "为什么还要醒来。",
    "我不想存在了。",
    "爸妈没有我这个拖油瓶会好过很多。",
    "The song goes 'I want to die' and then something about stars, but I really want to die.",
])
def test_indirect_warning_signs_are_crisis(text: str) -> None:
    assert assess(text).level == "crisis", [str(r) for r in assess(text).reasons]


@pytest.mark.parametrize("text", [
    # written after the holdout-3 fixes, against the new rules: travel, parties, naps, restaurants, lyrics
    "We drove to the coast and didn't come back until Sunday.",
    "I'm moving to Berlin and not coming back.",
    "I picked a date for the party.",
    "I'd rather die than wear that sweater.",
    "I'm not going to be around much longer tonight, the party ends at ten.",
    "I can't feel anything in my left foot since the injection.",
    "The song goes 'I want to die in your arms tonight', and I can't stop humming it.",
    "The nurse showed me how to inject insulin without hurting myself.",
    "时间定在周六下午三点。",
    "他说以后他会照顾我。",
    "好想一直睡到中午别醒。",
    "过年回家，把猫托付给了朋友。",
    "这首歌让我半夜哭了。",
    "考完试那天，心里空空的。",
    "这辈子都不想再去那家海边餐厅，再也不回来了。",
    "这家火锅好吃到哭，简直想死在这里。",
    "差点就翻过去了，这个游戏的跳跃太难了。",
])
def test_everyday_sentences_near_the_new_rules_stay_quiet(text: str) -> None:
    with learned.using(None):
        assert assess(text).level == "none", [str(r) for r in assess(text).reasons]
    expected = LEARNED_FALSE_ALARMS.get(text, "none")
    with learned.using(learned.default_model()):   # switched on (off by default, see journal/safety/learned.py)
        assert assess(text).level == expected, [str(r) for r in assess(text).reasons]


# The learned signal's known false alarms among these near-misses (the rules alone stay quiet). Round 5's Naive Bayes
# had three ("We drove to the coast and didn't come back until Sunday.", "时间定在周六下午三点。", "好想一直睡到中午别醒。");
# round 6's classifier has none. A new false alarm fails.
LEARNED_FALSE_ALARMS: dict[str, str] = {}


# --- how the reading works -----------------------------------------------------------------------

def test_reasons_carry_a_code_and_the_matched_phrase() -> None:
    result = assess("Honestly, I want to end my life.")
    assert result.level == "crisis"
    assert [(r.code, r.phrase) for r in result.reasons] == [("suicidal_thoughts", "end my life")]
    assert str(result.reasons[0]) == "suicidal_thoughts: end my life"


@pytest.mark.parametrize("text", ["I don't want to die.", "I would never kill myself.", "我不想死。", "我从来没有想过自杀。"])
def test_denials_are_not_signals(text: str) -> None:
    assert assess(text).level == "none"


def test_a_hedge_is_not_a_denial() -> None:
    assert assess("I don't think I want to be alive anymore.").level == "crisis"


def test_someone_else_at_risk_is_concern_with_its_own_code() -> None:
    result = assess("My sister told me she wants to kill herself.")
    assert result.level == "concern"
    assert result.reasons[0].code == SOMEONE_ELSE_CODE


def test_quoted_words_in_a_story_are_fiction_but_plain_first_person_is_not() -> None:
    assert assess('In the novel, the knight whispers "I want to die" and falls.').level == "none"
    assert assess("Long story short, I want to die.").level == "crisis"


def test_past_and_jokes_soften_but_still_show_the_panel() -> None:
    assert assess("I used to cut myself in high school.").level == "concern"
    assert assess("不想活了哈哈哈").level == "concern"


def test_two_different_signs_close_together_make_a_crisis_but_far_apart_do_not() -> None:
    with learned.using(None):  # the rules' escalation (the learned signal adds its own reasons after it)
        close = assess("This is my last entry. Goodbye.")
    assert close.level == "crisis" and close.reasons[-1].code == ESCALATION_CODE
    filler = " ".join(f"We walked to the market number {i}." for i in range(5))
    with learned.using(None):  # round 5: the learned signal reads "This is my last entry." alone as crisis
        far = assess(f"This is my last entry. {filler} Goodbye.")
    assert far.level == "concern"


def test_mixed_language_text_is_read_with_both_rule_sets() -> None:
    assert assess("Today was long. 我真的不想活了. C didn't answer.").level == "crisis"


def test_full_width_and_curly_apostrophes_are_normalised() -> None:
    assert assess("I don’t want to live anymore！").level == "crisis"


@pytest.mark.parametrize("text", ["", "   ", "\n\n", "💀", "a" * 10_000])
def test_empty_odd_and_huge_input_is_calm(text: str) -> None:
    result = assess(text)
    assert result.level == "none" and result.reasons == [] and result.resources == []


def test_the_trigger_prefilter_never_changes_a_result() -> None:
    """Sentences without a trigger stem are skipped for speed; prove the skip loses nothing on every labelled text."""
    for path in ALL_SETS:
        for item in _load(path):
            fast = [f.reason for f in _findings(item["text"], use_trigger=True)]
            slow = [f.reason for f in _findings(item["text"], use_trigger=False)]
            assert fast == slow, item["text"]


def test_a_long_entry_is_fast_and_a_signal_deep_inside_it_is_found() -> None:
    from journal.safety.assess import normalize, sentences

    calm = "Today I walked by the river and thought about our story. 今天和C聊了很久，感觉很温暖。\n"
    text = calm * 700 + "I want to die.\n" + calm * 700  # about 20,000 words
    assert assess(text).level == "crisis"
    # A ratio, not a bound in ms (the shared machine's load moves both): the rules may cost a few times what
    # merely splitting the text into sentences costs (measured ~4x; 25 ms alone on an idle machine).
    assess_ms = min(_ms(lambda: assess(text)) for _ in range(3))
    split_ms = min(_ms(lambda: sentences(normalize(text))) for _ in range(3))
    assert assess_ms < MAX_RATIO_LONG_ENTRY * split_ms, (assess_ms, split_ms)


def _ms(work) -> float:
    start = time.perf_counter()
    work()
    return (time.perf_counter() - start) * 1000


# --- help lines ----------------------------------------------------------------------------------

def _contacts(resources) -> list[str]:
    return [r.contact for r in resources]


def test_chinese_readers_get_the_china_lines() -> None:
    result = assess("我不想活了", lang="zh")
    assert _contacts(result.resources)[:2] == ["12356", "010-82951332"]
    assert "120 / 110" in _contacts(result.resources)
    assert result.resources[0].name == "全国心理援助热线"


def test_english_readers_get_us_uk_and_findahelpline() -> None:
    contacts = _contacts(assess("I want to die", lang="en").resources)
    assert contacts == ["988", "116 123", "findahelpline.com", "911", "999"]


@pytest.mark.parametrize(("region", "expected"), [
    ("CN", ["12356", "010-82951332", "120 / 110"]),
    ("US", ["988", "findahelpline.com", "911"]),
    ("UK", ["116 123", "findahelpline.com", "999"]),
    ("gb", ["116 123", "findahelpline.com", "999"]),
])
def test_a_region_chooses_the_lines_whatever_the_language(region: str, expected: list[str]) -> None:
    assert _contacts(resources_for("en", region)) == expected
    assert _contacts(resources_for("zh", region)) == expected


def test_an_unknown_region_falls_back_to_the_language() -> None:
    assert _contacts(resources_for("zh", "FR")) == _contacts(resources_for("zh"))


def test_the_current_language_names_the_lines_the_text_chooses() -> None:
    # #20.2: an English text gets the US/UK lines in the Chinese interface too, named in Chinese.
    set_language("zh")
    try:
        result = assess("I want to die")
        assert result.resources[0].contact == "988" and result.resources[0].name == "988 自杀与危机生命线（美国）"
        assert assess("我不想活了").resources[0].contact == "12356"
    finally:
        set_language(None)


def test_every_line_has_a_name_and_note_in_both_languages() -> None:
    for lang in ("en", "zh"):
        for line in resources_for(lang, "CN") + resources_for(lang, "US") + resources_for(lang, "UK"):
            for part in ("name", "note"):
                key = f"safety.resources.{line.id}.{part}"
                assert key in catalogue(lang), key
                assert getattr(line, part) and not getattr(line, part).startswith("safety.")


def test_the_two_catalogues_have_the_same_safety_keys() -> None:
    en = {k for k in catalogue("en") if k.startswith("safety.")}
    zh = {k for k in catalogue("zh") if k.startswith("safety.")}
    assert en == zh
