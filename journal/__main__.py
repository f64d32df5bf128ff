"""``python -m journal``: the command line of a Duet notebook."""

import os
import sys

from journal.cli import main

try:
    code = main()
    sys.stdout.flush()
except BrokenPipeError:
    # The reader went away (``… --json | head``): what was asked for has been read, so no traceback. Python's
    # own advice: point stdout at devnull, so the flush at exit cannot raise again.
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    code = 1
raise SystemExit(code)
