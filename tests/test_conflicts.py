"""No silent lost update (#11): a save of a file someone else changed keeps both texts and says so."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from journal.cli import main
from journal.errors import SaveConflict
from journal.notebook import Notebook
from journal.stories import ops

TIMEOUT = 60


def _md_texts(folder: Path) -> list[str]:
    return sorted(p.read_text(encoding="utf-8") for p in folder.rglob("*.md"))


def _edit(at: AppTest, entry_id: str) -> AppTest:
    at.session_state["journal_mode"] = "read"
    at.session_state["journal_open"] = entry_id
    at.run()
    return at.button(key="journal_edit").click().run()


def test_two_tabs_on_one_entry_and_an_obsidian_edit_lose_nothing(app_path: str, notebook: Notebook) -> None:
    entry = notebook.create_entry("The first draft.", title="Rain")
    tab_a = _edit(AppTest.from_file(app_path, default_timeout=TIMEOUT), entry.id)
    tab_b = _edit(AppTest.from_file(app_path, default_timeout=TIMEOUT), entry.id)

    tab_a.text_area(key=f"editor_{entry.id}_body").input("Tab A wrote this.").run()
    tab_a.button(key="journal_save_edit").click().run()
    assert not tab_a.exception
    assert notebook.get_entry(entry.id).body == "Tab A wrote this."

    path = notebook.get_entry(entry.id).path
    path.write_text(path.read_text(encoding="utf-8").replace("Tab A wrote this.", "Obsidian added this."),
                    encoding="utf-8")   # an edit in another app meanwhile

    tab_b.text_area(key=f"editor_{entry.id}_body").input("Tab B wrote this.").run()
    tab_b.button(key="journal_save_edit").click().run()
    assert not tab_b.exception
    assert any("changed this since you opened it" in w.value for w in tab_b.warning)   # the page says so
    assert "Obsidian added this." in path.read_text(encoding="utf-8")                # nothing overwritten
    assert any("Tab B wrote this." in text for text in _md_texts(notebook.home / "journal"))   # both kept
    assert any("The first draft." in v.path.read_text(encoding="utf-8") for v in notebook.entry_versions(entry.id))

    tab_b.button(key="journal_conflict_mine").click().run()   # the person chooses: keep mine
    assert not tab_b.exception
    assert notebook.get_entry(entry.id).body == "Tab B wrote this."
    assert notebook.conflicts() == []
    kept = [v.path.read_text(encoding="utf-8") for v in notebook.entry_versions(entry.id)]
    assert any("Obsidian added this." in text for text in kept)   # the other text is a version, not lost


def test_two_api_callers_with_stale_copies(notebook: Notebook) -> None:
    entry = notebook.create_entry("Original.", title="Shared")
    first, second = notebook.get_entry(entry.id), notebook.get_entry(entry.id)
    first.body = "First caller."
    notebook.save_entry(first)
    second.body = "Second caller."
    with pytest.raises(SaveConflict) as caught:
        notebook.save_entry(second)
    assert notebook.get_entry(entry.id).body == "First caller."
    copy = Path(caught.value.copy)
    assert "Second caller." in copy.read_text(encoding="utf-8") and copy.parent == entry.path.parent
    [conflict] = notebook.conflicts()
    assert conflict.path == copy and conflict.original == entry.path
    assert any(s.path == str(copy) for s in notebook.list_entries())   # visible in the app's list too

    with pytest.raises(SaveConflict):   # the editor's way: the version it was opened on
        notebook.update_entry(entry.id, expected_version=second.version, body="Third.")
    assert notebook.get_entry(entry.id).body == "First caller."
    assert len(notebook.conflicts()) == 2


def test_conflict_copies_are_listed_and_resolved_by_the_cli(notebook: Notebook, capsys) -> None:
    entry = notebook.create_entry("Mine or theirs.", title="Choice")
    stale = notebook.get_entry(entry.id)
    notebook.update_entry(entry.id, body="Theirs.")
    stale.body = "Mine."
    with pytest.raises(SaveConflict) as caught:
        notebook.save_entry(stale)
    capsys.readouterr()
    assert main(["conflicts"]) == 0
    out = capsys.readouterr().out
    copy = Path(caught.value.copy).relative_to(notebook.home).as_posix()
    assert copy in out and entry.path.relative_to(notebook.home).as_posix() in out
    assert main(["resolve", copy, "--keep", "theirs"]) == 0
    reopened = Notebook.open(notebook.home)
    assert reopened.get_entry(entry.id).body == "Theirs." and reopened.conflicts() == []
    assert [item.kind for item in reopened.trash.list()] == ["entry"]   # "theirs" put my copy in the trash


def test_keep_both_leaves_two_entries(notebook: Notebook) -> None:
    entry = notebook.create_entry("A.", title="Both")
    stale = notebook.get_entry(entry.id)
    notebook.update_entry(entry.id, body="B.")
    stale.body = "C."
    with pytest.raises(SaveConflict) as caught:
        notebook.save_entry(stale)
    notebook.resolve_conflict(caught.value.copy, "both")
    bodies = sorted(notebook.get_entry(s.id).body for s in notebook.list_entries())
    assert bodies == ["B.", "C."] and notebook.conflicts() == []


def test_story_appends_go_into_the_newest_version_and_a_stale_save_is_kept(notebook: Notebook, capsys) -> None:
    story = notebook.stories.create(title="Two writers", companion="wren")
    stale = notebook.stories.get(story.id)
    ops.add_user_turn(notebook, story.id, "From the app.")
    assert main(["--json", "list"]) == 0   # another process (the CLI) opens the notebook meanwhile
    ops.add_user_turn(Notebook.open(notebook.home), story.id, "From a second process.")
    assert [t.text for t in notebook.stories.get(story.id).turns] == ["From the app.", "From a second process."]
    stale.turns.append(ops.new_turn("user", "From a stale copy."))
    with pytest.raises(SaveConflict) as caught:
        notebook.stories.save(stale)
    assert [t.text for t in notebook.stories.get(story.id).turns] == ["From the app.", "From a second process."]
    assert "From a stale copy." in Path(caught.value.copy).read_text(encoding="utf-8")


def test_companion_saved_from_a_stale_copy_keeps_both(notebook: Notebook) -> None:
    from dataclasses import replace

    wren = notebook.companions.create("Wren", description="Quiet.")
    stale = notebook.companions.get(wren.slug)
    notebook.companions.update(wren.slug, description="Changed in another tab.")
    with pytest.raises(SaveConflict) as caught:
        notebook.companions.save(replace(stale, description="Stale tab."))
    assert notebook.companions.get(wren.slug).description == "Changed in another tab."
    assert "Stale tab." in Path(caught.value.copy).read_text(encoding="utf-8")
    assert [c.slug for c in notebook.companions.list() if c.slug.startswith("wren")] == ["wren"]
    assert [c.path for c in notebook.conflicts()] == [Path(caught.value.copy)]


def test_two_tabs_on_one_story_keep_every_turn(app_path: str, notebook: Notebook, chat) -> None:
    """Two sessions of the Stories page send into one story: both exchanges are in the file."""
    story = notebook.stories.create(title="Shared evening", companion="wren-ashby")
    tabs = []
    for _ in range(2):
        tab = AppTest.from_file(app_path, default_timeout=TIMEOUT).run()
        tab.switch_page("pages/stories.py").run()
        assert not tab.exception
        tabs.append(tab)
    chat.enqueue("Reply to A.")
    tabs[0].chat_input(key="story_input").set_value("From tab A.").run()
    chat.enqueue("Reply to B.")
    tabs[1].chat_input(key="story_input").set_value("From tab B.").run()   # this tab drew the story before A sent
    assert not tabs[0].exception and not tabs[1].exception
    texts = [turn.text for turn in Notebook.open(notebook.home).stories.get(story.id).turns]
    assert texts == ["From tab A.", "Reply to A.", "From tab B.", "Reply to B."]
