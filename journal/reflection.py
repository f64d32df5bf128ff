"""Journal AI: a gentle follow-up question, a continued draft, a suggested title, tags and mood.

Every feature speaks the language the person writes in (not the interface
language), reads its instructions from ``prompts/``, and returns suggestions
only: nothing here changes an entry. Small local models answer messily, so
each answer is cleaned and validated before a page shows it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from journal.ai.json_reply import first_json_object
from journal.ai.backend import ChatBackend, Message, ReplyStream, Sampling
from journal.ai.cleanup import has_broken_characters, has_template_junk
from journal.ai.errors import AIUnusable
from journal.ai.prompts import render_prompt
from journal.entries.model import MOOD_MAX, MOOD_MIN, Suggestion, clean_tags
from journal.errors import InvalidInput
from journal.i18n import current_language
from journal.text import detect_language

SYSTEM_PROMPT = "journal_system"
QUESTION_PROMPT = "reflect_question"
CONTINUE_PROMPT = "continue_draft"
SUGGEST_PROMPT = "suggest_metadata"

PROMPT_TAIL_CHARS = 6000  # a long entry sends its latest part: that is what the person is writing now
MAX_QUESTION_CHARS = 240
MAX_TITLE_CHARS = 60
MAX_TAG_CHARS = 24
SUGGESTED_TAGS_MAX = 3
MIN_QUESTION_WORDS = 3  # "Why?" alone asks nothing about the entry
MIN_QUESTION_HAN = 4
ATTEMPTS = 2  # a structured answer that fails validation is asked for once more, then "nothing usable"
MAX_TAG_PARTS = 3  # "late-night-walk" is a tag; "post-id-127468059-post" is a slug

QUESTION_SAMPLING = Sampling(max_tokens=60, stop=("\n\n",))
CONTINUE_SAMPLING = Sampling(max_tokens=120)
SUGGESTION_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "title": {"type": "string", "maxLength": MAX_TITLE_CHARS},
        "tags": {"type": "array", "items": {"type": "string", "maxLength": MAX_TAG_CHARS}, "maxItems": SUGGESTED_TAGS_MAX},
        "mood": {"type": "integer", "minimum": MOOD_MIN, "maximum": MOOD_MAX},
    },
    "required": ["title", "tags", "mood"],
}
SUGGEST_SAMPLING = Sampling(max_tokens=120, temperature=0.2, json_schema=SUGGESTION_SCHEMA)

_QUESTION = re.compile(r"[^.!?。！？\n]*[?？]")
_LEAD_LABEL = re.compile(r"^\s*(?:\*\*)?(?:question|q|follow-up|问题|追问)(?:\*\*)?\s*[:：]\s*", re.IGNORECASE)
_QUOTES = "\"'“”‘’「」『』`*_ "
_SENTENCE_END = re.compile(r"[.!?。！？…][\"'”’」』)）]*")
_LABEL = {
    "title": re.compile(r"^\W*(?:title|标题|題目|题目)\W*?[:：]\s*(.+)$", re.IGNORECASE | re.MULTILINE),
    "tags": re.compile(r"^\W*(?:tags?|标签|標籤)\W*?[:：]\s*(.+)$", re.IGNORECASE | re.MULTILINE),
    "mood": re.compile(r"^\W*(?:mood|心情|情绪)\W*?[:：]\s*(.+)$", re.IGNORECASE | re.MULTILINE),
}
_TAG_SPLIT = re.compile(r"[,，、;；|]+")
_TAG_NUMBERING = re.compile(r"^\s*(?:\d+[.)、:：]|[-*•])\s*")
_TAG_SENTENCE = re.compile(r"[，。！？!?：:；;（）()\[\]{}\"“”]")  # a tag with sentence punctuation is a sentence
_DIGIT = re.compile(r"\d+(?:\.\d+)?")
# A "title" holding markup or code is the small model echoing HTML or JSON, not a title (e.g. '<img src=').
_TITLE_MARKUP = re.compile(r"</?[A-Za-z][^>]*>?|!\[|\]\(|https?://|[{}<>=]")
_CJK_END = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]$")
# A question without its mark: starts like a question (English) or ends like one (Chinese).
_ASKS = re.compile(r"^(?:what|why|how|when|where|who|whom|which|whose|do|did|does|is|are|was|were|can|could|would|"
                   r"will|should|have|has|had)\b|(?:吗|呢|什么|为什么|怎么|怎样|如何|哪|谁|几)", re.IGNORECASE)
_HAN = re.compile(r"[\u3400-\u9fff]")
# Ids, slugs and file names a small model lifts from web pages: "post_id-127468059--post".
_ID_LIKE = re.compile(r"\d{5,}|--|_|^-|-$|(?:^|-)(?:id|post|html|php|www|com)(?:-|$)", re.IGNORECASE)


def prompt_language(text: str) -> str:
    """The language the person writes in; the interface language only breaks a tie (empty or no letters)."""
    return detect_language(text, default=current_language())


def _entry_text(body: str) -> str:
    text = (body or "").strip()
    if not text:
        raise InvalidInput("ai.journal.empty_entry")
    return text[-PROMPT_TAIL_CHARS:]


def journal_messages(prompt: str, text: str, variable: str) -> list[Message]:
    """System message plus the feature's prompt, both in the writer's language."""
    lang = prompt_language(text)
    return [
        {"role": "system", "content": render_prompt(SYSTEM_PROMPT, lang)},
        {"role": "user", "content": render_prompt(prompt, lang, **{variable: text})},
    ]


# -- Ask me a question ------------------------------------------------------
def ask_question(chat: ChatBackend, body: str) -> ReplyStream:
    """Stream the model's follow-up question; pass the finished text through :func:`clean_question`."""
    return chat.stream_chat(journal_messages(QUESTION_PROMPT, _entry_text(body), "entry"), QUESTION_SAMPLING)


def clean_question(text: str) -> str:
    """The first real question in the model's answer, without labels, quotes or a preamble.

    "I'm sorry you had a hard day. What made the sunset matter tonight?" becomes
    the question alone. A line that only starts like a question gets its mark. An
    answer holding no question, too short a one, markup or a broken character raises
    AIUnusable: the page asks again once (:func:`question_from`), then says so.
    """
    cleaned = _LEAD_LABEL.sub("", (text or "").strip())
    if has_template_junk(cleaned) or has_broken_characters(cleaned):
        raise AIUnusable("ai.journal.no_question")
    match = _QUESTION.search(cleaned)
    if match:
        question = _LEAD_LABEL.sub("", match.group(0)).strip(_QUOTES + "\t")
    else:
        lines = [line.strip(_QUOTES + "\t.。") for line in cleaned.splitlines() if line.strip(_QUOTES + "\t")]
        first = lines[0] if lines else ""
        question = first + ("？" if _HAN.search(first) else "?") if _ASKS.search(first) else ""
    if len(question) > MAX_QUESTION_CHARS:
        question = question[: MAX_QUESTION_CHARS - 1].rstrip() + "…"
    body = question.strip("?？ ")
    if not body or (len(_HAN.findall(body)) < MIN_QUESTION_HAN and len(body.split()) < MIN_QUESTION_WORDS):
        raise AIUnusable("ai.journal.no_question")
    return question


def question_from(chat: ChatBackend, body: str, first_answer: str) -> str:
    """The question in ``first_answer`` (the streamed one), else in one more, whole answer; else AIUnusable."""
    try:
        return clean_question(first_answer)
    except AIUnusable:
        pass
    again = chat.complete_chat(journal_messages(QUESTION_PROMPT, _entry_text(body), "entry"), QUESTION_SAMPLING)
    return clean_question(again)


def insert_reflection(body: str, question: str, answer: str = "") -> str:
    """The entry with the AI's question (as a quote) and the person's answer appended.

    A markdown blockquote reads well in Duet and in any editor, and needs no
    label in either language.
    """
    quoted = "\n".join(f"> {line}".rstrip() for line in question.strip().splitlines())
    parts = [part for part in ((body or "").rstrip(), quoted, (answer or "").strip()) if part]
    return "\n\n".join(parts) + "\n"


# -- Continue my draft ------------------------------------------------------
def continue_draft(chat: ChatBackend, body: str) -> ReplyStream:
    """Stream a continuation; pass the finished text through :func:`clean_continuation`."""
    return chat.stream_chat(journal_messages(CONTINUE_PROMPT, _entry_text(body), "draft"), CONTINUE_SAMPLING)


def clean_continuation(body: str, text: str) -> str:
    """The new text only: no echo of the draft, and cut at the last finished sentence.

    A reply cut by the token limit usually ends mid-sentence; a half sentence
    in someone's diary is worse than a shorter continuation.
    """
    new = (text or "").strip()
    tail = (body or "").strip()
    if tail and new.startswith(tail):
        new = new[len(tail):].strip()
    ends = list(_SENTENCE_END.finditer(new))
    if ends and ends[-1].end() < len(new):
        new = new[: ends[-1].end()]
    if not new:
        raise AIUnusable("ai.journal.no_continuation")
    return new


def append_continuation(body: str, continuation: str) -> str:
    """Join the draft and the accepted continuation the way the language is written."""
    body = body or ""
    if not body.strip():
        return continuation
    if body.endswith(("\n", " ")) or _CJK_END.search(body.rstrip()):
        return body.rstrip(" ") + continuation if not body.endswith("\n") else body + continuation
    return f"{body} {continuation}"


# -- Suggest title, tags and mood -----------------------------------------
def suggest_metadata(chat: ChatBackend, body: str) -> Suggestion:
    """Ask for a title, tags and mood and validate them; asked once more when nothing usable came back, then AIUnusable."""
    messages = journal_messages(SUGGEST_PROMPT, _entry_text(body), "entry")
    for _ in range(ATTEMPTS):
        suggestion = parse_suggestion(chat.complete_chat(messages, SUGGEST_SAMPLING))
        if not suggestion.is_empty:
            return suggestion
    raise AIUnusable("ai.journal.no_suggestion")


def parse_suggestion(text: str) -> Suggestion:
    """Read title, tags and mood from JSON anywhere in the text, else from "Title: …" lines."""
    data = first_json_object(text or "")
    if data is None:
        data = {name: m.group(1).strip() for name, pattern in _LABEL.items() if (m := pattern.search(text or ""))}
    return Suggestion(
        title=_clean_title(data.get("title")),
        tags=_clean_suggested_tags(data.get("tags")),
        mood=_clean_mood(data.get("mood")),
    )


def _is_placeholder(value: str) -> bool:
    return value.startswith("<") and value.endswith(">") or value in ("...", "…")


def _clean_title(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    title = " ".join(value.replace("#", " ").split()).strip(_QUOTES + "。.")
    if (not title or _is_placeholder(title) or _TITLE_MARKUP.search(title) or not any(c.isalpha() for c in title)
            or has_template_junk(title) or has_broken_characters(title)):
        return None
    return title if len(title) <= MAX_TITLE_CHARS else title[: MAX_TITLE_CHARS - 1].rstrip() + "…"


def _clean_suggested_tags(value: Any) -> list[str]:
    items: Sequence[Any]
    if isinstance(value, str):
        items = _TAG_SPLIT.split(value)
    elif isinstance(value, (list, tuple)):
        items = value
    else:
        return []
    tags: list[str] = []
    for item in items:
        if not isinstance(item, str):
            continue
        tag = _TAG_NUMBERING.sub("", item).strip(_QUOTES + "#.。")
        tag = "-".join(tag.split()).lower()
        if (not tag or _is_placeholder(tag) or "/" in tag or _TAG_SENTENCE.search(tag) or len(tag) > MAX_TAG_CHARS
                or not any(c.isalpha() for c in tag) or _ID_LIKE.search(tag) or len(tag.split("-")) > MAX_TAG_PARTS
                or has_broken_characters(tag) or has_template_junk(tag)):
            continue
        tags.append(tag)
    return clean_tags(list(dict.fromkeys(tags))[:SUGGESTED_TAGS_MAX])


def _clean_mood(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        number = float(value)
    elif isinstance(value, str) and (match := _DIGIT.search(value)):
        number = float(match.group(0))
    else:
        return None
    if not number.is_integer() or not MOOD_MIN <= number <= MOOD_MAX:
        return None
    return int(number)


class Reflection:
    """``nb.reflection``: the Journal page's AI helpers, named as the page uses them (no state of their own)."""

    language = staticmethod(prompt_language)
    ask_question = staticmethod(ask_question)
    question_from = staticmethod(question_from)
    insert_reflection = staticmethod(insert_reflection)
    continue_draft = staticmethod(continue_draft)
    clean_continuation = staticmethod(clean_continuation)
    append_continuation = staticmethod(append_continuation)
    suggest_metadata = staticmethod(suggest_metadata)
