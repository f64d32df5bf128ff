"""``python -m journal share``: files written, paths printed, privacy pass on by default, clear errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from PIL import Image

from journal.cli import main
from journal.stories.model import Turn

ROOT = Path(__file__).resolve().parent.parent
BODY = "今天和Aria聊了很久。她的电话是 138 1234 5678，邮箱 aria@example.com。\n\nC said: you are my rose."


def _entry(notebook, body=BODY, **kw):
    return notebook.create_entry(body, title="第一晚 with Aria", tags=["人机恋", "AI伴侣"], **kw)


def test_share_entry_writes_files_and_prints_paths(notebook, tmp_path, capsys):
    entry = _entry(notebook)
    out = tmp_path / "post"
    code = main(["share", entry.id, "--format", "instagram", "--style", "page", "--out", str(out),
                 "--name", "Aria=Rose", "--theme", "night"])
    assert code == 0
    printed = capsys.readouterr().out.split()
    paths = [Path(p) for p in printed]
    assert all(p.exists() and p.parent == out for p in paths)
    png = next(p for p in paths if p.suffix == ".png")
    assert Image.open(png).size == (1080, 1350)
    caption = (out / "caption.txt").read_text(encoding="utf-8")
    assert "#人机恋 #AI伴侣" in caption
    everything = "".join(p.read_text(encoding="utf-8") for p in paths if p.suffix in (".md", ".html", ".txt"))
    assert "Aria" not in everything and "Rose" in everything
    assert "138 1234 5678" not in everything and "aria@example.com" not in everything


def test_json_prints_a_list_and_no_redact_keeps_the_text(notebook, tmp_path, capsys):
    entry = _entry(notebook)
    code = main(["share", entry.id, "--format", "thread", "--out", str(tmp_path / "t"), "--no-redact", "--json"])
    assert code == 0
    paths = json.loads(capsys.readouterr().out)
    assert isinstance(paths, list) and any(p.endswith("thread.txt") for p in paths)
    assert "138 1234 5678" in (tmp_path / "t" / "thread.txt").read_text(encoding="utf-8")


def test_names_saved_in_settings_are_used(notebook, tmp_path, capsys):
    from journal.share.settings import save_names

    save_names(notebook.home, {"Aria": "小A"})
    entry = _entry(notebook)
    assert main(["share", entry.id, "--out", str(tmp_path / "s"), "--style", "quote", "--json"]) == 0
    md = next(Path(p) for p in json.loads(capsys.readouterr().out) if p.endswith(".md"))
    assert "小A" in md.read_text(encoding="utf-8") and "Aria" not in md.read_text(encoding="utf-8")


def test_story_turns_become_a_chat_card(notebook, tmp_path, capsys):
    turns = [Turn(id="", role="user", alternatives=["你还记得我们第一次聊天吗？"]),
             Turn(id="", role="companion", alternatives=["当然记得。You, Aria, are my rose."]),
             Turn(id="", role="user", alternatives=["……"])]
    story = notebook.stories.create(title="玫瑰", companion="c", companion_name="C", turns=turns)
    code = main(["share", story.id, "--turns", "1-2", "--style", "chat", "--format", "square",
                 "--out", str(tmp_path / "c"), "--name", "Aria", "--json"])
    assert code == 0
    paths = json.loads(capsys.readouterr().out)
    md = next(Path(p) for p in paths if p.endswith(".md")).read_text(encoding="utf-8")
    assert "当然记得。You, A., are my rose." in md and "……" not in md  # turn 3 not selected
    # past the end: the message repeats the range asked for, not a clipped one
    assert main(["share", story.id, "--turns", "7-9", "--out", str(tmp_path / "d")]) == 1
    err = capsys.readouterr().err
    assert "7-9" in err and "3" in err and "7-3" not in err
    assert Image.open(next(p for p in paths if p.endswith(".png"))).size == (1080, 1080)


def test_user_errors_are_sentences_not_tracebacks(notebook, tmp_path, capsys):
    assert main(["share", "no-such-entry", "--out", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and err.strip()
    entry = _entry(notebook)
    assert main(["share", entry.id, "--theme", "neon", "--out", str(tmp_path)]) == 1
    assert "neon" in capsys.readouterr().err
    assert main(["share", entry.id, "--turns", "7-3", "--out", str(tmp_path)]) == 1
    assert "7-3" in capsys.readouterr().err


def test_runs_as_a_module(notebook, tmp_path):
    entry = _entry(notebook)
    result = subprocess.run(
        [sys.executable, "-m", "journal", "share", entry.id, "--style", "quote", "--format", "story",
         "--out", str(tmp_path / "m"), "--home", str(notebook.home)],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert any(line.endswith(".png") for line in result.stdout.splitlines())
