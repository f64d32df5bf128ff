"""Pictures into the entry being written: chosen (or dropped) files are kept under ``attachments/`` and a link
to each goes at the end of the text, where the reader shows it inline once the entry is saved."""

from __future__ import annotations

from datetime import date, datetime

import streamlit as st

from journal.i18n import t
from journal.notebook import Notebook
from ui.journal.editor import created_for, editor_values, load_into_editor
from ui.pictures import keep_uploads

def _round_key(draft_key: str) -> str:
    return f"editor_{draft_key}_pictures_round"


def _messages_key(draft_key: str) -> str:
    return f"editor_{draft_key}_pictures_messages"


def _add(nb: Notebook, draft_key: str, uploader_key: str, keep_key: str, created: datetime | None) -> None:
    """The uploader's callback: keep each file, link the good ones, say what was refused and why."""
    files = st.session_state.get(uploader_key) or []
    values = editor_values(draft_key)
    when = created or created_for(values.get("day") or date.today()) or datetime.now().astimezone()
    links, messages = keep_uploads(nb, files, bool(st.session_state.get(keep_key)),
                                   lambda picture: picture.entry_markdown(when))
    if links:
        typed = (values.get("body") or "").rstrip()
        values["body"] = (typed + "\n\n" if typed else "") + "\n".join(links) + "\n"
        load_into_editor(draft_key, values)
        nb.save_draft(draft_key, **values)
    st.session_state[_messages_key(draft_key)] = messages
    st.session_state[_round_key(draft_key)] = st.session_state.get(_round_key(draft_key), 0) + 1   # an empty picker


def render_pictures(nb: Notebook, draft_key: str, created: datetime | None = None) -> None:
    """The picture picker under the editor; ``created`` is the entry's time when editing (its folder)."""
    round_ = st.session_state.get(_round_key(draft_key), 0)
    uploader_key = f"editor_{draft_key}_pictures_{round_}"
    keep_key = f"editor_{draft_key}_keep_location"
    cols = st.columns([3, 1], vertical_alignment="bottom")
    cols[0].file_uploader(t("writing.pictures.add"), type=nb.entries.picture_types(),
                          max_upload_size=nb.entries.picture_limit_mb(), accept_multiple_files=True, key=uploader_key,
                          on_change=_add, args=(nb, draft_key, uploader_key, keep_key, created),
                          help=t("writing.pictures.help"))
    cols[1].checkbox(t("writing.pictures.keep_location"), key=keep_key, help=t("writing.pictures.keep_location_help"))
    for kind, message in st.session_state.pop(_messages_key(draft_key), []):
        (st.error if kind == "error" else st.info)(message, icon=":material/image:")
