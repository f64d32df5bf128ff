"""``python -m journal``: the command line of a Duet notebook."""

from journal.cli import main

raise SystemExit(main())
