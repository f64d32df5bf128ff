"""Provenance of AI words: recorded in the files (entry front matter, story turns), so it survives a backup,
delete-all, restore and reindex, and decides whether a share is labelled."""

from __future__ import annotations

from datetime import datetime, timezone

from journal.cli import main
from journal.notebook import Notebook
from journal.provenance import ENTRY_KEY, entry_holds_ai_words, passage, turn_is_ai, with_ai_words
from journal.share.from_story import source_from_story
from journal.share.post import make_post
from journal.share.source import source_from_entry
from journal.stories.model import Turn

WHEN = datetime(2026, 4, 2, 21, 14, tzinfo=timezone.utc)
MINE = "Tonight the rain came back. I walked to the shop anyway."
AI_WORDS = "The kettle sang, and for a moment the whole street seemed to listen."


def _entry(nb: Notebook):
    extra = with_ai_words(None, [passage("continuation", AI_WORDS, WHEN)])
    return nb.create_entry(MINE + "\n\n" + AI_WORDS, title="Rain", extra=extra)


def test_an_accepted_continuation_is_recorded_in_the_front_matter(notebook):
    entry = _entry(notebook)
    text = entry.path.read_text("utf-8")
    assert f"{ENTRY_KEY}:" in text and "kind: continuation" in text
    assert entry_holds_ai_words(notebook.get_entry(entry.id), entry.body, entry.title)
    # the writer's own part alone holds no AI words, and a rewritten continuation no longer counts
    assert not entry_holds_ai_words(entry, MINE, entry.title)
    assert not entry_holds_ai_words(entry, MINE + " The kettle was quiet.", entry.title)


def test_provenance_survives_export_delete_all_import_and_reindex(notebook, tmp_path, capsys):
    entry = _entry(notebook)
    turns = [Turn(id="", role="user", alternatives=["Are you still up?"]),
             Turn(id="", role="companion", alternatives=["Always."]),
             Turn(id="", role="user", alternatives=["Tell me about the sea."], extra={"ai": "suggestion"})]
    story = notebook.stories.create(title="Night", companion="c", companion_name="C", turns=turns)
    home = str(notebook.home)
    backup = tmp_path / "backup.zip"
    assert main(["--home", home, "export", "zip", str(backup)]) == 0
    assert main(["--home", home, "delete-all", "--yes"]) == 0
    assert main(["--home", home, "import", "zip", str(backup)]) == 0
    assert main(["--home", home, "reindex"]) == 0
    capsys.readouterr()
    restored = Notebook.open(home)
    again = restored.get_entry(entry.id)
    assert again.extra[ENTRY_KEY][0]["text"] == AI_WORDS
    assert source_from_entry(again).ai_words
    assert make_post(source_from_entry(again), "square", "page").label is not None
    back = restored.stories.get(story.id)
    assert [turn_is_ai(t) for t in back.turns] == [False, True, True]
    shared = source_from_story(restored, story.id, 1, 3)
    assert [t.ai for t in shared.turns] == [False, True, True]
    only_mine = source_from_story(restored, story.id, 1, 1)
    assert make_post(only_mine, "square", "chat").label is None


def test_the_reader_notes_ai_words_quietly(notebook):
    from journal.provenance import describe

    entry = _entry(notebook)
    assert describe(entry) == [("continuation", WHEN.isoformat(timespec="seconds"))]
    plain = notebook.create_entry(MINE, title="Mine")
    assert describe(plain) == []


def test_a_save_records_the_ai_words_it_is_given_beside_those_already_there(notebook):
    """The page hands accepted AI words to the save (``ai_words=``); the notebook keeps the record (#21)."""
    entry = notebook.create_entry(MINE + "\n\n" + AI_WORDS, title="Rain",
                                  ai_words=[passage("continuation", AI_WORDS, WHEN)])
    assert notebook.get_entry(entry.id).ai_passages == [("continuation", WHEN.isoformat())]
    later = datetime(2026, 4, 3, 8, 0, tzinfo=timezone.utc)
    notebook.update_entry(entry.id, title="Kettle", ai_words=[passage("title", "Kettle", later)])
    notebook.update_entry(entry.id, starred=True)   # a save without AI words keeps the record as it is
    assert notebook.get_entry(entry.id).ai_passages == [("continuation", WHEN.isoformat()),
                                                        ("title", later.isoformat())]
