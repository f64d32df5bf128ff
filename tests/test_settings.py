"""Settings travel with the notebook, so they must never hold a secret."""

from __future__ import annotations

from pathlib import Path

import pytest

from journal.errors import InvalidInput
from journal.settings import read_section, settings_path, write_section


def test_sections_round_trip(duet_home: Path) -> None:
    write_section(duet_home, "ai", {"provider": "embedded", "max_tokens": 200, "temperature": 0.7})
    write_section(duet_home, "general", {"language": "zh"})
    assert read_section(duet_home, "ai") == {"provider": "embedded", "max_tokens": 200, "temperature": 0.7}
    assert read_section(duet_home, "general") == {"language": "zh"}


@pytest.mark.parametrize("values", [{"api_key": "sk-123"}, {"OPENAI_API_KEY": "sk-1"},
                                    {"nested": {"password": "hunter2"}}, {"access_token": "abc"}, {"token": "x"}])
def test_secret_looking_keys_are_refused_and_nothing_is_written(duet_home: Path, values) -> None:
    write_section(duet_home, "ai", {"provider": "openai"})
    before = settings_path(duet_home).read_bytes()
    with pytest.raises(InvalidInput) as info:
        write_section(duet_home, "ai", values)
    assert "never stored" in str(info.value)
    assert settings_path(duet_home).read_bytes() == before


def test_empty_secret_fields_are_allowed(duet_home: Path) -> None:
    write_section(duet_home, "ai", {"api_key": ""})
    assert read_section(duet_home, "ai") == {"api_key": ""}


def test_unreadable_settings_count_as_none(duet_home: Path) -> None:
    duet_home.mkdir(parents=True, exist_ok=True)
    settings_path(duet_home).write_bytes(b"\xff: [")
    assert read_section(duet_home, "ai") == {}
