"""A bad file is one bad file: every front matter value is checked where it is read (#11).

One hand-edited entry with ``tags: 2024`` used to crash every command. Now the
file is listed (path and reason) by ``reindex``, skipped, left byte for byte,
and everything else keeps working: the CLI, listing, searching, writing.
"""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from journal.companions.cards import import_card
from journal.importers import run_import
from journal.notebook import Notebook
from journal.stories import ops

ROOT = Path(__file__).resolve().parent.parent

# value written into an otherwise good entry -> a word the reason must contain
BAD_ENTRY_VALUES = {
    "tags: 2024": "tags",
    "feelings: 3": "feelings",
    "mood: .inf": "mood",
    "mood: 7": "mood",
    "mood: true": "mood",
    "created: 2024-02-30": "day is out of range",
    "created: '2024-02-30'": "created",
    "created: 0001-01-01T00:00:00+05:00": "created",
    "updated: 2024-13-01": "month must be",
    "updated: [1, 2]": "updated",
    "source: {app: obsidian}": "source",
    "title: {a: b}": "title",
    "id: [x]": "id",
    "starred: maybe": "starred",
    "tags: [{a: 1}]": "tags",
    "a: &a [1,1,1,1,1,1,1,1,1,1]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
    "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]\n"
    "f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e,*e]": "values",
    "deep: " + "[" * 200 + "]" * 200: "deep",
}


def bad_entry(home: Path, name: str, value: str) -> Path:
    path = home / "journal" / "2024" / "01" / f"{name}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"---\ntitle: Hand edited\n{value}\n---\nwords of a bad file\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("value", list(BAD_ENTRY_VALUES))
def test_a_bad_entry_value_is_reported_skipped_and_never_rewritten(notebook: Notebook, value: str) -> None:
    good = notebook.create_entry("a good entry about roses", title="Good")
    path = bad_entry(notebook.home, "bad", value)
    before = path.read_bytes()
    reopened = Notebook.open(notebook.home)
    assert [r.id for r in reopened.list_entries()] == [good.id]
    assert [r.id for r in reopened.search("roses")] == [good.id]
    report = Notebook(notebook.home).reindex()
    assert report.indexed == 1
    assert [p for p, _ in report.broken] == ["journal/2024/01/bad.md"]
    assert BAD_ENTRY_VALUES[value] in report.broken[0][1]
    assert "Traceback" not in report.broken[0][1]
    made = reopened.create_entry("writing still works", title="Later")
    assert {r.id for r in reopened.list_entries()} == {good.id, made.id}
    assert path.read_bytes() == before


def run(home: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "journal", "--home", str(home), *args], cwd=ROOT,
                          capture_output=True, timeout=120, input=b"")


def test_every_cli_command_works_beside_bad_files(tmp_path: Path) -> None:
    home = tmp_path / "nb"
    assert run(home, "new", "--body", "first good entry about roses").returncode == 0
    paths = {bad_entry(home, f"bad-{n}", value): value for n, value in enumerate(BAD_ENTRY_VALUES)}
    for args in (["list"], ["search", "roses"], ["new", "--body", "second good entry"], ["export", "json"]):
        done = run(home, *args)
        assert done.returncode == 0, (args, done.stderr.decode())
        assert b"Traceback" not in done.stderr
    listed = json.loads(run(home, "--json", "list").stdout)
    assert len(listed) == 2
    done = run(home, "--json", "reindex")
    assert done.returncode == 0, done.stderr.decode()
    reported = {item["path"] for item in json.loads(done.stdout)["broken"]}
    assert reported == {p.relative_to(home).as_posix() for p in paths}
    human = run(home, "reindex").stdout.decode()
    assert "bad-0.md" in human and "tags" in human
    for path, value in paths.items():
        assert path.read_text(encoding="utf-8") == f"---\ntitle: Hand edited\n{value}\n---\nwords of a bad file\n"


# --- stories and companions ------------------------------------------------------------


@pytest.mark.parametrize("change", [
    ("created: '", "created: 2024-02-30\nx: '"),
    ("created: '", "created: '2024-02-30'\nx: '"),
    ("tags: []", "tags: 5"),
    ("title: A walk", "title: {a: b}"),
    ("title: A walk", "title: A walk\nsource: {app: obsidian}"),
    ('"role": "user"', '"role": "user", "kind": [1]'),
])
def test_a_bad_story_file_is_one_bad_file(notebook: Notebook, change: tuple[str, str]) -> None:
    companion = notebook.companions.create("Mira", description="A friend")
    story = notebook.stories.create(title="A walk", companion=companion.slug)
    ops.add_user_turn(notebook, story.id, "hello there")
    other = notebook.stories.create(title="Other", companion=companion.slug)
    path = notebook.stories.path_for(story.id)
    text = path.read_text(encoding="utf-8")
    assert change[0] in text
    path.write_text(text.replace(change[0], change[1], 1), encoding="utf-8")
    before = path.read_bytes()
    reopened = Notebook.open(notebook.home)
    assert [s.id for s in reopened.stories.list()] == [other.id]
    report = Notebook(notebook.home).reindex()
    assert [p for p, _ in report.broken] == [f"stories/{path.name}"]
    assert reopened.stories.create(title="New", companion=companion.slug).title == "New"
    assert path.read_bytes() == before


@pytest.mark.parametrize("line", ["created: 2024-02-30", "tags: 3", "name: [a]", "extensions: 5",
                                  "character_book: [1]", "deep: " + "[" * 200 + "]" * 200])
def test_a_bad_companion_file_is_listed_by_reindex(notebook: Notebook, line: str) -> None:
    mira = notebook.companions.create("Mira", description="A friend")
    bad = notebook.companions.create("Lin", description="Another")
    text = bad.path.read_text(encoding="utf-8")
    key = line.split(":")[0]
    lines = [ln for ln in text.split("\n") if not ln.startswith(f"{key}:")]
    lines.insert(1, line)
    bad.path.write_text("\n".join(lines), encoding="utf-8")
    before = bad.path.read_bytes()
    reopened = Notebook.open(notebook.home)
    assert mira.slug in [c.slug for c in reopened.companions.list()]
    assert bad.slug not in [c.slug for c in reopened.companions.list()]
    report = Notebook(notebook.home).reindex()
    assert f"companions/{bad.path.name}" in [p for p, _ in report.broken]
    assert bad.path.read_bytes() == before


# --- a backup zip holding bad files -------------------------------------------------------


def test_restoring_a_backup_with_bad_files_keeps_the_notebook_usable(notebook: Notebook, tmp_path: Path) -> None:
    good = "---\ntitle: ok\ncreated: 2024-05-01T10:00:00+00:00\n---\nroses in the good entry\n"
    bad = {f"journal/2024/01/bad-{n}.md": f"---\n{value}\n---\nbad\n"
           for n, value in enumerate(["tags: 2024", "mood: .inf", "created: 2024-02-30", "source: {app: x}"])}
    bad["stories/bad-story.md"] = "---\nid: s1\ncreated: 2024-02-30\n---\n"
    bad["companions/bad.md"] = "---\ntype: companion\nname: [a]\n---\n"
    path = tmp_path / "backup.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("journal/2024/05/2024-05-01-ok.md", good)
        for name, text in bad.items():
            zf.writestr(name, text)
    report = run_import(notebook, "zip", path)
    assert report.added == 1 + len(bad)   # every file is back, byte for byte
    for name, text in bad.items():
        assert (notebook.home / name).read_text(encoding="utf-8") == text
    flagged = " ".join(report.issue_lines())
    for name in bad:
        assert name in flagged, name
    reopened = Notebook.open(notebook.home)
    assert [r.title for r in reopened.search("roses")] == ["ok"]
    assert reopened.create_entry("still writable").id
    assert {p for p, _ in Notebook(notebook.home).reindex().broken} == set(bad)


# --- import paths fed the same values ------------------------------------------------------


@pytest.mark.parametrize("value", ["feelings: 3", "tags: 2024", "mood: .inf", "tags: [{a: 1}]", "feelings: {a: 1}"])
def test_markdown_import_of_a_note_with_bad_values_reports_that_note(notebook: Notebook, tmp_path: Path,
                                                                    value: str) -> None:
    vault = tmp_path / "vault"
    vault.mkdir()
    (vault / "bad.md").write_text(f"---\n{value}\n---\nbad note\n", encoding="utf-8")
    (vault / "good.md").write_text("a good note\n", encoding="utf-8")
    report = run_import(notebook, "markdown", vault)
    assert report.added + len(report.broken) == 2 and report.added >= 1
    notebook.sync()
    assert Notebook(notebook.home).reindex().broken == []   # what was imported reads back


def test_card_with_bad_field_types_is_a_clear_error(notebook: Notebook) -> None:
    from journal.errors import DuetError

    for data in ({"name": "x", "tags": 5, "description": "d"}, {"name": ["x"], "description": "d"},
                 {"spec": "chara_card_v2", "data": {"name": "x", "extensions": [1]}}):
        with pytest.raises(DuetError):
            import_card(notebook, json.dumps(data).encode(), "card.json")


def test_the_settings_page_lists_bad_files_without_a_reindex(notebook: Notebook) -> None:
    from streamlit.testing.v1 import AppTest

    notebook.create_entry("a good entry")
    bad_entry(notebook.home, "bad", "tags: 2024")
    script = ("from ui.common import choose_language, get_notebook\nfrom ui.settings.general import "
              "render_general_settings\nnb = get_notebook()\nchoose_language(nb)\nrender_general_settings(nb)\n")
    app = AppTest.from_string(script, default_timeout=30)
    app.run()
    assert not app.exception
    assert "Duet skips 1 file" in app.warning[0].value
    shown = " ".join(c.value for c in app.caption)
    assert "journal/2024/01/bad.md" in shown and "“tags” must be a list of words" in shown
    app.button(key="settings_reindex").click().run()
    assert not app.exception
    assert "journal/2024/01/bad.md" in " ".join(c.value for c in app.caption)
