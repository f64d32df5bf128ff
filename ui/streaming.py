"""Streaming a model's reply into a page, with a Stop button, and never losing a word of it.

Any page that shows a reply as it is written (journal AI, stories, captions)
uses :func:`stream_reply`. Whatever ends the stream — the last token, a
failure, the Stop button, or leaving the page (Streamlit interrupts the script
with a control exception) — the text that arrived is kept in the caller's
:class:`StreamOutcome`, so the caller can show it and offer to keep it. Errors
are the one sentence of the model error (``journal.ai.errors``).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import streamlit as st

from journal.errors import DuetError
from journal.i18n import t
from journal.notebook import Notebook

def app_secrets() -> Mapping[str, Any]:
    """``st.secrets`` when a secrets.toml exists, else the environment (st.secrets raises without a file)."""
    try:
        if st.secrets.load_if_toml_exists():
            return st.secrets
    except Exception:  # a broken file: keys can still come from the environment
        pass
    return os.environ


def page_chat(nb: Notebook) -> Any:
    """The notebook's configured model, with keys from secrets or the environment.

    Raises the provider's DuetError (e.g. a missing key) for the page to show.
    """
    return nb.ai.chat(secrets=app_secrets())


@dataclass
class StreamOutcome:
    """How a streamed reply ended; ``text`` is everything that arrived."""

    text: str = ""
    error: str | None = None  # the one-sentence message, in the interface language
    stopped: bool = False  # Stop button, or the page was left mid-reply
    finished: bool = False
    finish_reason: str | None = None  # the server's: "length" means the reply hit the token limit

    @property
    def incomplete(self) -> bool:
        return not self.finished


def stream_reply(stream: Any, outcome: StreamOutcome, *, stop_key: str) -> StreamOutcome:
    """Write ``stream`` into the page as it arrives, recording how it ended in ``outcome``.

    The Stop button (widget key ``stop_key``) is drawn first. Clicking it asks for a rerun: a whole-page
    run interrupts ``st.write_stream`` (the ``finally`` below still records the partial text), and inside
    an ``st.fragment``, whose own clicks never interrupt the run in progress (Streamlit 1.67), the stream
    stops itself at the next piece (:func:`_until_asked_to_stop`). Read ``outcome`` in a ``finally`` of
    yours: while Streamlit stops a script, even ``st.session_state`` raises, but a plain object can still
    be read.
    """
    st.button(t("ai.stream.stop"), key=stop_key, icon=":material/stop_circle:", type="tertiary")
    asked: list[bool] = []
    try:
        st.write_stream(_until_asked_to_stop(without_pictures(stream), asked))
        outcome.finished = not asked
    except DuetError as exc:   # journal.ai.errors.AIError: the one sentence for what failed
        outcome.error = exc.message()
    finally:
        outcome.text = stream.text
        outcome.finish_reason = stream.finish_reason
        if not outcome.finished and outcome.error is None:
            outcome.stopped = True
            stream.close()
    return outcome


def _rerun_asked() -> bool:
    """Whether a click (Stop, or anything else) is waiting for this run to end."""
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    requests = getattr(get_script_run_ctx(suppress_warning=True), "script_requests", None)
    state = getattr(requests, "_state", None)   # ScriptRequests keeps no public view of a waiting request
    return getattr(state, "name", "") == "RERUN"


def _until_asked_to_stop(chunks: Iterable[str], asked: list[bool]) -> Iterator[str]:
    """``chunks`` until a click waits: the person asked to stop (or did something else); what arrived is kept."""
    for chunk in chunks:
        yield chunk
        if _rerun_asked():
            asked.append(True)
            return


def without_pictures(chunks: Iterable[str]) -> Iterator[str]:
    """The reply as it streams, with ``![…](…)`` shown as text instead of fetched.

    A picture in a model's reply is a request to someone's server the moment it is drawn, and an
    imported card or lorebook could ask the model to put the conversation in its address. Only what
    is drawn now changes: the reply is kept as written, and shown afterwards through the renderer,
    which holds outside pictures back until allowed.
    """
    held = ""
    for chunk in chunks:
        text = (held + chunk).replace("![", "!\\[")
        held = "!" if text.endswith("!") else ""   # a "[" in the next chunk may make it a picture
        if text[:len(text) - len(held)]:
            yield text[:len(text) - len(held)]
    if held:
        yield held


def show_outcome_notice(outcome: StreamOutcome) -> None:
    """The error sentence, or a note that the reply was stopped; the kept text is the caller's to show."""
    if outcome.error:
        st.error(outcome.error, icon=":material/error:")
        if outcome.text.strip():
            st.caption(t("ai.stream.partial_kept"))
    elif outcome.stopped:
        st.caption(t("ai.stream.stopped"))
