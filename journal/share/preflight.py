"""The checks a post passes before it is exported: what a platform will cut, refuse or fold, and its labels.

Each check is a sentence key and a verdict, so the page and the CLI say the
same thing in the writer's language; nothing here blocks an export (the
writer decides), except that a post holding AI words always carries its label.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from journal.share.caption import ELLIPSIS, TITLE_MAX_CHARS
from journal.share.export import Post

# What each place shows or accepts: caption characters, hashtags. Xiaohongshu: 1,000 characters and
# 10 topics per note; Instagram: 2,200 characters and 30 hashtags; an X thread has its own 280 per post.
CAPTION_LIMITS = {"xiaohongshu": 1000, "instagram": 2200, "square": 2200, "story": 2200, "thread": 280}
HASHTAG_LIMITS = {"xiaohongshu": 10, "instagram": 30, "square": 30, "story": 10, "thread": 3}


@dataclass(frozen=True)
class Check:
    """One line of the pre-flight list: ``share.preflight.<key>.ok`` or ``.warn`` with ``params``."""

    key: str
    ok: bool
    params: dict[str, Any] = field(default_factory=dict)

    @property
    def message_key(self) -> str:
        return f"share.preflight.{self.key}.{'ok' if self.ok else 'warn'}"


def preflight(post: Post, card_count: int | None = None, *, title_typed: str | None = None) -> list[Check]:
    """Title, caption, hashtags, images and labels of ``post``; ``card_count`` when its cards are drawn elsewhere."""
    fmt = post.format.name
    title = post.title or ""
    typed = title_typed if title_typed is not None else title
    checks = [Check("title", len(typed) <= TITLE_MAX_CHARS and not title.endswith(ELLIPSIS),
                    {"count": len(typed), "limit": TITLE_MAX_CHARS})]
    caption_limit = CAPTION_LIMITS.get(fmt, CAPTION_LIMITS["instagram"])
    checks.append(Check("caption", len(post.caption) <= caption_limit,
                        {"count": len(post.caption), "limit": caption_limit}))
    tag_limit = HASHTAG_LIMITS.get(fmt, HASHTAG_LIMITS["instagram"])
    checks.append(Check("hashtags", len(post.hashtags) <= tag_limit, {"count": len(post.hashtags), "limit": tag_limit}))
    if post.format.is_thread:
        checks.append(Check("posts", True, {"count": len(post.thread)}))
    else:
        count = len(post.cards) if card_count is None else card_count
        checks.append(Check("images", count <= post.format.max_pages, {"count": count, "limit": post.format.max_pages}))
    if post.label is not None:
        checks.append(Check("label", True, {"mark": post.label.mark}))
    else:
        checks.append(Check("no_label", True))
    return checks
