"""``python -m journal import card FILE`` and ``export card COMPANION OUT``, and the import/export registry."""

from __future__ import annotations

import base64
import json
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image
from PIL.PngImagePlugin import PngInfo

from journal.cli import main
from journal.cli import transfer

ROOT = Path(__file__).resolve().parent.parent
CARD = {"spec": "chara_card_v2", "spec_version": "2.0",
        "data": {"name": "Nova", "description": "A navigator.", "personality": "", "scenario": "",
                 "first_mes": "Stars out tonight.", "mes_example": "", "creator_notes": "for testing",
                 "system_prompt": "", "post_history_instructions": "", "alternate_greetings": [],
                 "tags": [], "creator": "", "character_version": "",
                 "extensions": {"other_app": {"keep": True}}}}


def _card_png(path: Path) -> Path:
    info = PngInfo()
    info.add_text("chara", base64.b64encode(json.dumps(CARD).encode()).decode())
    Image.new("RGB", (20, 30), (1, 2, 3)).save(path, format="PNG", pnginfo=info)
    return path


def test_import_json_then_export_png_and_json(tmp_path, duet_home, capsys):
    source = tmp_path / "nova.json"
    source.write_text(json.dumps(CARD), encoding="utf-8")
    assert main(["import", "card", str(source), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["slug"] == "nova" and Path(result["path"]).is_file()

    out_png, out_json = tmp_path / "out.png", tmp_path / "out.json"
    assert main(["export", "card", "nova", str(out_png)]) == 0
    assert str(out_png) in capsys.readouterr().out
    with Image.open(out_png) as image:
        image.load()
        assert {"chara", "ccv3"} <= set(image.text)
    assert main(["export", "card", "nova", str(out_json), "--spec", "2"]) == 0
    exported = json.loads(out_json.read_text(encoding="utf-8"))
    assert exported["spec"] == "chara_card_v2" and exported["data"] == CARD["data"]


def test_import_png_card(tmp_path, capsys):
    assert main(["import", "card", str(_card_png(tmp_path / "nova.png"))]) == 0
    assert "Nova" in capsys.readouterr().out


def test_export_refuses_to_overwrite_without_force(tmp_path, capsys):
    source = tmp_path / "nova.json"
    source.write_text(json.dumps(CARD), encoding="utf-8")
    main(["import", "card", str(source)])
    out = tmp_path / "taken.json"
    out.write_text("mine", encoding="utf-8")
    capsys.readouterr()
    assert main(["export", "card", "nova", str(out)]) == 1
    assert "--force" in capsys.readouterr().err and out.read_text(encoding="utf-8") == "mine"
    assert main(["export", "card", "nova", str(out), "--force"]) == 0
    assert json.loads(out.read_text(encoding="utf-8"))["spec"] == "chara_card_v3"


@pytest.mark.parametrize("argv, fragment", [
    (["import", "card", "/nonexistent/card.png"], "does not exist"),
    (["export", "card", "nobody", "x.png"], "no companion"),
    (["export", "card", "wren-ashby", "x.txt"], ".png or .json"),
])
def test_errors_are_one_sentence_not_a_traceback(argv, fragment, capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert fragment in err and "Traceback" not in err


def test_png_without_card_in_chinese(tmp_path, capsys):
    plain = tmp_path / "photo.png"
    Image.new("RGB", (4, 4)).save(plain)
    assert main(["--lang", "zh", "import", "card", str(plain)]) == 1
    assert "没有角色卡" in capsys.readouterr().err


def test_help_lists_the_card_kind(capsys):
    with pytest.raises(SystemExit):
        main(["import", "--help"])
    assert "card" in capsys.readouterr().out
    assert main(["export"]) == 2        # no KIND: the list of kinds, not a crash


def test_a_kind_registered_late_still_appears(capsys):
    from journal.cli import build_parser

    parser = build_parser()
    seen = []
    transfer.register_import_kind("latecomer", lambda args, nb: seen.append(args.path) or 0, "transfer.import_help")
    try:
        args = parser.parse_args(["import", "latecomer", "file.txt"])
        assert args.handler(args, None) == 0 and seen == ["file.txt"]
        assert "latecomer" in build_parser().parse_args(["import", "latecomer", "f"]).kind
    finally:
        transfer.IMPORT_KINDS.pop("latecomer", None)


def test_module_entry_point_runs_in_a_subprocess(tmp_path, duet_home):
    source = tmp_path / "nova.json"
    source.write_text(json.dumps(CARD), encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "journal", "--home", str(duet_home), "import", "card",
                           str(source)], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert (duet_home / "companions" / "nova.md").is_file()


def test_export_card_finds_a_companion_by_name_or_slug_in_any_case(tmp_path, duet_home, notebook, capsys):
    # #16: after 'Imported C (companion "c")', `export card C out.png` answered "There is no companion "C""
    notebook.companions.create("C")
    assert main(["export", "card", "C", str(tmp_path / "by-name.png")]) == 0
    assert main(["export", "card", "c", str(tmp_path / "by-slug.json")]) == 0
    assert (tmp_path / "by-name.png").is_file() and (tmp_path / "by-slug.json").is_file()
    notebook.companions.create("Nova Star")
    assert main(["export", "card", "NOVA STAR", str(tmp_path / "nova.json")]) == 0
    assert json.loads((tmp_path / "nova.json").read_text("utf-8"))["data"]["name"] == "Nova Star"
    # two companions answer to "Sam": the error names both and exports nothing
    sam = notebook.companions.create("Sam")
    other = notebook.companions.create("sam ")  # another companion whose name is Sam too
    assert sam.slug != other.slug
    capsys.readouterr()
    assert main(["export", "card", "SAM", str(tmp_path / "sam.json")]) == 1
    err = capsys.readouterr().err
    assert sam.slug in err and other.slug in err and not (tmp_path / "sam.json").exists()
    assert main(["export", "card", "nobody", str(tmp_path / "x.json")]) == 1
