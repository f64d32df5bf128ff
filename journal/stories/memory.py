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

from dataclasses import asdict, dataclass, field
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from journal.ai.prompts import render_prompt
from journal.companions.macros import post_history_for, prompt_fields, substitute
from journal.companions.model import Companion
from journal.stories import recall
from journal.stories.model import DEFAULT_NOTE_DEPTH, Story, Turn
from journal.stories.persona import (core_texts, distress_guidance, fallback_companion, is_crisis, story_language,
                                     story_persona, turn_message, user_name)
from journal.stories.tokens import estimate_tokens, message_tokens, trim_to_tokens

if TYPE_CHECKING:
    from journal.notebook import Notebook

LORE_SHARE = 0.25           # lorebook entries may take at most this share (SillyTavern's default World Info budget)
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
    lore: list[dict[str, Any]] = field(default_factory=list)   # lorebook entries that fired: book, entry, reason

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def is_small_model(nb: "Notebook") -> bool:
    """The built-in tiny model answers: it gets the short system prompt (see prompts/companion_system_small)."""
    from journal.ai.providers import EMBEDDED, load_settings

    settings = load_settings(nb.home)
    return settings.provider == EMBEDDED and not settings.model_path


def prompt_budget(nb: "Notebook") -> int:
    """Tokens the prompt may use: the context size minus the reply and a margin."""
    settings = nb.settings.ai
    reply = settings.sampling().max_tokens or DEFAULT_REPLY_TOKENS
    return max(MIN_PROMPT_BUDGET, settings.context_size - reply - PROMPT_SAFETY_MARGIN)


class _Budget:
    def __init__(self, total: int) -> None:
        self.total = total
        self.left = total

    def take(self, tokens: int) -> bool:
        if tokens <= self.left:
            self.left -= tokens
            return True
        return False


def _trimmed(piece: Piece, budget: int, keep: str = "start") -> Piece:
    text = trim_to_tokens(piece.text, budget, keep=keep)
    return Piece(piece.kind, estimate_tokens(text), text, piece.role, {**piece.ref, "trimmed": True})


def assemble(nb: "Notebook", story: Story, companion: Companion | None, *, upto: int | None = None,
             instruction: str | None = None, lang: str | None = None, budget: int | None = None) -> Assembly:
    """The messages for the next reply after ``story.turns[:upto]`` (all turns by default).

    ``instruction`` is a last system message (continue, suggest choices).
    Pieces are chosen in priority order (see the module docstring) and laid
    out in prompt order by :func:`_build`.
    """
    companion = companion or fallback_companion(story)
    lang = story_language(companion, lang)
    work = _Assembler(nb, story, companion, story.turns[: len(story.turns) if upto is None else upto], lang,
                      budget if budget is not None else prompt_budget(nb))
    core = work.core()
    tail, note = work.tail_and_note(instruction)
    lore = work.lorebooks()
    context = work.keepsakes()
    first = work.recent_turns()
    recalled = work.searched(first, context)
    examples = work.examples()
    if examples is not None:
        core.append(examples)
    first = work.more_recent_turns(first, recalled)
    assembly = _build(core, context, [work.window[i] for i in sorted(work.window)], note, tail, work.dropped,
                      work.money.total, work.crisis, lang, first, lore)
    assembly.lore = work.lore_report
    return assembly


class _Assembler:
    """The state of one assembly: the budget left, what was chosen, what was left out."""

    def __init__(self, nb: "Notebook", story: Story, companion: Companion, history: list[Turn], lang: str,
                 total: int) -> None:
        self.nb, self.story, self.companion, self.history, self.lang = nb, story, companion, history, lang
        self.money = _Budget(total)
        self.dropped: list[Piece] = []
        self.window: dict[int, Piece] = {}
        self.char = companion.display_name
        self.user = user_name(nb, story, lang)
        self.fields = prompt_fields(companion, self.user)
        self.last_user = next((t for t in reversed(history) if t.role == "user"), None)
        self.crisis = is_crisis(self.last_user.text) if self.last_user else False
        self.journal_on = story.extra.get(JOURNAL_RECALL_KEY, True) is not False
        self.small_model = is_small_model(nb)
        self._costs: dict[int, int] = {}
        self._terms: list[str] | None = None

    # 1. Always in: system prompt and persona (trimmed past CORE_SHARE), then crisis, note, post-history, instruction.
    def core(self) -> list[Piece]:
        cap = int(self.money.total * CORE_SHARE)
        fitted: list[Piece] = []
        persona = story_persona(self.nb, self.story)
        for kind, text in core_texts(self.story, self.companion, self.fields, self.char, self.user, self.lang,
                                     small_model=self.small_model, persona=persona.description if persona else ""):
            piece = Piece(kind, message_tokens(text) if kind == "system" else estimate_tokens(text), text)
            room = max(0, cap - sum(p.tokens for p in fitted))
            fitted.append(piece if piece.tokens <= room else _trimmed(piece, room))
        core = [p for p in fitted if p.text]
        self.money.left -= sum(p.tokens for p in core)
        return core

    def tail_and_note(self, instruction: str | None) -> tuple[list[Piece], Piece | None]:
        tail: list[Piece] = []
        post = substitute(post_history_for(self.companion, ""), self.char, self.user) if self.story.mode == "chat" else ""
        if post.strip():
            tail.append(Piece("post_history", message_tokens(post), post))
        guidance = distress_guidance(self.lang) if self.crisis else ""
        if guidance:
            tail.append(Piece("crisis", message_tokens(guidance), guidance))
        if instruction:
            tail.append(Piece("instruction", message_tokens(instruction), instruction))
        note: Piece | None = None
        if self.story.author_note.strip():
            text = render_prompt("story_author_note", self.lang,
                                 note=substitute(self.story.author_note.strip(), self.char, self.user))
            note = Piece("note", message_tokens(text), text, ref={"depth": self.story.author_note_depth})
        self.money.left -= sum(p.tokens for p in tail) + (note.tokens if note else 0)
        return tail, note

    # 1b. Lorebook entries triggered by the latest turns (journal.lorebooks), within their share.
    def lorebooks(self) -> list[Piece]:
        """One piece per entry that fired and fits (laid out by :func:`_build`); every one is reported."""
        from journal.lorebooks.sources import fire

        budget = min(int(self.money.total * LORE_SHARE), max(self.money.left, 0))
        self.lore_report: list[dict[str, Any]] = []
        pieces: list[Piece] = []
        for fired, info in fire(self.nb, self.story, self.companion, self.history, char=self.char, user=self.user,
                                lang=self.lang, budget=budget):
            self.lore_report.append(info)
            entry = fired.entry
            piece = Piece("lore", fired.tokens, fired.text, entry.role, ref={
                "book": entry.book, "entry": entry.label, "reason": info["reason"], "position": entry.position,
                "depth": entry.depth})
            (pieces if fired.kept else self.dropped).append(piece)
        self.money.left -= sum(p.tokens for p in pieces)
        return pieces

    # 2. Pinned memories and the rolling summary, each within its share.
    def keepsakes(self) -> list[Piece]:
        context: list[Piece] = []
        total = self.money.total
        if self.story.memories:
            kept: list[str] = []
            for memory in self.story.memories:
                line = f"- {memory}"
                candidate = render_prompt("story_memories", self.lang, user=self.user, memories="\n".join([*kept, line]))
                if estimate_tokens(candidate) <= min(int(total * MEMORIES_SHARE), self.money.left):
                    kept.append(line)
                else:
                    self.dropped.append(Piece("memories", estimate_tokens(line), memory))
            if kept:
                text = render_prompt("story_memories", self.lang, user=self.user, memories="\n".join(kept))
                context.append(Piece("memories", estimate_tokens(text), text, ref={"count": len(kept)}))
                self.money.left -= context[-1].tokens
        if self.story.summary.strip() and self.story.summary_upto > 0:
            text = render_prompt("story_summary_block", self.lang, summary=self.story.summary.strip())
            piece = Piece("summary", estimate_tokens(text), text,
                          ref={"covers": min(self.story.summary_upto, len(self.history))})
            cap = min(int(total * SUMMARY_SHARE), self.money.left)
            piece = piece if piece.tokens <= cap else _trimmed(piece, cap, keep="end")
            if piece.text:
                context.append(piece)
                self.money.left -= piece.tokens
        return context

    # 3. The latest turns, newest first; room is kept for recall while older material exists.
    def turn_cost(self, position: int) -> int:
        """Lazily: a 2,000-turn story only pays for the turns it considers."""
        if position not in self._costs:
            self._costs[position] = message_tokens(turn_message(self.story, self.history[position])["content"])
        return self._costs[position]

    def _take_turn(self, position: int, *, trim: bool = False) -> None:
        message = turn_message(self.story, self.history[position])
        if trim:
            text = trim_to_tokens(message["content"], max(self.money.left, 0), keep="end")
            piece = Piece("turn", message_tokens(text), text, message["role"], {"turn": position, "trimmed": True})
        else:
            piece = Piece("turn", self.turn_cost(position), message["content"], message["role"], {"turn": position})
        self.window[position] = piece
        self.money.left -= piece.tokens

    def recent_turns(self) -> int:
        """Fill the window from the end; returns the index of its oldest turn."""
        reserve = int(self.money.total * RECALL_SHARE)
        index = len(self.history) - 1
        while index >= 0:
            forced = len(self.history) - index <= MIN_RECENT_TURNS
            keep_free = reserve if (index > 0 or self.journal_on) else 0
            cost = self.turn_cost(index)
            if forced and cost > self.money.left:
                self._take_turn(index, trim=True)
            elif forced or cost <= self.money.left - keep_free:
                self._take_turn(index)
            else:
                break
            index -= 1
        return index + 1

    # 4. Older turns and journal entries found by search.
    def terms(self) -> list[str]:
        if self._terms is None:
            source = self.last_user.text if self.last_user else (self.history[-1].text if self.history else "")
            self._terms = recall.query_terms(source)
        return self._terms

    def searched(self, first: int, context: list[Piece]) -> Piece | None:
        index, terms, lang = self.nb.index, self.terms(), self.lang
        hits = recall.related_turns(index, self.story.id, terms, before=first, limit=RECALL_TURNS_MAX)
        lines = [(f"- {self.user if h.role == 'user' else self.char}{' (' + h.created[:10] + ')' if h.created else ''}: "
                  f"{recall.excerpt(h.text, terms)}", {"turn": h.idx}) for h in hits]
        recalled = _block(self.money, self.dropped, "recall", lines,
                          lambda body: render_prompt("story_recall", lang, moments=body))
        if recalled:
            context.append(recalled)
        if self.journal_on:
            entry_lines = [(f"- {h.day} · {h.title}: {h.excerpt}", {"entry": h.id, "title": h.title, "day": h.day})
                           for h in recall.related_entries(index, terms, limit=RECALL_ENTRIES_MAX)]
            entries = _block(self.money, self.dropped, "journal", entry_lines,
                             lambda body: render_prompt("story_journal", lang, user=self.user, entries=body))
            if entries:
                context.append(entries)
        return recalled

    # 5. Example dialogue, then more recent turns with whatever is left.
    def examples(self) -> Piece | None:
        examples = [str(e) for e in self.fields["examples"]]
        if not examples:
            return None
        text = render_prompt("story_examples", self.lang, char=self.char, examples="\n\n".join(examples))
        piece = Piece("examples", estimate_tokens(text), text, ref={"count": len(examples)})
        if self.money.take(piece.tokens):
            return piece
        self.dropped.append(piece)
        return None

    def more_recent_turns(self, first: int, recalled: Piece | None) -> int:
        """Extend the window back while the budget allows, stopping at a turn already recalled by search."""
        recalled_turns = {ref["turn"] for ref in (recalled.ref["items"] if recalled else [])}
        while first > 0 and first - 1 not in recalled_turns and self.turn_cost(first - 1) <= self.money.left:
            first -= 1
            self._take_turn(first)
        if first > 0:
            # tokens 0: counting every left-out turn would cost more than the whole assembly
            self.dropped.append(Piece("turn", 0, "", "user", {"turns": [0, first - 1]}))
        return first


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
           dropped: list[Piece], total: int, crisis: bool, lang: str, first: int,
           lore: Sequence[Piece] = ()) -> Assembly:
    """Messages in prompt order: one system message, the turns (note and depth lore inside them), then the tail.

    Lorebook entries go where SillyTavern puts them: before or after the
    character's definition, around the example dialogue, around the
    relationship note, or as their own message ``depth`` turns from the end.
    """
    from journal.lorebooks import book as lb

    where: dict[int, list[Piece]] = {}
    for piece in lore:
        position = piece.ref["position"]
        if position in (lb.BEFORE_EXAMPLES, lb.AFTER_EXAMPLES) and not any(p.kind == "examples" for p in core):
            position = lb.AFTER_CHAR
        where.setdefault(lb.AFTER_CHAR if position == lb.OUTLET else position, []).append(piece)
    head: list[Piece] = []
    for piece in core:
        if piece.kind == "examples":
            head += [*where.get(lb.AFTER_CHAR, []), *where.get(lb.BEFORE_EXAMPLES, []), piece,
                     *where.get(lb.AFTER_EXAMPLES, [])]
        else:
            head.append(piece)
        if piece.kind == "system":
            head += where.get(lb.BEFORE_CHAR, [])
    if not any(p.kind == "examples" for p in core):
        head += where.get(lb.AFTER_CHAR, [])
    head += context
    messages = [{"role": "system", "content": "\n\n".join(p.text for p in head)}]
    pieces = list(head)
    at_depth: list[tuple[int, int, Piece]] = []     # (depth, tie-break, piece)
    note_group = [*where.get(lb.BEFORE_NOTE, []), *([note] if note is not None else []), *where.get(lb.AFTER_NOTE, [])]
    if note_group:
        note_depth = int(note.ref.get("depth", 0)) if note is not None else DEFAULT_NOTE_DEPTH
        at_depth += [(note_depth, n, piece) for n, piece in enumerate(note_group)]
    for n, piece in enumerate(where.get(lb.AT_DEPTH, [])):
        at_depth.append((int(piece.ref.get("depth", 0)), len(note_group) + n, piece))
    ordered = list(turns)
    for depth, _, piece in sorted(at_depth, key=lambda item: (-min(max(item[0], 0), len(turns)), item[1])):
        depth = min(max(depth, 0), len(turns))
        # insert after every turn older than `depth` from the end, and after what was inserted there before
        index = _insertion_index(ordered, len(turns) - depth)
        ordered.insert(index, piece)
    for piece in [*ordered, *tail]:
        messages.append({"role": piece.role, "content": piece.text})
        pieces.append(piece)
    used = sum(message_tokens(m["content"]) for m in messages)
    return Assembly(messages=messages, pieces=pieces, dropped=dropped, budget=total, used=used, crisis=crisis,
                    lang=lang, first_turn=first)


def _insertion_index(ordered: list[Piece], turns_before: int) -> int:
    """The index in ``ordered`` just after its first ``turns_before`` turn pieces (and anything placed after them)."""
    seen = 0
    for index, piece in enumerate(ordered):
        if piece.kind == "turn":
            if seen == turns_before:
                return index
            seen += 1
    return len(ordered)
