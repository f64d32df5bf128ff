"""One exchange of a story: the person's turn and the reply to it, written to the story file once.

A page streams the reply between :func:`begin` and :func:`finish`. Until the exchange is written the
person's words live in a draft file (``drafts/story-<id>.md``, written atomically before the model is
called), so a failed call, the Stop button or a process that dies mid-reply loses nothing: :func:`finish`
writes the turn together with whatever reply arrived, in one rewrite and one undo step, and removes the
draft; :func:`recover` writes a turn whose exchange never finished (the page asks when it opens a story).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any, Callable

from journal.entries.drafts import discard_draft, draft_path
from journal.errors import DuetError, InvalidInput
from journal.stories.model import KINDS, Story, Turn
from journal.stories.ops import ReplyJob, apply_reply, check_turn_text, new_turn, plan_reply, reply_text
from journal.store.documents import read_document, write_document

if TYPE_CHECKING:
    from journal.ai.backend import ChatBackend
    from journal.notebook import Notebook

DRAFT_PREFIX = "story-"


@dataclass
class Exchange:
    """An exchange under way: ``story`` holds the person's ``turn`` in memory only (the draft holds it on disk)."""

    story: Story
    turn: Turn
    safety: Any   # the crisis check of the person's words (journal.safety.Assessment)


def _draft_key(story_id: str) -> str:
    return DRAFT_PREFIX + story_id


def begin(nb: "Notebook", story_id: str, text: str, *, kind: str | None = None) -> Exchange:
    """Check the person's words, keep them in the exchange's draft, and assess them, before any model call."""
    from journal.safety.policy import check_writing

    text = check_turn_text(text)
    if kind is not None and kind not in KINDS:
        raise InvalidInput("stories.errors.bad_kind", kind=str(kind))
    recover(nb, story_id)   # an earlier exchange that never finished comes first
    story = nb.stories.get(story_id)   # a private copy: the turn is added in memory
    turn = new_turn("user", text, kind=kind)
    write_document(draft_path(nb.home, _draft_key(story_id)),
                   {"story": story_id, "turn": turn.id, "kind": kind, "created": turn.created.isoformat()}, text)
    story.turns.append(turn)
    story.safety = check_writing(text, nb.home)   # a turn in a character's voice is still the person's words
    return Exchange(story, turn, story.safety)


def finish(nb: "Notebook", exchange: Exchange, job: ReplyJob | None = None, reply: str = "", *,
           incomplete: bool = False, finish_reason: str | None = None, quiet: bool = False) -> Story:
    """Write the person's turn and the reply (if any words of it arrived) in one rewrite; drop the draft.

    A reply that cleans to nothing is not kept: the turn is written alone and the reason raised (unless
    ``quiet``, for a caller already raising its own error), so the person can ask again.
    """
    kept: tuple[str, bool] | None = None
    problem: DuetError | None = None
    if job is not None and reply.strip():
        try:
            kept = reply_text(job, reply, incomplete=incomplete, finish_reason=finish_reason)
        except DuetError as exc:
            problem = exc

    def change(story: Story) -> None:
        if not any(turn.id == exchange.turn.id for turn in story.turns):
            story.turns.append(exchange.turn)
        if kept is not None and job is not None:
            apply_reply(story, job, *kept)

    saved = nb.stories.update(exchange.story.id, change)
    _discard_own_draft(nb, exchange)
    saved.safety = exchange.safety
    if problem is not None and not quiet:
        raise problem
    return saved


def _discard_own_draft(nb: "Notebook", exchange: Exchange) -> None:
    """Drop the draft only if it still holds this exchange's turn: another tab's exchange on the same story may
    have written its own words there since (its ``begin`` recovered ours first), and those must stay."""
    path = draft_path(nb.home, _draft_key(exchange.story.id))
    try:
        meta, _text = read_document(path)
    except (DuetError, OSError):
        return
    if str(meta.get("turn")) == exchange.turn.id:
        discard_draft(nb.home, _draft_key(exchange.story.id))


def recover(nb: "Notebook", story_id: str) -> Story | None:
    """Write the person's turn of an exchange that never finished (the process died mid-reply); None if none."""
    path = draft_path(nb.home, _draft_key(story_id))
    if not path.exists():
        return None
    try:
        meta, text = read_document(path)
        text = check_turn_text(text.rstrip("\n"))
        created = datetime.fromisoformat(str(meta["created"]))
        turn = Turn(id=str(meta["turn"]), role="user", alternatives=[text], chosen=0, created=created,
                    kind=meta.get("kind") if meta.get("kind") in KINDS else None)
    except (DuetError, KeyError, TypeError, ValueError):
        return None   # a damaged draft counts as none, as every draft does; it stays for a person to read

    def change(story: Story) -> None:
        if not any(existing.id == turn.id for existing in story.turns):
            story.turns.append(turn)
    saved = nb.stories.update(story_id, change)
    discard_draft(nb.home, _draft_key(story_id))
    return saved


def run_exchange(nb: "Notebook", story_id: str, chat: "ChatBackend", text: str, *, kind: str | None = None,
                 lang: str | None = None, budget: int | None = None,
                 on_piece: Callable[[str], Any] | None = None) -> Story:
    """The whole exchange without a page (the CLI, tests): a failure still writes the turn and what arrived."""
    return stream_exchange(nb, begin(nb, story_id, text, kind=kind), chat, lang=lang, budget=budget,
                           on_piece=on_piece)


def stream_exchange(nb: "Notebook", started: Exchange, chat: "ChatBackend", *, lang: str | None = None,
                    budget: int | None = None, on_piece: Callable[[str], Any] | None = None) -> Story:
    """Plan, stream and finish a begun exchange (``on_piece`` sees each piece, as a terminal prints it)."""
    from journal.ai.errors import AIError

    try:
        job = plan_reply(nb, started.story, lang=lang, budget=budget, after_user_turn=True)
        stream = chat.stream_chat(job.messages)
    except BaseException:
        finish(nb, started)   # no reply to be had: the person's words are written all the same
        raise
    try:
        for piece in stream:
            if on_piece is not None:
                on_piece(piece)
    except AIError as exc:
        finish(nb, started, job, exc.partial, incomplete=True, quiet=True)
        raise
    except BaseException:   # Ctrl-C in the terminal: the words are the person's all the same
        finish(nb, started, job, stream.text, incomplete=True, quiet=True)
        raise
    return finish(nb, started, job, stream.text, finish_reason=stream.finish_reason)
