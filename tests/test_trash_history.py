"""Trash and history (#11): deletes are restorable for 30 days; every save keeps the version before it."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

from journal.cli import main
from journal.notebook import Notebook
from journal.store.history import MAX_VERSIONS
from journal.store.trash import KEEP_DAYS
from journal.stories import ops


def test_deleted_entry_story_and_companion_come_back_from_the_trash(notebook: Notebook) -> None:
    entry = notebook.create_entry("Do not lose me.", title="Precious")
    story = notebook.stories.create(title="Our story", companion="wren")
    ops.add_user_turn(notebook, story.id, "Hello.")
    wren = notebook.companions.create("Wren", description="Quiet.")
    notebook.delete_entry(entry.id)
    notebook.stories.delete(story.id)
    notebook.companions.delete(wren.slug)
    assert notebook.count_entries() == 0 and not notebook.stories.exists(story.id)
    items = notebook.trash.list()
    assert sorted(i.kind for i in items) == ["companion", "entry", "story"]
    assert {i.title for i in items} == {"Precious", "Our story", "Wren"}
    for item in items:
        notebook.restore_from_trash(item.id)
    assert notebook.get_entry(entry.id).body == "Do not lose me."
    assert [t.text for t in notebook.stories.get(story.id).turns] == ["Hello."]
    assert notebook.companions.get(wren.slug).description == "Quiet."
    assert notebook.trash.list() == []


def test_cli_trash_list_restore_and_empty(notebook: Notebook, capsys) -> None:
    entry = notebook.create_entry("Deleted by mistake.", title="Oops")
    other = notebook.create_entry("Gone for good.", title="Old")
    assert main(["delete", entry.id]) == 0 and main(["delete", other.id]) == 0
    capsys.readouterr()
    assert main(["--json", "trash"]) == 0
    items = json.loads(capsys.readouterr().out)
    assert {i["title"] for i in items} == {"Oops", "Old"}
    oops = next(i for i in items if i["title"] == "Oops")
    assert main(["trash", "restore", oops["id"]]) == 0
    assert Notebook.open(notebook.home).get_entry(entry.id).body == "Deleted by mistake."
    assert main(["trash", "empty"]) == 0
    assert Notebook.open(notebook.home).trash.list() == []
    assert main(["trash", "restore", "nothing-here"]) == 1
    assert "Nothing in the trash" in capsys.readouterr().err


def test_trash_older_than_thirty_days_is_emptied_at_open(notebook: Notebook) -> None:
    entry = notebook.create_entry("Old news.", title="Old")
    notebook.delete_entry(entry.id)
    [item] = notebook.trash.list()
    old_name = "20200101T000000" + item.id[len("20200101T000000"):]
    os.rename(notebook.trash.folder / item.id, notebook.trash.folder / old_name)
    fresh = notebook.create_entry("Recent.", title="New")
    notebook.delete_entry(fresh.id)
    Notebook.open(notebook.home)
    assert [i.title for i in notebook.trash.list()] == ["New"]
    assert KEEP_DAYS == 30


def test_every_save_keeps_the_previous_version_up_to_the_limit(notebook: Notebook, capsys) -> None:
    entry = notebook.create_entry("version 0", title="Drafts")
    for number in range(1, MAX_VERSIONS + 5):
        notebook.update_entry(entry.id, body=f"version {number}")
    versions = notebook.entry_versions(entry.id)
    assert len(versions) == MAX_VERSIONS
    assert "version 23" in versions[0].path.read_text(encoding="utf-8")   # newest first
    assert notebook.read_entry_version(entry.id, versions[-1].id).body == "version 4"

    capsys.readouterr()
    assert main(["--json", "history", entry.id]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [v["version"] for v in listed] == [v.id for v in versions]
    assert main(["restore", entry.id, versions[2].id]) == 0
    assert Notebook.open(notebook.home).get_entry(entry.id).body == "version 21"
    latest = notebook.entry_versions(entry.id)[0]
    assert "version 24" in latest.path.read_text(encoding="utf-8")   # the replaced text became a version


def test_versions_older_than_thirty_days_are_dropped(notebook: Notebook) -> None:
    entry = notebook.create_entry("one", title="Aging")
    notebook.update_entry(entry.id, body="two")
    [version] = notebook.entry_versions(entry.id)
    old_stamp = int((time.time() - 31 * 86400) * 1e9)
    os.rename(version.path, version.path.with_name(f"{old_stamp:020d}-1.md"))
    notebook.update_entry(entry.id, body="three")
    assert [notebook.read_entry_version(entry.id, v.id).body for v in notebook.entry_versions(entry.id)] == ["two"]


def test_story_history_and_undo_share_the_versions(notebook: Notebook, capsys) -> None:
    story = notebook.stories.create(title="Versions", companion="wren")
    ops.add_user_turn(notebook, story.id, "first")
    ops.add_user_turn(notebook, story.id, "second")
    versions = notebook.stories.versions(story.id)
    assert [len(notebook.stories.read_version(story.id, v.id).turns) for v in versions] == [1, 0]
    capsys.readouterr()
    assert main(["--json", "history", story.id]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 2
    assert main(["restore", story.id, versions[1].id]) == 0
    assert Notebook.open(notebook.home).stories.get(story.id).turns == []
    assert [t.text for t in ops.undo(notebook, story.id).turns] == ["first", "second"]   # the restore is undoable


def test_the_reader_page_lists_and_restores_versions(app_path: str, notebook: Notebook) -> None:
    from streamlit.testing.v1 import AppTest

    entry = notebook.create_entry("before", title="Page history")
    notebook.update_entry(entry.id, body="after")
    at = AppTest.from_file(app_path, default_timeout=60)
    at.session_state["journal_mode"] = "read"
    at.session_state["journal_open"] = entry.id
    at.run()
    [version] = notebook.entry_versions(entry.id)
    at.button(key=f"journal_restore_{version.id}").click().run()
    assert not at.exception
    assert notebook.get_entry(entry.id).body == "before"


def test_the_settings_page_restores_from_the_trash(app_path: str, notebook: Notebook) -> None:
    from streamlit.testing.v1 import AppTest

    entry = notebook.create_entry("restore me", title="From settings")
    notebook.delete_entry(entry.id)
    [item] = notebook.trash.list()
    at = AppTest.from_file(app_path, default_timeout=60)
    at.switch_page("pages/settings.py").run()
    at.button(key=f"trash_restore_{item.id}").click().run()
    assert not at.exception
    assert Notebook.open(notebook.home).get_entry(entry.id).body == "restore me"
    assert Path(notebook.home, ".trash").exists() and notebook.trash.list() == []


def test_trash_and_versions_stay_out_of_the_backup(notebook: Notebook) -> None:
    from journal.export.notebook_files import walk

    kept = notebook.create_entry("kept", title="Kept")
    notebook.update_entry(kept.id, body="kept, edited")
    gone = notebook.create_entry("a secret I deleted", title="Gone")
    notebook.delete_entry(gone.id)
    exported = [f.relative for f in walk(notebook.home)]
    assert any(name.startswith("journal/") for name in exported)
    assert not [name for name in exported if name.startswith((".trash/", ".history/"))]


def test_the_stories_page_restores_an_earlier_version(app_path: str, notebook: Notebook) -> None:
    from streamlit.testing.v1 import AppTest

    story = notebook.stories.create(title="Page versions", companion="wren")
    ops.add_user_turn(notebook, story.id, "kept")
    ops.add_user_turn(notebook, story.id, "regretted")
    newest = notebook.stories.versions(story.id)[0]
    at = AppTest.from_file(app_path, default_timeout=60).run()
    at.switch_page("pages/stories.py").run()
    at.button(key=f"story_restore_{newest.id}").click().run()
    assert not at.exception
    assert [t.text for t in Notebook.open(notebook.home).stories.get(story.id).turns] == ["kept"]
