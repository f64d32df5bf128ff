""""Why did it say that?": exactly what went into the latest reply's prompt, and what was left out."""

from __future__ import annotations

from typing import Any

import streamlit as st

from journal.i18n import t
from journal.notebook import Notebook
from journal.stories.model import Story
from ui.stories.state import WHY_EXPLAIN_KEY

def _label(piece: Any) -> str:
    ref = piece.ref or {}
    if piece.kind == "turn" and "turn" in ref:
        return t("stories.why.turn", number=ref["turn"] + 1)
    if piece.kind == "turn" and "turns" in ref:
        return t("stories.why.turns", first=ref["turns"][0] + 1, last=ref["turns"][1] + 1)
    if piece.kind == "note":
        return t("stories.why.kind.note", depth=ref.get("depth", 0))
    if piece.kind == "summary":
        return t("stories.why.kind.summary", covers=ref.get("covers", 0))
    if piece.kind == "lore":
        return t("stories.why.kind.lore", entry=ref.get("entry", ""), book=ref.get("book", ""))
    if piece.kind in ("recall", "journal") and "items" in ref:
        return t(f"stories.why.kind.{piece.kind}", count=len(ref["items"]))
    return t(f"stories.why.kind.{piece.kind}", count=ref.get("count", 1), depth=0, covers=0)


def _explain(nb: Notebook, story: Story) -> None:
    from ui.stories.reply import remember_assembly

    remember_assembly(story.id, nb.stories.last_reply_prompt(story))


def render_why(nb: Notebook, story: Story, assembly: Any) -> None:
    with st.expander(t("stories.why.title"), icon=":material/psychology_alt:"):
        if assembly is None:
            st.caption(t("stories.why.none"))
            st.button(t("stories.why.explain"), key=WHY_EXPLAIN_KEY, on_click=_explain, args=(nb, story))
            return
        st.caption(t("stories.why.summary", used=assembly.used, budget=assembly.budget, pieces=len(assembly.pieces)))
        if assembly.crisis:
            st.info(t("stories.why.crisis"), icon=":material/favorite:")
        rows = [{t("stories.why.col_part"): _label(p), t("stories.why.col_tokens"): p.tokens} for p in assembly.pieces]
        st.dataframe(rows, hide_index=True, width="stretch")
        for piece in (p for p in assembly.pieces if p.kind != "turn"):   # the turns are on the page already
            st.markdown(f"**{_label(piece)}**")
            if piece.kind == "lore":
                st.caption(piece.ref.get("reason", ""))
            st.text(piece.text)
        if assembly.dropped:
            st.caption(t("stories.why.dropped"))
            st.dataframe([{t("stories.why.col_part"): _label(p), t("stories.why.col_tokens"): p.tokens or None}
                          for p in assembly.dropped], hide_index=True, width="stretch")
