"""The privacy pass on the Share page: names to replace, what was found, and undo for each finding."""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass
from typing import Any

import streamlit as st

from journal.errors import DuetError
from journal.i18n import t
from journal.notebook import Notebook
from ui.common import show_error
from ui.share.state import KEPT_FOR_KEY, KEPT_KEY, NAMES_KEY, REDACT_KEY, SAVE_NAMES_KEY, UNDO_PREFIX


def _format_names(names: dict[str, str]) -> str:
    return ", ".join(f"{real}={pseudonym}" for real, pseudonym in names.items())


def _read_names(nb: Notebook, text: str) -> dict[str, str]:
    return nb.share.parse_names([part for part in re.split(r"[,，、;；\n]+", text or "") if part.strip()])


def _toggle(finding_id: str) -> None:
    kept = set(st.session_state.get(KEPT_KEY, set()))
    kept.symmetric_difference_update({finding_id})
    st.session_state[KEPT_KEY] = kept


def source_key(source: Any) -> str:
    """A stable text key for a source (for caches and for knowing when the choice changed)."""
    return json.dumps(asdict(source), ensure_ascii=False, sort_keys=True, default=str)


@dataclass(frozen=True)
class PrivacyChoice:
    """What the writer chose for the privacy pass, handed to :func:`journal.share.post.make_post` as it is."""

    names: dict[str, str]
    keep: tuple[str, ...]
    redact_names: bool

    def as_options(self) -> dict:
        return {"names": self.names, "keep": self.keep, "redact_names": self.redact_names}


def render_privacy(nb: Notebook, source: Any) -> tuple[Any, PrivacyChoice]:
    """Widgets for the privacy pass; returns the source as it will be shared and the writer's choices."""
    st.session_state.setdefault(REDACT_KEY, True)
    if NAMES_KEY not in st.session_state:
        st.session_state[NAMES_KEY] = _format_names(nb.share.saved_names())
    enabled = st.toggle(t("share.privacy.toggle"), key=REDACT_KEY, help=t("share.privacy.toggle_help"))
    names_text = st.text_input(t("share.privacy.names"), key=NAMES_KEY, placeholder=t("share.privacy.names_placeholder"),
                                      help=t("share.privacy.names_help"), disabled=not enabled)
    names = _read_names(nb, names_text)
    if st.button(t("share.privacy.remember"), key=SAVE_NAMES_KEY, disabled=not enabled,
                 icon=":material/bookmark:"):
        try:
            nb.share.save_names(names)
            st.toast(t("share.privacy.remembered"))
        except DuetError as exc:
            show_error(exc)

    key = source_key(source)
    marker = key + "\x00" + json.dumps(names, ensure_ascii=False, sort_keys=True)
    if st.session_state.get(KEPT_FOR_KEY) != marker:  # another text or other names: undos no longer apply
        st.session_state[KEPT_FOR_KEY] = marker
        st.session_state[KEPT_KEY] = set()
    choice = PrivacyChoice(names, tuple(sorted(st.session_state[KEPT_KEY])), enabled)
    protected = nb.share.protected_source(source, names, keep=choice.keep, enabled=enabled)
    if not enabled:
        st.warning(t("share.privacy.off"), icon=":material/visibility:")
        return protected, choice
    if not protected.findings:
        st.caption(t("share.privacy.nothing"))
        return protected, choice
    st.caption(t("share.privacy.found", count=len(protected.applied), total=len(protected.findings)))
    for number, finding in enumerate(protected.findings):
        undone = finding.id in protected.kept
        text_col, button_col = st.columns([3, 1], vertical_alignment="center")
        label = t(f"share.privacy.kinds.{finding.kind}")
        shown = _code(finding.original) if undone else f"~~{_code(finding.original)}~~ → {_code(finding.replacement)}"
        text_col.markdown(f"**{label}** · {shown}")
        button_col.button(t("share.privacy.redo") if undone else t("share.privacy.undo"), key=f"{UNDO_PREFIX}{number}",
                          on_click=_toggle, args=(finding.id,), width="stretch")
    _preview(nb, source, protected)
    return protected, choice


def _preview(nb: Notebook, source: Any, protected: Any) -> None:
    """The shared words with every replacement highlighted, so a missed name stands out."""
    with st.expander(t("share.privacy.preview"), icon=":material/visibility:"):
        for _field, segments in nb.share.highlighted(source, protected):
            st.markdown("".join(f":orange-background[{_escape(text)}]" if replaced else _escape(text)
                                for text, replaced in segments))


def _escape(text: str) -> str:
    """Plain words in st.markdown: markdown and Streamlit's [directive] brackets shown as typed."""
    return "".join("\\" + c if c in "\\`*_{}[]()#+-.!|~<>:$" else c for c in text).replace("\n", "  \n")


def _code(text: str) -> str:
    """Inline code, so the writer's words show exactly and no markdown in them is interpreted."""
    clean = text.replace("`", "'").replace("\n", " ")
    return f"`{clean}`"
