"""What the companions list says about each companion: names instead of card macros, and counts in good grammar."""

from __future__ import annotations

from pathlib import Path

from journal.companions.model import Companion
from journal.notebook import Notebook



def test_the_preview_fills_in_card_macros_and_counts_one_greeting(duet_home: Path, app_path: str) -> None:
    from streamlit.testing.v1 import AppTest

    Notebook.open(duet_home).companions.save(Companion(
        slug="", name="Mira", description="{{char}} is a lighthouse keeper who writes letters to <USER>.",
        first_mes="Come in."))
    app = AppTest.from_file(app_path, default_timeout=30)
    app.run()
    app.switch_page("pages/companions.py").run()
    texts = [m.value for m in app.markdown]
    assert "<p>Mira is a lighthouse keeper who writes letters to User.</p>" in texts   # through the renderer (pictures held back, #12)
    assert not any("{{char}}" in text or "<USER>" in text for text in texts)
    assert "1 greeting" in [c.value for c in app.caption]


def test_the_user_is_named_in_the_language_of_the_card_not_the_interface(duet_home: Path, app_path: str,
                                                                         monkeypatch) -> None:
    # An English card in the Chinese interface said "writes letters to 我" (#20.28).
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("DUET_LANG", "zh")
    companions = Notebook.open(duet_home).companions
    companions.save(Companion(slug="", name="Mira", description="{{char}} writes letters to {{user}} every night."))
    companions.save(Companion(slug="", name="阿远", description="{{char}}每天晚上给{{user}}写信。"))
    app = AppTest.from_file(app_path, default_timeout=30)
    app.run()
    app.switch_page("pages/companions.py").run()
    texts = [m.value for m in app.markdown]
    assert "<p>Mira writes letters to User every night.</p>" in texts
    assert "<p>阿远每天晚上给我写信。</p>" in texts
