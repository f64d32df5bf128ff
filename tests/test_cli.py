"""The command line, through real processes (as a user runs it) and through main()."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from journal.cli import main

ROOT = Path(__file__).resolve().parent.parent


def run(home: Path, *args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "journal", "--home", str(home), *args], cwd=ROOT,
                          input=stdin, capture_output=True, timeout=60)


def test_new_from_stdin_then_list_search_show_delete(tmp_path: Path) -> None:
    home = tmp_path / "nb"
    made = run(home, "new", "--json", "--title", "第一晚", "--tag", "love", "--tag", "@C", "--mood", "4",
               stdin="今天和C聊了很久。".encode())
    assert made.returncode == 0, made.stderr
    entry = json.loads(made.stdout)
    assert entry["id"] and Path(entry["path"]).is_file() and entry["tags"] == ["love", "C"]

    listed = json.loads(run(home, "list", "--json").stdout)
    assert [e["id"] for e in listed] == [entry["id"]]
    assert set(listed[0]) >= {"id", "title", "created", "path", "snippet"}

    found = json.loads(run(home, "search", "聊", "--json").stdout)
    assert [e["id"] for e in found] == [entry["id"]] and "**聊**" in found[0]["snippet"]

    shown = run(home, "show", entry["id"])
    assert "今天和C聊了很久" in shown.stdout.decode() and "title: 第一晚" in shown.stdout.decode()

    assert run(home, "delete", entry["id"]).returncode == 0
    assert json.loads(run(home, "list", "--json").stdout) == []


def test_filters_like_jrnl(duet_home: Path, capsys) -> None:
    for day, tag, star in [("2026-01-05", "work", False), ("2026-02-10", "love", True), ("2026-03-15", "love", False)]:
        args = ["new", "--body", f"entry of {day}", "--tag", tag] + (["--starred"] if star else [])
        assert main(args) == 0
    capsys.readouterr()

    def ids(*args):
        assert main(["list", "--json", *args]) == 0
        return [e["snippet"] for e in json.loads(capsys.readouterr().out)]

    assert len(ids()) == 3
    assert len(ids("-n", "2")) == 2
    assert len(ids("--tag", "love")) == 2
    assert len(ids("--starred")) == 1
    assert main(["search", "entry", "--json", "--tag", "love", "--starred"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 1


def test_from_to_filter_on_created_day(duet_home: Path, capsys) -> None:
    from datetime import datetime

    from journal.notebook import Notebook

    nb = Notebook.open(duet_home)
    for month in (1, 2, 3):
        nb.create_entry(f"month {month}", created=datetime(2026, month, 10, 12).astimezone())
    assert main(["list", "--json", "--from", "2026-02-01", "--to", "2026-02-28"]) == 0
    assert [e["snippet"] for e in json.loads(capsys.readouterr().out)] == ["month 2"]


@pytest.mark.parametrize("args,stdin,needle", [
    (["new", "--body", ""], None, "empty"),
    (["new"], b"\xff\xfe\xfa", "binary"),
    (["new", "--body", "x", "--mood", "9"], None, "Mood"),
    (["show", "01nope"], None, "No entry"),
    (["delete", "01nope"], None, "No entry"),
    (["search", "  "], None, "Type something"),
])
def test_bad_input_is_one_sentence_without_traceback(tmp_path: Path, args, stdin, needle) -> None:
    result = run(tmp_path / "nb", *args, stdin=stdin)
    err = result.stderr.decode()
    assert result.returncode == 1
    assert needle in err and "Traceback" not in err
    assert not list((tmp_path / "nb").rglob("*.md"))


def test_body_over_one_megabyte_from_stdin(tmp_path: Path) -> None:
    result = run(tmp_path / "nb", "new", stdin=b"a" * 1_000_001)
    assert result.returncode == 1 and b"1 MB" in result.stderr


def test_bad_date_is_reported_by_argparse(tmp_path: Path) -> None:
    result = run(tmp_path / "nb", "list", "--from", "yesterday-ish")
    assert result.returncode == 2 and b"YYYY-MM-DD" in result.stderr and b"Traceback" not in result.stderr


def test_reindex_reports_broken_files_and_keeps_them(tmp_path: Path) -> None:
    home = tmp_path / "nb"
    assert run(home, "new", "--body", "good").returncode == 0
    broken = home / "journal" / "broken.md"
    broken.write_text("---\n: : :\n  - [\n---\n", encoding="utf-8")
    result = run(home, "reindex", "--json")
    report = json.loads(result.stdout)
    assert report["indexed"] == 1 and report["broken"][0]["path"] == "journal/broken.md"
    assert broken.exists()


def test_chinese_messages(tmp_path: Path) -> None:
    result = run(tmp_path / "nb", "--lang", "zh", "new", "--body", "")
    assert "日记是空的" in result.stderr.decode()


def test_help_lists_the_commands() -> None:
    out = subprocess.run([sys.executable, "-m", "journal", "--help"], cwd=ROOT, capture_output=True, text=True).stdout
    for command in ("new", "list", "show", "search", "reindex", "delete"):
        assert command in out


def test_new_with_a_date_and_feelings(tmp_path: Path) -> None:
    home = tmp_path / "nb"
    made = json.loads(run(home, "new", "--json", "--body", "back then", "--date", "2024-02-29", "--feeling", "calm").stdout)
    assert made["created"].startswith("2024-02-29T") and made["feelings"] == ["calm"]
    assert "/journal/2024/02/" in made["path"]
    timed = json.loads(run(home, "new", "--json", "--body", "at night", "--date", "2024-03-01T21:30+08:00").stdout)
    assert timed["created"] == "2024-03-01T21:30:00+08:00"
    bad = run(home, "new", "--body", "x", "--date", "someday")
    assert bad.returncode == 1 and b"someday" in bad.stderr and b"Traceback" not in bad.stderr


def test_a_home_that_cannot_be_a_folder_is_one_sentence(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    result = run(blocker / "nb", "list")
    assert result.returncode == 1 and b"cannot open the notebook" in result.stderr and b"Traceback" not in result.stderr



def test_a_reader_that_stops_early_gets_no_traceback(tmp_path: Path) -> None:
    """``… --json list | head -c 1``: scripts read what they need and close the pipe."""
    from journal.notebook import Notebook

    home = tmp_path / "nb"
    nb = Notebook.open(home)
    nb.create_entries([nb.prepare_entry(f"Entry {n} " + "rain on the lighthouse " * 60) for n in range(300)])
    reader = subprocess.Popen([sys.executable, "-m", "journal", "--home", str(home), "--json", "list", "-n", "300"],
                              cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert reader.stdout is not None
    reader.stdout.read(1)
    reader.stdout.close()   # the pipe's reader goes away, as head does
    _, err = reader.communicate(timeout=60)
    assert b"Traceback" not in err and b"BrokenPipe" not in err, err.decode()
