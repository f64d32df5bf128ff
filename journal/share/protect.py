"""The privacy pass applied to a whole :class:`ShareSource`: title, text, each turn and each speaker.

Findings carry the field they came from, so the page can list them all and
undo any one of them by id, and the result is a new source the renderer,
the thread splitter and the exporters use unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Mapping

from journal.share.privacy import Finding, redact
from journal.share.source import ShareSource, ShareTurn
from journal.text import detect_language


@dataclass(frozen=True)
class SourceFinding:
    """A finding and the field of the source it was found in (``title``, ``text``, ``turn.3``, ``speaker.3``)."""

    field: str
    finding: Finding

    @property
    def id(self) -> str:
        return f"{self.field}/{self.finding.id}"

    @property
    def kind(self) -> str:
        return self.finding.kind

    @property
    def original(self) -> str:
        return self.finding.original

    @property
    def replacement(self) -> str:
        return self.finding.replacement


@dataclass(frozen=True)
class ProtectedSource:
    """The source as it will be shared, every finding (applied or undone), and which were undone."""

    source: ShareSource
    findings: tuple[SourceFinding, ...]
    kept: frozenset[str]

    @property
    def applied(self) -> tuple[SourceFinding, ...]:
        return tuple(f for f in self.findings if f.id not in self.kept)


Segment = tuple[str, bool]  # a piece of shared text, and whether the privacy pass put it there


def highlighted(original: ShareSource, protected: ProtectedSource) -> list[tuple[str, list[Segment]]]:
    """The shared text field by field (``title``, ``text``, ``turn.N``) cut into pieces, each replacement
    marked, so a preview can highlight every one of them: the writer sees what a reader will see."""
    fields = {"title": original.title, "text": original.text, "attribution": original.attribution}
    fields.update({f"turn.{i}": turn.text for i, turn in enumerate(original.turns)})
    out: list[tuple[str, list[Segment]]] = []
    for name, text in fields.items():
        if not text:
            continue
        applied = sorted((f.finding for f in protected.applied if f.field == name), key=lambda f: f.start)
        segments: list[Segment] = []
        pos = 0
        for finding in applied:
            segments += [(text[pos:finding.start], False), (finding.replacement, True)]
            pos = finding.end
        segments.append((text[pos:], False))
        out.append((name, [segment for segment in segments if segment[0]]))
    return out


def protect(
    source: ShareSource,
    names: Iterable[str] | Mapping[str, str] | None = None,
    *,
    keep: Iterable[str] = (),
    enabled: bool = True,
) -> ProtectedSource:
    """Redact every field of ``source``; ``keep`` holds ids of findings the writer undid.

    With ``enabled=False`` (the writer switched the pass off) the source is returned untouched.
    """
    kept = frozenset(keep)
    if not enabled:
        return ProtectedSource(source, (), kept)
    lang = detect_language(source.body)  # one language for the labels of the whole post
    findings: list[SourceFinding] = []

    def pass_over(field: str, text: str, kinds: tuple[str, ...] | None = None) -> str:
        if not text:
            return text
        local_keep = {fid.split("/", 1)[1] for fid in kept if fid.startswith(field + "/")}
        options = {"kinds": kinds} if kinds else {}
        result = redact(text, names, keep=local_keep, lang=lang, **options)
        findings.extend(SourceFinding(field, f) for f in result.findings)
        return result.text

    title = pass_over("title", source.title)
    text = pass_over("text", source.text)
    turns = tuple(
        ShareTurn(
            speaker=pass_over(f"speaker.{i}", turn.speaker, ("name",)),
            text=pass_over(f"turn.{i}", turn.text),
            is_user=turn.is_user,
            ai=turn.ai,
        )
        for i, turn in enumerate(source.turns)
    )
    attribution = pass_over("attribution", source.attribution, ("name",))
    redacted = source.replace(title=title, text=text, turns=turns, attribution=attribution)
    return ProtectedSource(redacted, tuple(findings), kept)
