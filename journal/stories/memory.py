"""Assembling a story's prompt inside the model's context budget, and saying exactly what went in.

SillyTavern users' first complaint is a companion that forgets long chats.
Here every reply is built from, in this order of priority: the system prompt
and persona, the distress instruction when the latest message is a crisis,
the relationship (author's) note, pinned memories, the rolling summary of
older turns, the latest turns, older turns and journal entries found by
search, and example dialogue. Pieces that do not fit are left out, and the
returned :class:`Assembly` lists what went in and what did not, which is what
the "Why did it say that?" expander shows.
"""

from __future__ import annotations

import logging
import string
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from journal.ai.prompts import load_prompt, render_prompt
from journal.companions.macros import post_history_for, prompt_fields, substitute, system_prompt_for
from journal.companions.model import Companion
from journal.stories import recall
from journal.stories.model import Story, Turn
from journal.stories.tokens import estimate_tokens, message_tokens, trim_to_tokens

if TYPE_CHECKING:
    from journal.notebook import Notebook

MEMORIES_SHARE = 0.15        # pinned memories may take at most this share of the prompt budget
SUMMARY_SHARE = 0.20         # the rolling summary likewise (its end is kept when it is longer)
RECALL_SHARE = 0.15          # kept free for searched older turns and journal entries while filling recent turns
CORE_SHARE = 0.5             # system prompt + persona beyond this is trimmed, so history always has room
MIN_RECENT_TURNS = 2         # the latest turns always go in, trimmed if one alone is huge
RECALL_TURNS_MAX = 4
RECALL_ENTRIES_MAX = 3
PROMPT_SAFETY_MARGIN = 64    # tokens kept free for the estimate's error on top of the reply
MIN_PROMPT_BUDGET = 256
DEFAULT_REPLY_TOKENS = 512
NARRATE_TAGS = {"say": "[Say]", "do": "[Do]", "story": "[Story]"}   # explained by prompts/story_narrator.*.md
log = logging.getLogger(__name__)
JOURNAL_RECALL_KEY = "journal_recall"   # Story.extra flag: False keeps journal entries out of this story's prompts


@dataclass
class Piece:
    """One part of the prompt: what kind, how many tokens, the text, and where it came from."""

    kind: str      # system | persona | scenario | examples | memories | summary | recall | journal |
    #                note | turn | post_history | crisis | instruction
    tokens: int
    text: str
    role: str = "system"
    ref: dict[str, Any] = field(default_factory=dict)   # {"turn": index} / {"entry": id, "title": …}


@dataclass
class Assembly:
    messages: list[dict[str, str]]
    pieces: list[Piece]          # what went in, in prompt order
    dropped: list[Piece]         # what was considered but left out to stay within the budget
    budget: int
    used: int
    crisis: bool
    lang: str
    first_turn: int = 0          # index of the oldest turn sent verbatim

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def prompt_budget(nb: "Notebook") -> int:
    """Tokens the prompt may use: the context size minus the reply and a margin."""
    from journal.ai.providers import load_settings

    settings = load_settings(nb.home)
    reply = settings.sampling().max_tokens or DEFAULT_REPLY_TOKENS
    return max(MIN_PROMPT_BUDGET, settings.context_size - reply - PROMPT_SAFETY_MARGIN)


def render_optional_lines(prompt_name: str, lang: str, /, **values: str) -> str:
    """A prompt file rendered line by line, leaving out lines whose variables are all empty.

    Persona and scenario fields are optional; a line such as "Personality:"
    with nothing after it would only confuse the model.
    """
    template = load_prompt(prompt_name, lang)
    missing = [v for v in template.variables if v not in values]
    if missing:
        from journal.errors import InvalidInput

        raise InvalidInput("ai.prompts.missing_variable", name=prompt_name, variable=", ".join(missing))
    kept = []
    for line in template.text.strip().split("\n"):
        used = string.Template(line).get_identifiers()
        content = [v for v in used if v not in ("name", "user", "char")]
        if content and not any(str(values.get(v) or "").strip() for v in content):
            continue
        kept.append(string.Template(line).substitute({k: str(v) for k, v in values.items()}))
    return "\n".join(kept).strip()


def fallback_companion(story: Story) -> Companion:
    """A stand-in when the story's companion file is gone: the name alone still makes a prompt."""
    return Companion(slug=story.companion or "companion", name=story.display_companion or "Companion")


def user_name(nb: "Notebook", story: Story, lang: str) -> str:
    from journal.i18n import t
    from journal.settings import read_section

    return (story.user_name or str(read_section(nb.home, "general").get("name") or "").strip()
            or t("stories.default_user_name", lang=lang))


def turn_message(story: Story, turn: Turn, text: str | None = None) -> dict[str, str]:
    content = turn.text if text is None else text
    if turn.role == "user":
        if story.mode == "narrate" and turn.kind in NARRATE_TAGS:
            content = f"{NARRATE_TAGS[turn.kind]} {content}"
        return {"role": "user", "content": content}
    return {"role": "assistant", "content": content}


def is_crisis(text: str) -> bool:
    from journal.safety import assess

    return bool(text.strip()) and assess(text).level == "crisis"


def _distress_guidance(lang: str) -> str:
    """The safety prompt; a missing file must never stop a reply to someone in crisis, so it is logged."""
    from journal.errors import NotFound

    try:
        return render_prompt("distress_guidance", lang)
    except NotFound:
        log.error("prompts/distress_guidance.%s.md is missing: the crisis instruction was not added", lang)
        return ""


class _Budget:
    def __init__(self, total: int) -> None:
        self.total = total
        self.left = total

    def take(self, tokens: int) -> bool:
        if tokens <= self.left:
            self.left -= tokens
            return True
        return False


def _core_text(story: Story, companion: Companion, fields: dict[str, Any], char: str, user: str, lang: str) -> list[Piece]:
    if story.mode == "narrate":
        system = substitute(render_prompt("story_narrator", lang), char, user)
    else:
        system = substitute(system_prompt_for(companion, render_prompt("companion_system", lang)), char, user)
    pieces = [Piece("system", message_tokens(system), system)]
    persona = render_optional_lines(
        "story_persona", lang, name=char, user=user, description=str(fields["description"]),
        personality=str(fields["personality"]), scenario=str(fields["scenario"]),
        speaking_style=str(fields["speaking_style"]), user_persona=str(fields["user_persona"]))
    if persona:
        pieces.append(Piece("persona", estimate_tokens(persona), persona))
    if any(str(v).strip() for v in story.scenario.values()):
        scenario = render_optional_lines(
            "story_scenario", lang, char=char, user=user, setting=story.scenario.get("setting", ""),
            user_character=story.scenario.get("user_character", ""),
            companion_character=story.scenario.get("companion_character", ""))
        if scenario:
            pieces.append(Piece("scenario", estimate_tokens(scenario), scenario))
    return pieces


def _trimmed(piece: Piece, budget: int, keep: str = "start") -> Piece:
    text = trim_to_tokens(piece.text, budget, keep=keep)
    return Piece(piece.kind, estimate_tokens(text), text, piece.role, {**piece.ref, "trimmed": True})


def assemble(nb: "Notebook", story: Story, companion: Companion | None, *, upto: int | None = None,
             instruction: str | None = None, lang: str | None = None, budget: int | None = None) -> Assembly:
    """The messages for the next reply after ``story.turns[:upto]`` (all turns by default).

    ``instruction`` is a last system message (continue, suggest choices).
    """
    from journal.i18n import current_language

    companion = companion or fallback_companion(story)
    history = story.turns[: len(story.turns) if upto is None else upto]
    lang = lang or companion.language or current_language()
    total = budget if budget is not None else prompt_budget(nb)
    money = _Budget(total)
    dropped: list[Piece] = []
    char = companion.display_name
    user = user_name(nb, story, lang)
    fields = prompt_fields(companion, user)

    # 1. Always in: system prompt and persona (trimmed past CORE_SHARE), crisis, note, post-history, instruction.
    core = _core_text(story, companion, fields, char, user, lang)
    core_cap = int(total * CORE_SHARE)
    fitted: list[Piece] = []
    for piece in core:
        room = max(0, core_cap - sum(p.tokens for p in fitted))
        fitted.append(piece if piece.tokens <= room else _trimmed(piece, room))
    core = [p for p in fitted if p.text]
    money.left -= sum(p.tokens for p in core)

    last_user = next((t for t in reversed(history) if t.role == "user"), None)
    crisis = is_crisis(last_user.text) if last_user else False
    tail: list[Piece] = []
    post = substitute(post_history_for(companion, ""), char, user) if story.mode == "chat" else ""
    if post.strip():
        tail.append(Piece("post_history", message_tokens(post), post))
    if crisis:
        guidance = _distress_guidance(lang)
        if guidance:
            tail.append(Piece("crisis", message_tokens(guidance), guidance))
    if instruction:
        tail.append(Piece("instruction", message_tokens(instruction), instruction))
    note: Piece | None = None
    if story.author_note.strip():
        text = render_prompt("story_author_note", lang, note=substitute(story.author_note.strip(), char, user))
        note = Piece("note", message_tokens(text), text, ref={"depth": story.author_note_depth})
    money.left -= sum(p.tokens for p in tail) + (note.tokens if note else 0)

    # 2. Pinned memories and the rolling summary, each within its share.
    context: list[Piece] = []
    if story.memories:
        kept = []
        cap = int(total * MEMORIES_SHARE)
        for memory in story.memories:
            line = f"- {memory}"
            candidate = render_prompt("story_memories", lang, user=user, memories="\n".join([*kept, line]))
            if estimate_tokens(candidate) <= min(cap, money.left):
                kept.append(line)
            else:
                dropped.append(Piece("memories", estimate_tokens(line), memory))
        if kept:
            text = render_prompt("story_memories", lang, user=user, memories="\n".join(kept))
            context.append(Piece("memories", estimate_tokens(text), text, ref={"count": len(kept)}))
            money.left -= context[-1].tokens
    if story.summary.strip() and story.summary_upto > 0:
        text = render_prompt("story_summary_block", lang, summary=story.summary.strip())
        piece = Piece("summary", estimate_tokens(text), text, ref={"covers": min(story.summary_upto, len(history))})
        cap = min(int(total * SUMMARY_SHARE), money.left)
        piece = piece if piece.tokens <= cap else _trimmed(piece, cap, keep="end")
        if piece.text:
            context.append(piece)
            money.left -= piece.tokens

    # 3. The latest turns, newest first; room is kept for recall while older material exists.
    costs: dict[int, int] = {}

    def turn_cost(position: int) -> int:   # lazily: a 2,000-turn story only pays for the turns considered
        if position not in costs:
            costs[position] = message_tokens(turn_message(story, history[position])["content"])
        return costs[position]

    window: dict[int, Piece] = {}
    journal_on = story.extra.get(JOURNAL_RECALL_KEY, True) is not False
    reserve = int(total * RECALL_SHARE)
    index = len(history) - 1
    while index >= 0:
        forced = len(history) - index <= MIN_RECENT_TURNS
        keep_free = reserve if (index > 0 or journal_on) else 0
        cost = turn_cost(index)
        if forced and cost > money.left:
            text = trim_to_tokens(turn_message(story, history[index])["content"], max(money.left, 0), keep="end")
            cost = message_tokens(text)
            window[index] = Piece("turn", cost, text, turn_message(story, history[index])["role"], {"turn": index, "trimmed": True})
            money.left -= cost
        elif forced or cost <= money.left - keep_free:
            message = turn_message(story, history[index])
            window[index] = Piece("turn", cost, message["content"], message["role"], {"turn": index})
            money.left -= cost
        else:
            break
        index -= 1
    first = index + 1

    # 4. Older turns and journal entries found by search, then example dialogue, then more recent turns.
    query_source = last_user.text if last_user else (history[-1].text if history else "")
    terms = recall.query_terms(query_source)
    conn = nb.index.connection()
    turn_hits = recall.related_turns(conn, story.id, terms, before=first, limit=RECALL_TURNS_MAX)
    turn_lines = [(f"- {user if h.role == 'user' else char}{' (' + h.created[:10] + ')' if h.created else ''}: "
                   f"{recall.excerpt(h.text, terms)}", {"turn": h.idx}) for h in turn_hits]
    recalled = _block(money, dropped, "recall", turn_lines,
                      lambda body: render_prompt("story_recall", lang, moments=body))
    if recalled:
        context.append(recalled)
    if journal_on:
        entry_lines = [(f"- {h.day} · {h.title}: {h.excerpt}", {"entry": h.id, "title": h.title, "day": h.day})
                       for h in recall.related_entries(conn, terms, limit=RECALL_ENTRIES_MAX)]
        entries = _block(money, dropped, "journal", entry_lines,
                         lambda body: render_prompt("story_journal", lang, user=user, entries=body))
        if entries:
            context.append(entries)
    examples = [str(e) for e in fields["examples"]]
    if examples:
        text = render_prompt("story_examples", lang, char=char, examples="\n\n".join(examples))
        piece = Piece("examples", estimate_tokens(text), text, ref={"count": len(examples)})
        if money.take(piece.tokens):
            core.append(piece)
        else:
            dropped.append(piece)
    recalled_turns = {ref["turn"] for ref in (recalled.ref["items"] if recalled else [])}
    while first > 0 and first - 1 not in recalled_turns and money.take(turn_cost(first - 1)):
        first -= 1
        message = turn_message(story, history[first])
        window[first] = Piece("turn", turn_cost(first), message["content"], message["role"], {"turn": first})
    if first > 0:
        # tokens 0: counting every left-out turn would cost more than the whole assembly
        dropped.append(Piece("turn", 0, "", "user", {"turns": [0, first - 1]}))

    return _build(core, context, [window[i] for i in sorted(window)], note, tail, dropped, total, crisis, lang, first)


def _block(money: _Budget, dropped: list[Piece], kind: str, lines: list[tuple[str, dict[str, Any]]],
           render: Any) -> Piece | None:
    """One system block of search hits (recall or journal): its header, then as many lines as fit."""
    if not lines:
        return None
    header = estimate_tokens(render(""))
    if not money.take(header):
        dropped.extend(Piece(kind, estimate_tokens(line), line, ref=ref) for line, ref in lines)
        return None
    kept: list[tuple[str, dict[str, Any]]] = []
    for line, ref in lines:
        cost = estimate_tokens(line) + 1
        if money.take(cost):
            kept.append((line, ref))
        else:
            dropped.append(Piece(kind, cost, line, ref=ref))
    if not kept:
        money.left += header
        return None
    text = render("\n".join(line for line, _ in kept))
    return Piece(kind, estimate_tokens(text), text, ref={"items": [ref for _, ref in kept]})


def _build(core: list[Piece], context: list[Piece], turns: list[Piece], note: Piece | None, tail: list[Piece],
           dropped: list[Piece], total: int, crisis: bool, lang: str, first: int) -> Assembly:
    """Messages in prompt order: one system message, the turns (note at its depth), then the tail."""
    head = [*core, *context]
    messages = [{"role": "system", "content": "\n\n".join(p.text for p in head)}]
    pieces = list(head)
    ordered = list(turns)
    if note is not None:
        depth = min(max(int(note.ref.get("depth", 0)), 0), len(ordered))
        ordered.insert(len(ordered) - depth, note)
    for piece in [*ordered, *tail]:
        messages.append({"role": piece.role, "content": piece.text})
        pieces.append(piece)
    used = sum(message_tokens(m["content"]) for m in messages)
    return Assembly(messages=messages, pieces=pieces, dropped=dropped, budget=total, used=used, crisis=crisis,
                    lang=lang, first_turn=first)
