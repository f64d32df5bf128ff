"""Every session key of the Share page, in one place: what the page remembers between reruns.

The keys other pages set to open the Share page on something (the hand-off) live in
:mod:`ui.links`, the one module every page may import; they are named here too, so this
file is the whole list.
"""

from __future__ import annotations

from ui.links import ENTRY_KEY, KIND_KEY, STORY_KEY, TURNS_KEY

__all__ = ["ENTRY_KEY", "KIND_KEY", "STORY_KEY", "TURNS_KEY"]   # the hand-off from other pages (ui.links)

# what to share (ui/share/source.py)
LINE_KEY = "share_line"                   # the one line typed to share as a quote
RANGE_KEY = "share_turn_range"            # (first, last) story turns, 1-based
RANGE_STORY_KEY = "share_turn_range_story"  # the story that range belongs to

# how it looks (ui/share/compose.py, ui/share/cover.py)
FORMAT_KEY = "share_format"
STYLE_KEY = "share_style"
THEME_KEY = "share_theme"
COVER_KEY = "share_cover"
PHOTO_KEY = "share_cover_photo"

# the privacy pass (ui/share/privacy.py)
REDACT_KEY = "share_redact"
NAMES_KEY = "share_names"
KEPT_KEY = "share_kept"                   # ids of findings the writer undid
KEPT_FOR_KEY = "share_kept_for"           # the source and names those ids belong to
SAVE_NAMES_KEY = "share_save_names"
UNDO_PREFIX = "share_undo_"               # + the finding's number

# the words around the cards (ui/share/caption.py)
TITLE_KEY, CAPTION_KEY, TAGS_KEY = "share_title", "share_caption", "share_tags"
WORDS_FOR_KEY = "share_words_for"         # the source the words were filled from
DEFAULTS_KEY = "share_word_defaults"      # what was filled in, to tell an edit from a default
SUGGESTION_KEY = "share_suggestion"       # the AI's suggestion, until "Use this" or "Dismiss"
SUGGEST_KEY, ACCEPT_KEY, DISMISS_KEY = "share_suggest", "share_accept", "share_dismiss"

# downloads (ui/share/preview.py): widget keys only, their values are never read
DOWNLOAD_PREFIX = "share_dl_"
