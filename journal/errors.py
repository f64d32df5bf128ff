"""Errors a person can cause, each carrying a sentence they can understand.

Every user-facing failure is a :class:`DuetError` built from a catalogue key,
so the CLI and the pages can print it in the reader's language instead of a
traceback.
"""

from __future__ import annotations

from typing import Any


class DuetError(Exception):
    """A failure the user can act on; ``str()`` gives the English sentence."""

    def __init__(self, key: str, /, **params: Any) -> None:  # positional-only: a param may be called "key"
        self.key = key
        self.params = params
        super().__init__(self.message("en"))

    def message(self, lang: str | None = None) -> str:
        """The sentence in ``lang`` (default: the current interface language)."""
        from journal.i18n import t

        return t(self.key, lang=lang, **self.params)


class InvalidInput(DuetError):
    """Text, a title, a number or a file that cannot be accepted as given."""


class NotFound(DuetError):
    """An id or name that matches nothing in the notebook."""


class BrokenFile(DuetError):
    """A file in the notebook or an import that cannot be read as what it claims."""


class StorageError(DuetError):
    """The notebook folder cannot be written (read-only, full, missing)."""


class SaveConflict(DuetError):
    """The file changed since the writer read it: nothing was overwritten, the writer's text is kept as a copy."""

    def __init__(self, path: str, copy: str) -> None:
        super().__init__("errors.save_conflict", path=path, copy=copy)
        self.path = path      # the file as someone else left it (kept)
        self.copy = copy      # the writer's version, saved beside it


class VaultLocked(DuetError):
    """The notebook is a vault and this process has not been given its passphrase."""


class WrongPassphrase(DuetError):
    """A passphrase that does not open the lock or the vault (nothing changed), or one tried while the lock's
    wait after wrong ones still runs."""
