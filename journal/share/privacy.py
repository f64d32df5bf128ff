"""The privacy pass every share goes through before a single pixel is drawn.

It finds what could identify the writer or the people around them (names
they list, phone numbers, emails, Chinese ID and bank card numbers, street
addresses, IP addresses, WeChat/QQ IDs written next to their label) and
replaces each with a pseudonym or a label. Each replacement is a
:class:`Finding` the writer can see and undo one by one, because a pass that
cannot be corrected gets switched off.

Libraries do the parts that need data: ``phonenumbers`` (Google's
libphonenumber) finds phone numbers in every national format,
``python-stdnum`` validates ID card checksums and Luhn. The regular
expressions here only find candidates for them, plus the things no library
covers (labelled chat IDs, Chinese street addresses).
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass, field
from typing import Iterable, Mapping

from journal.i18n import t
from journal.text import detect_language

# The kinds, in the order they claim text: an email holds a name, an ID card number looks like a
# bank card and a phone, a labelled QQ number is a phone-shaped number too.
KINDS = ("email", "ip", "id_card", "bank_card", "im_id", "phone", "address", "name")
PHONE_REGIONS = ("CN", "US")  # national formats tried for numbers written without a country code
BANK_CARD_DIGITS = (13, 19)  # ISO/IEC 7812 card numbers (UnionPay uses 16-19)
IM_ID_LENGTH = (5, 20)  # WeChat IDs are 6-20 characters, QQ numbers 5-11 digits
ADDRESS_MAX_PREFIX = 20  # CJK characters of province/city/district/road name before the number
NAME_PSEUDONYM_MARK = "."

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_DIGIT_SEP = r"[ \-\u00a0]?"

_EMAIL = re.compile(r"(?<![\w.+-])[A-Za-z0-9][A-Za-z0-9._%+-]*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?![\w-])")
_IPV4 = re.compile(r"(?<![\d.])(?:\d{1,3}\.){3}\d{1,3}(?![\d.])")
_IPV6 = re.compile(r"(?<![\w:])(?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f]{0,4}(?![\w:])")
_ID_CARD = re.compile(r"(?<![\dA-Za-z])\d{6}" + _DIGIT_SEP + r"\d{8}" + _DIGIT_SEP + r"\d{3}[\dXx](?![\dA-Za-z])")
# Not after "+" (or "+ "): "+86 13812345678" is a phone number, however Luhn happens to add up;
# no card number starts with 0 ("0086 138…" is a phone number too).
_CARD = re.compile(r"(?<![\d+])(?<!\+ )[1-9](?:[ \-]?\d){12,18}(?![\d])")
# Chinese mobile numbers in every common spacing: 13812345678, 138 1234 5678, 138-1234-5678, +86 138...
_CN_MOBILE = re.compile(r"(?<![\d+])(?:(?:\+|00)86[ \-]?)?1[3-9]\d" + _DIGIT_SEP + r"\d{4}" + _DIGIT_SEP + r"\d{4}(?!\d)")
_IM_LABEL = r"(?:微信号?|wechat(?:\s*id)?|weixin|(?<![A-Za-z])wx(?:id)?|(?<![A-Za-z])vx|v信|QQ号?|qq(?:\s*number)?)"
_IM_ID = re.compile(
    _IM_LABEL + r"(?P<sep>\s*(?:[:：]|是|为|号|is|id|ID)?\s*)(?P<value>[A-Za-z0-9][A-Za-z0-9_\-]{%d,%d})(?![A-Za-z0-9_\-])"
    % (IM_ID_LENGTH[0] - 1, IM_ID_LENGTH[1] - 1),
    re.IGNORECASE,
)
# Whole words take no dot; abbreviations may ("St.", "Ave."), at the cost of a sentence's full stop after them.
_EN_STREET_TYPES = (
    r"(?:Street|Avenue|Road|Boulevard|Lane|Drive|Court|Way|Place|Terrace|Close|Crescent|Square|Parkway|Highway)\b"
    r"|(?:St|Ave|Rd|Blvd|Ln|Dr|Ct|Pl|Sq|Pkwy|Hwy)\b\.?"
)
_EN_UNIT = r"(?:Apt\.?|Apartment|Suite|Ste\.?|Unit|Flat|Room|Rm\.?)\s*#?\s*[0-9]+[A-Za-z]?|#\s*[0-9]+[A-Za-z]?"
_EN_ADDRESS = re.compile(
    r"(?<![\w])\d{1,5}[A-Za-z]?\s+(?:[A-Z][A-Za-z'’\-]*\.?\s+){1,4}(?:" + _EN_STREET_TYPES + r")"
    r"(?:,?\s+(?:" + _EN_UNIT + r"))?"
)
_EN_UNIT_ALONE = re.compile(r"(?<![\w])(?:Apt\.?|Apartment|Suite|Unit|Flat)\s*#?\s*[0-9]+[A-Za-z]?(?![\w])")
# The number part of a Chinese address: 漕溪北路88号, 长乐路123弄4号, 3栋2单元502室; a road alone is not an address.
_ZH_NUM = r"[0-9０-９一二三四五六七八九十百零〇]+"
_ZH_ADDRESS_CORE = re.compile(
    r"(?:(?:路|街|大道|大街|巷|胡同|里|弄|道)\s*" + _ZH_NUM + r"\s*(?:号|弄|號)"
    r"|" + _ZH_NUM + r"\s*(?:栋|幢|座|号楼)(?:\s*" + _ZH_NUM + r"\s*单元)?\s*" + _ZH_NUM + r"\s*(?:室|号|户))"
    r"(?:\s*" + _ZH_NUM + r"\s*(?:号楼|单元|号|弄|栋|幢|座|楼|层|室|户))*"
)
# Words that end the place name when reading leftwards from the number ("我住在|上海市…").
_ZH_ADDRESS_STOP = set("在住到于是去来从的往我你他她它们家就和跟与址为搬离回")


@dataclass(frozen=True)
class Finding:
    """One thing the pass replaced: what, where in the original text, and with what."""

    kind: str
    original: str
    replacement: str
    start: int
    end: int

    @property
    def id(self) -> str:
        """Stable for the same text, so an undo survives a page rerun."""
        return f"{self.kind}@{self.start}"


@dataclass(frozen=True)
class Redaction:
    """The result of the pass: the original, what was found, and which findings the writer undid."""

    original: str
    findings: tuple[Finding, ...]
    kept: frozenset[str] = field(default_factory=frozenset)

    @property
    def applied(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.id not in self.kept)

    @property
    def text(self) -> str:
        out: list[str] = []
        pos = 0
        for finding in self.applied:
            out.append(self.original[pos : finding.start])
            out.append(finding.replacement)
            pos = finding.end
        out.append(self.original[pos:])
        return "".join(out)

    def without(self, finding_id: str) -> "Redaction":
        """The same pass with one replacement undone (the original words put back)."""
        return Redaction(self.original, self.findings, self.kept | {finding_id})

    def restore(self, finding_id: str) -> "Redaction":
        """Redo a replacement that was undone."""
        return Redaction(self.original, self.findings, self.kept - {finding_id})


def default_pseudonym(name: str) -> str:
    """``Aria`` → ``A.``, ``Aria Chen`` → ``A. C.``, ``李小雨`` → ``李某``: initials keep a story readable."""
    name = name.strip()
    if re.search(f"[{_CJK}]", name):
        return name[0] + "某"
    parts = [p for p in re.split(r"\s+", name) if p]
    return " ".join(p[0].upper() + NAME_PSEUDONYM_MARK for p in parts)


def parse_names(names: Iterable[str] | Mapping[str, str] | None) -> dict[str, str]:
    """``["Aria"]``, ``{"Aria": "Rose"}`` or ``["Aria=Rose"]`` → ``{real: pseudonym}``."""
    if not names:
        return {}
    if isinstance(names, Mapping):
        pairs = list(names.items())
    else:
        pairs = []
        for item in names:
            real, _, pseudonym = str(item).partition("=")
            pairs.append((real, pseudonym))
    out: dict[str, str] = {}
    for real, pseudonym in pairs:
        real = (real or "").strip()
        if real:
            out[real] = (pseudonym or "").strip() or default_pseudonym(real)
    return out


def redact(
    text: str,
    names: Iterable[str] | Mapping[str, str] | None = None,
    *,
    keep: Iterable[str] = (),
    kinds: Iterable[str] = KINDS,
    lang: str | None = None,
) -> Redaction:
    """Find and replace private details in ``text``.

    ``names``: real names as a list (default pseudonyms, ``Aria`` → ``A.``),
    as ``{real: pseudonym}``, or as ``REAL=PSEUDONYM`` strings. ``keep``:
    ids of findings the writer undid. Labels such as ``[phone]`` are written
    in the text's own language unless ``lang`` is given.
    """
    lang = lang or detect_language(text)
    wanted = set(kinds)
    finders = {
        "email": _find_emails,
        "ip": _find_ips,
        "id_card": _find_id_cards,
        "bank_card": _find_bank_cards,
        "im_id": _find_im_ids,
        "phone": _find_phones,
        "address": _find_addresses,
    }
    taken: list[tuple[int, int]] = []
    findings: list[Finding] = []

    def claim(kind: str, start: int, end: int, replacement: str) -> None:
        if start >= end or any(start < e and s < end for s, e in taken):
            return
        taken.append((start, end))
        findings.append(Finding(kind, text[start:end], replacement, start, end))

    for kind in KINDS:
        if kind not in wanted:
            continue
        if kind == "name":
            for start, end, pseudonym in _find_names(text, parse_names(names)):
                claim("name", start, end, pseudonym)
            continue
        label = t(f"share.redacted.{kind}", lang=lang)
        for start, end in finders[kind](text):
            claim(kind, start, end, label)
    findings.sort(key=lambda f: f.start)
    return Redaction(text, tuple(findings), frozenset(keep))


# Two-character Chinese family names; any other Chinese name's family name is its first character.
COMPOUND_SURNAMES = frozenset("欧阳 司马 上官 诸葛 东方 慕容 令狐 皇甫 尉迟 长孙 宇文 司徒 夏侯 公孙 端木 独孤".split())
# A one-character given name (伟) is a name only where a name would stand: between these, not inside 伟大.
_NAME_BEFORE = "和跟给对叫让问同与找陪见说是被把向"
_NAME_AFTER = "说的呢啊呀吧了在和也都是就还又会要想问笑哭看回来去让把给跟对从被很真今昨明一"
_NAME_PREFIXES = ("小", "阿")  # 小伟, 阿伟: what friends call 张伟
_FAMILY_PREFIXES = ("老", "小")  # 老张, 小张


def _split_chinese(name: str) -> tuple[str, str]:
    family = name[:2] if name[:2] in COMPOUND_SURNAMES and len(name) > 2 else name[:1]
    return family, name[len(family):]


def name_forms(real: str, pseudonym: str) -> list[tuple[str, str, str]]:
    """Every way a text may name ``real``, each with the part of ``pseudonym`` that replaces it.

    Returned as (form, replacement, how) where ``how`` is ``"latin"`` (whole word), ``"cjk"``
    (anywhere) or ``"cjk-word"`` (a one-character form, only where a name stands). A post then
    names no one: "Wei Zhang" → "W. Z.", and "Wei" alone → "W.", "Zhang" → "Z."; 张伟 → 林一,
    伟 → 一, 小伟 → 小一, 阿伟 → 阿一, 老张 → 老林.
    """
    forms: list[tuple[str, str, str]] = []
    if re.search(f"[{_CJK}]", real):
        forms.append((real, pseudonym, "cjk"))
        family, given = _split_chinese(real)
        if re.search(f"[{_CJK}]", pseudonym):
            new_family, new_given = _split_chinese(pseudonym) if len(pseudonym) > 1 else (pseudonym, pseudonym)
        else:
            parts = pseudonym.split()
            new_given, new_family = (parts[0], parts[-1]) if len(parts) > 1 else (pseudonym, pseudonym)
        if given:
            for prefix in _NAME_PREFIXES:
                forms.append((prefix + given, prefix + new_given if new_given != pseudonym else pseudonym, "cjk"))
            forms.append((given, new_given, "cjk" if len(given) > 1 else "cjk-word"))
        if family and given:
            for prefix in _FAMILY_PREFIXES:
                forms.append((prefix + family, prefix + new_family if new_family != pseudonym else pseudonym, "cjk"))
        return forms
    parts = real.split()
    new_parts = pseudonym.split()
    for variant in {real, real.title(), real.upper()}:
        forms.append((variant, pseudonym, "latin"))
    if len(parts) > 1:
        for index, part in enumerate(parts):
            if len(part) < 2:
                continue
            replacement = new_parts[index] if len(new_parts) == len(parts) else pseudonym
            for variant in {part, part.title(), part.upper()}:
                forms.append((variant, replacement, "latin"))
    return forms


def _find_names(text: str, names: dict[str, str]) -> list[tuple[int, int, str]]:
    """Every form of each listed name (:func:`name_forms`), longest first, so a full name wins over its parts.

    Latin names match whole words and in their written, Title or UPPER case; case matters on purpose:
    the name "Will" must not replace the verb "will". CJK names have no word boundaries to respect.
    """
    forms = [form for real, pseudonym in names.items() for form in name_forms(real, pseudonym)]
    out: list[tuple[int, int, str]] = []
    for form, replacement, how in sorted(forms, key=lambda f: len(f[0]), reverse=True):
        if how == "cjk":
            pattern = re.escape(form)
        elif how == "cjk-word":
            pattern = (f"(?:(?<=^)|(?<=[^{_CJK}])|(?<=[{_NAME_BEFORE}])){re.escape(form)}"
                       f"(?=$|[^{_CJK}]|[{_NAME_AFTER}])")
        else:
            # Latin letters and digits are the boundary, so "和Aria聊天" still matches but "Ariana" does not
            pattern = r"(?<![A-Za-z0-9_])" + re.escape(form) + r"(?![A-Za-z0-9_])"
        for match in re.finditer(pattern, text, flags=re.MULTILINE):
            # "hi to Wei." → "hi to W." rather than "W..": the sentence's stop ends the initial too
            fitted = replacement[:-1] if replacement.endswith(".") and text[match.end():match.end() + 1] == "." \
                else replacement
            out.append((match.start(), match.end(), fitted))
    return out


def _find_emails(text: str) -> Iterable[tuple[int, int]]:
    return [m.span() for m in _EMAIL.finditer(text)]


def _find_ips(text: str) -> Iterable[tuple[int, int]]:
    out = []
    for match in _IPV4.finditer(text):
        try:
            ipaddress.IPv4Address(match.group())
        except ValueError:
            continue
        out.append(match.span())
    for match in _IPV6.finditer(text):
        value = match.group()
        if not re.search(r"[0-9A-Fa-f]", value):
            continue
        try:
            ipaddress.IPv6Address(value)
        except ValueError:
            continue
        out.append(match.span())
    return out


def _digits(value: str) -> str:
    return re.sub(r"[^0-9Xx]", "", value)


def _find_id_cards(text: str) -> Iterable[tuple[int, int]]:
    from stdnum.cn import ric

    return [m.span() for m in _ID_CARD.finditer(text) if _looks_like_id_card(ric, _digits(m.group()).upper())]


def _looks_like_id_card(ric, number: str) -> bool:
    """A valid number, or one whose check digit is off but whose region code and birth date are real.

    People mistype their number, or half-remember it; a wrong last digit
    still leaves where and when someone was born on a public post. An ordinary
    18-digit number (an order or tracking number) almost never has both.
    """
    if ric.is_valid(number):
        return True
    try:
        ric.get_birth_date(number)
        ric.get_birth_place(number)
    except ValueError:  # stdnum's InvalidComponent is a ValueError
        return False
    return True


def _find_bank_cards(text: str) -> Iterable[tuple[int, int]]:
    from stdnum import luhn

    out = []
    low, high = BANK_CARD_DIGITS
    for match in _CARD.finditer(text):
        digits = _digits(match.group())
        if low <= len(digits) <= high and len(set(digits)) > 1 and luhn.is_valid(digits):
            out.append(match.span())
    return out


def _find_im_ids(text: str) -> Iterable[tuple[int, int]]:
    """Only the ID after a WeChat/QQ label, and only when it looks like one.

    A word after the label counts when it has a digit or an underscore, or when
    a colon says an ID follows, so "WeChat message" stays untouched.
    """
    out = []
    for match in _IM_ID.finditer(text):
        value, sep = match.group("value"), match.group("sep")
        is_qq = match.group().lower().startswith("qq")
        if is_qq and not value.isdigit():
            continue
        looks_like_id = bool(re.search(r"[\d_]", value)) or any(c in sep for c in ":：")
        if looks_like_id:
            out.append(match.span("value"))
    return out


def _find_phones(text: str) -> Iterable[tuple[int, int]]:
    import phonenumbers

    spans = {m.span() for m in _CN_MOBILE.finditer(text)}
    for region in PHONE_REGIONS:
        for match in phonenumbers.PhoneNumberMatcher(text, region, leniency=phonenumbers.Leniency.VALID):
            spans.add((match.start, match.end))
    # keep the longest of overlapping spans (a bare mobile inside "+86 138…")
    ordered = sorted(spans, key=lambda s: (s[0], -(s[1] - s[0])))
    out: list[tuple[int, int]] = []
    for span in ordered:
        if out and span[0] < out[-1][1]:
            if span[1] > out[-1][1]:
                out[-1] = (out[-1][0], span[1])
            continue
        out.append(span)
    return out


def _find_addresses(text: str) -> Iterable[tuple[int, int]]:
    out = [m.span() for m in _EN_ADDRESS.finditer(text)]
    out += [m.span() for m in _EN_UNIT_ALONE.finditer(text) if not any(s <= m.start() < e for s, e in out)]
    for match in _ZH_ADDRESS_CORE.finditer(text):
        start = match.start()
        # extend leftwards over the place name (上海市徐汇区漕溪北) until a stop word or non-CJK
        limit = max(0, start - ADDRESS_MAX_PREFIX)
        while start > limit and re.match(f"[{_CJK}]", text[start - 1]) and text[start - 1] not in _ZH_ADDRESS_STOP:
            start -= 1
        if start == match.start() and not re.match(_ZH_NUM, match.group()):
            continue  # "路88号" with no road name before it is not an address
        out.append((start, match.end()))
    return out
