"""The turns of the open story, with per-turn controls.

Only the latest ``PAGE_TURNS`` turns are drawn ("Show earlier" pages back),
and only one turn at a time shows its controls (the last one, or the one
picked with ⋯), so a 2,000-turn story costs the same to draw as a short one.
Actions run in button callbacks, before the story is drawn, so it shows their
result at once. Regenerate and Continue have no callback: the run their click
triggers reads them (:func:`ui.stories.reply.requested_reply`) and streams the
reply in the turn's own place.
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache
from typing import Any, Callable, TypeVar

import streamlit as st

from journal.i18n import current_language, t
from journal.i18n.formatting import format_datetime
from journal.notebook import Notebook
from journal.stories.model import GOLDEN_KEY, INCOMPLETE_KEY, Story, Turn
from ui.common import attempt, flash, html_for_st_markdown, offer_remote_images, remote_images_allowed
from ui.stories.picker import switch_story
from ui.stories.state import ACTIVE_KEY, EARLIER_KEY, EDIT_PREFIX, EDITING_KEY, ERROR_KEY, SHARE_KEY, WINDOW_KEY, turn_key

PAGE_TURNS = 30
EDIT_HEIGHT = 160
HTML_CACHE_TURNS = 512   # rendered turns kept in memory: paging back and forth never re-renders them
T = TypeVar("T")


@lru_cache(maxsize=HTML_CACHE_TURNS)
def turn_html(nb: Notebook, text: str, remote_images: bool = False, lang: str = "") -> Any:
    """Sanitized HTML of a turn, ready for ``st.markdown``; markdown + nh3 cost ~3 ms a turn: rendered once.

    ``lang`` is only part of the cache key: a held-back picture's placeholder is worded in it. Pictures kept in
    the notebook (``../attachments/…`` from ``stories/``) are shown inline.
    """
    folder = nb.home / "stories" if "attachments/" in text else None
    rendered = nb.render(text, folder, remote_images=remote_images)
    return replace(rendered, html=html_for_st_markdown(rendered.html))


def run_action(action: Callable[..., T], *args: Any, success: str | None = None,
               clear: tuple[str, ...] = ()) -> T | None:
    """A callback's work: ``action(*args)``, its error sentence shown above the story if it fails.

    On success the ``clear`` inputs are emptied and ``success`` is flashed. Returns what ``action``
    returned (the changed story), or None when it failed.
    """
    result = attempt(action, *args, error_key=ERROR_KEY)
    if result is None:
        return None
    for key in clear:
        st.session_state[key] = ""
    if success:
        flash(success)
    return result


def window_start(story: Story) -> int:
    shown = st.session_state.get(WINDOW_KEY, {}).get(story.id, PAGE_TURNS)
    return max(0, len(story.turns) - shown)


def _show_more(story_id: str) -> None:
    windows = st.session_state.setdefault(WINDOW_KEY, {})
    windows[story_id] = windows.get(story_id, PAGE_TURNS) + PAGE_TURNS


# --- callbacks ------------------------------------------------------------------------------

def _delete(nb: Notebook, story_id: str, index: int) -> None:
    if run_action(nb.stories.delete_turn, story_id, index, success="stories.turns.deleted") is not None:
        st.session_state.pop(ACTIVE_KEY, None)


def _save_edit(nb: Notebook, story_id: str, index: int, turn_id: str) -> None:
    from ui.safety_panel import remember_assessment, story_panel_key

    story = run_action(nb.stories.edit_turn, story_id, index, st.session_state.get(EDIT_PREFIX + turn_id, ""))
    if story is not None:
        st.session_state.pop(EDITING_KEY, None)
        if story.safety is not None:  # the person edited their own turn: its check, like a new turn's
            remember_assessment(story.safety, story_panel_key(story_id))


def _branch(nb: Notebook, story_id: str, index: int) -> None:
    branch = run_action(nb.stories.branch, story_id, index)
    if branch is not None:
        flash("stories.turns.branched", title=branch.title)
        switch_story(branch.id)


def _set(key: str, value: Any) -> None:
    st.session_state[key] = value


# --- drawing --------------------------------------------------------------------------------

def active_turn(story: Story) -> str | None:
    """The id of the turn that shows its controls: the one picked with ⋯, else the last one drawn."""
    ids = {turn.id for turn in story.turns[window_start(story):]}
    active = st.session_state.get(ACTIVE_KEY)
    return active if active in ids else (story.turns[-1].id if story.turns else None)


def _controls(nb: Notebook, story: Story, index: int, turn: Turn) -> None:
    """Icon and a short word on every control: an icon alone has no name for a screen reader, and "?" for a person.

    Regenerate and Continue ask for a reply: their value is read by the run they trigger (no callback, no queue).
    """
    last = index == len(story.turns) - 1
    versions = len(turn.alternatives)

    def control(name: str, icon: str, key: str, **kwargs: Any) -> bool:
        return st.button(t(f"stories.turns.labels.{name}"), icon=icon, key=turn_key(key, turn.id),
                         help=t(f"stories.turns.{name}"), type="tertiary", **kwargs)

    with st.container(horizontal=True, gap="small"):
        control("previous", ":material/chevron_left:", "prev", disabled=turn.chosen == 0,
                on_click=run_action, args=(nb.stories.choose, story.id, index, turn.chosen - 1))
        control("next", ":material/chevron_right:", "next", disabled=turn.chosen >= versions - 1,
                on_click=run_action, args=(nb.stories.choose, story.id, index, turn.chosen + 1))
        if not turn.is_user:
            control("regenerate", ":material/refresh:", "regen")
            control("continue", ":material/read_more:", "continue", disabled=not last)
            golden = bool(turn.extra.get(GOLDEN_KEY))
            control("unstar" if golden else "golden", ":material/star:" if golden else ":material/star_border:",
                    "golden", on_click=run_action, args=(nb.stories.star_turn, story.id, index, not golden))
        control("edit", ":material/edit:", "edit_btn", on_click=_set, args=(EDITING_KEY, turn.id))
        control("delete", ":material/delete:", "delete", on_click=_delete, args=(nb, story.id, index))
        control("branch", ":material/call_split:", "branch", on_click=_branch, args=(nb, story.id, index))
        if control("share", ":material/ios_share:", "share"):
            share_turns(story.id, index, index)


def share_turns(story_id: str, first: int, last: int) -> None:
    """Hand turns ``first``..``last`` (0-based, inclusive) to the Share page and go there."""
    from ui.links import open_share

    st.session_state[SHARE_KEY] = {"story": story_id, "turns": [first, last]}
    open_share(story_id=story_id, turns=f"{first + 1}-{last + 1}")   # the Share page counts from 1


def _caption(nb: Notebook, story: Story, turn: Turn) -> str:
    parts = [nb.stories.speaker(story, turn)]
    if turn.created:
        parts.append(format_datetime(turn.created))
    if len(turn.alternatives) > 1:
        parts.append(t("stories.turns.version", number=turn.chosen + 1, count=len(turn.alternatives)))
    if turn.kind:
        parts.append(t(f"stories.kind.{turn.kind}"))
    if turn.extra.get(INCOMPLETE_KEY):
        parts.append(t("stories.turns.incomplete"))
    return " · ".join(parts)


def _editor(nb: Notebook, story: Story, index: int, turn: Turn) -> None:
    key = EDIT_PREFIX + turn.id
    if key not in st.session_state:
        st.session_state[key] = turn.text
    st.text_area(t("stories.turns.edit_label"), key=key, height=EDIT_HEIGHT)
    save, cancel = st.columns([1, 1])
    save.button(t("stories.turns.save"), key=turn_key("save", turn.id), type="primary", on_click=_save_edit,
                args=(nb, story.id, index, turn.id))
    cancel.button(t("stories.turns.cancel"), key=turn_key("cancel", turn.id), on_click=_set, args=(EDITING_KEY, None))


def render_turn(nb: Notebook, story: Story, index: int, turn: Turn, *, active: bool, avatar: Any) -> tuple[str, ...]:
    """Draw one turn; the hosts of the outside pictures held back in it."""
    with st.chat_message("user" if turn.is_user else "assistant", avatar=None if turn.is_user else avatar):
        if st.session_state.get(EDITING_KEY) == turn.id:
            _editor(nb, story, index, turn)
            return ()
        shown = turn_html(nb, turn.text, remote_images_allowed(story.id), current_language())
        st.markdown(shown.html, unsafe_allow_html=True)
        if active:
            st.caption(_caption(nb, story, turn))
            _controls(nb, story, index, turn)
            return shown.blocked_hosts
        meta, more = st.columns([10, 2], vertical_alignment="center")  # the actions toggle beside the date
        meta.caption(_caption(nb, story, turn))
        more.button(t("stories.turns.labels.actions"), icon=":material/more_horiz:", key=turn_key("pick", turn.id),
                    help=t("stories.turns.actions"),
                    on_click=_set, args=(ACTIVE_KEY, turn.id), type="tertiary")
    return shown.blocked_hosts


def render_turns(nb: Notebook, story: Story, avatar: Any, *, streaming: bool = False,
                 in_place: str | None = None) -> Any:
    """Draw the latest turns. While a reply is about to stream (``streaming``) no turn shows its controls:
    they would be stale by the end of the run. The turn ``in_place`` (being regenerated or continued) gets an
    empty slot instead of its bubble; the slot is returned for the reply to stream into."""
    start = window_start(story)
    if start > 0:
        st.button(t("stories.turns.earlier", count=start), key=EARLIER_KEY, on_click=_show_more,
                  args=(story.id,), icon=":material/expand_less:")
    if not story.turns:
        st.caption(t("stories.turns.empty"))
        return None
    active = None if streaming else active_turn(story)
    blocked: list[str] = []
    slot = None
    for index in range(start, len(story.turns)):
        turn = story.turns[index]
        if turn.id == in_place:
            slot = st.empty()
            continue
        blocked += render_turn(nb, story, index, turn, active=turn.id == active, avatar=avatar)
    offer_remote_images(story.id, blocked)
    return slot
