""""Try another model" under a companion: its golden moments replayed through a second provider, side by side with
what it said, then the voice habits the other model kept and lost, so the persona can be tuned before switching.

Nothing here is saved: the voice paragraph and the card above are where a person tunes, then replays again.
"""

from __future__ import annotations

import streamlit as st

from journal.companions.model import Companion
from journal.errors import DuetError
from journal.i18n import t
from journal.notebook import Notebook
from ui.common import escape_markdown
from ui.streaming import app_secrets

PREFIX = "another_"
CHOICE_KEY, URL_KEY, MODEL_KEY = PREFIX + "provider", PREFIX + "base_url", PREFIX + "model"
RESULT_KEY = PREFIX + "result"            # {"slug": …, "label": …, "rows": […], "habits": {…}} of the last replay


def _fill_from_choice(nb: Notebook) -> None:
    """A new provider picked: start from its address and model (a person may still change both)."""
    choice = next((c for c in nb.companions.another_model.choices() if c.id == st.session_state.get(CHOICE_KEY)), None)
    if choice is not None:
        st.session_state[URL_KEY], st.session_state[MODEL_KEY] = choice.base_url, choice.model


def _replay(nb: Notebook, slug: str) -> None:
    state = st.session_state
    try:
        result = nb.companions.another_model.replay(slug, state.get(CHOICE_KEY) or "", state.get(URL_KEY) or "",
                                                    state.get(MODEL_KEY) or "", secrets=app_secrets())
    except DuetError as exc:
        state[PREFIX + "error"] = exc.message()
        state.pop(RESULT_KEY, None)
        return
    state[RESULT_KEY] = {"slug": slug, **result}


def render_another_model(nb: Notebook, companion: Companion) -> None:
    state = st.session_state
    with st.expander(t("companions.another_model.title"), icon=":material/compare_arrows:"):
        golden = nb.companions.another_model.golden_count(companion.slug)
        st.caption(t("companions.another_model.intro", name=companion.name, count=golden))
        if not golden:
            st.info(t("stories.golden.none"), icon=":material/star:")
            return
        choices = nb.companions.another_model.choices()
        labels = {c.id: c.label or t("companions.another_model.custom") for c in choices}
        if CHOICE_KEY not in state:
            state[CHOICE_KEY] = choices[-1].id
            _fill_from_choice(nb)
        st.selectbox(t("companions.another_model.provider"), list(labels), key=CHOICE_KEY, format_func=labels.get,
                     on_change=_fill_from_choice, args=(nb,))
        chosen = next(c for c in choices if c.id == state[CHOICE_KEY])
        left, right = st.columns(2)
        left.text_input(t("companions.another_model.base_url"), key=URL_KEY)
        right.text_input(t("companions.another_model.model"), key=MODEL_KEY)
        if chosen.key_env:
            st.caption(t("companions.another_model.key_from", env=chosen.key_env))
        if not chosen.local:
            st.caption(t("companions.another_model.leaves", count=golden), help=t("companions.another_model.leaves_help"))
        st.button(t("companions.another_model.run", count=golden), key=PREFIX + "run", on_click=_replay,
                  args=(nb, companion.slug), icon=":material/replay:", type="primary")
        problem = state.pop(PREFIX + "error", None)
        if problem:
            st.error(problem, icon=":material/error:")
        result = state.get(RESULT_KEY)
        if result and result.get("slug") == companion.slug:
            _show_result(companion, result)


def _show_result(companion: Companion, result: dict) -> None:
    label, habits = result["label"], result["habits"]
    for row in result["rows"]:
        st.markdown(f"**{t('companions.another_model.moment', turn=row.turn + 1)}**")
        ours, theirs = st.columns(2)
        with ours.container(border=True):
            st.caption(companion.name)
            st.text(row.original)
        with theirs.container(border=True):
            st.caption(label)
            if label in row.replies:
                st.text(row.replies[label])
            else:
                st.error(row.errors.get(label, ""), icon=":material/error:")
    st.subheader(t("companions.another_model.kept", kept=habits["kept"], total=habits["total"], model=label))
    for check in habits["checks"]:
        mark = ":material/check_circle:" if check["kept"] else ":material/cancel:"
        seen = f" ({check['seen']})" if check["seen"] else ""
        st.markdown(f"{mark} {t('stories.cli.habit_' + check['habit'])}: {escape_markdown(check['value'] + seen)}")
    lost = [c for c in habits["checks"] if not c["kept"]]
    if lost:
        st.caption(t("companions.another_model.tune", name=companion.name))
