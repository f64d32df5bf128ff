"""What every save in the Notebook applies on the way out, so each path (page, CLI, import) gets it alike.

Today the crisis check (issue #21): a save of something a person wrote returns
what :mod:`journal.safety.policy` found. This module is tiny on purpose: the
Notebook imports it at start-up, and the safety rules load on the first save,
so a CLI ``search`` never pays for compiling them.
"""

from __future__ import annotations

import functools
from typing import Any, Callable


def crisis_checked(save: Callable[..., Any]) -> Callable[..., Any]:
    """Wrap a Notebook method that saves and returns an Entry: the entry comes back with ``.safety`` set."""

    @functools.wraps(save)
    def checked(notebook: Any, *args: Any, **kwargs: Any) -> Any:
        from journal.safety.policy import check_writing, written_text

        entry = save(notebook, *args, **kwargs)
        entry.safety = check_writing(written_text(entry.body, entry.title), notebook.home)
        return entry

    return checked
