"""What a journal entry is, how it is validated, and how it maps to a markdown file.

The front matter keys are the Obsidian-friendly ones from DESIGN.md; keys Duet
does not know (``location``, ``weather``, a user's own) are kept untouched in
``extra`` so that hand edits and imports never lose information.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Mapping

from journal.errors import BrokenFile, InvalidInput
from journal.ids import derived_id
from journal.names import MAX_SLUG_CHARS, slugify
from journal.store.documents import build_front_matter
from journal.text import BINARY_CONTROL
from journal.times import iso, parse_time

MAX_BODY_BYTES = 1_000_000
MAX_TITLE_CHARS = 200
DEFAULT_TITLE_CJK_CHARS = 20      # a title made from an untitled entry's first sentence
DEFAULT_TITLE_LATIN_CHARS = 60
_SENTENCE_END = re.compile(r"[。！？!?…]|\.(?=\s|$)")
_CLAUSE_MARKS = "，、；：,;:—"
MAX_TAGS = 50
MOOD_MIN, MOOD_MAX = 1, 5
MAX_ID_CHARS = 100
SHOWN_VALUE_CHARS = 40                 # how much of a bad value an error sentence quotes
TEXT_EXTRA_KEYS = ("source",)          # kept in extra but read by the index, so they must be text
KNOWN_KEYS = ("id", "title", "created", "updated", "tags", "mood", "feelings", "starred")
ALWAYS_KEYS = ("id", "title", "created", "updated", "tags")   # written even when empty
AI_WORDS_KEY = "ai_words"             # front matter: the AI words the writer accepted (journal.provenance)
AI_WORDS_KINDS = ("continuation", "title", "question", "suggestion", "letter")
_TAG_STRIP = re.compile(r"^[#@]+")
_TAG_BAD = re.compile(r"[\s,;#@\"'`<>\\]+")

if TYPE_CHECKING:
    from journal.safety.assess import Assessment


@dataclass
class Entry:
    id: str
    title: str
    body: str
    created: datetime
    updated: datetime
    tags: list[str] = field(default_factory=list)
    mood: int | None = None
    feelings: list[str] = field(default_factory=list)
    starred: bool = False
    path: Path | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    # The content version of the file this was read from; a save checks the file still has it.
    version: str | None = field(default=None, compare=False, repr=False)
    safety: "Assessment | None" = field(default=None, compare=False, repr=False)
    """The crisis check of what the person just wrote; set by the Notebook's saves, never written to the file."""

    def front_matter(self) -> dict[str, Any]:
        """Keys in a stable, readable order; empty optional keys are left out."""
        fields = {"id": self.id, "title": self.title, "created": iso(self.created), "updated": iso(self.updated),
                  "tags": list(self.tags), "mood": self.mood, "feelings": list(self.feelings),
                  "starred": bool(self.starred)}
        return build_front_matter(fields, self.extra, known=KNOWN_KEYS, keep=ALWAYS_KEYS)

    @property
    def ai_passages(self) -> list[tuple[str, str]]:
        """(kind, when) of each AI passage this entry records, for the reader's quiet note."""
        from journal.provenance import describe

        return describe(self)

    def to_dict(self) -> dict[str, Any]:
        data = self.front_matter()
        data["body"] = self.body
        data["path"] = str(self.path) if self.path else None
        data.setdefault("mood", None)
        data.setdefault("starred", False)
        data.setdefault("feelings", [])
        return data


@dataclass(frozen=True)
class EntryFilter:
    tag: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    starred: bool | None = None


@dataclass
class EntrySummary:
    id: str
    title: str
    created: str
    path: str
    snippet: str
    tags: list[str]
    mood: int | None
    starred: bool
    words: int

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)






def check_body(body: Any) -> str:
    """Refuse what cannot be a diary entry: nothing, binary, or more than 1 MB."""
    if isinstance(body, bytes):
        try:
            body = body.decode("utf-8")
        except UnicodeDecodeError:
            raise InvalidInput("journal.errors.not_text") from None
    if not isinstance(body, str):
        raise InvalidInput("journal.errors.not_text")
    if BINARY_CONTROL.search(body):
        raise InvalidInput("journal.errors.not_text")
    body = body.replace("\r\n", "\n").rstrip()
    if not body.strip():
        raise InvalidInput("journal.errors.empty_body")
    if len(body.encode("utf-8")) > MAX_BODY_BYTES:
        raise InvalidInput("journal.errors.body_too_large", limit_mb=MAX_BODY_BYTES // 1_000_000)
    return body


def check_title(title: Any) -> str:
    title = "" if title is None else str(title)
    title = " ".join(BINARY_CONTROL.sub(" ", title).split())
    if len(title) > MAX_TITLE_CHARS:
        raise InvalidInput("journal.errors.title_too_long", limit=MAX_TITLE_CHARS)
    return title


def check_mood(mood: Any) -> int | None:
    if mood in (None, ""):
        return None
    if isinstance(mood, bool):
        raise InvalidInput("journal.errors.bad_mood", low=MOOD_MIN, high=MOOD_MAX)
    try:
        value = int(mood)
    except (TypeError, ValueError, OverflowError):   # OverflowError: mood: .inf
        raise InvalidInput("journal.errors.bad_mood", low=MOOD_MIN, high=MOOD_MAX) from None
    if isinstance(mood, float) and mood != value or not MOOD_MIN <= value <= MOOD_MAX:
        raise InvalidInput("journal.errors.bad_mood", low=MOOD_MIN, high=MOOD_MAX)
    return value


def clean_tags(tags: Any) -> list[str]:
    """Obsidian-valid tags: no ``#``/``@`` prefix, no spaces, no duplicates ("C" and "c" are one), order kept."""
    if tags is None:
        return []
    if isinstance(tags, str):
        tags = re.split(r"[,\s]+", tags)
    if not isinstance(tags, (list, tuple)) or not all(_is_scalar(t) for t in tags):
        raise InvalidInput("journal.errors.bad_words", value=_shown(tags))
    out: list[str] = []
    seen: set[str] = set()
    for raw in tags:
        tag = _TAG_BAD.sub("-", _TAG_STRIP.sub("", str(raw).strip())).strip("-/")
        if tag and tag.casefold() not in seen:
            seen.add(tag.casefold())
            out.append(tag)
    if len(out) > MAX_TAGS:
        raise InvalidInput("journal.errors.too_many_tags", limit=MAX_TAGS)
    return out


def clean_words(words: Any) -> list[str]:
    if not words:
        return []
    if isinstance(words, str):
        words = re.split(r"[,，、\s]+", words)
    if not isinstance(words, (list, tuple)) or not all(_is_scalar(w) for w in words):
        raise InvalidInput("journal.errors.bad_words", value=_shown(words))
    return [w for w in dict.fromkeys(str(x).strip() for x in words) if w]




def body_repeats_title(title: str, body: str) -> bool:
    """A title-only entry (jrnl keeps a one-sentence entry as its title, with no body): show the words once."""
    return " ".join(body.split()).lstrip("# ") == " ".join(title.split())


def default_title(body: str, created: datetime) -> str:
    """The first sentence of the first line, shortened at a clause; else the date: what a person would call it."""
    from journal.text import visible_text

    for line in body.splitlines():
        line = " ".join(visible_text(line).split()).lstrip("#").strip()
        if line:
            return short_title(line)
    return created.strftime("%Y-%m-%d")


def _shown(value: Any) -> str:
    """A value from a file as a short quote for an error sentence."""
    text = " ".join(str(value).split())
    return text if len(text) <= SHOWN_VALUE_CHARS else text[:SHOWN_VALUE_CHARS] + "…"


def _is_scalar(value: Any) -> bool:
    return isinstance(value, (str, int, float)) and not isinstance(value, bool)


def _file_time_value(meta: dict[str, Any], key: str, relative: str, fallback: datetime) -> datetime:
    """A date key of a file: absent means ``fallback``; anything that is not a real date fails the file."""
    value = meta.get(key)
    if value is None or value == "":
        return fallback
    try:
        moment = parse_time(value)   # also refuses years the index cannot sort or show in UTC
    except InvalidInput:
        raise BrokenFile("journal.errors.file_not_date", path=relative, key=key, value=_shown(value)) from None
    return moment


def _file_words(meta: dict[str, Any], key: str, relative: str) -> Any:
    """A list of words (or one line of them); numbers, mappings and lists of mappings fail the file."""
    value = meta.get(key)
    if value is None or isinstance(value, str) or (isinstance(value, list) and all(_is_scalar(v) for v in value)):
        return value
    raise BrokenFile("journal.errors.file_not_words", path=relative, key=key, value=_shown(value))


def short_title(text: str) -> str:
    """A title from running text: all of it if short, else its first sentence, else its first clause or words.

    Chinese gets fewer characters than English (each carries a word), and a
    cut never leaves a comma hanging at the end.
    """
    from journal.text import has_cjk

    text = text.strip()
    if len(text) <= (DEFAULT_TITLE_CJK_CHARS if has_cjk(text) else DEFAULT_TITLE_LATIN_CHARS):
        return text.rstrip(_CLAUSE_MARKS + " ") or text
    end = _SENTENCE_END.search(text)
    sentence = text[:end.start() + (1 if end and end.group(0) in "?!？！" else 0)] if end else text
    sentence = sentence.strip() or text.strip()
    limit = DEFAULT_TITLE_CJK_CHARS if has_cjk(sentence) else DEFAULT_TITLE_LATIN_CHARS
    if len(sentence) <= limit:
        return sentence.rstrip(_CLAUSE_MARKS + " ")
    head = sentence[:limit]
    clause = max(head.rfind(mark) for mark in _CLAUSE_MARKS)
    if clause >= limit // 3:
        return head[:clause].rstrip(_CLAUSE_MARKS + " ")
    if not has_cjk(head) and " " in head:
        head = head[:head.rfind(" ")]
    return head.rstrip(_CLAUSE_MARKS + " ") + "…"


def entry_from_document(meta: dict[str, Any], body: str, path: Path, relative: str,
                        file_time: datetime) -> Entry:
    """Read an entry from a (possibly hand-written) file; a missing key gets its default.

    Every value Duet reads is checked by type and range here, where it is
    read: a value of the wrong kind (``tags: 2024``, ``mood: .inf``,
    ``source: {app: x}``) raises :class:`BrokenFile` naming the file and the
    key, so the file is reported and skipped, never half-read and rewritten.
    """
    date_key = "created" if meta.get("created") not in (None, "") else "date"
    created = _file_time_value(meta, date_key, relative, file_time)
    updated = _file_time_value(meta, "updated", relative, created)
    try:
        mood = check_mood(meta.get("mood"))
    except InvalidInput:
        raise BrokenFile("journal.errors.file_bad_mood", path=relative, value=_shown(meta.get("mood")),
                         low=MOOD_MIN, high=MOOD_MAX) from None
    for key in ("id", "title", *TEXT_EXTRA_KEYS):
        if meta.get(key) is not None and not _is_scalar(meta[key]):
            raise BrokenFile("journal.errors.file_not_text", path=relative, key=key, value=_shown(meta[key]))
    starred = meta.get("starred", False)
    if starred is not None and not isinstance(starred, bool):
        raise BrokenFile("journal.errors.file_not_yes_no", path=relative, key="starred", value=_shown(starred))
    body = body.rstrip()
    try:
        title = check_title(meta.get("title") or "") or default_title(body, created)
        tags = clean_tags(_file_words(meta, "tags", relative))
        feelings = clean_words(_file_words(meta, "feelings", relative))
    except InvalidInput as exc:
        raise BrokenFile("journal.errors.file_bad", path=relative, reason=exc.message()) from None
    extra = {k: v for k, v in meta.items() if k not in KNOWN_KEYS}
    raw_id = str(meta.get("id") or "").strip()
    if len(raw_id) > MAX_ID_CHARS:
        raise BrokenFile("journal.errors.file_not_text", path=relative, key="id", value=_shown(raw_id))
    return Entry(id=raw_id or derived_id(relative), title=title, body=body, created=created,
                 updated=updated, tags=tags, mood=mood, feelings=feelings, starred=bool(starred),
                 path=path, extra=extra)


def ai_passage(kind: str, text: str, at: datetime) -> dict[str, str]:
    """One record of AI words accepted into an entry; a save's ``ai_words=`` takes a list of these."""
    return {"kind": kind if kind in AI_WORDS_KINDS else "suggestion", "at": at.isoformat(timespec="seconds"),
            "text": text.strip()}


def apply_changes(entry: Entry, changes: Mapping[str, Any]) -> None:
    """Validated field changes from an editor or a caller, applied to ``entry`` in place; ``ai_words`` (records
    from :func:`ai_passage`) are added to the AI words the entry already records."""
    if "body" in changes:
        entry.body = check_body(changes["body"])
    if "title" in changes:
        entry.title = check_title(changes["title"]) or default_title(entry.body, entry.created)
    if "tags" in changes:
        entry.tags = clean_tags(changes["tags"])
    if "mood" in changes:
        entry.mood = check_mood(changes["mood"])
    if "feelings" in changes:
        entry.feelings = clean_words(changes["feelings"])
    if "starred" in changes:
        entry.starred = bool(changes["starred"])
    if changes.get("created") is not None:  # a new date; the file keeps its name and folder
        entry.created = parse_time(changes["created"]).replace(microsecond=0)
    if "extra" in changes:
        entry.extra.update(changes["extra"] or {})
    if changes.get("ai_words"):
        from journal.provenance import with_ai_words

        entry.extra = with_ai_words(entry.extra, changes["ai_words"])


def entry_folder(created: datetime) -> str:
    return f"journal/{created:%Y}/{created:%m}"


def entry_stem(created: datetime, title: str) -> str:
    """The file name of a new entry without ``.md``: its day, then its title's slug."""
    return f"{created:%Y-%m-%d}-{slugify(title)}"


@dataclass(frozen=True)
class Suggestion:
    """What the model proposed for an entry's title, tags and mood; a page applies the parts the person accepts."""

    title: str | None = None
    tags: list[str] = field(default_factory=list)
    mood: int | None = None

    @property
    def is_empty(self) -> bool:
        return not (self.title or self.tags or self.mood)

    def as_changes(self) -> dict[str, Any]:
        """Only the parts that were found, as editor fields."""
        changes: dict[str, Any] = {}
        if self.title:
            changes["title"] = self.title
        if self.tags:
            changes["tags"] = list(self.tags)
        if self.mood is not None:
            changes["mood"] = self.mood
        return changes
