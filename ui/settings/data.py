"""Settings → Your data: bring history in from other apps, take everything out, or delete everything."""

from __future__ import annotations

from datetime import date
from typing import Any, Callable

import streamlit as st

from journal.errors import DuetError
from journal.i18n import current_language, set_language, t
from journal.importers.report import ImportReport
from journal.notebook import Notebook
from ui.circle import circle_mode
from ui.common import flash, forget_notebook, show_error
from ui.conflict import show_conflict_choice
from ui.settings.general import forget_language_choice

UPLOAD_TYPES: dict[str, list[str]] = {
    "jrnl": ["json", "txt"],
    "dayone": ["zip", "json"],
    "chatgpt": ["json", "zip"],
    "markdown": ["zip", "md", "markdown"],
    "zip": ["zip"],
}
REPORT_KEY = "data_import_report"
DELETED_KEY = "data_deleted_report"
CLEAR_TYPED_KEY = "_data_delete_clear"


def show_deleted_report() -> None:
    """Above the tabs: deleting settings.yaml may change the language, which reopens the first tab."""
    done = st.session_state.get(DELETED_KEY)
    if done:
        st.success(t("data.ui.deleted", files=done["files"], home=done["home"]), icon=":material/check_circle:")


def render_data_settings(nb: Notebook) -> None:
    _import_section(nb)
    st.divider()
    _export_section(nb)
    st.divider()
    _trash_section(nb)
    st.divider()
    _delete_section(nb)


# --- trash and conflict copies -----------------------------------------------------------

def _trash_section(nb: Notebook) -> None:
    from journal.i18n.formatting import format_datetime

    st.markdown(f"#### {t('history.page.trash')}")
    items = nb.trash.list()
    if not items:
        st.caption(t("history.page.trash_empty"))
    for item in items:
        line, button = st.columns([4, 1])
        line.write(t("history.page.trash_line", kind=t(f"history.kinds.{item.kind}"), title=item.title,
                     deleted=format_datetime(item.deleted)))
        if button.button(t("history.page.restore"), key=f"trash_restore_{item.id}", icon=":material/restore_from_trash:"):
            try:
                nb.restore_from_trash(item.id)
            except DuetError as exc:
                show_error(exc)
            else:
                flash("history.page.restored")
                st.rerun()
    if items and st.button(t("history.page.empty_trash"), key="trash_empty", icon=":material/delete_forever:"):
        nb.trash.empty()
        flash("history.page.emptied")
        st.rerun()
    conflicts = nb.conflicts()
    if conflicts:
        st.markdown(f"#### {t('history.page.conflicts')}")
        for number, conflict in enumerate(conflicts):
            state_key = f"settings_conflict_{number}"
            st.session_state[state_key] = {"path": str(conflict.original), "copy": str(conflict.path)}
            show_conflict_choice(nb, state_key)


# --- import ------------------------------------------------------------------------------

def _run_import(nb: Notebook, kind: str, upload: Any, local: str, progress: Callable[[int, int], None]) -> ImportReport:
    """A local path, or an upload (its name and bytes: the core keeps a vault's copy off the disk)."""
    if upload is None:
        return nb.import_file(kind, local.strip(), progress)
    return nb.import_file(kind, (upload.name, upload.getvalue()), progress)


def _show_report(report: ImportReport) -> None:
    if report.broken:
        st.warning(report.summary(), icon=":material/warning:")
    else:
        st.success(report.summary(), icon=":material/check_circle:")
    issues = report.issue_lines()
    if issues:
        with st.expander(t("data.ui.report_details", count=len(issues))):
            for line in issues:
                st.text(line)   # titles from the imported file are shown as text, never as markdown


def _import_section(nb: Notebook) -> None:
    st.markdown(f"#### {t('data.ui.import_title')}")
    kind = st.selectbox(t("data.ui.kind"), nb.import_kinds, key="data_import_kind",
                        format_func=lambda k: t(f"data.kinds.{k}"))
    st.caption(t(f"data.ui.hint.{kind}"))
    upload = st.file_uploader(t("data.ui.file"), type=UPLOAD_TYPES[kind], key=f"data_upload_{kind}")
    if circle_mode():   # a path would read the server's disk, other people's folders included (#13)
        st.caption(t("circle.import_uploads_only"))
        local = ""
    else:
        local = st.text_input(t("data.ui.local_path"), key="data_import_path", help=t("data.ui.local_path_help"))
    ready = upload is not None or bool(local.strip())
    if st.button(t("data.ui.import_button"), key="data_import_go", type="primary", disabled=not ready):
        bar = st.progress(0.0, text=t("data.ui.importing"))

        def progress(done: int, total: int) -> None:
            bar.progress(min(1.0, done / total) if total else 1.0, text=t("data.ui.progress", done=done, total=total))

        try:
            report = _run_import(nb, kind, upload, local, progress)
        except DuetError as exc:
            bar.empty()
            st.session_state.pop(REPORT_KEY, None)
            show_error(exc)
            return
        bar.progress(1.0, text=t("data.ui.import_done"))
        st.session_state[REPORT_KEY] = report
    report = st.session_state.get(REPORT_KEY)
    if isinstance(report, ImportReport):
        _show_report(report)


# --- export ------------------------------------------------------------------------------

def _deferred(make: Callable[[], bytes]) -> Callable[[], bytes]:
    """Build the file only when clicked; that runs in another thread, so carry the language along."""
    lang = current_language()

    def build() -> bytes:
        set_language(lang)
        return make()

    return build


def _export_section(nb: Notebook) -> None:

    st.markdown(f"#### {t('data.ui.export_title')}")
    st.caption(t("data.ui.export_hint"))
    stamp = date.today().isoformat()
    zip_col, json_col, md_col = st.columns(3)
    zip_col.download_button(t("data.ui.export_zip"), data=_deferred(lambda: nb.backup_bytes("zip")),
                            file_name=f"duet-{stamp}.zip", mime="application/zip", key="data_export_zip",
                            on_click="ignore", help=t("data.ui.export_zip_help"), icon=":material/archive:")
    json_col.download_button(t("data.ui.export_json"), data=_deferred(lambda: nb.backup_bytes("json")),
                             file_name=f"duet-{stamp}.json", mime="application/json", key="data_export_json",
                             on_click="ignore", help=t("data.ui.export_json_help"), icon=":material/data_object:")
    md_col.download_button(t("data.ui.export_markdown"), data=_deferred(lambda: nb.backup_bytes("markdown")),
                           file_name=f"duet-markdown-{stamp}.zip", mime="application/zip",
                           key="data_export_markdown", on_click="ignore", help=t("data.ui.export_markdown_help"),
                           icon=":material/description:")


# --- delete everything -------------------------------------------------------------------

def _delete_section(nb: Notebook) -> None:
    st.markdown(f"#### {t('data.ui.delete_title')}")
    if st.session_state.pop(CLEAR_TYPED_KEY, False):
        st.session_state["data_delete_typed"] = ""   # allowed here: the widget is not drawn yet in this run
    with st.expander(t("data.ui.delete_open")):
        st.warning(t("data.ui.delete_warning", home=str(nb.home)), icon=":material/warning:")
        word = t("data.ui.delete_word")
        typed = st.text_input(t("data.ui.delete_prompt", word=word), key="data_delete_typed")
        confirmed = typed.strip() == word
        if st.button(t("data.ui.delete_button"), key="data_delete_go", type="primary", disabled=not confirmed):
            try:
                report = nb.delete_all(confirm=confirmed)
            except DuetError as exc:
                show_error(exc)
                return
            forget_notebook(nb)   # the cached Notebook pointed at files that are gone (this person's only)
            st.session_state.pop(REPORT_KEY, None)
            done = st.session_state[DELETED_KEY] = report.to_dict()
            st.session_state[CLEAR_TYPED_KEY] = True
            forget_language_choice()   # settings.yaml is gone: the box must not keep showing the old choice
            flash("data.ui.deleted", files=done["files"], home=done["home"])
            st.rerun()
