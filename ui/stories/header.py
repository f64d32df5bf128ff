"""The open story's header: who and which mode, where it branched from, its branches, and Undo."""

from __future__ import annotations

import streamlit as st

from journal.errors import DuetError
from journal.i18n import t
from journal.notebook import Notebook
from journal.stories.model import Story
from ui import confirm
from ui.stories.picker import open_story, switch_story
from ui.stories.state import (ACTIVE_KEY, CONFIRM_KEY, DELETE_STORY_KEY, EDITING_KEY, OPEN_BRANCH_PREFIX, OPEN_PARENT_KEY,
                              RESTORE_PREFIX, UNDO_KEY)
from ui.stories.turns import run_action

AVATAR_PX = 96
AVATAR_FORMAT = "WEBP"


def _undo(nb: Notebook, story_id: str) -> None:
    if run_action(nb.stories.undo, story_id, success="stories.header.undone") is not None:
        for key in (ACTIVE_KEY, EDITING_KEY):
            st.session_state.pop(key, None)


def _delete(nb: Notebook, story_id: str, title: str) -> None:
    nb.stories.delete(story_id)
    open_story(None)
    from ui.common import flash

    flash("stories.header.deleted", title=title)


def _restore(nb: Notebook, story_id: str, version_id: str) -> None:
    if run_action(nb.stories.restore_version, story_id, version_id, success="history.page.version_restored") is not None:
        for key in (ACTIVE_KEY, EDITING_KEY):
            st.session_state.pop(key, None)


def _versions(nb: Notebook, story: Story) -> None:
    """Earlier versions of the story (kept by each change); restoring one can itself be undone."""
    from journal.i18n.formatting import format_datetime

    versions = nb.stories.versions(story.id)
    with st.popover(t("history.page.history"), icon=":material/history:"):
        if not versions:
            st.caption(t("history.page.no_versions"))
        for version in versions:
            st.button(t("history.page.version_label", saved=format_datetime(version.saved)),
                      key=RESTORE_PREFIX + version.id, on_click=_restore, args=(nb, story.id, version.id),
                      help=t("history.page.restore_version"), type="tertiary")


def avatar_for(nb: Notebook, story: Story) -> str | None:
    """The companion's picture as a small WebP data URL: drawn in every chat bubble, it must cost neither
    decoding nor bandwidth (the thumbnail is made once per picture)."""
    import base64

    try:
        picture = nb.companions.avatar_thumbnail(nb.companions.get(story.companion), AVATAR_PX, AVATAR_PX,
                                                 fmt=AVATAR_FORMAT)
    except DuetError:
        return None
    return "data:image/webp;base64," + base64.b64encode(picture).decode("ascii")


def render_header(nb: Notebook, story: Story) -> None:
    title, undo = st.columns([5, 1])
    title.subheader(story.title)
    title.caption(t("stories.header.caption", companion=story.display_companion, mode=t(f"stories.mode.{story.mode}"),
                    turns=len(story.turns)))
    undo.button(t("stories.header.undo"), key=UNDO_KEY, on_click=_undo, args=(nb, story.id),
                icon=":material/undo:", disabled=not nb.stories.can_undo(story.id), help=t("stories.header.undo_help"))
    if story.branch_of and nb.stories.exists(story.branch_of.get("story", "")):
        st.button(t("stories.header.branch_of"), key=OPEN_PARENT_KEY, icon=":material/call_merge:",
                  on_click=switch_story, args=(story.branch_of.get("story"),), type="tertiary")
    if undo.button(t("stories.header.delete"), key=DELETE_STORY_KEY, icon=":material/delete:", type="tertiary"):
        confirm.ask(CONFIRM_KEY, story.id)
    confirm.confirm_if_asked(CONFIRM_KEY, story.id, question=t("stories.header.delete_question", title=story.title),
                             warning=t("stories.header.delete_warning"), yes=t("stories.header.delete_yes"), no=t("stories.header.delete_no"),
                             on_yes=lambda: _delete(nb, story.id, story.title))
    _versions(nb, story)
    branches = nb.stories.branches_of(story.id)
    if branches:
        with st.popover(t("stories.header.branches", count=len(branches)), icon=":material/call_split:"):
            for branch in branches:
                st.button(branch.title, key=OPEN_BRANCH_PREFIX + branch.id, on_click=switch_story, args=(branch.id,),
                          type="tertiary")
