"""A story as one readable markdown file that round-trips exactly.

Opened in Obsidian, a story reads as a title and a ``### Name · date time``
section per turn with the chosen text under it; other versions of a turn sit
in a folded ``<details>`` block. The machine-readable parts are one-line HTML
comments (hidden when rendered) that start with ``<!-- duet:``:

    <!-- duet:turn {"id": "...", "role": "companion", "chosen": 1, ...} -->
    ### C · 2026-04-02 21:14

    the chosen text

    <!-- duet:others -->
    <details><summary>Other versions (1)</summary>

    <!-- duet:version 0 -->

    the first version

    <!-- duet:/others -->
    </details>

A turn's text is everything between its marker's header lines and the next
marker, written as ``"\\n" + text + "\\n\\n"``, so any text (headings, ``---``
lines, front-matter-looking lines, trailing blank lines) comes back exactly.
The one thing text cannot contain verbatim is a line starting with
``<!-- duet:``: such lines get one extra leading backslash on write and lose
it on read (byte stuffing), which is reversible for any number of backslashes.
Story-level data (summary, memories, milestones, notes, branches, moods) is
front matter.
"""

from __future__ import annotations

import json
import re
from datetime import datetime
from typing import Any, Callable

from journal.errors import BrokenFile
from journal.store.documents import build_front_matter, exact_front_matter, parse_document, render_document, restore_front_matter
from journal.stories.model import DEFAULT_NOTE_DEPTH, MODES, ROLES, Story, Turn
from journal.times import iso, parse_time

MARKER_PREFIX = "<!-- duet:"
_MARKER_LINE = re.compile(r"^<!-- duet:([^\n]*)$", re.MULTILINE)
_MARKER_BODY = re.compile(r"^(turn|others|version|/others)(?: (.*?))? -->$")
_STUFFED = re.compile(r"^(\\*)<!-- duet:")
_UNSTUFF = re.compile(r"^\\(\\*<!-- duet:)")
HEADING_TIME_FORMAT = "%Y-%m-%d %H:%M"
KNOWN_KEYS = ("id", "title", "companion", "companion_name", "user_name", "mode", "created", "updated", "tags",
              "summary", "summary_upto", "author_note", "author_note_depth", "memories", "milestones",
              "branch_of", "scenario", "moods")


# --- writing -------------------------------------------------------------------------

def _stuff(text: str) -> str:
    if MARKER_PREFIX not in text:
        return text
    return "\n".join("\\" + line if _STUFFED.match(line) else line for line in text.split("\n"))


def _unstuff(text: str) -> str:
    if MARKER_PREFIX not in text:
        return text
    return "\n".join(_UNSTUFF.sub(r"\1", line) for line in text.split("\n"))


def _segment(text: str) -> str:
    return "\n" + _stuff(text) + "\n\n"


def _json_line(data: dict[str, Any]) -> str:
    # ">" only occurs inside JSON strings, so escaping it keeps "-->" from closing the comment early.
    return json.dumps(data, ensure_ascii=False, separators=(", ", ": ")).replace(">", "\\u003e")


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


def turn_meta(turn: Turn) -> dict[str, Any]:
    meta: dict[str, Any] = {"id": turn.id, "role": turn.role}
    if turn.chosen:
        meta["chosen"] = turn.chosen
    if turn.kind:
        meta["kind"] = turn.kind
    if turn.created is not None:
        meta["created"] = iso(turn.created)
    if turn.extra:
        meta["extra"] = turn.extra
    return meta


def render_turn(turn: Turn, speaker: str, others_label: Callable[[int], str]) -> str:
    """The markdown block of one turn (see the module docstring)."""
    when = f" · {turn.created.strftime(HEADING_TIME_FORMAT)}" if turn.created else ""
    parts = [f"{MARKER_PREFIX}turn {_json_line(turn_meta(turn))} -->\n", f"### {_one_line(speaker)}{when}\n",
             _segment(turn.text)]
    others = [i for i in range(len(turn.alternatives)) if i != turn.chosen]
    if others:
        parts.append(f"{MARKER_PREFIX}others -->\n<details><summary>{_one_line(others_label(len(others)))}</summary>\n\n")
        for i in others:
            parts.append(f"{MARKER_PREFIX}version {i} -->\n")
            parts.append(_segment(turn.alternatives[i]))
        parts.append(f"{MARKER_PREFIX}/others -->\n</details>\n\n")
    return "".join(parts)


def front_matter(story: Story) -> dict[str, Any]:
    """Keys in a stable, readable order; empty optional keys are left out."""
    fields = {
        "id": story.id, "title": story.title, "companion": story.companion, "companion_name": story.companion_name,
        "user_name": story.user_name, "mode": story.mode,
        "created": iso(story.created) if story.created is not None else None,
        "updated": iso(story.updated) if story.updated is not None else None,
        "tags": list(story.tags), "scenario": dict(story.scenario), "author_note": story.author_note,
        "memories": list(story.memories), "milestones": [dict(m) for m in story.milestones],
        "moods": [dict(m) for m in story.moods], "summary": story.summary,
        "branch_of": dict(story.branch_of) if story.branch_of else None,
        "author_note_depth": story.author_note_depth if story.author_note_depth != DEFAULT_NOTE_DEPTH else None,
        "summary_upto": story.summary_upto or None,
    }
    return exact_front_matter(build_front_matter(fields, story.extra, known=KNOWN_KEYS,
                                                 keep=("id", "title", "companion", "mode", "tags")))


def render_story(story: Story, speakers: dict[str, str], others_label: Callable[[int], str]) -> str:
    """The whole file. ``speakers`` maps a role to its heading name; ``others_label(n)`` names the fold."""
    labels: dict[int, str] = {}

    def label(count: int) -> str:
        if count not in labels:
            labels[count] = others_label(count)
        return labels[count]

    blocks = [f"# {_one_line(story.title)}\n\n"]
    for turn in story.turns:
        blocks.append(render_turn(turn, speakers.get(turn.role, turn.role), label))
    return render_document(front_matter(story), "".join(blocks))


# --- reading -------------------------------------------------------------------------

def _decode_segment(chunk: str) -> str:
    """Undo ``_segment``; lenient about blank lines a hand edit may have removed."""
    if chunk.startswith("\n"):
        chunk = chunk[1:]
    if chunk.endswith("\n\n"):
        chunk = chunk[:-2]
    elif chunk.endswith("\n"):
        chunk = chunk[:-1]
    return _unstuff(chunk)


def _after_first_line(chunk: str) -> str:
    return chunk.split("\n", 1)[1] if "\n" in chunk else ""


def _time(value: Any) -> datetime | None:
    if value in (None, ""):
        return None
    moment = parse_time(value, fallback=None) if not isinstance(value, datetime) else value
    return moment if moment.tzinfo else moment.astimezone()


def _build_turn(meta: dict[str, Any], chosen_text: str, versions: list[tuple[int, str]], source: str) -> Turn:
    role = meta.get("role")
    if role not in ROLES or not meta.get("id") or not isinstance(meta.get("kind") or "", str) \
            or not isinstance(meta["id"], (str, int)):
        raise BrokenFile("stories.errors.bad_turn", path=source, turn=str(meta.get("id", "?"))[:40])
    chosen = meta.get("chosen", 0)
    chosen = chosen if isinstance(chosen, int) and chosen >= 0 else 0
    pairs = sorted([(chosen, 0, chosen_text), *((i, 1, text) for i, text in versions)])
    alternatives = [text for _, _, text in pairs]
    position = next(n for n, (_, own, _) in enumerate(pairs) if own == 0)
    extra = meta.get("extra") if isinstance(meta.get("extra"), dict) else {}
    try:
        created = _time(meta.get("created"))
    except Exception:
        created = None
    return Turn(id=str(meta["id"]), role=role, alternatives=alternatives, chosen=position, created=created,
                kind=meta.get("kind") or None, extra=dict(extra))


def parse_turns(body: str, source: str = "") -> list[Turn]:
    markers = list(_MARKER_LINE.finditer(body))
    turns: list[Turn] = []
    current: dict[str, Any] | None = None
    chosen_text = ""
    versions: list[tuple[int, str]] = []

    def flush() -> None:
        if current is not None:
            turns.append(_build_turn(current, chosen_text, versions, source))

    for n, match in enumerate(markers):
        end = markers[n + 1].start() if n + 1 < len(markers) else len(body)
        chunk = body[match.end() + 1:end]
        parsed = _MARKER_BODY.match(match.group(1))
        if parsed is None:
            raise BrokenFile("stories.errors.bad_marker", path=source, line=match.group(0)[:80])
        name, arg = parsed.group(1), parsed.group(2)
        if name == "turn":
            flush()
            try:
                current = json.loads(arg or "")
            except json.JSONDecodeError:
                raise BrokenFile("stories.errors.bad_marker", path=source, line=match.group(0)[:80]) from None
            if not isinstance(current, dict):
                raise BrokenFile("stories.errors.bad_marker", path=source, line=match.group(0)[:80])
            chosen_text = _decode_segment(_after_first_line(chunk))
            versions = []
        elif name == "version" and current is not None:
            try:
                versions.append((int(arg or ""), _decode_segment(chunk)))
            except ValueError:
                raise BrokenFile("stories.errors.bad_marker", path=source, line=match.group(0)[:80]) from None
    flush()
    return turns


def _str_list(value: Any) -> list[str]:
    if not isinstance(value, list):
        return []
    return [str(v) for v in value if v is not None]


def _dict_list(value: Any) -> list[dict[str, Any]]:
    return [dict(v) for v in value] if isinstance(value, list) and all(isinstance(v, dict) for v in value) else []


TEXT_KEYS = ("id", "title", "companion", "companion_name", "user_name", "summary", "author_note", "source")
LIST_KEYS = ("tags", "memories", "milestones", "moods")


def _check_types(meta: dict[str, Any], source: str) -> None:
    """Text keys hold text and list keys lists, else the file is reported (``source: {app: x}`` broke the index)."""
    for key in TEXT_KEYS:
        value = meta.get(key)
        if value is not None and (isinstance(value, bool) or not isinstance(value, (str, int, float))):
            raise BrokenFile("stories.errors.bad_value", path=source, key=key)
    for key in LIST_KEYS:
        if meta.get(key) is not None and not isinstance(meta[key], list):
            raise BrokenFile("stories.errors.bad_value", path=source, key=key)


def story_from_meta(meta: dict[str, Any], turns: list[Turn], source: str = "") -> Story:
    if not meta.get("id"):
        raise BrokenFile("stories.errors.no_id", path=source)
    _check_types(meta, source)
    mode = meta.get("mode") if meta.get("mode") in MODES else "chat"
    depth = meta.get("author_note_depth", DEFAULT_NOTE_DEPTH)
    upto = meta.get("summary_upto", 0)
    branch = meta.get("branch_of")
    scenario = meta.get("scenario")
    try:
        created, updated = _time(meta.get("created")), _time(meta.get("updated"))
    except Exception:
        raise BrokenFile("stories.errors.bad_time", path=source) from None
    return Story(
        id=str(meta["id"]), title=str(meta.get("title") or ""), companion=str(meta.get("companion") or ""),
        mode=mode, turns=turns, created=created, updated=updated, tags=_str_list(meta.get("tags")),
        summary=str(meta.get("summary") or ""), summary_upto=upto if isinstance(upto, int) and upto >= 0 else 0,
        author_note=str(meta.get("author_note") or ""),
        author_note_depth=depth if isinstance(depth, int) and depth >= 0 else DEFAULT_NOTE_DEPTH,
        memories=_str_list(meta.get("memories")), milestones=_dict_list(meta.get("milestones")),
        branch_of={str(k): str(v) for k, v in branch.items()} if isinstance(branch, dict) else None,
        extra={k: v for k, v in meta.items() if k not in KNOWN_KEYS},
        companion_name=str(meta.get("companion_name") or ""), user_name=str(meta.get("user_name") or ""),
        scenario={str(k): str(v) for k, v in scenario.items()} if isinstance(scenario, dict) else {},
        moods=_dict_list(meta.get("moods")),
    )


def parse_story(text: str, source: str = "") -> Story:
    """The story in ``text``; raises :class:`BrokenFile` for anything that is not a Duet story."""
    meta, body = parse_document(text, source=source)
    return story_from_meta(restore_front_matter(meta), parse_turns(body, source), source)
