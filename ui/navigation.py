"""The pages of the app, in menu order: (file, title key, icon). Add one line per page."""

from pathlib import Path

# Shipped in the ui package (so a wheel has it too): a material-icon favicon is fetched from fonts.gstatic.com.
FAVICON = Path(__file__).parent / "assets" / "favicon.png"

PAGES = [
    ("pages/journal.py", "nav.journal", ":material/edit_note:"),
    ("pages/stories.py", "nav.stories", ":material/auto_stories:"),
    ("pages/companions.py", "nav.companions", ":material/diversity_1:"),
    ("pages/share.py", "share.page.nav", ":material/ios_share:"),
    ("pages/insights.py", "nav.insights", ":material/insights:"),
    ("pages/settings.py", "nav.settings", ":material/settings:"),
]

# Shown first, and only until the person has been through it once (journal.ai.models.needs_onboarding).
WELCOME_PAGE = ("pages/welcome.py", "models.onboarding.nav", ":material/waving_hand:")
