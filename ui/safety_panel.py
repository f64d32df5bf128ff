"""The calm help panel shown under anything the person writes that suggests they may be in danger.

Not an alarm: a bordered note in the page's own colours, the help lines for
their country, and a close button. It never blocks saving or writing, never
stops the page, and nothing about it is recorded or sent anywhere. Pages call
``show_safety_panel(assessment, key)`` after a save or a story turn; closing it
hides it until the next assessment (a new text) brings it back.

Wiring a page takes two lines: ``remember_assessment(body, "journal_save", nb)``
in the save callback, and ``show_remembered_panel("journal_save")`` where the
panel should appear (it survives the rerun that follows the save).
"""

from __future__ import annotations

import streamlit as st

from journal.i18n import t
from journal.safety import Assessment, Resource, assess

_DISMISSED = "_safety_panel_dismissed"
_REMEMBERED = "_safety_panel_assessments"


def _dismiss(key: str, token: str) -> None:
    st.session_state.setdefault(_DISMISSED, {})[key] = token


def is_dismissed(assessment: Assessment, key: str) -> bool:
    # By token: a new assessment shows again even when its reasons repeat the old ones.
    return st.session_state.get(_DISMISSED, {}).get(key) == assessment.token


def _line(resource: Resource) -> str:
    contact = f"[{resource.contact}]({resource.href})" if (resource.href or "").startswith("https://") else resource.contact
    return t("safety.panel.line", name=resource.name, contact=contact, note=resource.note)


def show_safety_panel(assessment: Assessment | None, key: str) -> bool:
    """Render the panel for a concern or crisis assessment; nothing for "none", None or a closed panel.

    ``key`` names the place (``"journal_save"``, ``f"story_safety_{story_id}"``) so
    two panels on one page close separately. Returns True when it was drawn.
    """
    if assessment is None or not assessment.needs_support or is_dismissed(assessment, key):
        return False
    level = assessment.level
    with st.container(border=True, key=f"safety_panel_{key}"):
        st.markdown(f"**{t(f'safety.panel.title_{level}')}**")
        st.markdown(t(f"safety.panel.body_{level}"))
        helplines = [r for r in assessment.resources if r.kind != "emergency"]
        emergencies = [r for r in assessment.resources if r.kind == "emergency"]
        st.markdown("\n".join(f"- {_line(r)}" for r in helplines))
        if emergencies:
            # One catalogue string joins the two: Chinese puts no space after "。".
            st.caption(t("safety.panel.emergency_block", intro=t("safety.panel.emergency"), lines=" · ".join(
                t("safety.panel.emergency_line", name=r.name, contact=r.contact) for r in emergencies)))
        st.button(t("safety.panel.dismiss"), key=f"{key}_dismiss", on_click=_dismiss,
                  args=(key, assessment.token), icon=":material/close:", type="tertiary")
    return True


def remember_assessment(text: str, key: str, nb=None) -> Assessment:
    """Assess ``text`` now (in a save callback, after saving) and keep it for :func:`show_remembered_panel`.

    With a notebook whose provider is OpenAI, the moderation second opinion is
    asked too (keys from ``st.secrets`` or the environment); any other provider
    sends nothing anywhere.
    """
    assessment = assess(text)
    if nb is not None:
        from journal.safety.moderation import notebook_second_opinion
        from ui.streaming import app_secrets

        assessment = notebook_second_opinion(assessment, text, nb.home, app_secrets())
    st.session_state.setdefault(_REMEMBERED, {})[key] = assessment
    return assessment


def show_remembered_panel(key: str) -> bool:
    """The panel for the last :func:`remember_assessment` under ``key`` (survives the rerun after a save)."""
    return show_safety_panel(st.session_state.get(_REMEMBERED, {}).get(key), key)
