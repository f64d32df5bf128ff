"""The lorebook editor under a companion (its card's ``character_book``) and the shared lorebooks (World Info).

Each change is saved at once through ``nb.companions.lorebooks`` (the card
editor above keeps its own Save), and "Test a sentence" shows which entries
would fire and why, with the same engine a reply uses.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from journal.companions.model import Companion
from journal.errors import DuetError
from journal.i18n import t
from journal.notebook import Notebook
from ui.common import attempt, show_error
from ui.companions.editor import note_saved_elsewhere

PREFIX = "lore_"
EDITING_KEY = PREFIX + "editing"          # the entry index being edited, "new", or absent
TEST_KEY = PREFIX + "test"
UPLOAD_KEY = PREFIX + "upload"
POSITIONS = (0, 1, 2, 3, 4, 5, 6)          # SillyTavern's positions (journal.lorebooks.book)
LOGICS = (0, 3, 2, 1)                      # AND ANY, AND ALL, NOT ANY, NOT ALL
ROLES = (0, 1, 2)
FIELDS = ("name", "keys", "secondary_keys", "logic", "content", "constant", "order", "position", "depth", "role",
          "case_sensitive", "whole_words")
DEFAULTS = {"name": "", "keys": "", "secondary_keys": "", "logic": 0, "content": "", "constant": False, "order": 100,
            "position": 1, "depth": 4, "role": 0, "case_sensitive": False, "whole_words": False}


def _k(name: str) -> str:
    return PREFIX + "f_" + name


def _fill_form(entry: dict[str, Any] | None) -> None:
    values = dict(DEFAULTS)
    if entry:
        ext = entry.get("extensions") if isinstance(entry.get("extensions"), dict) else {}
        values.update(name=entry.get("comment") or entry.get("name") or "",
                      keys=", ".join(k for k in entry.get("keys") or [] if isinstance(k, str)),
                      secondary_keys=", ".join(k for k in entry.get("secondary_keys") or [] if isinstance(k, str)),
                      logic=ext.get("selectiveLogic", 0) if ext.get("selectiveLogic", 0) in LOGICS else 0,
                      content=entry.get("content") or "", constant=entry.get("constant") is True,
                      order=int(entry.get("insertion_order") or 0),
                      position=ext.get("position") if ext.get("position") in POSITIONS else
                      (0 if entry.get("position") == "before_char" else 1),
                      depth=int(ext.get("depth", 4) or 0), role=ext.get("role", 0) if ext.get("role", 0) in ROLES else 0,
                      case_sensitive=entry.get("case_sensitive") is True or ext.get("case_sensitive") is True,
                      whole_words=ext.get("match_whole_words") is True)
    for name in FIELDS:
        st.session_state[_k(name)] = values[name]


def _start_edit(index: int | None, entry: dict[str, Any] | None) -> None:
    st.session_state[EDITING_KEY] = "new" if index is None else index
    _fill_form(entry)


def _done(nb: Notebook, saved: Companion) -> None:
    note_saved_elsewhere(saved.slug, saved.version)
    st.session_state.pop(EDITING_KEY, None)


def _save(nb: Notebook, slug: str) -> None:
    state = st.session_state
    editing = state.get(EDITING_KEY)
    fields = {name: state.get(_k(name)) for name in FIELDS}
    fields["case_sensitive"] = True if fields["case_sensitive"] else None
    fields["whole_words"] = True if fields["whole_words"] else None
    try:
        saved = nb.companions.lorebooks.save_companion_entry(slug, None if editing == "new" else editing, **fields)
    except DuetError as exc:
        state[PREFIX + "error"] = exc.message()
        return
    _done(nb, saved)
    st.toast(t("companions.lore.saved"))


def _switch(nb: Notebook, slug: str, index: int) -> None:
    try:
        saved = nb.companions.lorebooks.switch_companion_entry(slug, index, bool(st.session_state.get(f"{PREFIX}on_{index}")))
    except DuetError as exc:
        st.session_state[PREFIX + "error"] = exc.message()
        return
    note_saved_elsewhere(slug, saved.version)


def _remove(nb: Notebook, slug: str, index: int) -> None:
    try:
        saved = nb.companions.lorebooks.remove_companion_entry(slug, index)
    except DuetError as exc:
        st.session_state[PREFIX + "error"] = exc.message()
        return
    _done(nb, saved)


def _entry_label(entry: dict[str, Any], number: int) -> str:
    keys = ", ".join(k for k in entry.get("keys") or [] if isinstance(k, str))
    name = entry.get("comment") or entry.get("name") or ""
    if entry.get("constant") is True:
        keys = t("companions.lore.always")
    return t("companions.lore.entry_label", number=number, name=name or keys, keys=keys)


def _render_form(nb: Notebook, slug: str) -> None:
    editing = st.session_state.get(EDITING_KEY)
    with st.container(border=True):
        st.markdown(f"**{t('companions.lore.new' if editing == 'new' else 'companions.lore.edit')}**")
        st.text_input(t("companions.lore.name"), key=_k("name"))
        st.text_input(t("companions.lore.keys"), key=_k("keys"), help=t("companions.lore.keys_help"))
        left, right = st.columns([2, 1])
        left.text_input(t("companions.lore.secondary_keys"), key=_k("secondary_keys"))
        right.selectbox(t("companions.lore.logic"), LOGICS, key=_k("logic"),
                        format_func=lambda n: t(f"companions.lore.logic_{n}"))
        st.text_area(t("companions.lore.content"), key=_k("content"), height=120, help=t("companions.lore.content_help"))
        one, two, three, four = st.columns(4)
        one.selectbox(t("companions.lore.position"), POSITIONS, key=_k("position"),
                      format_func=lambda n: t(f"companions.lore.position_{n}"))
        two.number_input(t("companions.lore.depth"), min_value=0, max_value=1000, step=1, key=_k("depth"),
                         help=t("companions.lore.depth_help"))
        three.selectbox(t("companions.lore.role"), ROLES, key=_k("role"), format_func=lambda n: t(f"companions.lore.role_{n}"))
        four.number_input(t("companions.lore.order"), step=1, key=_k("order"), help=t("companions.lore.order_help"))
        a, b, c = st.columns(3)
        a.checkbox(t("companions.lore.constant"), key=_k("constant"))
        b.checkbox(t("companions.lore.case_sensitive"), key=_k("case_sensitive"))
        c.checkbox(t("companions.lore.whole_words"), key=_k("whole_words"))
        save, cancel = st.columns(2)
        save.button(t("companions.lore.save"), key=PREFIX + "save", type="primary", on_click=_save, args=(nb, slug),
                    icon=":material/save:")
        cancel.button(t("companions.lore.cancel"), key=PREFIX + "cancel",
                      on_click=lambda: st.session_state.pop(EDITING_KEY, None))


def _render_test(nb: Notebook, companion: Companion) -> None:
    sentence = st.text_input(t("companions.lore.test"), key=TEST_KEY, placeholder=t("companions.lore.test_placeholder"))
    if not (sentence or "").strip():
        return
    hits = nb.companions.lorebooks.test_sentence(companion.character_book, sentence, char=companion.display_name)
    if not hits:
        st.caption(t("companions.lore.test_none"))
    for hit in hits:
        st.markdown(t("companions.lore.test_hit", entry=hit["entry"], reason=hit["reason"]))
        st.caption(hit["text"])


def render_lorebook(nb: Notebook, companion: Companion) -> None:
    """The companion's own lorebook: its entries (switch on/off, edit, remove), a new one, and a sentence test."""
    slug = companion.slug
    entries = nb.companions.lorebooks.companion_entries(slug)
    with st.expander(t("companions.lore.title", count=len(entries)), icon=":material/menu_book:",
                     expanded=EDITING_KEY in st.session_state):
        st.caption(t("companions.lore.intro"))
        problem = st.session_state.pop(PREFIX + "error", None)
        if problem:
            st.error(problem, icon=":material/error:")
        _render_test(nb, companion)
        for index, entry in enumerate(entries):
            label_col, on_col, edit_col, remove_col = st.columns([6, 1, 1, 1], vertical_alignment="center")
            label_col.markdown(_entry_label(entry, index + 1))
            st.session_state[f"{PREFIX}on_{index}"] = entry.get("enabled") is not False
            on_col.toggle(t("companions.lore.enabled"), key=f"{PREFIX}on_{index}", on_change=_switch,
                          args=(nb, slug, index), label_visibility="collapsed", help=t("companions.lore.enabled"))
            edit_col.button(t("companions.lore.edit_short"), key=f"{PREFIX}edit_{index}", on_click=_start_edit,
                            args=(index, entry), icon=":material/edit:", type="tertiary")
            remove_col.button(t("companions.lore.remove"), key=f"{PREFIX}remove_{index}", on_click=_remove,
                              args=(nb, slug, index), icon=":material/delete:", type="tertiary")
        if EDITING_KEY in st.session_state:
            _render_form(nb, slug)
        else:
            st.button(t("companions.lore.add"), key=PREFIX + "add", on_click=_start_edit, args=(None, None),
                      icon=":material/add:")


def _import_book(nb: Notebook) -> None:
    upload = st.session_state.get(UPLOAD_KEY)
    if upload is None:
        return
    try:
        stored = nb.companions.lorebooks.import_world_info(upload.getvalue(), upload.name.rsplit(".", 1)[0])
    except DuetError as exc:
        st.session_state[PREFIX + "shared_error"] = exc.message()
        return
    st.toast(t("lorebooks.cli.imported", name=stored.name, slug=stored.slug, count=len(stored.book.get("entries", []))))


def render_shared_lorebooks(nb: Notebook) -> None:
    """Standalone lorebooks (SillyTavern World Info): import, download, delete; stories attach them."""
    books = nb.companions.lorebooks.list()
    with st.expander(t("companions.lore.shared_title", count=len(books)), icon=":material/public:"):
        st.caption(t("companions.lore.shared_intro"))
        problem = st.session_state.pop(PREFIX + "shared_error", None)
        if problem:
            st.error(problem, icon=":material/error:")
        st.file_uploader(t("companions.lore.upload"), type=["json"], key=UPLOAD_KEY)
        st.button(t("companions.lore.import"), key=PREFIX + "import", on_click=_import_book, args=(nb,),
                  icon=":material/upload:")
        for book in books:
            name_col, get_col, remove_col = st.columns([5, 2, 1], vertical_alignment="center")
            name_col.markdown(t("companions.lore.shared_item", name=book.name,
                                count=len(book.book.get("entries", []))))
            get_col.download_button(t("companions.lore.download"), nb.companions.lorebooks.export_world_info(book.slug),
                                    file_name=f"{book.slug}.json", mime="application/json",
                                    key=f"{PREFIX}get_{book.slug}", icon=":material/download:")
            remove_col.button(t("companions.lore.remove"), key=f"{PREFIX}delete_{book.slug}", on_click=attempt,
                              args=(nb.companions.lorebooks.delete, book.slug), kwargs={"error_key": PREFIX + "shared_error"}, icon=":material/delete:", type="tertiary")
