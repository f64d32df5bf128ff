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
from journal.ai.cleanup import echoes_example, has_broken_characters, has_template_junk
from journal.ai.errors import AIUnusable
from journal.ai.prompts import load_prompt, render_prompt
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
ATTEMPTS = 2  # an answer with nothing usable is asked for once more, then "nothing usable came back"
_QUOTES = "\"'“”‘’「」『』`*_ "


def suggestion_messages(source: ShareSource, platform: str) -> list[Message]:
    text = source.plain.strip()[:PROMPT_MAX_CHARS]
    lang = detect_language(text, default=current_language())
    platform_name = t(f"share.formats.{platform}", lang=lang)
    return [{"role": "user", "content": render_prompt(PROMPT, lang, text=text, platform=platform_name)}]


def suggest_post(chat: ChatBackend, source: ShareSource, platform: str = "xiaohongshu") -> Suggestion:
    """Ask the model for a title, caption and hashtags; once more when nothing usable came back, then ``AIUnusable``."""
    messages = suggestion_messages(source, platform)
    text = source.plain.strip()[:PROMPT_MAX_CHARS]
    example = load_prompt(PROMPT, detect_language(text, default=current_language())).text
    for _ in range(ATTEMPTS):
        suggestion = parse_suggestion(chat.complete_chat(messages, SAMPLING), example=example, passage=text)
        if suggestion.title or suggestion.caption or suggestion.hashtags:
            return suggestion
    raise AIUnusable("share.ai.no_suggestion")


def _usable(value: object) -> str:
    """A text field, or "" when it holds markup, template junk or a broken character (echoed web pages)."""
    if (not isinstance(value, str) or has_template_junk(value) or has_broken_characters(value)
            or not any(c.isalnum() for c in value)):  # "..." copied from the prompt's shape
        return ""
    return value


def parse_suggestion(text: str, *, example: str = "", passage: str = "") -> Suggestion:
    """Title, caption and hashtags from the first JSON object in ``text``; empty parts when absent or junk.

    Hashtags that only repeat the prompt's ``example`` (not words of the ``passage``)
    are dropped: a small model copying "#人机恋" onto a post about a human partner.
    """
    data = first_json_object(text or "") or {}
    title = _usable(data.get("title"))
    caption = _usable(data.get("caption"))
    tags = data.get("hashtags", data.get("tags"))
    if isinstance(tags, str):
        tags = parse_hashtags(tags)
    tags = [str(x) for x in tags if _usable(str(x))] if isinstance(tags, list) else []
    tags = [tag for tag in tags if not echoes_example(tag.lstrip("#"), example, passage)]
    return Suggestion(
        title=clamp_title(title.strip(_QUOTES)) if title else "",
        caption=caption.strip()[:CAPTION_MAX_CHARS] if caption else "",
        hashtags=normalize_hashtags(tags),
    )


