"""Where a passphrase comes from on the command line: ``DUET_PASSPHRASE`` for scripts, else a hidden prompt.

Shared by the vault (and, once it lands, the app lock): one place decides that
a passphrase is never an argument (it would sit in the shell history and the
process list) and that a script without a terminal gets a sentence, not a hang.
"""

from __future__ import annotations

import getpass
import os
import sys

from journal.errors import DuetError, InvalidInput
from journal.i18n import t

PASSPHRASE_ENV = "DUET_PASSPHRASE"
NEW_PASSPHRASE_ENV = "DUET_NEW_PASSPHRASE"   # the new one, for a script that changes the passphrase


def read_passphrase(prompt_key: str, *, env: str = PASSPHRASE_ENV, confirm_key: str | None = None) -> str:
    """The passphrase from ``env`` if set, else typed at a hidden prompt (twice when ``confirm_key`` is given)."""
    given = os.environ.get(env)
    if given:
        return given
    if not sys.stdin.isatty():
        raise DuetError("vault.errors.no_passphrase", env=env)
    typed = getpass.getpass(t(prompt_key) + " ")
    if confirm_key is not None and getpass.getpass(t(confirm_key) + " ") != typed:
        raise InvalidInput("vault.errors.passphrases_differ")
    return typed
