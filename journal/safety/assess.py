"""Read a text the way a careful friend would: is the writer in danger, distressed, or just talking?

Runs locally on every journal save and every story turn, so it has to be fast
(a few milliseconds, no model, no network) and it has to be quiet on the
hyperbole people write every day. It reads sentence by sentence; for each
warning-sign phrase it asks: is it denied ("I would never"), a joke ("lol",
"哈哈"), in the past ("used to"), about someone else ("my friend wants to…"),
fiction or the news ("the villain… in chapter three"), or a quotation? Each of
those lowers or drops the signal. Two different milder signs close together
("my last entry… goodbye") add up to a crisis. A small classifier trained on the
examples Duet ships with (:mod:`journal.safety.learned`) is a second signal for
wording no rule names; the same context judgements hold it back (see :func:`_learned_findings`).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from journal.safety import learned, rules_en, rules_zh
from journal.safety.model import Assessment, Reason
from journal.safety.resources import Resource, resources_for, writer_languages
from journal.safety.rules import LEVELS, LanguageContext, Level, Rule

CONTEXTS: tuple[LanguageContext, ...] = (rules_en.CONTEXT, rules_zh.CONTEXT)

ESCALATION_WINDOW_SENTENCES = 3
"""Two different concern signs at most this many sentences apart make a crisis ("my last entry. Goodbye.")."""
PHRASE_CONTEXT_CHARS = 40
"""How much of the matched phrase a reason keeps, so a reason never carries a whole entry."""
ESCALATION_CODE = "several_warning_signs"
SOMEONE_ELSE_CODE = "someone_else_at_risk"
LEARNED_CODE = "learned_signal"
"""A sentence that reads like the shipped crisis examples though no rule named its words."""
PAST_POLICY = """A past attempt or past self-harm is CONCERN; the same past told as over is NONE.

A past attempt is the strongest single predictor of a later one and the C-SSRS asks about lifetime behaviour,
so "I tried to kill myself when I was nineteen and I still think about that night" shows the calm panel
(concern: the help lines, not a crisis tone). But issue #18 asks that "past struggles described as over" lower
the signal, and a person telling their recovery ("I used to cut. I'm 28 now and it's been a decade", "以前自残过，
已经三年没有了") should not be met with a hotline: when the text itself says the struggle is over (each language's
``recovered`` pattern), the signs it softened as past are dropped. A sign in the present tense is never dropped,
whatever else the text says ("I used to cut and now I'm doing it again" stays crisis). Decided in round 4 for
tests/safety_heldout_d.yaml; set C had labelled every past item none, with or without a sign of recovery."""

_SENTENCE_END = re.compile(r"[。!?…\n]+[\"”」』)]*|\.+(?=[\s\"”」』)]|$)")
_QUOTE_PAIRS = (("“", "”"), ("「", "」"), ("『", "』"))
_SINGLE_OPEN = re.compile(r"(?:^|(?<=[\s(\[]))'(?=\w)")
_SINGLE_CLOSE = re.compile(r"(?<=\S)'(?=[\s,.!?;:)\]]|$)")
_CLAUSE_BREAK = re.compile("|".join(f"(?:{c.clause_break.pattern})" for c in CONTEXTS))
_A_NOT_A = re.compile(r"([\u4e00-\u9fff])不\1")
"""要不要, 会不会: a question (whether or not), not a denial; the pair reads as its verb."""
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'"})
_BARE_CONTRACTION = re.compile(r"\b(do|does|did|is|are|was|were|would|could|should|ca|wo|have|has|had|ai)nt\b|\b(i)(m|ve)\b")
"""Contractions typed without the apostrophe at night on a phone ("wouldnt", "didnt", "cant", "ive"): the rules
are written once, for the apostrophe form. "ill" is an English word and stays as it is."""


@dataclass(frozen=True)
class _Finding:
    reason: Reason
    sentence: int
    counts_for_escalation: bool
    sign: str = ""
    past: bool = False


def assess(text: str, lang: str | None = None, region: str | None = None) -> Assessment:
    """Assess ``text`` (English, Simplified Chinese or both) for crisis signals.

    The help lines follow the text's own language(s) and ``region`` (the
    person's setting); ``lang`` only names them (see
    :func:`journal.safety.resources.resources_for`). Every text is read with
    both languages' rules, since people mix them in one sentence.
    """
    judged_harmless: set[int] = set()
    findings = _findings(text or "", judged_harmless=judged_harmless)
    raised = {f.sentence for f in findings if f.reason.level == "crisis"}
    findings += [f for f in _learned_findings(text or "", judged_harmless, raised)
                 if LEVELS.index(f.reason.level) > LEVELS.index(_max_level(r.reason.level for r in findings
                                                                           if r.sentence == f.sentence))]
    if any(f.past for f in findings) and _told_as_over(text):
        findings = [f for f in findings if not f.past]
    level = _max_level(f.reason.level for f in findings)
    reasons = [f.reason for f in findings]
    if level == "concern" and _escalates(findings):
        level = "crisis"
        reasons.append(Reason(ESCALATION_CODE, "crisis", "; ".join(sorted({r.phrase for r in reasons}))))
    resources = resources_for(lang, region, languages=writer_languages(text, (r.phrase for r in reasons))) if level != "none" else []
    return Assessment(level=level, reasons=reasons, resources=resources)


def _told_as_over(text: str) -> bool:
    """The text tells its past struggle as over: a recovery, not a warning sign (see :data:`PAST_POLICY`)."""
    plain = normalize(text)
    return any(c.recovered is not None and c.recovered.search(plain) for c in CONTEXTS)


def normalize(text: str) -> str:
    """Full-width to half-width (NFKC), lower case, straight apostrophes: the form every rule is written for."""
    lowered = unicodedata.normalize("NFKC", text).translate(_APOSTROPHES).lower()
    return _BARE_CONTRACTION.sub(_with_apostrophe, lowered)


def _with_apostrophe(m: re.Match[str]) -> str:
    if m.group(1):
        return f"{m.group(1)}n't"
    return f"{m.group(2)}'{m.group(3)}"


def sentences(text: str) -> list[str]:
    """Split on sentence ends, keeping the punctuation with its sentence."""
    out: list[str] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        piece = text[start:m.end()].strip()
        if piece:
            out.append(piece)
        start = m.end()
    tail = text[start:].strip()
    if tail:
        out.append(tail)
    return out


def _findings(text: str, use_trigger: bool = True, judged_harmless: set[int] | None = None) -> list[_Finding]:
    """The rules' findings; ``judged_harmless`` collects the sentences where a rule saw words and judged them
    harmless in context (denied, an idiom), which the learned signal must not overrule."""
    found: list[_Finding] = []
    pieces = sentences(normalize(text))
    for index, sentence in enumerate(pieces):
        flags: _SentenceFlags | None = None  # computed only for sentences a rule matches
        for ctx in CONTEXTS:
            if use_trigger and not ctx.trigger.search(sentence):
                continue
            for rule in ctx.rules:
                for m in rule.pattern.finditer(sentence):
                    flags = flags or _SentenceFlags.of(sentence, " ".join(pieces[max(0, index - 1):index + 2]))
                    finding = _judge(rule, ctx, sentence, m, flags, index)
                    if finding is not None:
                        found.append(finding)
                    elif judged_harmless is not None and _judged_harmless(rule, ctx, sentence, m):
                        judged_harmless.add(index)
    return _dedupe(found)


@dataclass(frozen=True)
class _SentenceFlags:
    fiction: bool
    joke: bool
    hyperbole: bool
    nearby: str
    """The sentence with its neighbours, for rules whose context may sit in the next sentence."""

    @classmethod
    def of(cls, sentence: str, nearby: str) -> _SentenceFlags:
        return cls(fiction=any(c.fiction.search(sentence) for c in CONTEXTS),
                   joke=any(c.joke.search(sentence) for c in CONTEXTS),
                   hyperbole=any(c.hyperbole is not None and c.hyperbole.search(sentence) for c in CONTEXTS),
                   nearby=nearby)


def _judge(rule: Rule, ctx: LanguageContext, sentence: str, m: re.Match[str],
           flags: _SentenceFlags, index: int) -> _Finding | None:
    before, after = sentence[:m.start()], sentence[m.end():]
    clause_before = _clause_before(before)
    if rule.unless_before and rule.unless_before.search(clause_before):
        return None
    if rule.unless_after and rule.unless_after.match(after):
        return None
    if rule.unless_sentence and rule.unless_sentence.search(sentence):
        return None
    if rule.needs_sentence and not rule.needs_sentence.search(flags.nearby if rule.needs_nearby else sentence):
        return None
    if flags.hyperbole:
        return None
    if ctx.negation.search(_A_NOT_A.sub(r"\1", clause_before)) or (ctx.denied_after and ctx.denied_after.match(after)):
        return None

    level: Level = rule.level
    code = rule.code
    softened = False
    if (rule.soften_after and rule.soften_after.match(after)) or (
            rule.soften_sentence and rule.soften_sentence.search(sentence)):
        level, softened = _at_most(level, "concern"), True

    subject = _subject(before, ctx, m.group(0)) if rule.subject_sensitive else "first"
    if subject != "third" and _describes_someone(after, ctx):
        subject = "third"
    quoted = _inside_quotes(sentence, m.start())
    if flags.fiction and (subject != "first" or quoted):
        return None  # a story, a film, the news: not the writer speaking
    if subject == "third":
        code, level, softened = SOMEONE_ELSE_CODE, "concern", True
    if quoted and subject != "first":
        level, softened = _at_most(level, "concern"), True
    past = any(c.past.search(_clause_around(sentence, m.start(), m.end())) for c in CONTEXTS)
    if past:
        level, softened = _at_most(level, "concern"), True
    if flags.joke:
        level, softened = _one_lower(level), True
    if level == "none":
        return None
    phrase = m.group(0).strip()[:PHRASE_CONTEXT_CHARS]
    return _Finding(Reason(code, level, phrase), index,
                    counts_for_escalation=not softened and rule.level == "concern" and code != SOMEONE_ELSE_CODE,
                    sign=rule.sign, past=past)


def _learned_findings(text: str, judged_harmless: set[int], raised: set[int] | None = None) -> list[_Finding]:
    """The classifier's sentences, held back by the rules' own context judgements. A sentence the rules already
    ``raised`` to crisis is not read: nothing could raise it further (a long entry's cost).

    Per sentence of at least :data:`journal.safety.learned.MIN_WORDS` words, p(crisis) at or above
    :data:`journal.safety.learned.THRESHOLD` raises it to
    :data:`~journal.safety.learned.RAISED_LEVEL`, unless the sentence is hyperbole or fiction (dropped), holds a
    phrase a rule judged harmless (denied: "I would never kill myself"; an idiom: dropped), about someone else (concern, their
    own code), in the past (at most concern; dropped when the text tells it as over), itself the telling of a
    recovery (dropped) or a joke (one lower).
    """
    model = learned.active_model()
    if model is None:
        return []
    found: list[_Finding] = []
    pieces = sentences(normalize(text))
    for index, sentence in enumerate(pieces):
        if (raised and index in raised) or learned.word_count(sentence) < learned.MIN_WORDS \
                or not model.p_crisis(sentence) >= learned.THRESHOLD:
            continue
        flags = _SentenceFlags.of(sentence, "")
        if flags.hyperbole or flags.fiction or index in judged_harmless or _tells_recovery(sentence):
            continue
        level: Level = learned.RAISED_LEVEL  # type: ignore[assignment]
        code = LEARNED_CODE
        if any(_subject(sentence, ctx) == "third" for ctx in CONTEXTS):
            code, level = SOMEONE_ELSE_CODE, "concern"
        past = any(c.past.search(sentence) for c in CONTEXTS)
        if past:
            level = _at_most(level, "concern")
        if flags.joke:
            level = _one_lower(level)
        if level != "none":
            found.append(_Finding(Reason(code, level, sentence.strip()[:PHRASE_CONTEXT_CHARS]), index,
                                  counts_for_escalation=False, sign="learned", past=past))
    return found


def _tells_recovery(sentence: str) -> bool:
    """"I'm doing better now and life is good": the recovery itself, never a warning sign (see :data:`PAST_POLICY`)."""
    return any(c.recovered is not None and c.recovered.search(sentence) for c in CONTEXTS)


def _judged_harmless(rule: Rule, ctx: LanguageContext, sentence: str, m: re.Match[str]) -> bool:
    """The phrase is denied in its own clause ("I would never…", "我不会…") or in an idiom or everyday context the
    rule's own ``unless_*`` names ("dead on my feet")."""
    clause_before = _clause_before(sentence[:m.start()])
    return bool((rule.unless_before and rule.unless_before.search(clause_before))
                or (rule.unless_after and rule.unless_after.match(sentence[m.end():]))
                or (rule.unless_sentence and rule.unless_sentence.search(sentence))
                or ctx.negation.search(_A_NOT_A.sub(r"\1", clause_before))
                or bool(ctx.denied_after and ctx.denied_after.match(sentence[m.end():])))


def _clause_before(before: str) -> str:
    last = None
    for last in _CLAUSE_BREAK.finditer(before):
        pass
    return before[last.end():] if last else before


def _clause_around(sentence: str, start: int, end: int) -> str:
    head = _clause_before(sentence[:start])
    tail_match = _CLAUSE_BREAK.search(sentence, end)
    tail = sentence[end:tail_match.start()] if tail_match else sentence[end:]
    return head + sentence[start:end] + tail


def _subject(before: str, ctx: LanguageContext, phrase: str = "") -> str:
    """Who the phrase is about: "first" (the writer), "third" (someone else) or "implicit" (no subject: the writer).

    The phrase's own words decide first ("要是我明天醒不过来") unless its clause names someone else ("她说是自己
    弄的"), then its own clause, then the sentence before it: in "I lean on your shoulder and whisper: I
    wish…", the "your" of an earlier clause names no one at risk.
    """
    clause = _clause_before(before)
    if ctx.first_person.search(phrase) and not ctx.third_person.search(phrase + clause):
        return "first"
    if ctx.first_person.search(clause) or ctx.third_person.search(clause):
        before = clause
    first = [m.end() for m in ctx.first_person.finditer(before)]
    third = [m.end() for m in ctx.third_person.finditer(before)]
    if not first and not third:
        return "implicit"
    return "first" if (first[-1] if first else -1) >= (third[-1] if third else -1) else "third"


_MODIFIES = re.compile(r"\s*(?:了)?的(?:那个|这个|一个|那位|这位)?")


def _describes_someone(after: str, ctx: LanguageContext) -> bool:
    """The phrase only describes a person named after it: "一个不想活下去的老人" is about the old man."""
    m = _MODIFIES.match(after)
    return bool(m and m.group(0).strip() and ctx.third_person.match(after, m.end()))


def _inside_quotes(sentence: str, pos: int) -> bool:
    head = sentence[:pos]
    for opening, closing in _QUOTE_PAIRS:
        if head.rfind(opening) > head.rfind(closing):
            return True
    if head.count('"') % 2 == 1:
        return True
    # Single quotes double as apostrophes: only a quote mark after a space opens, only one before a space or
    # punctuation closes ("the song goes 'i want to die in your arms'"; "don't" and "kids' toys" never open).
    opened = max((m.start() for m in _SINGLE_OPEN.finditer(head)), default=-1)
    return opened > max((m.start() for m in _SINGLE_CLOSE.finditer(head)), default=-1)


def _dedupe(found: list[_Finding]) -> list[_Finding]:
    """One reason per code and phrase: overlapping rules for the same words say it once (a phrase rule and a
    word-family rule often both see "want to end my life"; the first, shorter phrase is kept)."""
    seen: set[tuple[str, str]] = set()
    out: list[_Finding] = []
    for f in sorted(found, key=lambda f: -LEVELS.index(f.reason.level)):
        key = (f.reason.code, f.reason.phrase)
        if key not in seen and not any(_same_words(f, o) for o in out):
            seen.add(key)
            out.append(f)
    return sorted(out, key=lambda f: (f.sentence, -LEVELS.index(f.reason.level)))


def _same_words(new: _Finding, kept: _Finding) -> bool:
    if new.sentence != kept.sentence or new.reason.level != kept.reason.level:
        return False
    if new.reason.phrase in kept.reason.phrase:
        return True
    return (new.reason.code, new.sign) == (kept.reason.code, kept.sign) and kept.reason.phrase in new.reason.phrase


def _escalates(findings: list[_Finding]) -> bool:
    counted = [f for f in findings if f.counts_for_escalation]
    return any(a.sign != b.sign and abs(a.sentence - b.sentence) < ESCALATION_WINDOW_SENTENCES
               for i, a in enumerate(counted) for b in counted[i + 1:])


def _max_level(levels) -> Level:
    return max(levels, key=LEVELS.index, default="none")


def _at_most(level: Level, cap: Level) -> Level:
    return level if LEVELS.index(level) <= LEVELS.index(cap) else cap


def _one_lower(level: Level) -> Level:
    return LEVELS[max(0, LEVELS.index(level) - 1)]
