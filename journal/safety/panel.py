"""The words of the help panel, built once so the page and the CLI show exactly the same thing.

The page draws these pieces in a bordered box; the CLI prints them after
``new`` (issue #21: the CLI prints help lines exactly as the page shows them).
Names and notes are looked up again in the language the panel is shown in,
whatever language the assessment was made in.
"""

from __future__ import annotations

from dataclasses import dataclass

from journal.i18n import current_language, normalize_language, t
from journal.safety.assess import Assessment
from journal.safety.resources import Resource, translated


@dataclass(frozen=True)
class PanelText:
    title: str
    body: str
    helplines: list[str]
    """One markdown line per help line or directory ("**name**: contact (note)")."""
    emergency: str
    """The emergency numbers in one sentence; empty when the assessment has none."""

    def plain(self) -> str:
        """The panel for a terminal: the same words, without the markdown bold marks."""
        lines = [self.title, self.body, *(f"- {line}" for line in self.helplines)]
        if self.emergency:
            lines.append(self.emergency)
        return "\n".join(lines).replace("**", "")


def panel_text(assessment: Assessment, lang: str | None = None, *, links: bool = True) -> PanelText | None:
    """The panel's words for a concern or crisis assessment in ``lang``; None when nothing needs showing."""
    if not assessment.needs_support:
        return None
    lang = normalize_language(lang) or current_language()
    resources = [translated(r, lang) for r in assessment.resources]
    helplines = [_line(r, lang, links) for r in resources if r.kind != "emergency"]
    emergencies = [r for r in resources if r.kind == "emergency"]
    emergency = ""
    if emergencies:
        # One catalogue string joins the two: Chinese puts no space after "。".
        emergency = t("safety.panel.emergency_block", lang=lang, intro=t("safety.panel.emergency", lang=lang),
                      lines=" · ".join(t("safety.panel.emergency_line", lang=lang, name=r.name, contact=r.contact)
                                       for r in emergencies))
    level = assessment.level
    return PanelText(title=t(f"safety.panel.title_{level}", lang=lang), body=t(f"safety.panel.body_{level}", lang=lang),
                     helplines=helplines, emergency=emergency)


def _line(resource: Resource, lang: str, links: bool) -> str:
    linked = links and (resource.href or "").startswith("https://")
    contact = f"[{resource.contact}]({resource.href})" if linked else resource.contact
    return t("safety.panel.line", lang=lang, name=resource.name, contact=contact, note=resource.note)
