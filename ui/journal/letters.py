"""Letters back on the Journal page: offered under a saved entry, streamed as they are written, linked both ways;
milestone letters (first talk, 100 days, an anniversary) offered at the top, each with its carousel ready to post.

Every policy (opt-in, help first, the step-back nudge, one letter per companion per entry) is the core's
(``nb.companions.letters``); this module only shows what it offers and streams what it plans.
"""

from __future__ import annotations

import streamlit as st

from journal.entries.model import Entry
from journal.errors import DuetError
from journal.i18n import t, tn
from journal.i18n.formatting import format_date
from journal.notebook import Notebook
from ui.common import flash, show_error
from ui.links import open_share
from ui.streaming import StreamOutcome, page_chat, show_outcome_notice, stream_reply

AUTO_DONE_KEY = "letters_auto_done"      # {(entry id, slug)} written (or tried) unprompted in this session
CAROUSEL_KEY = "letters_carousel"        # the letter id whose carousel is shown
PREFIX = "letters_"
LAST_SAVED_KEY = "journal_last_saved"     # set by the Journal page when a new entry is saved


def _open_entry(entry_id: str) -> None:
    st.session_state["journal_open"] = entry_id
    st.session_state["journal_mode"] = "read"


def _stream_and_keep(nb: Notebook, plan, stop_key: str, name: str) -> str | None:
    """Stream the planned letter into the page and keep it when it arrived whole; the letter's id, or None."""
    letters = nb.companions.letters
    if not plan.ready:
        st.info(t(f"letters.reasons.{plan.reason}", name=name), icon=":material/info:")
        return None
    try:
        chat = page_chat(nb)
    except DuetError as exc:
        show_error(exc)
        return None
    outcome = StreamOutcome()
    with st.container(border=True):
        st.caption(t("letters.writing", name=name))
        stream_reply(chat.stream_chat(plan.messages), outcome, stop_key=stop_key)
    if not outcome.finished:
        show_outcome_notice(outcome)
        return None
    kept = letters.keep(plan, outcome.text)
    if kept.letter is None:
        st.info(t(f"letters.reasons.{kept.reason}", name=name), icon=":material/info:")
        return None
    return kept.letter.id


def render_entry_letters(nb: Notebook, entry: Entry, *, just_saved: bool = False) -> bool:
    """Under an entry: the letters that answer it, and an offer from each companion with letters on.

    ``just_saved``: the entry was saved a moment ago, so companions set to write unprompted write now (once).
    A letter shows the entry it answers instead.
    """
    letters = nb.companions.letters
    if letters.is_letter(entry):
        origin = letters.reply_to(entry)
        if origin is not None:
            st.button(t("letters.in_reply_to", title=origin.title), key=f"{PREFIX}origin_{entry.id}",
                      icon=":material/reply:", type="tertiary", on_click=_open_entry, args=(origin.id,))
        if st.session_state.get(CAROUSEL_KEY) == entry.id:
            render_carousel(nb, entry.id, closable=True)
        elif st.button(t("letters.carousel_show"), key=f"{PREFIX}carousel_{entry.id}", icon=":material/view_carousel:"):
            st.session_state[CAROUSEL_KEY] = entry.id
            st.rerun()
        return True
    written = letters.letters_to(entry)
    offers = letters.offers(entry.id)
    if not written and not offers:
        return False
    st.markdown(f"**{t('letters.heading')}**")
    for link in written:
        st.button(t("letters.open", name=link.companion, title=link.title), key=f"{PREFIX}open_{link.id}",
                  icon=":material/mail:", type="tertiary", on_click=_open_entry, args=(link.id,))
    done = st.session_state.setdefault(AUTO_DONE_KEY, set())
    for offer in offers:
        auto = just_saved and offer.unprompted and (entry.id, offer.slug) not in done
        asked = st.button(t("letters.ask", name=offer.name), key=f"{PREFIX}ask_{entry.id}_{offer.slug}",
                          icon=":material/edit_note:")
        if not (auto or asked):
            continue
        done.add((entry.id, offer.slug))        # unprompted once: a stopped letter is not started again by itself
        letter_id = _stream_and_keep(nb, letters.plan(entry.id, offer.slug), f"{PREFIX}stop_{offer.slug}", offer.name)
        if letter_id:
            flash("letters.saved", name=offer.name)
            st.rerun()
    return True


def render_milestone_letters(nb: Notebook) -> None:
    """Milestones due now (from companions with letters on): write the letter, or decline it for good."""
    letters = nb.companions.letters
    try:
        offers = letters.milestones_due()
    except DuetError as exc:
        show_error(exc)
        return
    for offer in offers:
        key = f"{PREFIX}milestone_{offer.slug}_{offer.key}"
        with st.container(border=True):
            occasion = letters.occasion(offer)
            st.markdown(t("letters.milestone_offer", name=offer.companion, occasion=occasion,
                          day=format_date(offer.day)))
            write, later = st.columns(2)
            if later.button(t("letters.milestone_dismiss"), key=key + "_no", icon=":material/close:"):
                letters.dismiss_milestone(offer)
                st.rerun()
            if write.button(t("letters.milestone_write", name=offer.companion), key=key + "_write", type="primary",
                            icon=":material/mail:"):
                letter_id = _stream_and_keep(nb, letters.plan_milestone(offer), key + "_stop", offer.companion)
                if letter_id:
                    st.session_state[CAROUSEL_KEY] = letter_id
                    flash("letters.saved_milestone", name=offer.companion)
                    st.rerun()
    letter_id = st.session_state.get(CAROUSEL_KEY)
    if letter_id:
        render_carousel(nb, letter_id, closable=True)


@st.cache_data(max_entries=4, show_spinner=False)
def _carousel(_nb: Notebook, home: str, letter_id: str, version: str | None):
    """The letter's cards, drawn once per version of the letter (``home`` and ``version`` key the cache)."""
    return _nb.companions.letters.carousel(letter_id)


def render_carousel(nb: Notebook, letter_id: str, *, closable: bool = False) -> None:
    """The letter's ready carousel: every card, one zip of them, the caption, and the Share page to change it."""
    try:
        letter = nb.get_entry(letter_id)
        with st.spinner(t("letters.carousel_rendering")):
            carousel = _carousel(nb, str(nb.home), letter_id, letter.version)
    except DuetError as exc:
        show_error(exc)
        st.session_state.pop(CAROUSEL_KEY, None)
        return
    with st.container(border=True):
        st.markdown(f"**{tn('letters.carousel_heading', len(carousel.pngs))}**")
        columns = st.columns(min(len(carousel.pngs), 3) or 1)
        for number, png in enumerate(carousel.pngs):
            columns[number % len(columns)].image(png, caption=f"{number + 1}/{len(carousel.pngs)}", width="stretch")
        if carousel.caption:
            st.code(carousel.caption, language=None, wrap_lines=True)
        zip_col, share_col, close_col = st.columns(3)
        zip_col.download_button(t("letters.carousel_zip", count=len(carousel.pngs)), carousel.zip_bytes,
                                file_name=f"{carousel.stem}.zip", mime="application/zip", key=f"{PREFIX}zip_{letter_id}",
                                on_click="ignore", icon=":material/folder_zip:", width="stretch")
        if share_col.button(t("letters.carousel_edit"), key=f"{PREFIX}share_{letter_id}", icon=":material/ios_share:",
                            width="stretch"):
            open_share(entry_id=letter_id)
        if closable and close_col.button(t("letters.carousel_close"), key=f"{PREFIX}close_{letter_id}",
                                         icon=":material/close:", width="stretch"):
            st.session_state.pop(CAROUSEL_KEY, None)
            st.rerun()


def render_just_saved(nb: Notebook) -> None:
    """Right after a new entry is saved: its letters (offered, or written unprompted), until the person moves on."""
    entry_id = st.session_state.get(LAST_SAVED_KEY)
    if not entry_id:
        return
    try:
        entry = nb.get_entry(entry_id)
    except DuetError:
        st.session_state.pop(LAST_SAVED_KEY, None)
        return
    letters = nb.companions.letters
    if letters.is_letter(entry) or not (letters.offers(entry.id) or letters.letters_to(entry)):
        return                                  # nobody to write back: no empty box after every save
    with st.container(border=True):
        if render_entry_letters(nb, entry, just_saved=True) and st.button(
                t("letters.done"), key=f"{PREFIX}done", type="tertiary", icon=":material/check:"):
            st.session_state.pop(LAST_SAVED_KEY, None)
            st.rerun()
