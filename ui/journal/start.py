"""Where a new entry starts: one click on a template or on today's prompt fills the editor (and its draft)."""

from __future__ import annotations

from typing import Any

import streamlit as st

from journal.errors import DuetError
from journal.i18n import t
from journal.notebook import Notebook
from ui.journal.editor import editor_values, load_into_editor

TEMPLATES_PER_ROW = 3


def _merge(current: dict[str, Any], title: str, body: str, tags: tuple[str, ...], mood: int | None) -> dict[str, Any]:
    """What is already typed stays: the template's text goes below it, its tags are added, a title only if none."""
    values = dict(current)
    typed = (values.get("body") or "").rstrip()
    values["body"] = f"{typed}\n\n{body}" if typed else body
    values["title"] = values.get("title") or title
    values["tags"] = list(dict.fromkeys([*(values.get("tags") or []), *tags]))
    values["mood"] = values.get("mood") or mood
    return values


def _use_template(nb: Notebook, draft_key: str, name: str) -> None:
    try:
        page = nb.entries.start_from_template(name)
    except DuetError as exc:
        st.session_state["journal_start_error"] = exc.message()
        return
    values = _merge(editor_values(draft_key), page.title, page.body, page.tags, page.mood)
    load_into_editor(draft_key, values)
    nb.save_draft(draft_key, **values)


def _use_prompt(nb: Notebook, draft_key: str, question: str) -> None:
    values = _merge(editor_values(draft_key), "", f"> {question}\n\n", (), None)
    load_into_editor(draft_key, values)
    nb.save_draft(draft_key, **values)


def render_start(nb: Notebook, draft_key: str) -> None:
    """Today's question and the templates, above the new-entry editor."""
    prompt = nb.entries.daily_prompt()
    with st.container(border=True, key="journal_prompt_box"):
        st.caption(t("writing.prompt.today"))
        st.markdown(f"**{prompt.text}**")
        st.button(t("writing.prompt.use"), key="journal_prompt_use", on_click=_use_prompt, args=(nb, draft_key, prompt.text),
                  icon=":material/edit_note:", type="tertiary")
    templates = nb.entries.templates()
    if templates:
        st.caption(t("writing.templates.start_from"), help=t("writing.templates.help"))
        for start in range(0, len(templates), TEMPLATES_PER_ROW):
            cols = st.columns(TEMPLATES_PER_ROW)
            for col, template in zip(cols, templates[start:start + TEMPLATES_PER_ROW]):
                col.button(template.title,
                           key=f"journal_template_{template.name}", help=template.description or None,
                           on_click=_use_template, args=(nb, draft_key, template.name), use_container_width=True)
    problem = st.session_state.pop("journal_start_error", None)
    if problem:
        st.warning(problem, icon=":material/warning:")
