"""One entry, rendered; with edit, delete (confirmed), share and back."""

from __future__ import annotations

import streamlit as st

from journal.entries.model import Entry, body_repeats_title
from journal.i18n import t
from journal.i18n.formatting import format_datetime
from journal.notebook import Notebook
from journal.text import measure, reading_minutes, visible_text
from ui import confirm
from ui.common import flash, render_markdown
from ui.journal.editor import MOOD_FACES
from ui.journal.letters import render_entry_letters
from ui.links import open_share


def back_to_list() -> None:
    st.session_state["journal_mode"] = "list"
    st.session_state.pop("journal_open", None)


def _delete(nb: Notebook, entry: Entry) -> None:
    nb.delete_entry(entry.id)
    back_to_list()
    flash("journal.reader.deleted", title=entry.title)


def length_label(body: str) -> str:
    """"120 words", "300 Chinese characters" or both, counted on what the reader shows (no markup)."""
    length = measure(body)
    minutes = reading_minutes(visible_text(body))
    if length.cjk_chars and length.words:
        return t("journal.reader.length_mixed", words=length.words, chars=length.cjk_chars, minutes=minutes)
    if length.cjk_chars:
        return t("journal.reader.length_chars", chars=length.cjk_chars, minutes=minutes)
    return t("journal.reader.length_words", words=length.words, minutes=minutes)


def render_reader(nb: Notebook, entry: Entry) -> None:
    st.subheader(entry.title + (" ⭐" if entry.starred else ""))
    meta = [format_datetime(entry.created)]
    if entry.mood:
        meta.append(f"{MOOD_FACES[entry.mood]} {t('journal.reader.mood', mood=entry.mood)}")
    if entry.feelings:
        meta.append(", ".join(entry.feelings))
    meta.append(length_label(entry.body))
    st.caption(" · ".join(meta))
    if entry.tags:
        st.caption(" ".join(f"#{tag}" for tag in entry.tags))
    ai_words = entry.ai_passages
    if ai_words:  # quietly: what the AI wrote here, so a share can be labelled and the writer remembers
        kinds = ", ".join(dict.fromkeys(t(f"journal.reader.ai_kinds.{kind}") for kind, _when in ai_words))
        st.caption(t("journal.reader.ai_words", kinds=kinds), help=t("journal.reader.ai_words_help"))
    if not body_repeats_title(entry.title, entry.body):
        with st.container(border=True):
            render_markdown(nb, entry.body, entry.path.parent, owner=entry.id)
    cols = st.columns(5)
    if cols[0].button(t("journal.reader.edit"), key="journal_edit", icon=":material/edit:"):
        st.session_state["journal_mode"] = "edit"
        st.rerun()
    if cols[1].button(t("journal.reader.delete"), key="journal_delete", icon=":material/delete:"):
        confirm.ask("journal_delete", entry.id)
    confirm.confirm_if_asked("journal_delete", entry.id, question=t("journal.reader.delete_question", title=entry.title),
                             warning=t("journal.reader.delete_warning"), yes=t("journal.reader.delete_yes"),
                             no=t("journal.reader.delete_no"), on_yes=lambda: _delete(nb, entry))
    if cols[2].button(t("journal.reader.share"), key="journal_share", icon=":material/ios_share:"):
        open_share(entry_id=entry.id)
    star_label = t("journal.reader.unstar") if entry.starred else t("journal.reader.star")
    if cols[3].button(star_label, key="journal_star", icon=":material/star:"):
        nb.update_entry(entry.id, starred=not entry.starred)
        st.rerun()
    if cols[4].button(t("journal.reader.back"), key="journal_back", icon=":material/arrow_back:"):
        back_to_list()
        st.rerun()
    render_entry_letters(nb, entry)
    _history(nb, entry)


def _history(nb: Notebook, entry: Entry) -> None:
    """Earlier versions of this entry, each readable and restorable (the current text becomes a version)."""
    versions = nb.entry_versions(entry.id)
    with st.expander(t("history.page.history"), icon=":material/history:"):
        if not versions:
            st.caption(t("history.page.no_versions"))
        for version in versions:
            st.markdown(f"**{t('history.page.version_label', saved=format_datetime(version.saved))}**")
            old = nb.read_entry_version(entry.id, version.id)
            st.text(old.body)
            if st.button(t("history.page.restore_version"), key=f"journal_restore_{version.id}",
                         icon=":material/restore:"):
                nb.restore_entry_version(entry.id, version.id)
                flash("history.page.version_restored")
                st.rerun()
