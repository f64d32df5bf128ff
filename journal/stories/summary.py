"""The rolling summary: older turns folded into a short text the prompt always carries.

After a reply, :func:`update_summary` checks whether enough turns have
slipped past the verbatim window; if so it asks the model to fold them into
the summary and stores it in the story file (``summary`` and
``summary_upto`` in the front matter). Pages call it in a background thread
(:func:`update_summary_in_background`) so the person never waits for it.
"""

from __future__ import annotations

import logging
import threading
from typing import TYPE_CHECKING

from journal.stories.model import Story
from journal.stories.persona import companion_for, story_language, user_name

if TYPE_CHECKING:
    from journal.ai.backend import ChatBackend
    from journal.notebook import Notebook

KEEP_RECENT_TURNS = 12        # the latest turns are never summarized: they go into the prompt verbatim
SUMMARY_EVERY_TURNS = 16      # summarize once this many turns wait beyond the verbatim window
MAX_BATCH_CHARS = 12_000      # at most this much transcript per summary call (long stories catch up in steps)
MAX_SUMMARY_CHARS = 4_000     # a runaway model answer is cut here

log = logging.getLogger(__name__)


def pending_turns(story: Story) -> int:
    """Turns older than the verbatim window that the summary does not cover yet."""
    return max(0, len(story.turns) - KEEP_RECENT_TURNS - story.summary_upto)


def needs_summary(story: Story) -> bool:
    return pending_turns(story) >= SUMMARY_EVERY_TURNS


def _batch(story: Story, user: str) -> tuple[str, int]:
    """The transcript of the next turns to fold in, and the index just after them."""
    end_limit = len(story.turns) - KEEP_RECENT_TURNS
    lines, size, end = [], 0, story.summary_upto
    for turn in story.turns[story.summary_upto:end_limit]:
        speaker = user if turn.role == "user" else story.display_companion
        line = f"{speaker}: {turn.text}"
        if lines and size + len(line) > MAX_BATCH_CHARS:
            break
        lines.append(line[:MAX_BATCH_CHARS])
        size += len(line)
        end += 1
    return "\n".join(lines), end


def update_summary(nb: "Notebook", story_id: str, chat: "ChatBackend", *, lang: str | None = None,
                   force: bool = False) -> bool:
    """Fold the next batch of old turns into the summary; True when the file was updated."""
    from journal.ai.prompts import render_prompt
    from journal.i18n import t

    story = nb.stories.get(story_id)
    if not (needs_summary(story) or (force and pending_turns(story) > 0)):
        return False
    companion = companion_for(nb, story)
    language = story_language(companion, lang)
    transcript, end = _batch(story, user_name(nb, story, language))
    previous = story.summary.strip() or t("stories.summary_none", lang=language)
    prompt = render_prompt("story_summarize", language, summary=previous, turns=transcript)
    text = chat.complete_chat([{"role": "user", "content": prompt}]).strip()[:MAX_SUMMARY_CHARS]
    if not text:
        return False
    started_from = story.summary_upto

    def change(current: Story) -> None:
        if current.summary_upto != started_from:  # someone else summarized meanwhile
            return
        current.summary, current.summary_upto = text, min(end, len(current.turns))
    nb.stories.update(story_id, change, snapshot=False)
    return True


def update_summary_in_background(nb: "Notebook", story_id: str, chat: "ChatBackend", *,
                                 lang: str | None = None) -> threading.Thread | None:
    """Start :func:`update_summary` in a daemon thread when it is due; failures are logged, never shown."""
    try:
        story = nb.stories.get(story_id)
    except Exception:
        return None
    if not needs_summary(story):
        return None

    def work() -> None:
        try:
            update_summary(nb, story_id, chat, lang=lang)
        except Exception as exc:  # a summary is an optimisation: the story itself is already saved
            log.warning("story summary failed: %s", type(exc).__name__)

    thread = threading.Thread(target=work, name=f"duet-summary-{story_id}", daemon=True)
    thread.start()
    return thread
