"""Duet's core: a local-first notebook of journal entries and co-written stories.

Nothing in this package imports streamlit, so every feature can be used and
tested from Python or the command line alone.
"""

__version__ = "0.1.0"
