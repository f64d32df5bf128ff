"""Every page renders in both languages, with no missing key and no English left in the Chinese UI."""

from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest

from journal.i18n import catalogue
from ui.navigation import PAGES

RAW_KEY = re.compile(r"^[a-z_]+(\.[a-z0-9_]+)+$")
PLACEHOLDER = re.compile(r"\{\w+\}")


def _texts(node) -> list[str]:
    out = []
    for child in getattr(node, "children", {}).values():
        for attr in ("value", "label", "body", "placeholder", "help"):
            value = getattr(child, attr, None)
            if isinstance(value, str) and value.strip():
                out.append(value.strip())
        options = getattr(child, "options", None)
        if isinstance(options, list):
            out.extend(str(o) for o in options if isinstance(o, str))
        out.extend(_texts(child))
    return out


def _render(app_path: str, page: str, lang: str, monkeypatch) -> AppTest:
    monkeypatch.setenv("DUET_LANG", lang)
    at = AppTest.from_file(app_path, default_timeout=60)
    at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("page", [p for p, _, _ in PAGES])
def test_page_renders_without_missing_keys(app_path: str, monkeypatch, page: str, lang: str) -> None:
    at = _render(app_path, page, lang, monkeypatch)
    texts = _texts(at.main) + _texts(at.sidebar)
    assert texts, "the page rendered nothing"
    assert [t for t in texts if RAW_KEY.match(t)] == []


@pytest.mark.parametrize("page", [p for p, _, _ in PAGES])
def test_chinese_pages_show_no_english_interface_text(app_path: str, monkeypatch, page: str) -> None:
    english, chinese = catalogue("en"), catalogue("zh")
    # English sentences of the interface that Chinese translates differently.
    only_english = {v for k, v in english.items() if chinese.get(k) != v and not PLACEHOLDER.search(v) and len(v) > 3}
    at = _render(app_path, page, "zh", monkeypatch)
    leaked = [t for t in _texts(at.main) + _texts(at.sidebar) if t in only_english]
    assert leaked == []
