"""The AI panel under the journal editor: ask me a question, continue my draft, suggest title, tags and mood.

Nothing the model writes reaches the entry until the person presses a "use"
button; then the accepted changes go to the page (``on_accept``, and the return
value on the next run). New text is computed from the draft *at the moment of
the click*, so edits typed just before it are never overwritten.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

from journal.entries.model import AI_WORDS_KEY as AI_WORDS, Suggestion, ai_passage as passage
from journal.times import now
from journal.ai.model import EMBEDDED
from journal.errors import DuetError
from journal.i18n import t
from journal.notebook import Notebook
from ui.common import render_markdown
from ui.journal.editor import MOOD_FACES  # the editor's faces, so a suggestion looks like the control
from ui.streaming import StreamOutcome, page_chat, show_outcome_notice, stream_reply

QUESTION, CONTINUE, SUGGEST = "question", "continue", "suggest"
TASKS = (
    (QUESTION, "ai.journal.ask", ":material/help:"),
    (CONTINUE, "ai.journal.continue", ":material/edit_note:"),
    (SUGGEST, "ai.journal.suggest", ":material/sell:"),
)

Draft = dict[str, Any] | Callable[[], dict[str, Any]]


def _k(key: str, name: str) -> str:
    return f"{key}_{name}"


def _current(draft: Draft) -> dict[str, Any]:
    return dict(draft() if callable(draft) else draft)


def render_journal_ai(
    nb: Notebook, draft: Draft, *, on_accept: Callable[[dict[str, Any]], None] | None = None, key: str = "journal_ai"
) -> dict[str, Any] | None:
    """Draw the panel; return the changes accepted by the click that caused this run, else None.

    ``draft`` is the editor's values ({"body", "title", "tags", "mood"}) or, better,
    a function returning them (read again when a "use" button is clicked).
    ``on_accept(changes)`` runs inside that click's callback, before the page
    reruns, which is the moment Streamlit allows changing the editor's widgets.
    """
    accepted = st.session_state.pop(_k(key, "accepted"), None)
    body = str(_current(draft).get("body") or "")
    with st.container(border=True):
        st.markdown(t("ai.journal.panel_title"))
        columns = st.columns(len(TASKS))
        for column, (task, label, icon) in zip(columns, TASKS):
            column.button(t(label), key=_k(key, task), icon=icon, disabled=not body.strip(), on_click=_request,
                          args=(key, task), use_container_width=True)
        if not body.strip():
            st.caption(t("ai.journal.write_first"))
        else:
            _small_model_hint(nb, body)
        task = st.session_state.pop(_k(key, "task"), None)
        if task:
            _run(nb, key, task, body)
        _show_result(nb, key, draft, on_accept)
    return accepted


def _request(key: str, task: str) -> None:
    st.session_state[_k(key, "task")] = task
    st.session_state.pop(_k(key, "result"), None)
    st.session_state.pop(_k(key, "answer"), None)


def _small_model_hint(nb: Notebook, body: str) -> None:
    if nb.reflection.language(body) == "zh" and nb.settings.ai.provider == EMBEDDED:
        st.caption(t("ai.journal.small_model_chinese"))


def _run(nb: Notebook, key: str, task: str, body: str) -> None:
    """Call the model for ``task``; the outcome is kept in session state for :func:`_show_result`."""
    result: dict[str, Any] = {"kind": task, "error": None, "text": "", "stopped": False}
    st.session_state[_k(key, "result")] = result
    try:
        chat = page_chat(nb)
        if task == SUGGEST:
            with st.spinner(t("ai.journal.thinking")):
                result["suggestion"] = nb.reflection.suggest_metadata(chat, body)
            return
        stream = (nb.reflection.ask_question(chat, body) if task == QUESTION
                  else nb.reflection.continue_draft(chat, body))
    except DuetError as exc:  # before any reply streamed (no key, empty entry), or a failed suggestion: no text to keep
        result["error"] = exc.message()
        return
    placeholder = st.empty()
    outcome = StreamOutcome()
    try:
        with placeholder.container():
            stream_reply(stream, outcome, stop_key=_k(key, "stream_stop"))
    finally:
        # Also when Stop (or leaving the page) interrupts the script mid-reply: keep what arrived.
        # Plain objects only here: Streamlit calls (even st.session_state) raise again while stopping.
        result.update(error=outcome.error, stopped=outcome.stopped, text=outcome.text)
    placeholder.empty()
    if not outcome.text.strip():
        return
    try:
        if task == QUESTION:
            # one more try when no real question came
            result["text"] = nb.reflection.question_from(chat, body, outcome.text)
        elif outcome.finished:
            result["text"] = nb.reflection.clean_continuation(body, outcome.text)
        # A continuation cut short is kept as it arrived: the person decides whether to add it.
    except DuetError as exc:
        result.update(error=exc.message(), text="")


def _show_result(nb: Notebook, key: str, draft: Draft, on_accept: Callable[[dict[str, Any]], None] | None) -> None:
    result = st.session_state.get(_k(key, "result"))
    if not result:
        return
    show_outcome_notice(StreamOutcome(text=result.get("text", ""), error=result["error"], stopped=result["stopped"]))
    kind = result["kind"]
    if kind == QUESTION and result["text"]:
        st.info(result["text"], icon=":material/help:")
        st.text_area(t("ai.journal.your_answer"), key=_k(key, "answer"), placeholder=t("ai.journal.answer_placeholder"))
        _accept_row(nb, key, draft, on_accept, t("ai.journal.keep_question"))
    elif kind == CONTINUE and result["text"]:
        with st.container(border=True):
            render_markdown(nb, result["text"])   # sanitized, and an outside picture the model wrote is not fetched
        _accept_row(nb, key, draft, on_accept, t("ai.journal.add_continuation"))
    elif kind == SUGGEST and isinstance(result.get("suggestion"), Suggestion):
        _suggestion_choices(key, result["suggestion"])
        _accept_row(nb, key, draft, on_accept, t("ai.journal.apply_suggestion"))


def _suggestion_choices(key: str, suggestion: Suggestion) -> None:
    st.caption(t("ai.journal.suggestion_intro"))
    if suggestion.title:
        st.checkbox(t("ai.journal.use_title", title=suggestion.title), value=True, key=_k(key, "use_title"))
    if suggestion.tags:
        st.checkbox(t("ai.journal.use_tags", tags=", ".join(suggestion.tags)), value=True, key=_k(key, "use_tags"))
    if suggestion.mood is not None:
        st.checkbox(t("ai.journal.use_mood", face=MOOD_FACES.get(suggestion.mood, ""), mood=suggestion.mood),
                    value=True, key=_k(key, "use_mood"))


def _accept_row(nb: Notebook, key: str, draft: Draft, on_accept: Callable[[dict[str, Any]], None] | None,
                label: str) -> None:
    use, dismiss = st.columns([2, 1])
    use.button(label, key=_k(key, "use"), type="primary", icon=":material/check:", on_click=_accept,
               args=(nb, key, draft, on_accept), use_container_width=True)
    dismiss.button(t("ai.journal.dismiss"), key=_k(key, "dismiss"), on_click=_dismiss, args=(key,),
                   use_container_width=True)


def accepted_changes(nb: Notebook, key: str, draft: dict[str, Any]) -> dict[str, Any]:
    """The editor changes the current result stands for, applied to ``draft`` as it is now."""
    result = st.session_state.get(_k(key, "result")) or {}
    body = str(draft.get("body") or "")
    kind = result.get("kind")
    if kind == QUESTION and result.get("text"):
        answer = st.session_state.get(_k(key, "answer"), "")
        return {"body": nb.reflection.insert_reflection(body, result["text"], answer),
                AI_WORDS: [passage("question", result["text"], now())]}  # the AI's question, labelled when shared
    if kind == CONTINUE and result.get("text"):
        return {"body": nb.reflection.append_continuation(body, result["text"]),
                AI_WORDS: [passage("continuation", result["text"], now())]}
    suggestion = result.get("suggestion")
    if kind == SUGGEST and isinstance(suggestion, Suggestion):
        offered = suggestion.as_changes()
        picked = {"title": "use_title", "tags": "use_tags", "mood": "use_mood"}
        chosen = {name: value for name, value in offered.items() if st.session_state.get(_k(key, picked[name]), True)}
        if chosen.get("title"):  # a title the AI wrote is AI words too, when it is shared
            chosen[AI_WORDS] = [passage("title", chosen["title"], now())]
        return chosen
    return {}


def _accept(nb: Notebook, key: str, draft: Draft, on_accept: Callable[[dict[str, Any]], None] | None) -> None:
    changes = accepted_changes(nb, key, _current(draft))
    _dismiss(key)
    if not changes:
        return
    st.session_state[_k(key, "accepted")] = changes
    if on_accept is not None:
        on_accept(changes)


def _dismiss(key: str) -> None:
    for name in ("result", "answer", "use_title", "use_tags", "use_mood"):
        st.session_state.pop(_k(key, name), None)
