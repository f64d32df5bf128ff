"""SillyTavern World Info JSON in and out, without loss, through the card's ``character_book`` shape.

A World Info file is ``{"entries": {"0": {"uid": 0, "key": [...], "keysecondary": [...],
"order": 100, "position": 0, "disable": false, ...}}}``. Each entry maps to a
card entry the way SillyTavern itself maps one when it embeds a World Info
book into a card it exports (``key`` -> ``keys``, ``order`` ->
``insertion_order``, ``disable`` -> ``enabled``, the rest into
``extensions`` with SillyTavern's snake_case names). Fields neither names
(newer SillyTavern settings) are carried in ``extensions`` under
:data:`EXTRA_KEY` and written back as they came, so import then export gives
the same file.
"""

from __future__ import annotations

import json
from typing import Any

from journal.errors import InvalidInput
from journal.lorebooks.book import AFTER_CHAR, BEFORE_CHAR, MAX_ENTRIES

EXTRA_KEY = "sillytavern_world_info"    # entry extensions: World Info fields with no card name; book: top-level keys
MAX_FILE_BYTES = 20 * 1024 * 1024
# World Info field -> its name in a card entry's extensions (SillyTavern's convertWorldInfoToCharacterBook).
TO_EXTENSIONS = {
    "position": "position", "excludeRecursion": "exclude_recursion", "preventRecursion": "prevent_recursion",
    "delayUntilRecursion": "delay_until_recursion", "displayIndex": "display_index", "probability": "probability",
    "useProbability": "useProbability", "depth": "depth", "selectiveLogic": "selectiveLogic", "group": "group",
    "groupOverride": "group_override", "groupWeight": "group_weight", "scanDepth": "scan_depth",
    "matchWholeWords": "match_whole_words", "useGroupScoring": "use_group_scoring", "caseSensitive": "case_sensitive",
    "automationId": "automation_id", "role": "role", "vectorized": "vectorized", "sticky": "sticky",
    "cooldown": "cooldown", "delay": "delay", "ignoreBudget": "ignore_budget", "outletName": "outlet_name",
    "matchPersonaDescription": "match_persona_description",
    "matchCharacterDescription": "match_character_description",
    "matchCharacterPersonality": "match_character_personality",
    "matchCharacterDepthPrompt": "match_character_depth_prompt", "matchScenario": "match_scenario",
    "matchCreatorNotes": "match_creator_notes", "triggers": "triggers",
}
FROM_EXTENSIONS = {card: wi for wi, card in TO_EXTENSIONS.items()}
# World Info field -> card entry field (disable is inverted into enabled).
TO_CARD = {"uid": "id", "key": "keys", "keysecondary": "secondary_keys", "comment": "comment", "content": "content",
           "constant": "constant", "selective": "selective", "order": "insertion_order"}
FROM_CARD = {card: wi for wi, card in TO_CARD.items()}


def _load(data: bytes | str) -> Any:
    if isinstance(data, bytes):
        if len(data) > MAX_FILE_BYTES:
            raise InvalidInput("lorebooks.errors.too_big", limit=MAX_FILE_BYTES // (1024 * 1024))
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise InvalidInput("lorebooks.errors.not_json") from None
    try:
        return json.loads(data)
    except (ValueError, RecursionError):
        raise InvalidInput("lorebooks.errors.not_json") from None


def entry_from_world_info(raw: dict[str, Any]) -> dict[str, Any]:
    """One World Info entry as a card entry."""
    entry: dict[str, Any] = {}
    extensions: dict[str, Any] = {}
    extra: dict[str, Any] = {}
    for key, value in raw.items():
        if key in TO_CARD:
            entry[TO_CARD[key]] = value
        elif key == "disable":
            entry["enabled"] = not value
        elif key in TO_EXTENSIONS:
            extensions[TO_EXTENSIONS[key]] = value
        else:
            extra[key] = value
    if "disable" not in raw:
        extra["__no_disable"] = True
    if extra:
        extensions[EXTRA_KEY] = extra
    entry.setdefault("enabled", True)
    entry.setdefault("keys", [])
    entry.setdefault("content", "")
    entry["position"] = "before_char" if raw.get("position") == BEFORE_CHAR else "after_char"
    entry["extensions"] = extensions
    return entry


def entry_to_world_info(entry: dict[str, Any], index: int) -> dict[str, Any]:
    """A card entry as a World Info entry (the inverse of :func:`entry_from_world_info`)."""
    extensions = dict(entry.get("extensions") or {})
    extra = dict(extensions.pop(EXTRA_KEY, None) or {})
    plain_card = not extensions and not extra
    raw: dict[str, Any] = {}
    for key, value in entry.items():
        if key in FROM_CARD:
            raw[FROM_CARD[key]] = value
    raw.setdefault("uid", index)
    if not extra.pop("__no_disable", False):
        raw["disable"] = entry.get("enabled") is False
    for key, value in extensions.items():
        raw[FROM_EXTENSIONS.get(key, key)] = value
    if "position" not in raw and plain_card:   # a card's own entry: its before/after_char becomes the number
        raw["position"] = BEFORE_CHAR if entry.get("position") == "before_char" else AFTER_CHAR
    if plain_card and isinstance(entry.get("case_sensitive"), bool):
        raw["caseSensitive"] = entry["case_sensitive"]
    raw.update(extra)
    return raw


def parse_world_info(data: bytes | str, name: str = "") -> dict[str, Any]:
    """A World Info file, a bare ``character_book`` or a whole card JSON, as a book in the card's shape."""
    document = _load(data)
    if isinstance(document, dict) and isinstance(document.get("data"), dict) and "character_book" in document["data"]:
        document = document["data"]["character_book"]           # a whole V2/V3 card: its book
    if not isinstance(document, dict) or "entries" not in document:
        raise InvalidInput("lorebooks.errors.not_a_book", path=name)
    entries = document["entries"]
    if isinstance(entries, list):                               # already a character_book
        if len(entries) > MAX_ENTRIES:
            raise InvalidInput("lorebooks.errors.too_many_entries", limit=MAX_ENTRIES)
        return {**document, "entries": [e for e in entries if isinstance(e, dict)]}
    if not isinstance(entries, dict) or not all(isinstance(e, dict) for e in entries.values()):
        raise InvalidInput("lorebooks.errors.not_a_book", path=name)
    if len(entries) > MAX_ENTRIES:
        raise InvalidInput("lorebooks.errors.too_many_entries", limit=MAX_ENTRIES)
    top = {k: v for k, v in document.items() if k != "entries"}
    book: dict[str, Any] = {"name": name, "entries": []}
    for key, raw in entries.items():
        entry = entry_from_world_info(raw)
        if str(raw.get("uid")) != str(key):
            entry["extensions"].setdefault(EXTRA_KEY, {})["__key"] = key
        book["entries"].append(entry)
    book["extensions"] = {EXTRA_KEY: top} if top else {}
    return book


def world_info_document(book: dict[str, Any]) -> dict[str, Any]:
    """A book as a SillyTavern World Info document."""
    extensions = book.get("extensions") if isinstance(book.get("extensions"), dict) else {}
    top = extensions.get(EXTRA_KEY) if isinstance(extensions.get(EXTRA_KEY), dict) else {}
    entries: dict[str, Any] = {}
    for index, entry in enumerate(e for e in book.get("entries", []) if isinstance(e, dict)):
        raw = entry_to_world_info(entry, index)
        key = raw.pop("__key", None)
        entries[str(key if key is not None else raw.get("uid", index))] = raw
    return {"entries": entries, **top}


def world_info_bytes(book: dict[str, Any]) -> bytes:
    return json.dumps(world_info_document(book), ensure_ascii=False, indent=4).encode("utf-8")
