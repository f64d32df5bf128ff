"""Both catalogues have the same keys and placeholders; formatting follows the language."""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

import pytest

from journal.i18n import LANGUAGES, catalogue, normalize_language, t
from journal.i18n.formatting import format_date, format_datetime
from journal.text import count_words, detect_language

PLACEHOLDER = re.compile(r"\{(\w+)\}")


def test_every_key_exists_in_every_language() -> None:
    keys = {lang: set(catalogue(lang)) for lang in LANGUAGES}
    english = keys["en"]
    for lang, found in keys.items():
        assert not english - found, f"missing in {lang}: {sorted(english - found)}"
        assert not found - english, f"only in {lang}: {sorted(found - english)}"


def test_placeholders_match_across_languages() -> None:
    for key, text in catalogue("en").items():
        for lang in LANGUAGES:
            other = catalogue(lang)[key]
            assert set(PLACEHOLDER.findall(other)) == set(PLACEHOLDER.findall(text)), (lang, key)


def test_no_empty_translations() -> None:
    for lang in LANGUAGES:
        assert [k for k, v in catalogue(lang).items() if not v.strip()] == []


def test_t_fills_placeholders_and_falls_back() -> None:
    assert t("cli.new.done", lang="zh", path="p", id="1") == "已保存 p（id 1）"
    assert t("no.such.key", lang="zh") == "no.such.key"


@pytest.mark.parametrize("value,expected", [("zh_CN.UTF-8", "zh"), ("en-US", "en"), ("zh-Hans", "zh"),
                                            ("fr_FR", None), ("", None), (None, None)])
def test_locale_names_map_to_catalogues(value, expected) -> None:
    assert normalize_language(value) == expected


def test_dates_are_formatted_for_the_locale() -> None:
    moment = datetime(2026, 4, 2, 21, 14, tzinfo=timezone(timedelta(hours=8)))
    assert format_date(moment, "zh") == "2026年4月2日"
    assert format_date(moment, "en") == "April 2, 2026"
    assert format_datetime(moment, "zh") == "2026年4月2日 21:14"
    assert format_datetime(moment, "en") == "April 2, 2026, 9:14 PM"


@pytest.mark.parametrize("text,words", [("今天和C聊了很久", 8), ("Hello world, it's me", 4),
                                        ("我和 Aria 一起 walk", 6), ("", 0), ("ＡＢＣ 123", 2)])
def test_word_counts_count_cjk_characters(text, words) -> None:
    assert count_words(text) == words


@pytest.mark.parametrize("text,lang", [("今天和C聊了很久", "zh"), ("I walked with C today", "en"),
                                       ("我和 Aria 一起 walk 在外滩", "zh"), ("🙂", "en")])
def test_language_of_what_the_user_writes(text, lang) -> None:
    assert detect_language(text) == lang


def test_plural_forms_follow_the_language() -> None:
    from journal.i18n import tn

    assert tn("share.preview.cards", 1, lang="en") == "1 card"
    assert tn("share.preview.cards", 3, lang="en") == "3 cards"
    assert tn("share.preview.cards", 1, lang="zh") == "共 1 张卡片"
    assert tn("share.preview.cards", 3, lang="zh") == "共 3 张卡片"
