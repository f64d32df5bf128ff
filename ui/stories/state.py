"""Every session key of the Stories page, in one place: what the page remembers between reruns.

The page keeps only the interface's own state here (which story is open, which turn shows its controls,
what is being edited); the story itself is its file. No reply is queued here: a button or the chat box
that asks for a reply is read, as a widget value, by the run it triggers (``ui/stories/reply.py``).
"""

from __future__ import annotations

# which story is open (ui/stories/picker.py)
OPEN_KEY = "story_open"
PICK_KEY = "story_pick"                     # + a digest of the options: see picker.render_picker
NEW_BOX_KEY = "story_new_box"               # the "Start a new story" expander: open or folded
NEW_COMPANION_KEY = "new_story_companion"   # set by the Companions page's "Start a story" (ui/companions/listing.py)
NEW_PREFIX = "story_new_"                   # + companion, mode, title, persona and the scenario's fields
NEW_FIELD_COMPANION, NEW_FIELD_MODE = NEW_PREFIX + "companion", NEW_PREFIX + "mode"
NEW_FIELD_TITLE, NEW_FIELD_PERSONA = NEW_PREFIX + "title", NEW_PREFIX + "persona"
CREATE_KEY = "story_create"
PICKER_ERROR_KEY = "story_picker_error"     # a story that could not be started, shown above the picker

# the open story (ui/stories/view.py, header.py, turns.py)
ERROR_KEY = "story_error"                   # an action's error sentence, shown above the story
WINDOW_KEY = "story_window"                 # {story id: how many latest turns are drawn}
ACTIVE_KEY = "story_active"                 # the turn showing its controls (else the last one)
EDITING_KEY = "story_editing"               # the turn being edited
EARLIER_KEY = "story_earlier"
EDIT_PREFIX = "story_edit_"                 # + turn id: the text being edited
UNDO_KEY = "story_undo"
CONFIRM_KEY = "story_delete"                # ui.confirm: buttons story_delete_yes / _no
DELETE_STORY_KEY = "story_delete_story"
OPEN_PARENT_KEY = "story_open_parent"
OPEN_BRANCH_PREFIX = "story_open_branch_"   # + branch id
RESTORE_PREFIX = "story_restore_"           # + version id
SHARE_KEY = "share_story"                   # the turns handed to the Share page (with ui.links.open_share)


def turn_key(control: str, turn_id: str) -> str:
    """A turn's own control: ``prev``, ``next``, ``regen``, ``continue``, ``golden``, ``edit_btn``, ``delete``,
    ``branch``, ``share``, ``pick`` (⋯), ``save``, ``cancel``."""
    return f"story_{control}_{turn_id}"


# writing the next turn (ui/stories/input.py, reply.py, why.py)
INPUT_KEY = "story_input"                   # the chat box: its value is the person's turn, read once per run
KIND_KEY = "story_kind"                     # narrate mode: say / do / story
STOP_KEY = "story_stop"
GO_ON_KEY = "story_go_on"
REPLY_NOW_KEY = "story_reply_now"
CHOICE_PREFIX = "story_choice_"             # + the choice's number
SUGGEST_CHOICES_KEY = "story_suggest_choices"
CHOICES_ERROR_KEY = "story_choices_error"   # shown under the "Suggest choices" button, not at the top of the page
REMEMBER_KEY = "story_remember"             # {story id: "remember that…" facts offered to pin}
PIN_OFFER_PREFIX = "story_pin_offer_"
WHY_KEY = "story_why"                       # {story id: the latest reply's prompt assembly}
WHY_EXPLAIN_KEY = "story_why_explain"

# the side panel (ui/stories/tools.py)
PERSONA_KEY = "story_persona"
MOOD_PREFIX = "story_mood_"                 # + story id
MEMORIES_BOX_KEY = "story_memories_box"
MEMORY_NEW_KEY, MEMORY_ADD_KEY, MEMORY_SUGGEST_KEY = "story_memory_new", "story_memory_add", "story_memory_suggest"
MEMORY_REMOVE_PREFIX, MEMORY_ACCEPT_PREFIX = "story_memory_remove_", "story_memory_accept_"
SUGGESTED_KEY = "story_suggested_memories"  # {story id: memories the model offered}
NOTE_BOX_KEY, NOTE_KEY, NOTE_DEPTH_KEY = "story_note_box", "story_note", "story_note_depth"
NOTE_FOR_KEY, NOTE_SAVE_KEY = "story_note_for", "story_note_save"   # the story the note widgets were filled from
LORE_BOX_KEY, LOREBOOKS_KEY = "story_lore_box", "story_lorebooks"
MILESTONES_BOX_KEY = "story_milestones_box"
MILESTONE_DATE_KEY, MILESTONE_LABEL_KEY = "story_milestone_date", "story_milestone_label"
MILESTONE_ADD_KEY, MILESTONE_REMOVE_PREFIX = "story_milestone_add", "story_milestone_remove_"
EXPORT_BOX_KEY = "story_export_box"
EXPORT_MD_KEY, EXPORT_MD_ALL_KEY, EXPORT_JSONL_KEY = "story_export_md", "story_export_md_all", "story_export_jsonl"
SHARE_FIRST_KEY, SHARE_LAST_KEY, SHARE_RANGE_KEY = "story_share_first", "story_share_last", "story_share_range"
