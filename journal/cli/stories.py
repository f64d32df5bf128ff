"""``story new|say|show|why``: co-writing a story from a terminal or a script.

The same core pipeline as the Stories page (``journal.stories.ops``): the
person's turn is saved and crisis-checked first, then the reply is planned,
streamed and saved with the page's cleaning. Help lines go to stderr so a
script reading the reply on stdout gets only the reply; ``--json`` puts them
in the data instead.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any, Callable

from journal.cli.output import emit
from journal.i18n import t


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("story", parents=[common], help=t("stories.cli.help"), description=t("stories.cli.description"))
    actions = p.add_subparsers(dest="story_action", metavar="ACTION", required=True)

    new = actions.add_parser("new", parents=[common], help=t("stories.cli.new_help"))
    new.add_argument("companion", metavar="COMPANION", help=t("stories.cli.companion_arg"))
    new.add_argument("--title", help=t("stories.cli.title_arg"))
    new.add_argument("--mode", choices=("chat", "narrate"), default="chat", help=t("stories.cli.mode_arg"))
    new.add_argument("--persona", help=t("stories.cli.persona_arg"))
    new.set_defaults(handler=cmd_new)

    say = actions.add_parser("say", parents=[common], help=t("stories.cli.say_help"))
    say.add_argument("id", metavar="ID", help=t("stories.cli.id_arg"))
    say.add_argument("text", metavar="TEXT", help=t("stories.cli.text_arg"))
    say.add_argument("--no-reply", action="store_true", help=t("stories.cli.no_reply_arg"))
    say.set_defaults(handler=cmd_say)

    show = actions.add_parser("show", parents=[common], help=t("stories.cli.show_help"))
    show.add_argument("id", metavar="ID", help=t("stories.cli.id_arg"))
    show.set_defaults(handler=cmd_show)

    why = actions.add_parser("why", parents=[common], help=t("stories.cli.why_help"))
    why.add_argument("id", metavar="ID", help=t("stories.cli.id_arg"))
    why.set_defaults(handler=cmd_why)

    persona = actions.add_parser("persona", parents=[common], help=t("stories.cli.persona_help"))
    persona.add_argument("id", metavar="ID", help=t("stories.cli.id_arg"))
    persona.add_argument("persona", metavar="PERSONA", nargs="?", help=t("stories.cli.persona_arg"))
    persona.set_defaults(handler=cmd_persona)

    replay = actions.add_parser("replay", parents=[common], help=t("stories.cli.replay_help"))
    replay.add_argument("companion", metavar="COMPANION", help=t("stories.cli.companion_arg"))
    replay.add_argument("--base-url", required=True, metavar="URL", help=t("stories.cli.base_url_arg"))
    replay.add_argument("--model", required=True, metavar="NAME", help=t("stories.cli.model_arg"))
    replay.set_defaults(handler=cmd_replay)

    for action, handler in (("attach", cmd_attach), ("detach", cmd_detach)):
        lore = actions.add_parser(action, parents=[common], help=t(f"stories.cli.{action}_help"))
        lore.add_argument("id", metavar="ID", help=t("stories.cli.id_arg"))
        lore.add_argument("lorebook", metavar="LOREBOOK", help=t("lorebooks.cli.lorebook_arg"))
        lore.set_defaults(handler=handler)


def _story_data(story: Any) -> dict[str, Any]:
    return {"id": story.id, "title": story.title, "companion": story.companion,
            "companion_name": story.display_companion, "mode": story.mode, "persona": story.extra.get("persona"),
            "user_name": story.user_name,
            "path": str(story.path) if story.path else None,
            "created": story.created.isoformat() if story.created else None,
            "updated": story.updated.isoformat() if story.updated else None,
            "turns": [_turn_data(n, turn) for n, turn in enumerate(story.turns)]}


def _turn_data(number: int, turn: Any) -> dict[str, Any]:
    return {"number": number + 1, "id": turn.id, "role": turn.role, "kind": turn.kind, "text": turn.text,
            "versions": len(turn.alternatives), "chosen": turn.chosen + 1,
            "created": turn.created.isoformat() if turn.created else None,
            "incomplete": bool(turn.extra.get("incomplete"))}


def cmd_new(args: argparse.Namespace, open_notebook: Callable[[], Any]) -> int:
    from journal.stories import ops

    nb = open_notebook()
    companion = nb.companions.find(args.companion)
    persona = nb.companions.personas.find(args.persona).slug if args.persona else None
    story = ops.start_story(nb, companion, title=args.title, mode=args.mode, persona=persona)
    data = _story_data(story)
    # Only the id on stdout: `id=$(python -m journal story new Wren)` is what scripts write.
    emit(args, data, story.id)
    return 0


def _safety_data(assessment: Any) -> dict[str, Any] | None:
    return assessment.to_dict() if assessment is not None else None


def _show_panel(assessment: Any) -> None:
    """The page's help panel, in its words, on stderr before the reply: help never waits for the model."""
    from journal.safety.panel import panel_text

    panel = panel_text(assessment, links=False) if assessment is not None else None
    if panel is not None:
        print(panel.plain() + "\n", file=sys.stderr, flush=True)


def cmd_say(args: argparse.Namespace, open_notebook: Callable[[], Any]) -> int:
    from journal.ai.chat import get_chat
    from journal.ai.errors import AIError
    from journal.stories import exchange, ops
    from journal.stories.summary import update_summary

    nb = open_notebook()
    story = nb.stories.get(args.id)
    kind = "say" if story.mode == "narrate" else None
    if args.no_reply:
        story = ops.add_user_turn(nb, story.id, args.text, kind=kind)
        turn, safety = story.turns[-1], story.safety
    else:   # one exchange: the turn and the reply written together, the turn kept even if the model fails
        started = exchange.begin(nb, story.id, args.text, kind=kind)
        turn, safety = started.turn, started.safety
    if not args.json:
        _show_panel(safety)
    position = len(story.turns) - 1 if args.no_reply else len(story.turns)   # the new turn's place in the story
    data: dict[str, Any] = {"story": story.id, "turn": _turn_data(position, turn), "safety": _safety_data(safety),
                            "reply": None}
    if args.no_reply:
        emit(args, data, None)
        return 0
    printed: list[str] = []

    def show(piece: str) -> None:
        if not args.json:
            sys.stdout.write(piece)
            sys.stdout.flush()
            printed.append(piece)

    try:
        try:
            chat = get_chat(nb)
        except BaseException:
            exchange.finish(nb, started)
            raise
        story = exchange.stream_exchange(nb, started, chat, on_piece=show)
    except AIError:
        if printed:
            sys.stdout.write("\n")
        raise
    if printed:
        sys.stdout.write("\n")
    reply = story.turns[-1]
    data["reply"] = _turn_data(len(story.turns) - 1, reply)
    emit(args, data, None)
    try:   # the page folds old turns into the summary after a reply; a script's reply is already saved
        update_summary(nb, story.id, chat)
    except AIError:
        pass
    return 0


def _speaker(story: Any, turn: Any) -> str:
    from journal.stories.export import speaker

    return speaker(story, turn)


def cmd_show(args: argparse.Namespace, open_notebook: Callable[[], Any]) -> int:
    story = open_notebook().stories.get(args.id)
    lines = [f"# {story.title}", t("stories.cli.show_heading", companion=story.display_companion,
                                   mode=t(f"stories.mode.{story.mode}"), turns=len(story.turns), id=story.id), ""]
    for number, turn in enumerate(story.turns, start=1):
        versions = t("stories.cli.versions", chosen=turn.chosen + 1, count=len(turn.alternatives)) \
            if len(turn.alternatives) > 1 else ""
        lines.append(f"[{number}] {_speaker(story, turn)}{versions}: {turn.text}")
    emit(args, _story_data(story), "\n".join(lines))
    return 0


def cmd_why(args: argparse.Namespace, open_notebook: Callable[[], Any]) -> int:
    from journal.stories.ops import last_reply_prompt

    nb = open_notebook()
    story = nb.stories.get(args.id)
    assembly = last_reply_prompt(nb, story)
    data = {"story": story.id, "budget": assembly.budget, "used": assembly.used, "crisis": assembly.crisis,
            "lang": assembly.lang, "messages": assembly.messages,
            "pieces": [_piece_data(p) for p in assembly.pieces],
            "dropped": [_piece_data(p) for p in assembly.dropped],
            "lore": [dict(hit) for hit in assembly.lore]}
    emit(args, data, _why_text(assembly))
    return 0


def _piece_data(piece: Any) -> dict[str, Any]:
    return {"kind": piece.kind, "tokens": piece.tokens, "role": piece.role, "ref": piece.ref, "text": piece.text}


def _why_text(assembly: Any) -> str:
    lines = [t("stories.cli.why_summary", used=assembly.used, budget=assembly.budget, pieces=len(assembly.pieces))]
    if assembly.crisis:
        lines.append(t("stories.why.crisis"))
    lore = assembly.lore
    lines.append("")
    lines.append(t("stories.cli.why_lore", count=len(lore)))
    for hit in lore:
        lines.append("  - " + t("stories.cli.why_lore_line", book=hit["book"], entry=hit["entry"], reason=hit["reason"]))
    lines.append("")
    lines.append(t("stories.cli.why_prompt"))
    for message in assembly.messages:
        lines.append(f"--- {message['role']} ---")
        lines.append(message["content"])
    if assembly.dropped:
        lines.append("")
        lines.append(t("stories.cli.why_dropped", count=len(assembly.dropped)))
    return "\n".join(lines)


def _attach(args: argparse.Namespace, open_notebook: Callable[[], Any], attach: bool) -> int:
    from journal.stories import ops

    nb = open_notebook()
    book = nb.companions.lorebooks.find(args.lorebook)
    change = ops.attach_lorebook if attach else ops.detach_lorebook
    story = change(nb, args.id, book.slug)
    from journal.lorebooks.sources import attached_slugs

    emit(args, {"story": story.id, "lorebooks": attached_slugs(story)},
         t("lorebooks.cli.attached" if attach else "lorebooks.cli.detached", name=book.name))
    return 0


def cmd_attach(args: argparse.Namespace, open_notebook: Callable[[], Any]) -> int:
    return _attach(args, open_notebook, True)


def cmd_detach(args: argparse.Namespace, open_notebook: Callable[[], Any]) -> int:
    return _attach(args, open_notebook, False)


def cmd_persona(args: argparse.Namespace, open_notebook: Callable[[], Any]) -> int:
    """Play a story as another persona; without PERSONA, as no persona (the name in Settings)."""
    from journal.stories import ops

    nb = open_notebook()
    persona = nb.companions.personas.find(args.persona) if args.persona else None
    story = ops.set_persona(nb, args.id, persona.slug if persona else None)
    emit(args, {"story": story.id, "persona": persona.slug if persona else None},
         t("stories.cli.persona_set", name=persona.name) if persona else t("stories.cli.persona_none"))
    return 0


def cmd_replay(args: argparse.Namespace, open_notebook: Callable[[], Any]) -> int:
    """"Try another model": the golden moments through an OpenAI-compatible model, side by side, habit by habit."""
    from dataclasses import asdict

    from journal.ai.chat import chat_for_settings
    from journal.ai.providers import AISettings
    from journal.stories.continuity import try_another_model

    nb = open_notebook()
    companion = nb.companions.find(args.companion)
    label = args.model
    other = chat_for_settings(AISettings.from_dict({"provider": "compatible", "base_url": args.base_url,
                                                    "model": args.model}, strict=True))
    result = try_another_model(nb, companion.slug, {label: other})
    rows, habits = result["rows"], result["habits"][label]
    lines = []
    for row in rows:
        lines += [t("stories.cli.replay_moment", turn=row.turn + 1), f"  {companion.name}: {row.original}",
                  f"  {label}: {row.replies.get(label) or row.errors.get(label, '')}", ""]
    lines.append(t("stories.cli.replay_kept", kept=habits["kept"], total=habits["total"], model=label))
    for check in habits["checks"]:
        mark = "✓" if check["kept"] else "✗"
        lines.append(f"  {mark} {t('stories.cli.habit_' + check['habit'])}: {check['value']}"
                     + (f" ({check['seen']})" if check["seen"] else ""))
    emit(args, {"companion": companion.slug, "model": label, "rows": [asdict(r) for r in rows], "habits": habits},
         "\n".join(lines))
    return 0
