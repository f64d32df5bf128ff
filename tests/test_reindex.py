"""The index is derived: deleting it loses nothing; hand edits and broken files are handled."""

from __future__ import annotations


from journal.notebook import Notebook
from journal.store import index as index_module
from journal.store import migrations


def _search_all(nb: Notebook, queries: list[str]) -> list:
    return [[(r.id, r.title, r.snippet) for r in nb.search(q, limit=50)] for q in queries]


def test_reindex_after_deleting_the_database_gives_identical_results(notebook: Notebook) -> None:
    for i in range(30):
        notebook.create_entry(f"第{i}天，和C聊了玫瑰 and roses number {i}", title=f"Day {i}", tags=["love"] if i % 2 else [])
    queries = ["玫瑰", "聊", "roses", "Day 1", "number 2"]
    before = _search_all(notebook, queries)
    listing = [r.id for r in notebook.list_entries(limit=100)]
    notebook.index.destroy()
    assert not notebook.index.path.exists()
    fresh = Notebook(notebook.home)
    report = fresh.reindex()
    assert report.indexed == 30 and report.broken == []
    assert _search_all(fresh, queries) == before
    assert [r.id for r in fresh.list_entries(limit=100)] == listing


def test_hand_edited_file_is_picked_up_on_next_start(notebook: Notebook) -> None:
    entry = notebook.create_entry("original words", title="Mine")
    text = entry.path.read_text(encoding="utf-8").replace("original words", "edited in Obsidian 手改过")
    entry.path.write_text(text, encoding="utf-8")
    reopened = Notebook.open(notebook.home)
    assert [r.id for r in reopened.search("手改过")] == [entry.id]
    assert reopened.search("original") == []


def test_a_note_dropped_in_by_hand_gets_a_stable_id(notebook: Notebook) -> None:
    folder = notebook.home / "journal/2025/01"
    folder.mkdir(parents=True)
    (folder / "from-obsidian.md").write_text("# Winter\n\nSnow on the river.", encoding="utf-8")
    first = Notebook.open(notebook.home).search("river")
    assert [r.title for r in first] == ["Winter"]
    Notebook(notebook.home).reindex()
    assert [r.id for r in Notebook.open(notebook.home).search("river")] == [first[0].id]
    assert (folder / "from-obsidian.md").read_text(encoding="utf-8") == "# Winter\n\nSnow on the river."


def test_broken_front_matter_is_reported_skipped_and_never_rewritten(notebook: Notebook) -> None:
    notebook.create_entry("fine entry")
    broken = notebook.home / "journal/2026/01/broken.md"
    broken.parent.mkdir(parents=True, exist_ok=True)
    content = "---\ntitle: [unclosed\ntags: x\n---\nbody\n"
    broken.write_text(content, encoding="utf-8")
    report = Notebook(notebook.home).reindex()
    assert report.indexed == 1
    assert [p for p, _ in report.broken] == ["journal/2026/01/broken.md"]
    assert "YAML" in report.broken[0][1]
    assert broken.read_text(encoding="utf-8") == content


def test_deleted_file_disappears_from_the_index(notebook: Notebook) -> None:
    entry = notebook.create_entry("soon deleted by hand")
    entry.path.unlink()
    assert Notebook.open(notebook.home).count_entries() == 0


def test_copied_file_keeps_both_entries(notebook: Notebook) -> None:
    entry = notebook.create_entry("twin text")
    copy = entry.path.with_name("copy.md")
    copy.write_bytes(entry.path.read_bytes())
    reopened = Notebook.open(notebook.home)
    ids = {r.id for r in reopened.search("twin")}
    assert len(ids) == 2 and entry.id in ids


def test_schema_version_matches_the_migrations() -> None:
    assert index_module.SCHEMA_VERSION == len(migrations.migrations._migrations)


def test_quick_sync_sees_files_added_or_removed_by_hand(notebook: Notebook) -> None:
    entry = notebook.create_entry("already here")
    Notebook.open(notebook.home)  # full sync records folder stamps
    added = entry.path.parent / "new-by-hand.md"
    added.write_text("---\ntitle: By hand\n---\nwritten in vim", encoding="utf-8")
    quick = Notebook.open(notebook.home, sync="quick")
    assert [r.title for r in quick.search("vim")] == ["By hand"]
    entry.path.unlink()
    assert Notebook.open(notebook.home, sync="quick").count_entries() == 1


def test_quick_sync_without_stamps_does_a_full_sync(notebook: Notebook) -> None:
    notebook.create_entry("stamped")
    (notebook.home / ".duet" / "folders.json").unlink(missing_ok=True)
    folder = notebook.home / "journal/2020/02"
    folder.mkdir(parents=True)
    (folder / "old.md").write_text("an old note", encoding="utf-8")
    assert [r.snippet for r in Notebook.open(notebook.home, sync="quick").search("old note")] == ["an **old** **note**"]


def test_quick_sync_lists_only_the_folder_that_changed(notebook: Notebook, monkeypatch) -> None:
    # #19: after one saved file, a quick sync must not list every folder of ten years of entries.
    import os
    from datetime import datetime, timedelta, timezone

    start = datetime(2020, 1, 1, 9, tzinfo=timezone.utc)
    notebook.create_entries([{"body": f"day {i}", "created": start + timedelta(days=40 * i)} for i in range(30)])
    notebook.sync(quick=True)
    target = notebook.list_entries(limit=1)[0]
    listed: list[str] = []
    real_scandir = os.scandir
    monkeypatch.setattr(os, "scandir", lambda path=".": listed.append(str(path)) or real_scandir(path))
    path = notebook.home / target.path if not os.path.isabs(target.path) else target.path
    text = open(path, encoding="utf-8").read()
    tmp = f"{path}.tmp"
    with open(tmp, "w", encoding="utf-8") as out:
        out.write(text.replace("day", "night", 1))
    os.replace(tmp, path)  # a save by rename changes the folder's mtime, as editors do
    report = notebook.sync(quick=True)
    assert report.indexed == 1 and notebook.search("night")[0].id == target.id
    journal_root = str(notebook.home / "journal")
    assert {p for p in listed if p.startswith(journal_root)} == {os.path.dirname(path)}  # not the 30 others
    # A new year folder is found through its parent, which changed.
    (notebook.home / "journal" / "2031" / "05").mkdir(parents=True)
    (notebook.home / "journal" / "2031" / "05" / "hand.md").write_text("by hand in 2031", encoding="utf-8")
    assert notebook.sync(quick=True).indexed == 1
    assert notebook.search("2031")[0].title == "by hand in 2031"
