"""What a person can do to a story's turns: send, reply, regenerate, browse, edit, delete, continue, branch, undo.

Nothing is ever thrown away by an operation: a regeneration, a continuation
or an edit becomes a new *alternative* of the turn and is chosen, the old
ones stay browsable (← →) and in the file; delete and everything else can be
undone. AI replies are split in two so a page can stream them: :func:`plan_reply`
builds the prompt (and says what went in), the caller streams it from any
:class:`journal.ai.backend.ChatBackend`, and :func:`commit_reply` saves the text.
:func:`run_reply` does both for the CLI and tests.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any, Callable, Literal

from journal.errors import InvalidInput
from journal.ids import new_id
from journal.personas import STORY_KEY as PERSONA_KEY
from journal.stories.memory import Assembly, assemble
from journal.stories.model import INCOMPLETE_KEY, KINDS, Story, Turn
from journal.stories.persona import companion_for, story_language, user_name
from journal.text import BINARY_CONTROL
from journal.times import now

if TYPE_CHECKING:
    from journal.ai.backend import ChatBackend
    from journal.companions.model import Companion
    from journal.notebook import Notebook

MAX_TURN_CHARS = 20_000          # one turn; longer text belongs in a journal entry
_GLUED_START = re.compile(r"[\s,.;:!?…)\]}'’”\-]")   # a continuation starting with these needs no space
_CJK_EDGE = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef\u3040-\u30ff\uac00-\ud7af]")

Action = Literal["reply", "regenerate", "continue"]


def check_turn_text(text: Any, *, allow_empty: bool = False) -> str:
    """Refuse binary, empty (unless allowed) or overlong turn text; normalise line ends only."""
    if not isinstance(text, str):
        raise InvalidInput("stories.errors.not_text")
    text = text.replace("\r\n", "\n")
    if BINARY_CONTROL.search(text):
        raise InvalidInput("stories.errors.not_text")
    if not allow_empty and not text.strip():
        raise InvalidInput("stories.errors.empty_turn")
    if len(text) > MAX_TURN_CHARS:
        raise InvalidInput("stories.errors.turn_too_long", limit=MAX_TURN_CHARS)
    return text


def _index(story: Story, index: int) -> int:
    if not -len(story.turns) <= index < len(story.turns):
        raise InvalidInput("stories.errors.no_turn", index=index + 1 if index >= 0 else index)
    return index % len(story.turns)


def new_turn(role: str, text: str, *, kind: str | None = None, created: datetime | None = None,
             alternatives: list[str] | None = None) -> Turn:
    return Turn(id=new_id(), role=role, alternatives=alternatives or [text], chosen=0,
                created=created or now(), kind=kind)


def ai_role(story: Story) -> str:
    return "narrator" if story.mode == "narrate" else "companion"


# --- turns the person writes -------------------------------------------------------------

def add_user_turn(nb: "Notebook", story_id: str, text: str, *, kind: str | None = None) -> Story:
    """Append what the person wrote (one undo step together with the reply that follows)."""
    text = check_turn_text(text)
    if kind is not None and kind not in KINDS:
        raise InvalidInput("stories.errors.bad_kind", kind=str(kind))
    story = nb.stories.update(story_id, lambda s: s.turns.append(new_turn("user", text, kind=kind)))
    from journal.safety.policy import check_writing

    story.safety = check_writing(text, nb.home)  # a turn in a character's voice is still the person's words
    return story


def add_greeting(nb: "Notebook", story_id: str, greetings: list[str]) -> Story:
    """The companion's first message; alternate greetings become its alternatives (browse ← →)."""
    greetings = [g for g in greetings if g.strip()]
    if not greetings:
        return nb.stories.get(story_id)

    def change(story: Story) -> None:
        story.turns.insert(0, new_turn(ai_role(story), greetings[0], alternatives=list(greetings)))
    return nb.stories.update(story_id, change, snapshot=False)


def add_opening(nb: "Notebook", story_id: str, opening: str) -> Story:
    """A scenario card's opening line, as the narrator's (or companion's) first turn."""
    opening = check_turn_text(opening)
    return nb.stories.update(story_id, lambda s: s.turns.insert(0, new_turn(ai_role(s), opening)), snapshot=False)


def choose(nb: "Notebook", story_id: str, index: int, alternative: int) -> Story:
    """Show another version of a turn (← →); browsing is not an undo step."""
    def change(story: Story) -> None:
        turn = story.turns[_index(story, index)]
        if not 0 <= alternative < len(turn.alternatives):
            raise InvalidInput("stories.errors.no_alternative", number=alternative + 1)
        turn.chosen = alternative
    return nb.stories.update(story_id, change, snapshot=False)


def edit_turn(nb: "Notebook", story_id: str, index: int, text: str) -> Story:
    """The edited text becomes a new, chosen version; the previous versions stay."""
    text = check_turn_text(text)

    edited_by_person: list[bool] = []

    def change(story: Story) -> None:
        turn = story.turns[_index(story, index)]
        if text == turn.text:
            return
        turn.alternatives.append(text)
        turn.chosen = len(turn.alternatives) - 1
        turn.extra.pop(INCOMPLETE_KEY, None)
        edited_by_person.append(turn.is_user)
    story = nb.stories.update(story_id, change)
    if edited_by_person == [True]:  # the companion's words, even edited, are not the person's state of mind
        from journal.safety.policy import check_writing

        story.safety = check_writing(text, nb.home)
    return story


def delete_turn(nb: "Notebook", story_id: str, index: int) -> Story:
    def change(story: Story) -> None:
        position = _index(story, index)
        del story.turns[position]
        if position < story.summary_upto:
            story.summary_upto -= 1
    return nb.stories.update(story_id, change)


def undo(nb: "Notebook", story_id: str) -> Story:
    return nb.stories.undo(story_id)


def branch(nb: "Notebook", story_id: str, index: int, *, title: str | None = None) -> Story:
    """A new story with this one's history up to and including turn ``index``, linking back to it."""
    from journal.i18n import t

    copy = nb.stories.get(story_id)   # already a private copy: it becomes the branch
    position = _index(copy, index)
    copy.title = title or t("stories.branch_title", title=copy.title, number=position + 1)
    copy.branch_of = {"story": copy.id, "turn": copy.turns[position].id}
    copy.id, copy.path, copy.created, copy.updated = "", None, None, None
    copy.turns = copy.turns[: position + 1]
    copy.summary_upto = min(copy.summary_upto, len(copy.turns))
    copy.moods = [m for m in copy.moods if m.get("turn") in {turn.id for turn in copy.turns}]
    copy.extra.pop("source", None)
    return nb.stories.add(copy)


# --- replies from the model --------------------------------------------------------------

@dataclass
class ReplyJob:
    """A planned reply: the prompt to stream and where its text will go."""

    story_id: str
    action: Action
    messages: list[dict[str, str]]
    assembly: Assembly
    turn_id: str | None = None        # the turn a regeneration or continuation belongs to
    base_text: str = ""               # a continuation is appended to this
    snapshot: bool = True             # False right after a user turn: the exchange is one undo step
    extra: dict[str, Any] = field(default_factory=dict)
    own_names: tuple[str, ...] = ()     # labels the model may put before its own words ("Wren Ashby:")
    person_names: tuple[str, ...] = ()  # labels that mean it started writing the person's turn ("Aria:", "我：")


def plan_reply(nb: "Notebook", story: Story, *, action: Action = "reply", index: int | None = None,
               companion: "Companion | None" = None, lang: str | None = None, budget: int | None = None,
               after_user_turn: bool = False) -> ReplyJob:
    """Build the prompt for a new reply, a regeneration of turn ``index`` or a continuation of the last reply."""
    from journal.ai.prompts import render_prompt

    from journal.ai.cleanup import name_variants

    companion = companion or companion_for(nb, story)
    names = {"own_names": tuple(name_variants(story.display_companion, companion.name if companion else "")),
             "person_names": tuple(name_variants(user_name(nb, story, story_language(companion, lang))))}
    if action == "reply":
        assembly = assemble(nb, story, companion, lang=lang, budget=budget)
        return ReplyJob(story.id, action, assembly.messages, assembly, snapshot=not after_user_turn, **names)
    if not story.turns:
        raise InvalidInput("stories.errors.no_turn", index=1)
    position = _index(story, len(story.turns) - 1 if index is None else index)
    turn = story.turns[position]
    if turn.role == "user":
        raise InvalidInput("stories.errors.not_ai_turn")
    if action == "regenerate":
        assembly = assemble(nb, story, companion, upto=position, lang=lang, budget=budget)
        return ReplyJob(story.id, action, assembly.messages, assembly, turn_id=turn.id, **names)
    if position != len(story.turns) - 1:
        raise InvalidInput("stories.errors.continue_last_only")
    language = story_language(companion, lang)
    instruction = render_prompt("story_continue", language)
    assembly = assemble(nb, story, companion, instruction=instruction, lang=language, budget=budget)
    return ReplyJob(story.id, action, assembly.messages, assembly, turn_id=turn.id, base_text=turn.text, **names)


def join_continuation(base: str, more: str) -> str:
    """``base`` + ``more`` with a space only where two Latin words would otherwise touch."""
    if not base or not more or base[-1].isspace() or _GLUED_START.match(more[0]):
        return base + more
    if _CJK_EDGE.match(base[-1]) or _CJK_EDGE.match(more[0]):
        return base + more
    return base + " " + more


def commit_reply(nb: "Notebook", job: ReplyJob, text: str, *, incomplete: bool = False,
                 finish_reason: str | None = None) -> Story:
    """Save a streamed reply where ``job`` says, cleaned of model artefacts; an empty reply is refused.

    Every path that keeps a reply comes through :func:`reply_text` and :func:`apply_reply`, so the cleaning
    (labels, the person's invented turn, stray ``*``, loops) and the "incomplete" mark for a reply cut at the
    token limit (trimmed to its last sentence) hold for the page, the CLI and a whole exchange alike.
    """
    text, incomplete = reply_text(job, text, incomplete=incomplete, finish_reason=finish_reason)
    return nb.stories.update(job.story_id, lambda story: apply_reply(story, job, text, incomplete),
                             snapshot=job.snapshot)


def reply_text(job: ReplyJob, text: str, *, incomplete: bool = False,
               finish_reason: str | None = None) -> tuple[str, bool]:
    """The reply as it will be kept, and whether it is incomplete; InvalidInput when nothing is left."""
    from journal.ai.cleanup import clean_reply

    cleaned = clean_reply(text, own_names=job.own_names, person_names=job.person_names, finish_reason=finish_reason)
    incomplete = incomplete or cleaned.incomplete
    # A continuation keeps its leading space or paragraph break: it decides how it joins the text before it.
    lead = text[: len(text) - len(text.lstrip())] if job.action == "continue" and cleaned.text else ""
    text = lead + cleaned.text
    if not text.strip():
        raise InvalidInput("stories.errors.empty_reply")
    return check_turn_text(join_continuation(job.base_text, text) if job.action == "continue" else text), incomplete


def apply_reply(story: Story, job: ReplyJob, text: str, incomplete: bool) -> None:
    """Put a kept reply into ``story``: a new turn, or a new chosen version of the turn ``job`` names."""
    if job.action == "reply":
        turn = new_turn(ai_role(story), text)
        story.turns.append(turn)
    else:
        turn = next((t for t in story.turns if t.id == job.turn_id), None)
        if turn is None:
            raise InvalidInput("stories.errors.turn_gone")
        turn.alternatives.append(text)
        turn.chosen = len(turn.alternatives) - 1
        turn.extra.pop("choices", None)
    if incomplete:
        turn.extra[INCOMPLETE_KEY] = True
    else:
        turn.extra.pop(INCOMPLETE_KEY, None)


def run_reply(nb: "Notebook", job: ReplyJob, chat: "ChatBackend",
              on_piece: Callable[[str], Any] | None = None) -> Story:
    """Stream the whole reply and save it; a failure saves what arrived (marked incomplete), then re-raises.

    ``on_piece`` sees each piece as it arrives (the CLI prints them), so a
    terminal reader watches the reply being written as the page does.
    """
    from journal.ai.errors import AIError

    stream = chat.stream_chat(job.messages)
    try:
        for piece in stream:
            if on_piece is not None:
                on_piece(piece)
        text = stream.text
    except AIError as exc:
        if exc.partial.strip():
            commit_reply(nb, job, exc.partial, incomplete=True)
        raise
    return commit_reply(nb, job, text, finish_reason=stream.finish_reason)


def reply(nb: "Notebook", story_id: str, chat: "ChatBackend", text: str | None = None, *,
          kind: str | None = None, lang: str | None = None, budget: int | None = None,
          on_piece: Callable[[str], Any] | None = None) -> Story:
    """Send ``text`` (if any) and get the companion's answer: the chat loop in one call.

    With ``text`` this is one exchange (:mod:`journal.stories.exchange`): the person's turn and the reply
    are written together, once, and the turn is kept (from its draft) even when the model fails.
    """
    if text is None:
        return run_reply(nb, plan_reply(nb, nb.stories.get(story_id), lang=lang, budget=budget), chat, on_piece)
    from journal.stories.exchange import run_exchange

    return run_exchange(nb, story_id, chat, text, kind=kind, lang=lang, budget=budget, on_piece=on_piece)


def last_reply_prompt(nb: "Notebook", story: Story, *, lang: str | None = None,
                      budget: int | None = None) -> Assembly:
    """The prompt the latest AI turn answered ("Why did it say that?"), rebuilt from the story as it is now.

    Assembly is deterministic, so rebuilding it from the turns before that
    reply gives what the model was sent, unless memories, the note or the
    lorebooks changed since; a story with no AI turn yet shows the prompt its
    next reply would get. The Stories page and ``story why`` both ask here.
    """
    last_ai = max((i for i, turn in enumerate(story.turns) if not turn.is_user), default=None)
    upto = last_ai if last_ai is not None and last_ai > 0 else len(story.turns)
    return assemble(nb, story, companion_for(nb, story), upto=upto, lang=lang, budget=budget)


def start_story(nb: "Notebook", companion: "Companion", *, title: str | None = None, mode: str = "chat",
                scenario: dict[str, str] | None = None, opening: str = "", persona: str | None = None) -> Story:
    """A new story with ``companion``: the scenario's opening, else (in chat) the card's greetings as turn one.

    The Stories page and ``story new`` both start stories here, so a story
    begins the same way whichever door it came through.
    """
    from journal.companions.macros import substitute
    from journal.i18n import t

    title = (title or "").strip() or t("stories.picker.default_title", name=companion.name)
    chosen = nb.companions.personas.get(persona) if persona else None   # NotFound before anything is written
    story = nb.stories.create(title=title, companion=companion.slug, companion_name=companion.name, mode=mode,
                              scenario=scenario, user_name=chosen.name if chosen else "",
                              extra={PERSONA_KEY: chosen.slug} if chosen else None)
    if opening.strip():
        return add_opening(nb, story.id, opening)
    if mode == "chat" and companion.greetings:
        user = user_name(nb, story, story_language(companion))
        return add_greeting(nb, story.id, [substitute(g, companion.display_name, user) for g in companion.greetings])
    return story


def regenerate(nb: "Notebook", story_id: str, chat: "ChatBackend", index: int = -1, *,
               lang: str | None = None, budget: int | None = None) -> Story:
    story = nb.stories.get(story_id)
    return run_reply(nb, plan_reply(nb, story, action="regenerate", index=index, lang=lang, budget=budget), chat)


def continue_reply(nb: "Notebook", story_id: str, chat: "ChatBackend", *, lang: str | None = None,
                   budget: int | None = None) -> Story:
    story = nb.stories.get(story_id)
    return run_reply(nb, plan_reply(nb, story, action="continue", lang=lang, budget=budget), chat)


def attach_lorebook(nb: "Notebook", story_id: str, slug: str) -> Story:
    """Let a standalone lorebook (a world several companions share) take part in this story's replies."""
    from journal.lorebooks.sources import attached_slugs
    from journal.lorebooks.store import STORY_KEY

    nb.companions.lorebooks.get(slug)   # NotFound, in a sentence, for a book that is not there

    def change(story: Story) -> None:
        slugs = attached_slugs(story)
        if slug not in slugs:
            story.extra[STORY_KEY] = [*slugs, slug]
    return nb.stories.update(story_id, change, snapshot=False)


def detach_lorebook(nb: "Notebook", story_id: str, slug: str) -> Story:
    from journal.lorebooks.sources import attached_slugs
    from journal.lorebooks.store import STORY_KEY

    def change(story: Story) -> None:
        slugs = [s for s in attached_slugs(story) if s != slug]
        if slugs:
            story.extra[STORY_KEY] = slugs
        else:
            story.extra.pop(STORY_KEY, None)
    return nb.stories.update(story_id, change, snapshot=False)


def set_persona(nb: "Notebook", story_id: str, slug: str | None) -> Story:
    """Play this story as another persona (or none): ``{{user}}``, the labels and the prompt follow from the next reply."""
    chosen = nb.companions.personas.get(slug) if slug else None

    def change(story: Story) -> None:
        if chosen is None:
            story.extra.pop(PERSONA_KEY, None)
            story.user_name = ""
        else:
            story.extra[PERSONA_KEY] = chosen.slug
            story.user_name = chosen.name
    return nb.stories.update(story_id, change, snapshot=False)
