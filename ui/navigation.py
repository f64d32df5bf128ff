"""The pages of the app, in menu order: (file, title key, icon). Add one line per page."""

import base64
from functools import cache
from pathlib import Path

# Shipped in the ui package (so a wheel has it too): a material-icon favicon is fetched from fonts.gstatic.com.
FAVICON = Path(__file__).parent / "assets" / "favicon.png"


@cache
def favicon_url() -> str:
    """The favicon as a ``data:`` address, read once per process.

    Given a file, ``st.set_page_config`` opens, checks and re-encodes the picture with Pillow on every rerun
    (~2 ms of each click); an address is passed on as it is (#19).
    """
    return "data:image/png;base64," + base64.b64encode(FAVICON.read_bytes()).decode("ascii")

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
