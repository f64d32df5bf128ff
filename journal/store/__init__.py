"""Where the notebook lives: markdown files (the truth) and a SQLite index (derived)."""
