"""Character Card V2/V3 in and out: the companion ecosystem's exchange format, as JSON or inside a PNG.

A PNG card carries base64 JSON in ``tEXt`` chunks: ``ccv3`` (V3) and ``chara``
(V2). On import ``ccv3`` wins when both are present, and ``data.*`` wins over
the legacy V1 fields at the root. On export a PNG gets both chunks, as
SillyTavern writes them. Whatever Duet does not use (unknown ``extensions``
keys, the ``character_book`` lorebook, ``creator_notes``, V3 ``assets``…) is
kept on the companion and written back unchanged.
Specs: github.com/malfoyslastname/character-card-spec-v2, kwaroran/character-card-spec-v3.
"""

from __future__ import annotations

import base64
import binascii
import io
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from journal.companions.files import check_text, check_text_list
from journal.companions.model import MAX_CARD_BYTES, Companion
from journal.errors import BrokenFile, InvalidInput, NotFound
from journal.limits import check_structure

if TYPE_CHECKING:
    from journal.notebook import Notebook

# The lorebook, extensions and unknown fields are kept verbatim in the companion's front matter;
# YAML writes ~100 KB a second here, so more than this would make every save of the companion crawl.
MAX_KEPT_CARD_BYTES = 512_000
MAX_CARD_NESTING = 32               # real cards nest a lorebook entry's extensions about 5 deep
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
SPEC_V2, SPEC_V2_VERSION = "chara_card_v2", "2.0"
SPEC_V3, SPEC_V3_VERSION = "chara_card_v3", "3.0"
CHUNK_V2, CHUNK_V3 = "chara", "ccv3"
DUET_EXTENSION = "duet"                       # our namespaced key inside extensions
DUET_CARD_FIELDS = ("speaking_style", "user_persona")
V1_FIELDS = ("name", "description", "personality", "scenario", "first_mes", "mes_example")
TEXT_FIELDS = (*V1_FIELDS, "creator_notes", "system_prompt", "post_history_instructions", "creator",
               "character_version")
KNOWN_DATA_KEYS = frozenset((*TEXT_FIELDS, "alternate_greetings", "tags", "extensions", "character_book"))
GROUP_GREETINGS = "group_only_greetings"
FORMATS = ("png", "json")


# --- reading -----------------------------------------------------------------------------


def read_card(data: bytes, filename: str = "") -> tuple[Companion, bytes | None]:
    """Parse a card file's bytes into an unsaved companion, plus the PNG's bytes to use as its avatar.

    The format is told by the content, not the file name; a name ending in
    ``.png`` only makes the error clearer when the content is something else.
    """
    if not data:
        raise BrokenFile("companions.errors.card_empty", name=filename)
    if len(data) > MAX_CARD_BYTES:
        raise InvalidInput("companions.errors.card_too_big", limit_mb=MAX_CARD_BYTES // (1024 * 1024))
    if data.startswith(PNG_SIGNATURE):
        return card_from_json(_json_from_png(data)), data
    if filename.lower().endswith(".png"):
        raise BrokenFile("companions.errors.not_png", name=filename)
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    if head != b"{":
        raise BrokenFile("companions.errors.not_card_file", name=filename)
    return card_from_json(_parse_json(data)), None


def _json_from_png(data: bytes) -> Any:
    """The card JSON from a PNG's text chunks: ``ccv3`` first, ``chara`` if ``ccv3`` is absent or broken."""
    import warnings

    from PIL import Image

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                image.load()   # text chunks after the pixels (SillyTavern writes them there) need a full read
                chunks = {str(k).lower(): v for k, v in getattr(image, "text", {}).items()}
    except (OSError, ValueError, SyntaxError, EOFError, Image.DecompressionBombError,
            Image.DecompressionBombWarning):
        raise BrokenFile("companions.errors.png_broken") from None
    candidates = [chunks[name] for name in (CHUNK_V3, CHUNK_V2) if name in chunks]
    if not candidates:
        raise BrokenFile("companions.errors.png_no_card")
    first_error: BrokenFile | None = None
    for value in candidates:
        try:
            return _parse_json(_decode_base64(value))
        except BrokenFile as exc:
            first_error = first_error or exc
    raise first_error  # type: ignore[misc]


def _decode_base64(value: Any) -> bytes:
    text = value.decode("latin-1") if isinstance(value, bytes) else str(value)
    text = "".join(text.split())
    if text.startswith("{"):      # a few old tools stored the JSON itself
        return text.encode("latin-1", errors="replace")
    try:
        return base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        raise BrokenFile("companions.errors.bad_base64") from None


def _parse_json(raw: bytes) -> Any:
    try:
        return json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise BrokenFile("companions.errors.bad_json", reason="not UTF-8") from None
    except json.JSONDecodeError as exc:
        raise BrokenFile("companions.errors.bad_json", reason=f"{exc.msg}, line {exc.lineno}") from None
    except RecursionError:
        raise BrokenFile("companions.errors.bad_json", reason="nested too deeply") from None


def card_from_json(card: Any) -> Companion:
    """A V1, V2 or V3 card object as an unsaved companion (``slug`` empty)."""
    if not isinstance(card, dict):
        raise BrokenFile("companions.errors.not_a_card")
    check_structure(card, "card", max_nesting=MAX_CARD_NESTING)
    spec = card.get("spec")
    if spec is None:
        if not isinstance(card.get("name"), str) or not any(k in card for k in V1_FIELDS[1:]):
            raise BrokenFile("companions.errors.not_a_card")
        data: dict[str, Any] = {}          # a V1 card: everything sits at the root
    elif spec in (SPEC_V2, SPEC_V3):
        data = card.get("data")
        if not isinstance(data, dict):
            raise BrokenFile("companions.errors.no_data", spec=str(spec))
    else:
        raise BrokenFile("companions.errors.wrong_spec", spec=str(spec)[:80])
    merged = {key: card[key] for key in (*V1_FIELDS, "tags") if key in card}
    merged.update(data)
    try:
        companion = _companion_from_fields(merged)
    except InvalidInput as exc:
        raise BrokenFile("companions.errors.bad_card_field", reason=exc.message()) from None
    kept = len(json.dumps([companion.extensions, companion.character_book, companion.card_extra],
                          ensure_ascii=False, default=str).encode("utf-8"))
    if kept > MAX_KEPT_CARD_BYTES:   # a 20 MB lorebook took 37 s to save as YAML front matter
        raise BrokenFile("companions.errors.card_extras_too_big", size_kb=kept // 1000,
                         limit_kb=MAX_KEPT_CARD_BYTES // 1000)
    return companion


def _card_extra(fields: dict[str, Any]) -> dict[str, Any]:
    """Card fields Duet does not use, kept to write back; an empty ``group_only_greetings`` is V3's default."""
    extra = {k: v for k, v in fields.items() if k not in KNOWN_DATA_KEYS}
    if extra.get(GROUP_GREETINGS) == []:
        del extra[GROUP_GREETINGS]
    return extra


def _companion_from_fields(fields: dict[str, Any]) -> Companion:
    from journal.companions.files import check_name
    from journal.text import detect_language

    extensions = fields.get("extensions")
    if extensions is None:
        extensions = {}
    if not isinstance(extensions, dict):
        raise InvalidInput("companions.errors.bad_field", field="extensions")
    book = fields.get("character_book")
    if book is not None and not isinstance(book, dict):
        raise InvalidInput("companions.errors.bad_field", field="character_book")
    extensions = dict(extensions)
    duet = extensions.pop(DUET_EXTENSION, None)
    own = {}
    if isinstance(duet, dict):
        own = {k: check_text(duet.get(k), k) for k in DUET_CARD_FIELDS}
        rest = {k: v for k, v in duet.items() if k not in DUET_CARD_FIELDS}
        if rest:
            extensions[DUET_EXTENSION] = rest
    elif duet is not None:
        extensions[DUET_EXTENSION] = duet
    texts = {name: check_text(fields.get(name), name) for name in TEXT_FIELDS}
    texts["name"] = check_name(texts["name"])
    tags = check_text_list(fields.get("tags"), "tags")
    companion = Companion(
        slug="", **texts, alternate_greetings=check_text_list(fields.get("alternate_greetings"),
                                                             "alternate_greetings"),
        tags=tags, extensions=extensions, character_book=book,
        card_extra=_card_extra(fields), **own)
    sample = " ".join((companion.description, companion.first_mes, companion.personality))
    companion.language = detect_language(sample) if sample.strip() else ""
    return companion


# --- writing -----------------------------------------------------------------------------


def _card_data(companion: Companion) -> dict[str, Any]:
    extensions = dict(companion.extensions)
    own = {k: getattr(companion, k) for k in DUET_CARD_FIELDS if getattr(companion, k)}
    if own:
        previous = extensions.get(DUET_EXTENSION)
        extensions[DUET_EXTENSION] = {**(previous if isinstance(previous, dict) else {}), **own}
    data: dict[str, Any] = {name: getattr(companion, name) for name in V1_FIELDS}
    data.update({
        "creator_notes": companion.creator_notes,
        "system_prompt": companion.system_prompt,
        "post_history_instructions": companion.post_history_instructions,
        "alternate_greetings": list(companion.alternate_greetings),
        "tags": list(companion.tags),
        "creator": companion.creator,
        "character_version": companion.character_version,
        "extensions": extensions,
    })
    if companion.character_book is not None:
        data["character_book"] = companion.character_book
    for key, value in companion.card_extra.items():
        data.setdefault(key, value)
    return data


def card_v2(companion: Companion) -> dict[str, Any]:
    """The V2 card, with the V1 fields mirrored at the root for readers that only know V1."""
    data = _card_data(companion)
    card: dict[str, Any] = {"spec": SPEC_V2, "spec_version": SPEC_V2_VERSION}
    card.update({name: data[name] for name in V1_FIELDS})
    card["data"] = data
    return card


def card_v3(companion: Companion) -> dict[str, Any]:
    data = _card_data(companion)
    data.setdefault(GROUP_GREETINGS, [])   # required by V3
    return {"spec": SPEC_V3, "spec_version": SPEC_V3_VERSION, "data": data}


def card_json_bytes(companion: Companion, version: int = 3) -> bytes:
    card = card_v3(companion) if version == 3 else card_v2(companion)
    return json.dumps(card, ensure_ascii=False, indent=2).encode("utf-8")


def _b64(card: dict[str, Any]) -> str:
    return base64.b64encode(json.dumps(card, ensure_ascii=False).encode("utf-8")).decode("ascii")


def card_png_bytes(companion: Companion, image_bytes: bytes) -> bytes:
    """``image_bytes`` (the avatar) re-encoded as PNG with the ``chara`` (V2) and ``ccv3`` (V3) chunks."""
    from PIL import Image
    from PIL.PngImagePlugin import PngInfo

    try:
        with Image.open(io.BytesIO(image_bytes)) as opened:
            picture = opened.convert("RGBA" if "A" in opened.getbands() else "RGB")
    except (OSError, ValueError, SyntaxError):
        from journal.companions.avatar import generated_avatar

        picture = generated_avatar(companion.name)
    info = PngInfo()
    info.add_text(CHUNK_V2, _b64(card_v2(companion)))
    info.add_text(CHUNK_V3, _b64(card_v3(companion)))
    out = io.BytesIO()
    picture.save(out, format="PNG", pnginfo=info)
    return out.getvalue()


def card_bytes(nb: "Notebook", companion: Companion, fmt: str, version: int = 3) -> bytes:
    """The card as ``png`` (avatar or a generated portrait) or ``json`` bytes."""
    if fmt == "png":
        return card_png_bytes(companion, nb.companions.avatar_bytes(companion))
    if fmt == "json":
        return card_json_bytes(companion, version)
    raise InvalidInput("companions.errors.bad_export_format", fmt=fmt)


def card_filename(companion: Companion, fmt: str) -> str:
    return f"{companion.slug}.{fmt}"


# --- notebook operations -----------------------------------------------------------------


def import_card(nb: "Notebook", data: bytes, filename: str = "") -> Companion:
    """Save a card as a new companion (never over an existing one); a PNG card's picture becomes its avatar."""
    companion, picture = read_card(data, filename)
    if picture is not None:
        try:
            return nb.companions.save(companion, avatar_bytes=picture)
        except InvalidInput as exc:
            if exc.key not in ("companions.errors.not_image", "companions.errors.image_too_big"):
                raise
            # the card itself is good; a picture Pillow cannot re-encode just means no avatar
    return nb.companions.save(companion)


class Cards:
    """``nb.companions.cards``: Character Card files in and out, for a page that names no module but the door."""

    def __init__(self, nb: "Notebook") -> None:
        self.nb = nb

    def import_bytes(self, data: bytes, filename: str = "") -> Companion:
        return import_card(self.nb, data, filename)

    def to_bytes(self, companion: Companion, fmt: str, version: int = 3) -> bytes:
        return card_bytes(self.nb, companion, fmt, version)

    filename = staticmethod(card_filename)


def import_card_file(nb: "Notebook", path: Path) -> Companion:
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_CARD_BYTES:
            raise InvalidInput("companions.errors.card_too_big", limit_mb=MAX_CARD_BYTES // (1024 * 1024))
        data = path.read_bytes()
    except FileNotFoundError:
        raise NotFound("companions.errors.file_not_found", path=str(path)) from None
    except IsADirectoryError:
        raise InvalidInput("companions.errors.not_card_file", name=str(path)) from None
    except PermissionError:
        raise InvalidInput("companions.errors.file_unreadable", path=str(path)) from None
    return import_card(nb, data, path.name)


def export_format(path: Path) -> str:
    fmt = Path(path).suffix.lower().lstrip(".")
    if fmt not in FORMATS:
        raise InvalidInput("companions.errors.bad_export_format", fmt=Path(path).suffix or str(path))
    return fmt


def export_card_file(nb: "Notebook", slug: str, out: Path, *, version: int = 3, overwrite: bool = False) -> Path:
    """Write the card to ``out`` (``.png`` or ``.json``); an existing file is kept unless ``overwrite``."""
    from journal.store.atomic import atomic_write_bytes

    out = Path(out)
    fmt = export_format(out)
    companion = nb.companions.find(slug)
    if out.exists() and not overwrite:
        raise InvalidInput("companions.errors.out_exists", path=str(out))
    atomic_write_bytes(out, card_bytes(nb, companion, fmt, version))
    return out
