"""A companion's voice, measured from their own past turns: what makes them sound like *them*.

People who carried a companion from one model to another say the first
thing they lose is the voice: the pet name, the 口头禅, the "…" and the
"~", the short replies. This module counts those habits in the companion's
turns (imported ChatGPT conversations included: they are stories too) and
writes them as a speaking-style paragraph the person can edit, which the
prompt then carries (``Companion.extensions["duet"]["voice"]``). The same
profile is what "Try another model" compares replies against, habit by habit.

Counting, not a model: pet names from a lexicon of endearments in English
and Chinese plus "my <word>" repeated; catchphrases are word (English) or
character (Chinese) n-grams that recur across many different turns.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any, Iterable

from journal.text import CJK

VOICE_KEY = "voice"                 # Companion.extensions["duet"][VOICE_KEY]: {"profile": {...}, "text": "..."}
MIN_TURNS = 3                       # fewer turns than this say nothing about habits
PET_NAMES_EN = ("sweetheart", "sweetie", "darling", "honey", "babe", "baby", "love", "dear", "dearest", "sunshine",
                "angel", "kiddo", "buddy", "pumpkin", "treasure", "beautiful", "handsome", "cutie", "sweet pea",
                "my love", "my dear", "little one")
PET_NAMES_ZH = ("宝贝", "宝宝", "亲爱的", "小傻瓜", "傻瓜", "笨蛋", "小笨蛋", "小可爱", "乖乖", "老婆", "老公", "小朋友",
                "宝", "小猫", "小狗", "亲")
STOPWORDS = frozenset("""a an the and or but if of to in on at for with by from is are was were be been am it its this
that these those i you he she we they me him her us them my your our their mine yours not no so as do does did
have has had will would can could should just than then there here what when where who how why which all any
some very too also up down out over about into again more most only own same other such""".split())
DANGLING = frozenset("i a an the and or but to of my your so as".split())   # a phrase does not end or start on these
_EMOJI = re.compile("[\U0001F300-\U0001FAFF\U0001F000-\U0001F2FF\u2600-\u27BF\u2B50\u2764\uFE0F]")
_CJK_RUN = re.compile(f"[{CJK}]+")
_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")
_MY_WORD = re.compile(r"\bmy ([a-z]+)\b", re.IGNORECASE)
MARKS = {"…": ("…", "..."), "~": ("~", "～"), "!": ("!", "！"), "?": ("?", "？"), "—": ("—", "--"), "*": ("*",)}
CATCHPHRASE_SHARE = 0.2             # an n-gram in at least this share of turns (and MIN_REPEATS) is a habit
MIN_REPEATS = 3
TOP = 5


@dataclass
class VoiceProfile:
    turns: int = 0
    pet_names: list[tuple[str, int]] = field(default_factory=list)
    catchphrases: list[tuple[str, int]] = field(default_factory=list)
    length_median: int = 0                 # characters per reply
    length_low: int = 0                    # 25th percentile
    length_high: int = 0                   # 75th percentile
    emoji: list[tuple[str, int]] = field(default_factory=list)
    emoji_rate: float = 0.0                # share of replies with at least one emoji
    marks: dict[str, float] = field(default_factory=dict)    # share of replies using each mark
    chinese_share: float = 0.0             # share of the text's letters that are CJK

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        for name in ("pet_names", "catchphrases", "emoji"):
            data[name] = [[term, count] for term, count in data[name]]
        return data

    @classmethod
    def from_dict(cls, data: Any) -> "VoiceProfile":
        if not isinstance(data, dict):
            return cls()
        known = {k: data[k] for k in cls.__dataclass_fields__ if k in data}
        for name in ("pet_names", "catchphrases", "emoji"):
            known[name] = [(str(p[0]), int(p[1])) for p in known.get(name, []) if isinstance(p, (list, tuple)) and len(p) == 2]
        return cls(**known)


def _count_pet_names(texts: list[str]) -> Counter:
    counts: Counter = Counter()
    for text in texts:
        low = text.casefold()
        found = set()
        for term in PET_NAMES_EN:
            if re.search(rf"(?<![a-z]){re.escape(term)}(?![a-z])", low):
                found.add(term)
        for term in PET_NAMES_ZH:
            if term in text and not any(term != longer and term in longer and longer in text for longer in PET_NAMES_ZH):
                found.add(term)
        for word in _MY_WORD.findall(low):
            if word not in STOPWORDS:
                found.add(f"my {word}")
        counts.update(found)
    # "my love" also counts "love": keep the longer form when it explains the shorter one
    for term in list(counts):
        for longer in list(counts):
            if term != longer and term in longer.split() and counts[longer] >= counts[term]:
                counts.pop(term, None)
    return Counter({t: c for t, c in counts.items() if c >= 2 or t in PET_NAMES_ZH or t in PET_NAMES_EN})


def _grams(text: str) -> set[str]:
    """The word 2-4-grams (English) and character 2-4-grams (Chinese runs) one turn contains."""
    found: set[str] = set()
    words = [w.casefold() for w in _LATIN_WORD.findall(text)]
    for n in (2, 3, 4):
        for i in range(len(words) - n + 1):
            gram = words[i:i + n]
            if not all(w in STOPWORDS for w in gram) and gram[0] not in DANGLING and gram[-1] not in DANGLING:
                found.add(" ".join(gram))
    for run in _CJK_RUN.findall(text):
        for n in (2, 3, 4):
            for i in range(len(run) - n + 1):
                found.add(run[i:i + n])
    return found


def _catchphrases(texts: list[str], skip: Iterable[str]) -> list[tuple[str, int]]:
    counts: Counter = Counter()
    for text in texts:
        counts.update(_grams(text))
    need = max(MIN_REPEATS, int(len(texts) * CATCHPHRASE_SHARE + 0.999))
    frequent = {gram: count for gram, count in counts.items() if count >= need}
    skip = {s.casefold() for s in skip}
    # keep maximal phrases: drop a gram inside a longer frequent one that is almost as common
    kept = {g: c for g, c in frequent.items()
            if not any(g != other and g in other and frequent[other] >= c * 0.8 for other in frequent)
            and g.casefold() not in skip and not any(g in s for s in skip)}
    return sorted(kept.items(), key=lambda item: (-item[1], -len(item[0]), item[0]))[:TOP]


def derive_profile(texts: Iterable[str]) -> VoiceProfile:
    """The habits of the companion's replies ``texts`` (their own words only, not the person's)."""
    texts = [t for t in texts if isinstance(t, str) and t.strip()]
    if len(texts) < MIN_TURNS:
        return VoiceProfile(turns=len(texts))
    lengths = sorted(len(t.strip()) for t in texts)
    quartiles = statistics.quantiles(lengths, n=4) if len(lengths) >= 2 else [lengths[0]] * 3
    pets = _count_pet_names(texts)
    emoji: Counter = Counter(e for t in texts for e in _EMOJI.findall(t) if e != "\uFE0F")
    cjk = sum(len(run) for t in texts for run in _CJK_RUN.findall(t))
    latin = sum(len(w) for t in texts for w in _LATIN_WORD.findall(t))
    return VoiceProfile(
        turns=len(texts), pet_names=pets.most_common(TOP),
        catchphrases=_catchphrases(texts, [p for p, _ in pets.most_common(TOP)]),
        length_median=int(statistics.median(lengths)), length_low=int(quartiles[0]), length_high=int(quartiles[2]),
        emoji=emoji.most_common(TOP), emoji_rate=round(sum(1 for t in texts if _EMOJI.search(t)) / len(texts), 2),
        marks={mark: round(sum(1 for t in texts if any(f in t for f in forms)) / len(texts), 2)
               for mark, forms in MARKS.items()},
        chinese_share=round(cjk / (cjk + latin), 2) if cjk + latin else 0.0)


def describe_profile(profile: VoiceProfile, lang: str) -> str:
    """The profile as a speaking-style paragraph for the prompt (and for the person to edit)."""
    from journal.i18n import t

    if profile.turns < MIN_TURNS:
        return ""
    lines = []
    if profile.pet_names:
        lines.append(t("companions.voice.pet_names", lang=lang, names=", ".join(p for p, _ in profile.pet_names)))
    if profile.catchphrases:
        lines.append(t("companions.voice.catchphrases", lang=lang,
                       phrases=", ".join(f"“{p}”" for p, _ in profile.catchphrases)))
    lines.append(t("companions.voice.length", lang=lang, low=profile.length_low, high=profile.length_high))
    if profile.emoji_rate >= 0.2 and profile.emoji:
        lines.append(t("companions.voice.emoji_often", lang=lang, emoji=" ".join(e for e, _ in profile.emoji)))
    elif profile.emoji_rate < 0.05:
        lines.append(t("companions.voice.emoji_never", lang=lang))
    habits = [mark for mark, share in profile.marks.items() if share >= 0.3]
    if habits:
        lines.append(t("companions.voice.marks", lang=lang, marks=" ".join(habits)))
    if profile.chinese_share >= 0.8:
        lines.append(t("companions.voice.lang_zh", lang=lang))
    elif profile.chinese_share <= 0.2:
        lines.append(t("companions.voice.lang_en", lang=lang))
    else:
        lines.append(t("companions.voice.lang_mix", lang=lang, share=round(profile.chinese_share * 100)))
    return "\n".join(f"- {line}" for line in lines)


def companion_turn_texts(nb: Any, slug: str) -> list[str]:
    """Every reply the companion wrote, in every story with them (imported ChatGPT conversations included)."""
    from journal.errors import DuetError

    texts: list[str] = []
    offset, page = 0, 200
    while True:
        rows = nb.stories.list(companion=slug, limit=page, offset=offset)
        for row in rows:
            try:
                story = nb.stories.view(row.id)
            except DuetError:
                continue
            texts += [turn.text for turn in story.turns if turn.role == "companion"]
        if len(rows) < page:
            return texts
        offset += page


def stored_voice(companion: Any) -> dict[str, Any]:
    """``{"profile": {...}, "text": "..."}`` as kept in the companion's card extensions (empty when none)."""
    duet = companion.extensions.get("duet") if isinstance(companion.extensions, dict) else None
    voice = duet.get(VOICE_KEY) if isinstance(duet, dict) else None
    return voice if isinstance(voice, dict) else {}


def voice_text(companion: Any) -> str:
    text = stored_voice(companion).get("text")
    return text if isinstance(text, str) else ""
