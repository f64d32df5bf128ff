"""Pictures from other servers are held back on the pages that show a card's or a story's text (#12), AppTest."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from journal.notebook import Notebook

TIMEOUT = 60
PIXEL = "https://track.example/p.png"


def _html(at: AppTest) -> str:
    return "\n".join(str(m.value) for m in at.markdown)


def test_a_companion_description_shows_a_placeholder_until_allowed(duet_home: Path, app_path: str) -> None:
    nb = Notebook.open(duet_home)
    companion = nb.companions.create("Lin", description=f"A quiet painter. ![portrait]({PIXEL})")
    at = AppTest.from_file(app_path, default_timeout=TIMEOUT)
    at.switch_page("pages/companions.py").run()
    assert not at.exception
    assert "Picture “portrait” from track.example not loaded" in _html(at) and PIXEL not in _html(at)
    at.button(key=f"remote_images_companion_{companion.slug}").click().run()
    assert f'src="{PIXEL}"' in _html(at)
