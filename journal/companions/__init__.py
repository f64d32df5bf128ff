"""Companions: the personas a person writes with, and Character Card V2/V3 exchange."""
