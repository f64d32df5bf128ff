"""Every prompt file loads, declares what it uses, and renders with every variable filled."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from journal.ai.prompts import PROMPT_LANGUAGES, PROMPTS_DIR, list_prompts, load_prompt, render_prompt
from journal.errors import BrokenFile, InvalidInput, NotFound

PROMPT_FILES = list_prompts()
NAMES = sorted({path.name.split(".")[0] for path in PROMPT_FILES})
LEFTOVER = re.compile(r"\$\{?[A-Za-z_]")


def test_there_are_prompts_for_every_journal_feature() -> None:
    assert {"journal_system", "reflect_question", "continue_draft", "suggest_metadata", "ai_check"} <= set(NAMES)


@pytest.mark.parametrize("path", PROMPT_FILES, ids=lambda p: p.name)
def test_every_prompt_file_loads_and_fills_every_variable(path: Path) -> None:
    name, lang, ext = path.name.split(".")
    assert ext == "md" and lang in PROMPT_LANGUAGES
    template = load_prompt(name, lang)
    assert template.name == name and template.language == lang and template.purpose
    values = {var: f"<<value of {var}>>" for var in template.variables}
    text = render_prompt(name, lang, **values)
    assert text.strip()
    for value in values.values():
        assert value in text
    assert not LEFTOVER.search(text), "a placeholder was left unfilled"


@pytest.mark.parametrize("name", NAMES)
def test_every_prompt_has_english_and_chinese_with_the_same_variables(name: str) -> None:
    english, chinese = load_prompt(name, "en"), load_prompt(name, "zh")
    assert chinese.path.name == f"{name}.zh.md", "the Chinese version must exist, not fall back to English"
    assert english.variables == chinese.variables
    assert re.search(r"[\u4e00-\u9fff]", chinese.text)


def test_missing_and_unknown_variables_are_refused() -> None:
    with pytest.raises(InvalidInput) as missing:
        render_prompt("reflect_question", "en")
    assert "entry" in missing.value.message("en")
    with pytest.raises(InvalidInput) as unknown:
        render_prompt("reflect_question", "en", entry="x", mood=3)
    assert "mood" in unknown.value.message("en")


def test_values_are_inserted_literally() -> None:
    text = render_prompt("reflect_question", "zh", entry="我花了 $5 买了{咖啡}，${entry} 也是字")
    assert "我花了 $5 买了{咖啡}，${entry} 也是字" in text


def test_a_language_without_its_own_file_falls_back_to_english() -> None:
    assert load_prompt("reflect_question", "fr").path == PROMPTS_DIR / "reflect_question.en.md"
    with pytest.raises(NotFound):
        load_prompt("no_such_prompt", "en")


@pytest.mark.parametrize(
    ("front", "body"),
    [
        ("name: x\npurpose: p\nlanguage: en\nvariables: [entry]\n", "No placeholder here."),
        ("name: x\npurpose: p\nlanguage: en\nvariables: []\n", "Uses $entry without declaring it."),
        ("name: x\nlanguage: en\nvariables: []\n", "No purpose."),
    ],
    ids=["declared-but-unused", "used-but-undeclared", "missing-purpose"],
)
def test_a_prompt_whose_front_matter_lies_is_a_broken_file(tmp_path: Path, front: str, body: str) -> None:
    (tmp_path / "x.en.md").write_text(f"---\n{front}---\n{body}\n", encoding="utf-8")
    with pytest.raises(BrokenFile):
        load_prompt("x", "en", folder=tmp_path)
