"""Taking everything out of a notebook in open formats: a restorable zip, clean markdown, one JSON document."""
