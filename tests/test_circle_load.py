"""The circle's load test, small (#13): three signed-in people saving and searching at once lose nothing.

``benchmarks/circle_load.py`` runs twenty people for two minutes and reports page response; this runs its
same code for a few seconds, with a real OpenID provider and a real ``streamlit run`` on 127.0.0.1, and
checks only what must hold at any load: every save the page confirmed is on disk in its writer's folder
and no one else's, and no page anyone received held another person's words.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.circle_load import run
from tests.browser import needs_chromium

pytestmark = [pytest.mark.browser, needs_chromium]   # a live server, like the browser tests (no Chromium used)


def test_three_people_at_once_lose_no_write_and_see_no_one_else(tmp_path: Path) -> None:
    result = run(users=3, seconds=15, workdir=tmp_path)
    assert result["failures"] == {}
    assert result["writes_saved"] >= 3
    assert result["lost_writes"] == [] and result["misplaced_files"] == []
    assert result["leaks"] == []
    assert result["own_word_searches_missed"] == 0
