"""Turn a journal entry, a few story turns or a single line into a post that is ready to publish.

The renderer only ever sees a :class:`~journal.share.source.ShareSource`, a
neutral description of what to share, so entries, story turns and single
lines all go through one privacy pass, one card renderer and one exporter.
"""

from journal.share.source import (
    ShareSource,
    ShareTurn,
    source_from_entry,
    source_from_line,
    source_from_turns,
)

__all__ = ["ShareSource", "ShareTurn", "source_from_entry", "source_from_line", "source_from_turns"]
