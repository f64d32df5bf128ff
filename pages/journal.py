"""The Journal page: write, read, edit, delete, browse and search entries."""

import streamlit as st

from journal.errors import DuetError, SaveConflict
from journal.i18n import t
from ui.common import flash, get_notebook, show_error, show_flash
from ui.conflict import remember_conflict, show_conflict_choice
from ui.journal.browser import render_filters, render_results
from ui.journal.editor import (accepted_ai_words, clear_editor, created_for, editor_values, render_editor,
                               render_editor_ai)
from ui.journal.letters import LAST_SAVED_KEY, render_just_saved, render_milestone_letters
from ui.journal.reader import back_to_list, render_reader
from ui.journal.calendar import render_calendar, render_counts
from ui.journal.pictures import render_pictures
from ui.journal.reminders import render_reminders
from ui.journal.on_this_day import render_on_this_day, render_page_options
from ui.journal.start import render_start
from ui.nudge import show_nudge_if_due
from ui.safety_panel import remember_assessment, show_remembered_panel

NEW_DRAFT = "new"
SAFETY_KEY = "journal_save"
CONFLICT_KEY = "journal_conflict"
BASE_VERSION_KEY = "journal_edit_base"   # {entry id: the file version the editor was opened on}

nb = get_notebook()
st.title(t("journal.page.title"))
show_flash()
show_remembered_panel(SAFETY_KEY)  # help lines after a save that needs them; never blocks writing
nudged = show_nudge_if_due(nb)
show_conflict_choice(nb, CONFLICT_KEY)
query, flt = render_filters(nb)
mode = st.session_state.get("journal_mode", "list")
open_id = st.session_state.get("journal_open")

entry = None
if mode in ("read", "edit") and open_id:
    try:
        entry = nb.get_entry(open_id)
    except DuetError as exc:
        show_error(exc)
        back_to_list()

if entry is not None and mode == "read":
    render_reader(nb, entry)
elif entry is not None and mode == "edit":
    # The version this editor started from: a save checks the file still has it (another tab, Obsidian).
    base_version = st.session_state.setdefault(BASE_VERSION_KEY, {}).setdefault(entry.id, entry.version)
    st.subheader(t("journal.editor.editing", title=entry.title))
    render_editor(nb, entry.id, {"title": entry.title, "body": entry.body, "tags": entry.tags,
                                 "feelings": entry.feelings, "mood": entry.mood, "starred": entry.starred,
                                 "day": entry.created.date()})
    render_pictures(nb, entry.id, entry.created)
    render_editor_ai(nb, entry.id)
    save_col, cancel_col = st.columns([1, 1])
    if save_col.button(t("journal.editor.save_changes"), type="primary", key="journal_save_edit"):
        try:
            values = editor_values(entry.id)
            values["ai_words"] = accepted_ai_words(entry.id)  # provenance of AI words, in the entry's front matter
            values["created"] = created_for(values.pop("day"), entry.created)
            saved = nb.update_entry(entry.id, expected_version=base_version, **values)
        except SaveConflict as exc:   # both texts are on disk; the person chooses at the top of the page
            remember_conflict(CONFLICT_KEY, exc)
            clear_editor(nb, entry.id)
            st.session_state[BASE_VERSION_KEY].pop(entry.id, None)
            st.session_state["journal_mode"] = "read"
            st.rerun()
        except DuetError as exc:
            show_error(exc)
        else:
            remember_assessment(saved.safety, SAFETY_KEY)
            clear_editor(nb, entry.id)
            st.session_state[BASE_VERSION_KEY].pop(entry.id, None)
            st.session_state["journal_mode"] = "read"
            flash("journal.editor.saved")
            st.rerun()
    if cancel_col.button(t("journal.editor.cancel"), key="journal_cancel_edit"):
        clear_editor(nb, entry.id)
        st.session_state[BASE_VERSION_KEY].pop(entry.id, None)
        st.session_state["journal_mode"] = "read"
        st.rerun()
else:
    if not nudged:   # counts are for encouragement; while the step-back note is up, they stay away
        render_counts(nb)
    render_just_saved(nb)    # letters back for the entry just saved: offered, or written unprompted
    render_milestone_letters(nb)
    render_on_this_day(nb)
    with st.expander(t("journal.editor.new"), expanded=True, icon=":material/edit:"):
        render_start(nb, NEW_DRAFT)
        render_editor(nb, NEW_DRAFT)
        render_pictures(nb, NEW_DRAFT)
        render_editor_ai(nb, NEW_DRAFT)
        if st.button(t("journal.editor.save"), type="primary", key="journal_save_new"):
            values = editor_values(NEW_DRAFT)
            try:
                created = nb.create_entry(values["body"], title=values["title"], tags=values["tags"],
                                          feelings=values["feelings"], mood=values["mood"], starred=values["starred"],
                                          created=created_for(values["day"]),
                                          ai_words=accepted_ai_words(NEW_DRAFT))
            except DuetError as exc:
                show_error(exc)
            else:
                remember_assessment(created.safety, SAFETY_KEY)
                clear_editor(nb, NEW_DRAFT)
                flash("journal.editor.saved")
                st.session_state[LAST_SAVED_KEY] = created.id
                st.rerun()
    render_calendar(nb)
    st.subheader(t("journal.browse.results") if query else t("journal.browse.recent"))
    render_results(nb, query, flt)
    with st.expander(t("writing.options.title"), icon=":material/tune:"):
        render_page_options(nb)
        render_reminders(nb)
