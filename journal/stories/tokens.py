"""Estimating how many tokens a text costs, for Chinese as well as English, without a tokenizer.

Every backend has its own tokenizer and none is installed for the remote
ones, so the prompt budget uses a conservative estimate: over-counting only
leaves a little context unused, under-counting makes the model's server cut
the prompt. Measured with the embedded SmolLM2 tokenizer (llama.cpp
``/tokenize``): 22 English words + 2 marks = 25 tokens; 43 Han characters +
5 marks = 81 tokens. OpenAI's tokenizers need fewer, so these figures are safe
for them too.
"""

from __future__ import annotations

import math
import re

from journal.text import CJK

CJK_TOKENS_PER_CHAR = 1.8        # Han, kana, hangul: one character is one to two tokens
LATIN_TOKENS_PER_WORD = 1.35     # a Latin word is usually one token, long or rare ones more
OTHER_TOKENS_PER_CHAR = 1.0      # punctuation, emoji, symbols
MESSAGE_OVERHEAD_TOKENS = 4      # role markers and separators a chat template adds per message

_CJK_CHAR = re.compile(f"[{CJK}]")
_LATIN_WORD = re.compile(rf"[^\s{CJK}\W_]+", re.UNICODE)
_OTHER = re.compile(rf"[^\s\w{CJK}]|_", re.UNICODE)


def estimate_tokens(text: str) -> int:
    """A safe upper estimate of the tokens ``text`` costs."""
    if not text:
        return 0
    cjk = len(_CJK_CHAR.findall(text))
    words = len(_LATIN_WORD.findall(text))
    other = len(_OTHER.findall(text))
    return math.ceil(cjk * CJK_TOKENS_PER_CHAR + words * LATIN_TOKENS_PER_WORD + other * OTHER_TOKENS_PER_CHAR)


def message_tokens(text: str) -> int:
    """Tokens for ``text`` sent as one chat message."""
    return estimate_tokens(text) + MESSAGE_OVERHEAD_TOKENS


def trim_to_tokens(text: str, budget: int, *, keep: str = "start") -> str:
    """The longest part of ``text`` (from its start, or its end with ``keep="end"``) within ``budget``.

    Binary search over characters: the estimate is monotonic in length, so
    this costs ``log2(len)`` estimates, fast enough for long summaries.
    """
    if estimate_tokens(text) <= budget:
        return text
    if budget <= 0:
        return ""
    low, high = 0, len(text)
    while low < high:
        middle = (low + high + 1) // 2
        part = text[:middle] if keep == "start" else text[len(text) - middle:]
        if estimate_tokens(part) + 1 <= budget:
            low = middle
        else:
            high = middle - 1
    part = text[:low] if keep == "start" else text[len(text) - low:]
    return (part + "…") if keep == "start" else ("…" + part)
