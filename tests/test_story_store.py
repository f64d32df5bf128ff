"""Story files: readable markdown that round-trips exactly, and an index that can always be rebuilt."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from journal.errors import BrokenFile, InvalidInput, NotFound
from journal.notebook import Notebook
from journal.stories import ops
from journal.stories.fileformat import parse_story
from journal.stories.model import Story, Turn

TZ = timezone(timedelta(hours=8))
TRICKY_TEXTS = [
    "### Looks like a heading\nand a second line",
    "---\ntitle: not front matter\ntags: [x]\n---\n",
    "<!-- duet:turn {\"id\": \"fake\", \"role\": \"user\"} -->\nstill text",
    "\\<!-- duet:version 3 -->\n\\\\<!-- duet:/others -->",
    "<details><summary>mine</summary>\n\n</details>",
    "",
    "\n\nleading and trailing blank lines\n\n\n",
    "  indented\ttabs and trailing spaces   ",
    "**bold**, `code`, > quote, - list\n\n```\n<!-- duet:others -->\n```",
    "中文的一轮，带“引号”和 emoji 🌹，还有 --> 和 <!--",
    "windows line\r\nends\r\n",
    "NEL\x85 line separator\u2028 paragraph\u2029 end",
]


def _rich_story(nb: Notebook) -> Story:
    at = datetime(2026, 4, 2, 21, 14, tzinfo=TZ)
    turns = [
        Turn(id="", role="companion", alternatives=["Hello again.", "Hi, you.", "你来啦。"], chosen=2, created=at),
        Turn(id="", role="user", alternatives=[TRICKY_TEXTS[0]], created=at + timedelta(minutes=1), kind="say"),
    ]
    for n, text in enumerate(TRICKY_TEXTS):
        turns.append(Turn(id="", role="narrator" if n % 2 else "user", alternatives=[text, f"alt {n}", text + "x"],
                          chosen=n % 3, created=at + timedelta(minutes=2 + n), kind="do" if n % 2 == 0 else None,
                          extra={"choices": ["Open the letter", "Say --> nothing"], "mood": 3} if n == 3 else {}))
    story = Story(
        id="", title="Rain & roses: 雨夜", companion="wren-ashby", mode="narrate", turns=turns, tags=["love", "雨"],
        summary="They met in the bookshop.\nShe remembers April 2nd.\n  indented line\n", summary_upto=3,
        author_note="Keep it gentle.\n---\nNo cliffhangers.\x85\r\n", author_note_depth=2,
        memories=["Our anniversary is April 2nd", "喜欢玫瑰", "#not-a-tag: yes"],
        milestones=[{"date": "2026-04-02", "label": "First night"}],
        extra={"source": "chatgpt:abc123", "custom_key": {"nested": [1, 2]}, "odd": "NEL\x85 and \u2028 LS"},
        companion_name="Wren", user_name="Aria",
        scenario={"setting": "A rainy harbour town", "opening": "The bell rings."},
        moods=[{"at": "2026-04-02T21:20:00+08:00", "mood": 4, "turn": "x"}],
    )
    return nb.stories.add(story)


def _comparable(story: Story) -> dict:
    data = dict(story.__dict__)
    data.pop("path")
    data.pop("version")   # names the file read, not a field of the story
    data.pop("updated")
    data["turns"] = [dict(t.__dict__) for t in story.turns]
    return data


def test_every_field_and_every_tricky_text_round_trips_exactly(notebook: Notebook) -> None:
    story = _rich_story(notebook)
    loaded = notebook.stories.get(story.id)
    assert _comparable(loaded) == _comparable(story)
    for turn, original in zip(loaded.turns, story.turns):
        assert turn.alternatives == original.alternatives and turn.chosen == original.chosen
    # saving what was loaded writes the very same bytes
    text = story.path.read_bytes().decode("utf-8")   # not read_text: it would turn \r\n into \n
    assert notebook.stories.render(loaded) == text
    assert _comparable(parse_story(text)) == _comparable(story)


def test_the_file_reads_as_clean_markdown(notebook: Notebook) -> None:
    story = _rich_story(notebook)
    text = story.path.read_text(encoding="utf-8")
    assert story.path.parent == notebook.home / "stories"
    assert text.startswith("---\nid: ")
    assert "\n# Rain & roses: 雨夜\n" in text
    assert "\n### Wren · 2026-04-02 21:14\n\n你来啦。\n" in text           # chosen version right under the heading
    assert "\n### Aria · 2026-04-02 21:15\n" in text
    assert "<details><summary>Other versions (2)</summary>" in text
    assert "\nsummary: |" in text or "\nsummary: " in text
    assert list(story.path.parent.glob(".*.tmp")) == []                 # atomic write left no temp file


def test_deleting_the_database_and_reindexing_loses_nothing(notebook: Notebook) -> None:
    story = _rich_story(notebook)
    second = notebook.stories.create(title="Second", companion="zhou-yu", companion_name="周屿")
    ops.add_user_turn(notebook, second.id, "我们的纪念日是四月二号")
    branch = ops.branch(notebook, story.id, 4)
    before = {s.id: _comparable(notebook.stories.get(s.id)) for s in (story, second, branch)}
    listing = [(s.id, s.title, s.turns, s.branch_of) for s in notebook.stories.list()]

    notebook.index.destroy()
    fresh = Notebook(notebook.home)
    report = fresh.reindex()
    assert report.indexed == 3 and report.broken == []
    assert {s.id: _comparable(fresh.stories.get(s.id)) for s in (story, second, branch)} == before
    assert sorted(listing) == sorted((s.id, s.title, s.turns, s.branch_of) for s in fresh.stories.list())
    assert [s.id for s in fresh.stories.branches_of(story.id)] == [branch.id]
    assert fresh.stories.find_by_source("chatgpt:abc123") == story.id
    rows = fresh.index.connection().execute(
        "SELECT story_id FROM story_turns_fts f JOIN story_turns t ON t.rowid = f.rowid WHERE story_turns_fts MATCH ?",
        ('"纪念日"',)).fetchall()
    assert [r[0] for r in rows] == [second.id]


def test_branch_shares_history_and_links_back(notebook: Notebook) -> None:
    story = _rich_story(notebook)
    branch = ops.branch(notebook, story.id, 2)
    assert branch.id != story.id and branch.path != story.path
    assert [t.alternatives for t in branch.turns] == [t.alternatives for t in story.turns[:3]]
    assert branch.branch_of == {"story": story.id, "turn": story.turns[2].id}
    assert branch.summary == story.summary and branch.memories == story.memories
    assert "source" not in branch.extra
    assert len(notebook.stories.get(story.id).turns) == len(story.turns)   # the original is untouched


def test_undo_restores_the_previous_file_step_by_step(notebook: Notebook) -> None:
    story = notebook.stories.create(title="Undo", companion="wren-ashby")
    original = story.path.read_bytes()
    ops.add_user_turn(notebook, story.id, "one")
    after_one = story.path.read_bytes()
    ops.add_user_turn(notebook, story.id, "two")
    assert [t.text for t in notebook.stories.get(story.id).turns] == ["one", "two"]
    assert [t.text for t in ops.undo(notebook, story.id).turns] == ["one"]
    assert story.path.read_bytes() == after_one
    ops.undo(notebook, story.id)
    assert story.path.read_bytes() == original
    assert not notebook.stories.can_undo(story.id)
    with pytest.raises(InvalidInput):
        ops.undo(notebook, story.id)
    # the index follows the undo
    assert notebook.stories.list()[0].turns == 0


def test_hand_edit_in_obsidian_is_picked_up_and_broken_files_are_reported(notebook: Notebook) -> None:
    story = notebook.stories.create(title="Hand", companion="wren-ashby")
    ops.add_user_turn(notebook, story.id, "original words")
    text = story.path.read_text(encoding="utf-8").replace("original words", "edited by hand 手改")
    story.path.write_text(text, encoding="utf-8")
    broken = notebook.home / "stories" / "broken.md"
    broken.write_text("---\nid: b1\ntitle: x\n---\n<!-- duet:turn {not json} -->\n### x\n\nhi\n\n", encoding="utf-8")
    reopened = Notebook.open(notebook.home)
    assert reopened.stories.get(story.id).turns[0].text == "edited by hand 手改"
    report = reopened.reindex()
    assert [p for p, _ in report.broken] == ["stories/broken.md"]
    assert broken.read_text(encoding="utf-8").startswith("---\nid: b1")   # never rewritten
    with pytest.raises(BrokenFile):
        parse_story(broken.read_text(encoding="utf-8"))


def test_missing_story_and_deleted_story(notebook: Notebook) -> None:
    with pytest.raises(NotFound):
        notebook.stories.get("nope")
    story = notebook.stories.create(title="Gone soon", companion="wren-ashby")
    ops.add_user_turn(notebook, story.id, "hello")
    notebook.stories.delete(story.id)
    assert not story.path.exists()
    assert notebook.stories.list() == []
    assert notebook.index.connection().execute("SELECT count(*) FROM story_turns").fetchone()[0] == 0
    with pytest.raises(NotFound):
        notebook.stories.get(story.id)


def test_titles_with_path_characters_stay_in_the_stories_folder(notebook: Notebook) -> None:
    one = notebook.stories.create(title="../../etc/passwd", companion="wren-ashby")
    two = notebook.stories.create(title="../../etc/passwd", companion="wren-ashby")
    assert one.path.parent == two.path.parent == notebook.home / "stories"
    assert one.path != two.path
    with pytest.raises(InvalidInput):
        notebook.stories.create(title="x", companion="")


def test_titles_without_letters_name_a_story_story_not_entry(notebook: Notebook) -> None:
    assert notebook.stories.create(title="!!!", companion="wren-ashby").path.name == "story.md"
    assert notebook.stories.create(title="?!", companion="wren-ashby").path.name == "story-2.md"
    assert notebook.companions.create("!!!").slug == "companion"
    assert notebook.companions.create("?!").slug == "companion-2"


def test_append_rewrites_only_the_changed_index_rows(notebook: Notebook) -> None:
    story = notebook.stories.add(Story(id="", title="Long", companion="wren-ashby", turns=[
        Turn(id="", role="user" if i % 2 == 0 else "companion", alternatives=[f"turn {i}"]) for i in range(200)]))
    conn = notebook.index.connection()
    before = conn.total_changes
    ops.add_user_turn(notebook, story.id, "one more")
    changed = conn.total_changes - before
    assert changed < 10   # one story row + one turn row (+ FTS trigger rows), not 200
    assert conn.execute("SELECT count(*) FROM story_turns WHERE story_id = ?", (story.id,)).fetchone()[0] == 201


def test_a_copied_story_file_gets_its_own_id(notebook: Notebook, tmp_path: Path) -> None:
    story = notebook.stories.create(title="Original", companion="wren-ashby")
    copy = story.path.with_name("copy.md")
    copy.write_bytes(story.path.read_bytes())
    Notebook.open(notebook.home)
    ids = {s.id for s in notebook.stories.list()}
    assert len(ids) == 2 and story.id in ids


def test_reads_are_cached_but_copies_are_private_and_hand_edits_are_seen(notebook: Notebook) -> None:
    story = notebook.stories.create(title="Cache", companion="wren-ashby")
    ops.add_user_turn(notebook, story.id, "hello")
    mine = notebook.stories.get(story.id)
    mine.turns[0].alternatives.append("changed in memory only")
    mine.memories.append("not saved")
    fresh = notebook.stories.get(story.id)
    assert fresh.turns[0].alternatives == ["hello"] and fresh.memories == []
    assert notebook.stories.view(story.id) is notebook.stories.view(story.id)   # a rerun reuses the parse
    text = story.path.read_text(encoding="utf-8").replace("hello", "edited elsewhere, longer")
    story.path.write_text(text, encoding="utf-8")
    assert notebook.stories.view(story.id).turns[0].text == "edited elsewhere, longer"


def test_a_story_shows_its_companions_name_not_the_file_name(notebook) -> None:
    companion = notebook.companions.list()[0]
    story = notebook.stories.create(title="Named", companion=companion.slug)
    assert notebook.stories.get(story.id).display_companion == companion.name
    text = story.path.read_text(encoding="utf-8")
    story.path.write_text("\n".join(l for l in text.splitlines() if not l.startswith("companion_name:")) + "\n",
                          encoding="utf-8")
    assert notebook.stories.get(story.id).display_companion == companion.name


def test_a_story_whose_companion_is_gone_still_opens(notebook) -> None:
    story = notebook.stories.create(title="Orphan", companion="someone-deleted")
    assert notebook.stories.get(story.id).display_companion == "someone-deleted"
