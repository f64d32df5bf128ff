"""Help lines shown next to a worrying entry: who to call, in the reader's language and country.

The numbers are data that must never drift, so they live here once; their
names and notes are catalogue text (``safety.resources.*``) so they read
naturally in both languages. With no region chosen, Chinese readers see the
mainland China lines and English readers the US and UK lines, and everyone
gets findahelpline.com for the rest of the world.
"""

from __future__ import annotations

from dataclasses import dataclass

from journal.i18n import current_language, normalize_language, t

REGIONS = ("CN", "US", "UK")
_REGION_ALIASES = {"GB": "UK", "ZH": "CN", "CHINA": "CN", "USA": "US"}


@dataclass(frozen=True)
class Resource:
    id: str
    name: str
    contact: str
    note: str
    region: str
    """"CN", "US", "UK", or "INTL" for the worldwide directory."""
    kind: str
    """"helpline", "emergency" or "directory": the panel lists emergencies last, apart."""
    href: str | None = None
    """A ``tel:`` or ``https:`` link where one makes sense."""


# id, contact, region, kind, href
_LINES: dict[str, tuple[str, str, str, str | None]] = {
    "cn_12356": ("12356", "CN", "helpline", "tel:12356"),
    "cn_beijing": ("010-82951332", "CN", "helpline", "tel:01082951332"),
    "us_988": ("988", "US", "helpline", "tel:988"),
    "uk_samaritans": ("116 123", "UK", "helpline", "tel:116123"),
    "intl_findahelpline": ("findahelpline.com", "INTL", "directory", "https://findahelpline.com"),
    "cn_emergency": ("120 / 110", "CN", "emergency", None),
    "us_emergency": ("911", "US", "emergency", "tel:911"),
    "uk_emergency": ("999", "UK", "emergency", "tel:999"),
}

_BY_REGION: dict[str, tuple[str, ...]] = {
    "CN": ("cn_12356", "cn_beijing", "cn_emergency"),
    "US": ("us_988", "intl_findahelpline", "us_emergency"),
    "UK": ("uk_samaritans", "intl_findahelpline", "uk_emergency"),
}
_BY_LANGUAGE: dict[str, tuple[str, ...]] = {
    "zh": ("cn_12356", "cn_beijing", "intl_findahelpline", "cn_emergency"),
    "en": ("us_988", "uk_samaritans", "intl_findahelpline", "us_emergency", "uk_emergency"),
}


def normalize_region(region: str | None) -> str | None:
    """"cn", "GB", "usa" → "CN", "UK", "US"; anything else → None (choose by language)."""
    if not region:
        return None
    code = region.strip().upper()
    code = _REGION_ALIASES.get(code, code)
    return code if code in REGIONS else None


def resources_for(lang: str | None = None, region: str | None = None) -> list[Resource]:
    """The help lines for a reader: by ``region`` when given, else by language (default: the current one)."""
    lang = normalize_language(lang) or current_language()
    code = normalize_region(region)
    ids = _BY_REGION[code] if code else _BY_LANGUAGE.get(lang, _BY_LANGUAGE["en"])
    return [_resource(line_id, lang) for line_id in ids]


def _resource(line_id: str, lang: str) -> Resource:
    contact, region, kind, href = _LINES[line_id]
    return Resource(
        id=line_id,
        name=t(f"safety.resources.{line_id}.name", lang=lang),
        contact=contact,
        note=t(f"safety.resources.{line_id}.note", lang=lang),
        region=region,
        kind=kind,
        href=href,
    )
