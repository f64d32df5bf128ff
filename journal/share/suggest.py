"""The AI's proposal for a post: a title of at most 20 characters, a caption and hashtags.

It reads the text *after* the privacy pass, so a remote model never sees what
the writer chose to hide, answers in the language the passage is written in,
and returns a :class:`~journal.share.caption.Suggestion` the page shows for
the writer to accept or dismiss. Small local models answer messily; anything
that is not usable raises ``AIUnusable`` with a sentence, never a half-parsed post.
"""

from __future__ import annotations

from typing import Any

from journal.ai.json_reply import first_json_object
from journal.ai.backend import ChatBackend, Message, Sampling
from journal.ai.errors import AIUnusable
from journal.ai.prompts import render_prompt
from journal.i18n import current_language, t
from journal.share.caption import TITLE_MAX_CHARS, Suggestion, clamp_title, normalize_hashtags, parse_hashtags
from journal.share.source import ShareSource
from journal.text import detect_language

PROMPT = "share_suggest"
PROMPT_MAX_CHARS = 4000  # the opening of a long passage is enough to title it
CAPTION_MAX_CHARS = 1000  # a Xiaohongshu note body holds 1000 characters
SUGGESTION_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "title": {"type": "string", "maxLength": TITLE_MAX_CHARS},
        "caption": {"type": "string", "maxLength": CAPTION_MAX_CHARS},
        "hashtags": {"type": "array", "items": {"type": "string"}, "maxItems": 8},
    },
    "required": ["title", "caption", "hashtags"],
}
SAMPLING = Sampling(max_tokens=220, temperature=0.4, json_schema=SUGGESTION_SCHEMA)
_QUOTES = "\"'“”‘’「」『』`*_ "


def suggestion_messages(source: ShareSource, platform: str) -> list[Message]:
    text = source.plain.strip()[:PROMPT_MAX_CHARS]
    lang = detect_language(text, default=current_language())
    platform_name = t(f"share.formats.{platform}", lang=lang)
    return [{"role": "user", "content": render_prompt(PROMPT, lang, text=text, platform=platform_name)}]


def suggest_post(chat: ChatBackend, source: ShareSource, platform: str = "xiaohongshu") -> Suggestion:
    """Ask the model for a title, caption and hashtags; raises ``AIUnusable`` when none can be read."""
    raw = chat.complete_chat(suggestion_messages(source, platform), SAMPLING)
    suggestion = parse_suggestion(raw)
    if not (suggestion.title or suggestion.caption or suggestion.hashtags):
        raise AIUnusable("share.ai.no_suggestion")
    return suggestion


def parse_suggestion(text: str) -> Suggestion:
    """Title, caption and hashtags from the first JSON object in ``text``; empty parts when absent."""
    data = first_json_object(text or "") or {}
    title = data.get("title")
    caption = data.get("caption")
    tags = data.get("hashtags", data.get("tags"))
    if isinstance(tags, str):
        tags = parse_hashtags(tags)
    return Suggestion(
        title=clamp_title(title.strip(_QUOTES)) if isinstance(title, str) else "",
        caption=caption.strip()[:CAPTION_MAX_CHARS] if isinstance(caption, str) else "",
        hashtags=normalize_hashtags([str(x) for x in tags]) if isinstance(tags, list) else [],
    )


