"""Finding older turns and journal entries that relate to what was just said, through the FTS index.

A long story cannot fit in the prompt, so the companion "remembers" by
search: the latest message is cut into search terms (Latin words, and
three-character runs of Chinese, which is what the trigram index matches),
any term may match (``OR``), and bm25 ranks the hits, so rare words (a name,
"anniversary", "纪念日") outweigh common ones without a stop-word list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from journal.store.index import Index
from journal.store.search import TRIGRAM, fts_phrase
from journal.store.stories import matching_entries, matching_turns

MAX_QUERY_TERMS = 16          # longest terms first; more only slows the query down
MIN_LATIN_TERM_CHARS = 4      # "the", "and", "you" match nearly every turn; 4+ letters carry meaning
EXCERPT_CHARS = 360           # how much of an entry or old turn goes into the prompt
_CJK_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3040-\u30ff\uac00-\ud7af]+")
_LATIN = re.compile(r"[^\W\d_]{%d,}" % MIN_LATIN_TERM_CHARS, re.UNICODE)


@dataclass
class TurnHit:
    idx: int
    role: str
    text: str
    created: str | None


@dataclass
class EntryHit:
    id: str
    title: str
    day: str
    excerpt: str


def query_terms(text: str) -> list[str]:
    """Search terms for ``text``: distinct, longest first, at most ``MAX_QUERY_TERMS``."""
    terms: list[str] = []
    for word in _LATIN.findall(text):
        terms.append(word.lower())
    for run in _CJK_RUN.findall(text):
        if len(run) < TRIGRAM:
            continue
        terms.extend(run[i:i + TRIGRAM] for i in range(len(run) - TRIGRAM + 1))
    unique = list(dict.fromkeys(terms))
    unique.sort(key=len, reverse=True)
    return unique[:MAX_QUERY_TERMS]


def match_expression(terms: list[str]) -> str:
    return " OR ".join(fts_phrase(term) for term in terms)


def excerpt(text: str, terms: list[str], limit: int = EXCERPT_CHARS) -> str:
    """Up to ``limit`` characters of ``text`` around its first matching term."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    lowered = flat.lower()
    positions = [p for p in (lowered.find(t.lower()) for t in terms) if p >= 0]
    start = max(0, min(positions) - limit // 3) if positions else 0
    window = flat[start:start + limit]
    return ("…" if start else "") + window + ("…" if start + limit < len(flat) else "")


def related_turns(index: Index, story_id: str, terms: list[str], *, before: int,
                  limit: int) -> list[TurnHit]:
    """Turns of ``story_id`` with index below ``before`` that match ``terms``, best first."""
    if not terms or before <= 0 or limit <= 0:
        return []
    rows = matching_turns(index, match_expression(terms), story_id, before=before, limit=limit)
    return [TurnHit(r["idx"], r["role"], r["text"], r["created"]) for r in rows]


def related_entries(index: Index, terms: list[str], *, limit: int) -> list[EntryHit]:
    """Journal entries that match ``terms``, best first."""
    if not terms or limit <= 0:
        return []
    rows = matching_entries(index, match_expression(terms), limit=limit)
    return [EntryHit(r["id"], r["title"] or "", r["day"] or "", excerpt(r["body"] or "", terms)) for r in rows]
