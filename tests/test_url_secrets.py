"""A key written into the AI address is refused with one sentence and never stored, exported or printed (#12)."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from journal.ai.providers import load_settings, save_settings
from journal.cli import main
from journal.errors import InvalidInput
from journal.notebook import Notebook
from journal.settings import url_has_secret

SECRET = "sk-live-0123456789abcdefSECRET"
TIMEOUT = 30
WITH_SECRETS = [
    f"https://user:{SECRET}@api.example.com/v1",
    f"https://{SECRET}@api.example.com/v1",
    f"https://api.example.com/v1?api_key={SECRET}",
    f"https://api.example.com/v1?key={SECRET}",
    f"https://api.example.com/v1?model=x&access_token={SECRET}",
    f"https://api.example.com/v1#token={SECRET}",
    f"https://api.example.com/v1/{SECRET}",
]
CLEAN = ["http://localhost:11434/v1", "https://api.deepseek.com/v1", "https://x.openai.azure.com/v1?api-version=2024-06-01",
         "http://[::1]:8080/v1"]


@pytest.mark.parametrize("url", WITH_SECRETS)
def test_an_address_with_a_key_is_refused_and_nothing_is_written(duet_home: Path, url: str) -> None:
    save_settings(duet_home, {"provider": "compatible", "preset": "custom", "base_url": "http://localhost:1234/v1"})
    before = (duet_home / "settings.yaml").read_bytes()
    with pytest.raises(InvalidInput) as caught:
        save_settings(duet_home, {"provider": "compatible", "preset": "custom", "base_url": url})
    assert caught.value.key == "errors.secret_in_url"
    assert "api.example.com" in caught.value.message("en") and SECRET not in caught.value.message("en")
    assert "密钥" in caught.value.message("zh") and SECRET not in caught.value.message("zh")
    assert (duet_home / "settings.yaml").read_bytes() == before


@pytest.mark.parametrize("url", CLEAN)
def test_an_address_without_a_key_is_kept(duet_home: Path, url: str) -> None:
    assert not url_has_secret(url)
    save_settings(duet_home, {"provider": "compatible", "preset": "custom", "base_url": url})
    assert load_settings(duet_home).base_url == url


def test_every_settings_section_refuses_an_address_with_a_key(notebook: Notebook) -> None:
    with pytest.raises(InvalidInput):
        notebook.save_settings("share", {"link": f"https://me:{SECRET}@example.com/"})
    assert not (notebook.home / "settings.yaml").exists() or SECRET not in (notebook.home / "settings.yaml").read_text()


def _hand_edit(home: Path, url: str) -> None:
    """What only a hand edit (or an older Duet) can leave: the address with the key inside it."""
    home.mkdir(parents=True, exist_ok=True)
    (home / "settings.yaml").write_text(
        f"ai:\n  provider: compatible\n  preset: custom\n  base_url: '{url}'\n  model: m\n", encoding="utf-8")


@pytest.mark.parametrize("url", WITH_SECRETS[:3])
def test_ai_check_never_prints_a_key_left_in_the_address(duet_home: Path, url: str,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    _hand_edit(duet_home, url)
    main(["ai-check", "--json"])
    main(["ai-check"])
    captured = capsys.readouterr()
    assert SECRET not in captured.out + captured.err
    assert load_settings(duet_home).base_url == ""   # read leniently: the address is dropped, not used


def test_a_backup_leaves_the_address_with_a_key_out(duet_home: Path, tmp_path: Path) -> None:
    nb = Notebook.open(duet_home)
    nb.entries.create("A night by the sea.")
    _hand_edit(duet_home, WITH_SECRETS[0])
    out = tmp_path / "backup.zip"
    out.write_bytes(nb.backup_bytes("zip"))
    with zipfile.ZipFile(out) as zf:
        names = zf.namelist()
        assert "settings.yaml" in names   # the rest of the settings still travels
        assert all(SECRET.encode() not in zf.read(name) for name in names)
    assert all(SECRET.encode() not in nb.backup_bytes(fmt) for fmt in ("json", "markdown"))


def settings_app() -> None:
    from ui.common import get_notebook
    from ui.settings.ai import render_ai_settings

    render_ai_settings(get_notebook())


def test_the_settings_page_refuses_it_in_one_sentence(duet_home: Path) -> None:
    save_settings(duet_home, {"provider": "compatible", "preset": "custom", "base_url": "http://localhost:1234/v1",
                              "model": "m"})
    at = AppTest.from_function(settings_app, default_timeout=TIMEOUT)
    at.run()
    at.text_input(key="ai_settings_base_url").input(WITH_SECRETS[0])
    at.button(key="ai_settings_save").click().run()
    assert not at.exception and not at.success
    errors = [e.value for e in at.error]
    assert any("holds a key or password" in e for e in errors) and all(SECRET not in e for e in errors)
    assert SECRET not in (duet_home / "settings.yaml").read_text(encoding="utf-8")
    assert json.dumps(load_settings(duet_home).to_dict()).find(SECRET) == -1
