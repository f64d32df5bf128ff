"""Help lines shown next to a worrying entry: who to call, for the writer's language and country.

The numbers are data that must never drift, so they live here once; their
names and notes are catalogue text (``safety.resources.*``) so they read
naturally in both languages. Which lines appear follows the WRITER, not the
screen (issue #20): a Chinese crisis message gets the mainland China lines
even in the English interface, and the person's region setting adds its own
country's lines when they differ from the text's language. With neither a
text nor a region, the interface language decides. Everyone writing English
also gets findahelpline.com for the rest of the world.
"""

from __future__ import annotations

import re
from typing import Iterable
from dataclasses import dataclass, replace

from journal.i18n import current_language, normalize_language, t
from journal.safety.model import REGIONS

_REGION_ALIASES = {"GB": "UK", "ZH": "CN", "CHINA": "CN", "USA": "US"}
REGION_LANGUAGE = {"CN": "zh", "US": "en", "UK": "en"}
"""The language whose lines a region already covers: an English text from the UK needs no US lines."""

MIN_HAN_CHARACTERS = 2
"""Chinese characters it takes to call a text Chinese: one stray 的 in an English entry is not enough."""
MIN_LATIN_WORDS = 3
"""Latin-script words it takes to call a text English: "C", "OK" or "emo" in a Chinese entry are not enough."""
HAN_PER_WORD = 2
"""About how many Chinese characters say what one English word says: it weighs the two scripts fairly."""
LANGUAGE_SAMPLE_CHARS = 2_000
"""How much of a text decides its language; the warning signs themselves are added on top."""
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z']+")


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


def resources_for(lang: str | None = None, region: str | None = None, text: str | None = None,
                  languages: list[str] | None = None) -> list[Resource]:
    """The help lines for someone who wrote ``text``, living in ``region``; names and notes in ``lang``.

    The lines come from the region setting and from the language(s) of the text,
    both sets when they differ (a Chinese text from the UK gets China's and the
    UK's lines). ``lang`` (default: the current interface language) only names
    them, and chooses the lines when there is neither a text nor a region.
    ``languages`` (from :func:`writer_languages`) replaces judging ``text`` here.
    """
    lang = normalize_language(lang) or current_language()
    code = normalize_region(region)
    written_in = (languages if languages is not None else text_languages(text)) or ([] if code else [lang])
    ids: list[str] = list(_BY_REGION[code]) if code else []
    for language in written_in:
        if code and REGION_LANGUAGE[code] == language:
            continue  # the region's own lines already speak this language
        ids += [line_id for line_id in _BY_LANGUAGE.get(language, _BY_LANGUAGE["en"]) if line_id not in ids]
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


def text_languages(text: str | None) -> list[str]:
    """The catalogue languages a text is written in, Chinese first; both for a mixed text, none for no words.

    Judged on the first :data:`LANGUAGE_SAMPLE_CHARS` characters (a long entry
    must not be scanned twice); a language counts when it has enough words of
    its own and is not a few borrowed words in the other (饺子 in an English
    sentence, "OK" in a Chinese one).
    """
    if not text:
        return []
    sample = text[:LANGUAGE_SAMPLE_CHARS]
    han = len(_HAN.findall(sample))
    latin = len(_LATIN_WORD.findall(sample))
    found = []
    if han >= MIN_HAN_CHARACTERS and han * HAN_PER_WORD >= latin:
        found.append("zh")
    if latin >= MIN_LATIN_WORDS and latin * HAN_PER_WORD * HAN_PER_WORD >= han:
        found.append("en")
    return found


def writer_languages(text: str | None, phrases: Iterable[str] = ()) -> list[str]:
    """The languages of the text, plus the language of each warning sign found in it.

    A Chinese sentence deep in a long English entry still brings the China lines.
    """
    found = text_languages(text)
    for phrase in phrases:
        found += [language for language in text_languages(phrase) if language not in found]
    return sorted(found, key=["zh", "en"].index)


def translated(resource: Resource, lang: str | None = None) -> Resource:
    """The same line with its name and note in ``lang`` (default: the current language).

    A story turn is assessed in a widget callback, before the page has set its
    language, so the panel names the lines again in the language it is drawn in.
    """
    lang = normalize_language(lang) or current_language()
    return replace(resource, name=t(f"safety.resources.{resource.id}.name", lang=lang),
                   note=t(f"safety.resources.{resource.id}.note", lang=lang))
