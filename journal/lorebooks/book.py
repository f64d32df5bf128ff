"""What a lorebook is: a Character Card ``character_book``, read into entries the activation engine can use.

A lorebook is kept exactly as the Character Card V2/V3 specs write a
``character_book`` (``entries`` with ``keys``, ``secondary_keys``,
``selective``, ``constant``, ``insertion_order``, ``case_sensitive``,
``priority``, ``position``, ``enabled``, V3 ``use_regex``), with SillyTavern's
own settings in each entry's ``extensions`` the way SillyTavern writes them
into a card it exports (``position`` 0-7, ``depth``, ``role``,
``selectiveLogic``, ``scan_depth``, ``match_whole_words``,
``exclude_recursion``, ``prevent_recursion``, ``delay_until_recursion``…).
So a card's book goes back out unchanged, a World Info file converts to it and
back without loss (:mod:`journal.lorebooks.worldinfo`), and one reader serves
both. Reading is forgiving: an entry a hand edit broke is skipped, never fatal.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from journal.errors import InvalidInput

# SillyTavern's world_info_position numbers (also used in a card entry's extensions.position).
BEFORE_CHAR, AFTER_CHAR, BEFORE_NOTE, AFTER_NOTE, AT_DEPTH, BEFORE_EXAMPLES, AFTER_EXAMPLES, OUTLET = range(8)
POSITIONS = {BEFORE_CHAR: "before_char", AFTER_CHAR: "after_char", BEFORE_NOTE: "before_note",
             AFTER_NOTE: "after_note", AT_DEPTH: "at_depth", BEFORE_EXAMPLES: "before_examples",
             AFTER_EXAMPLES: "after_examples", OUTLET: "outlet"}
# SillyTavern's world_info_logic: how secondary keys combine with a primary key that matched.
AND_ANY, NOT_ALL, NOT_ANY, AND_ALL = range(4)
LOGICS = {AND_ANY: "AND ANY", NOT_ALL: "NOT ALL", NOT_ANY: "NOT ANY", AND_ALL: "AND ALL"}
ROLES = {0: "system", 1: "user", 2: "assistant"}   # extension_prompt_roles, for entries placed at a depth
DEFAULT_DEPTH = 4          # SillyTavern's DEFAULT_DEPTH for "@ depth" entries
DEFAULT_SCAN_DEPTH = 2     # SillyTavern's world_info_depth: the latest two messages are scanned
DEFAULT_ORDER = 100        # SillyTavern's default insertion order for a new entry
MAX_ENTRIES = 5_000
MAX_KEYS = 200
MAX_KEY_CHARS = 500
MAX_CONTENT_CHARS = 50_000
MAX_DEPTH = 1_000
_REGEX_KEY = re.compile(r"^/(.+)/([gimsuy]*)$", re.S)   # SillyTavern writes a regex key as /pattern/flags


@dataclass(frozen=True, slots=True)
class LoreEntry:
    """One entry, with every setting resolved (spec field, else SillyTavern extension, else default)."""

    book: str                 # the book's name, for "why"
    source: str               # where the book lives: "companion:<slug>" or "lorebook:<slug>"
    index: int                # position in the book's entries list (the editor's handle)
    name: str
    keys: tuple[str, ...]
    secondary: tuple[str, ...]
    logic: int
    constant: bool
    order: int
    priority: int | None
    position: int
    depth: int
    role: str
    scan_depth: int | None
    case_sensitive: bool | None
    whole_words: bool | None
    use_regex: bool
    exclude_recursion: bool
    prevent_recursion: bool
    delay_until_recursion: bool
    content: str
    folded: tuple[str, ...] = ()            # keys case-folded once, for the usual case-insensitive match
    folded_secondary: tuple[str, ...] = ()
    plain: bool = True                      # no regular-expression key: a substring test is enough

    @property
    def label(self) -> str:
        return self.name or (self.keys[0] if self.keys else f"#{self.index + 1}")


@dataclass
class Lorebook:
    name: str
    source: str
    entries: list[LoreEntry] = field(default_factory=list)
    scan_depth: int | None = None
    token_budget: int | None = None
    recursive: bool = False
    skipped: int = 0          # entries that could not be read (a hand edit broke them)
    deepest: int = DEFAULT_SCAN_DEPTH   # the most turns any entry scans: only those are handed to activation


def _int(value: Any, default: int | None, low: int = -10**9, high: int = 10**9) -> int | None:
    if isinstance(value, bool) or value is None:
        return default
    try:
        number = int(value)
    except (TypeError, ValueError):
        return default
    return min(max(number, low), high)


def _bool(value: Any) -> bool | None:
    return value if isinstance(value, bool) else None


def _keys(value: Any) -> tuple[str, ...]:
    """Keys as a tuple of non-blank strings; SillyTavern also accepts one comma-separated string."""
    if isinstance(value, str):
        value = value.split(",")
    if not isinstance(value, (list, tuple)):
        return ()
    return tuple(k.strip() for k in value if isinstance(k, str) and k.strip())


def _position(raw: dict[str, Any], ext: dict[str, Any]) -> int:
    number = _int(ext.get("position"), None)
    if number is not None and number in POSITIONS:
        return number
    return BEFORE_CHAR if raw.get("position") == "before_char" else AFTER_CHAR


def read_entry(raw: Any, index: int, book: str, source: str) -> LoreEntry | None:
    """One stored entry as a :class:`LoreEntry`; None when it is switched off or cannot be read."""
    if not isinstance(raw, dict) or raw.get("enabled") is False:
        return None
    content = raw.get("content")
    if not isinstance(content, str) or not content.strip():
        return None
    ext = raw.get("extensions") if isinstance(raw.get("extensions"), dict) else {}
    keys = _keys(raw.get("keys"))
    constant = raw.get("constant") is True
    if not keys and not constant:
        return None
    selective = raw.get("selective")
    secondary = _keys(raw.get("secondary_keys")) if selective is not False else ()
    logic = _int(ext.get("selectiveLogic"), AND_ANY)
    case = _bool(raw.get("case_sensitive"))
    role = ROLES.get(_int(ext.get("role"), 0), "system")
    name = raw.get("comment") or raw.get("name") or ""
    secondary = secondary if selective is not False else ()
    use_regex = raw.get("use_regex") is True
    return LoreEntry(
        book=book, source=source, index=index, name=name if isinstance(name, str) else "", keys=keys,
        secondary=secondary, logic=logic if logic in LOGICS else AND_ANY,
        constant=constant, order=_int(raw.get("insertion_order"), DEFAULT_ORDER) or 0,
        priority=_int(raw.get("priority"), None), position=_position(raw, ext),
        depth=_int(ext.get("depth"), DEFAULT_DEPTH, 0, MAX_DEPTH) or 0, role=role,
        scan_depth=_int(ext.get("scan_depth"), None, 0, MAX_DEPTH),
        case_sensitive=case if case is not None else _bool(ext.get("case_sensitive")),
        whole_words=_bool(ext.get("match_whole_words")), use_regex=use_regex,
        exclude_recursion=ext.get("exclude_recursion") is True, prevent_recursion=ext.get("prevent_recursion") is True,
        delay_until_recursion=bool(ext.get("delay_until_recursion")), content=content,
        folded=tuple(k.casefold() for k in keys), folded_secondary=tuple(k.casefold() for k in secondary),
        plain=not use_regex and not any(_REGEX_KEY.match(k) for k in (*keys, *secondary)))


def read_book(data: Any, *, name: str, source: str) -> Lorebook:
    """A stored ``character_book`` (or a standalone book in the same shape) ready for activation."""
    if not isinstance(data, dict):
        return Lorebook(name=name, source=source)
    raw_entries = data.get("entries") if isinstance(data.get("entries"), list) else []
    book_name = data.get("name") if isinstance(data.get("name"), str) and data.get("name").strip() else name
    book = Lorebook(name=book_name, source=source, scan_depth=_int(data.get("scan_depth"), None, 0, MAX_DEPTH),
                    token_budget=_int(data.get("token_budget"), None, 0), recursive=data.get("recursive_scanning") is True)
    for index, raw in enumerate(raw_entries[:MAX_ENTRIES]):
        entry = read_entry(raw, index, book_name, source)
        if entry is not None:
            book.entries.append(entry)
            book.deepest = max(book.deepest, entry.scan_depth or 0, book.scan_depth or 0)
        elif isinstance(raw, dict) and raw.get("enabled") is False:
            continue
        else:
            book.skipped += 1
    return book


def regex_key(key: str) -> re.Pattern[str] | None:
    """A ``/pattern/flags`` key as a compiled pattern; None when it is a plain key or not a valid pattern."""
    match = _REGEX_KEY.match(key)
    if not match:
        return None
    flags = re.IGNORECASE if "i" in match.group(2) else 0
    flags |= re.DOTALL if "s" in match.group(2) else 0
    flags |= re.MULTILINE if "m" in match.group(2) else 0
    try:
        return re.compile(match.group(1), flags)
    except re.error:
        return None


# --- editing: what the lorebook editor changes, in the card's own shape -------------------------------

def empty_book(name: str = "") -> dict[str, Any]:
    """A new ``character_book`` as the V2 spec writes it."""
    return {"name": name, "description": "", "scan_depth": DEFAULT_SCAN_DEPTH, "token_budget": None,
            "recursive_scanning": False, "extensions": {}, "entries": []}


def clean_keys(value: Any) -> list[str]:
    """Keys a person typed (a list, or one comma-separated line); each checked for length."""
    keys = list(_keys(value))
    if len(keys) > MAX_KEYS:
        raise InvalidInput("lorebooks.errors.too_many_keys", limit=MAX_KEYS)
    for key in keys:
        if len(key) > MAX_KEY_CHARS:
            raise InvalidInput("lorebooks.errors.key_too_long", limit=MAX_KEY_CHARS)
    return keys


def make_entry(*, keys: Any, content: str, name: str = "", secondary_keys: Any = (), logic: int = AND_ANY,
               constant: bool = False, enabled: bool = True, order: int = DEFAULT_ORDER,
               position: int = AFTER_CHAR, depth: int = DEFAULT_DEPTH, role: int = 0,
               case_sensitive: bool | None = None, whole_words: bool | None = None, scan_depth: int | None = None,
               base: dict[str, Any] | None = None) -> dict[str, Any]:
    """A checked entry in the card's shape; ``base`` (the entry being edited) keeps every field not edited here."""
    from journal.text import BINARY_CONTROL

    if not isinstance(content, str) or not content.strip():
        raise InvalidInput("lorebooks.errors.no_content")
    if len(content) > MAX_CONTENT_CHARS:
        raise InvalidInput("lorebooks.errors.content_too_long", limit=MAX_CONTENT_CHARS)
    if BINARY_CONTROL.search(content):
        raise InvalidInput("lorebooks.errors.not_text")
    keys, secondary = clean_keys(keys), clean_keys(secondary_keys)
    if not keys and not constant:
        raise InvalidInput("lorebooks.errors.no_keys")
    if logic not in LOGICS or position not in POSITIONS or role not in ROLES:
        raise InvalidInput("lorebooks.errors.bad_setting")
    entry = dict(base or {})
    ext = dict(entry.get("extensions") or {})
    ext.update(position=position, depth=_int(depth, DEFAULT_DEPTH, 0, MAX_DEPTH), role=role, selectiveLogic=logic)
    for name_, value in (("match_whole_words", whole_words), ("scan_depth", scan_depth)):
        if value is None:
            ext.pop(name_, None)
        else:
            ext[name_] = value
    entry.update(keys=keys, secondary_keys=secondary, selective=bool(secondary), content=content,
                 comment=name.strip(), constant=bool(constant), enabled=bool(enabled),
                 insertion_order=_int(order, DEFAULT_ORDER), extensions=ext,
                 position="before_char" if position == BEFORE_CHAR else "after_char")
    if case_sensitive is None:
        entry.pop("case_sensitive", None)
    else:
        entry["case_sensitive"] = case_sensitive
    return entry
