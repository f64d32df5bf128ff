"""Crisis support: notice when someone writing may be in danger, and show them where help is.

``assess(text)`` runs locally on every journal save and story turn and never
blocks anything; the page shows a calm panel with help lines when the level is
``concern`` or ``crisis``. Nothing is reported anywhere. The optional OpenAI
moderation second opinion lives in :mod:`journal.safety.moderation`, apart, so
that importing this package never imports a network client.
"""

from journal.safety.assess import Assessment, Reason, assess, normalize, sentences
from journal.safety.resources import REGIONS, Resource, normalize_region, resources_for
from journal.safety.rules import LEVELS, Level

__all__ = [
    "LEVELS", "REGIONS", "Assessment", "Level", "Reason", "Resource",
    "assess", "normalize", "normalize_region", "resources_for", "sentences",
]
