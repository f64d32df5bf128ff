"""Where a passphrase comes from on the command line: ``DUET_PASSPHRASE`` for scripts, else a hidden prompt.

One home for the app lock (``lock set|remove``) and the vault: a passphrase is
never an argument (it would sit in the shell history and the process list), a
script without a terminal gets a sentence instead of a hang, and a new
passphrase meets one rule. ``DUET_PASSPHRASE`` is the one in use (or the first
one, when none is set yet); ``DUET_NEW_PASSPHRASE`` the new one when changing it.
"""

from __future__ import annotations

import os
import sys

from journal.errors import InvalidInput
from journal.i18n import t

PASSPHRASE_ENV = "DUET_PASSPHRASE"
NEW_PASSPHRASE_ENV = "DUET_NEW_PASSPHRASE"   # the new one, for a script that changes the passphrase
MIN_PASSPHRASE_CHARS = 8
MAX_PASSPHRASE_CHARS = 1024   # argon2 takes any length; this only stops a pasted file


def read_passphrase(prompt_key: str = "privacy.passphrase.prompt", *, env: str = PASSPHRASE_ENV,
                    confirm_key: str | None = None) -> str:
    """The passphrase from ``env`` if set, else typed at a hidden prompt (twice when ``confirm_key`` is given)."""
    given = os.environ.get(env)
    if given:
        return given
    import getpass   # here, not at the top: getpass loads termios, and most commands never ask

    if not sys.stdin.isatty():   # getpass would read an echoing stdin, or hang on a pipe
        raise InvalidInput("privacy.passphrase.no_terminal", env=env)
    try:
        typed = getpass.getpass(t(prompt_key) + " ")
        if confirm_key is not None and getpass.getpass(t(confirm_key) + " ") != typed:
            raise InvalidInput("privacy.passphrase.mismatch")
    except (EOFError, KeyboardInterrupt):
        raise InvalidInput("privacy.passphrase.empty") from None
    if not typed:
        raise InvalidInput("privacy.passphrase.empty")
    return typed


def read_new_passphrase(env: str = PASSPHRASE_ENV) -> str:
    """A passphrase being chosen: from ``env``, or typed twice (a typo here would shut the person out)."""
    return check_new_passphrase(read_passphrase("privacy.passphrase.new_prompt", env=env,
                                                confirm_key="privacy.passphrase.again_prompt"))


def check_new_passphrase(value: str) -> str:
    """Refuse a passphrase too short to slow a guesser, or too long to be one."""
    if len(value.strip()) < MIN_PASSPHRASE_CHARS:
        raise InvalidInput("privacy.passphrase.too_short", minimum=MIN_PASSPHRASE_CHARS)
    if len(value) > MAX_PASSPHRASE_CHARS:
        raise InvalidInput("privacy.passphrase.too_long", maximum=MAX_PASSPHRASE_CHARS)
    return value
