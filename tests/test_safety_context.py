"""The crisis check reads context the way people write it (#18, round 4): each promise fails if its mechanism goes.

A past told as over is not a warning sign (PAST_POLICY); a means in one sentence
and its purpose in the next is one sign; "wouldnt" reads as "wouldn't"; a
conditional about a chore is a figure of speech; a phrase that only describes
someone named after it is about them; a hummed lyric is a song.
"""

from __future__ import annotations

import pytest

from journal.safety import assess, learned


@pytest.mark.parametrize(("text", "level"), [
    ("I tried to overdose two years ago.", "concern"),
    ("以前割过手腕。", "concern"),
    ("I tried to overdose two years ago. I'm doing better now and life is good.", "none"),
    ("I used to cut myself. I've been clean for three years.", "none"),
    ("以前割过手腕，现在已经走出来了。", "none"),
    ("高中的时候想过死，熬过来了，现在很好。", "none"),
    # the present is never dropped, whatever the text says about the past
    ("I'm thirty now and life is good, but tonight I want to die.", "crisis"),
    ("以前自残过，已经走出来了，可是今晚又想割腕。", "crisis"),
])
def test_a_past_attempt_is_concern_unless_the_text_tells_it_as_over(text: str, level: str) -> None:
    assert assess(text).level == level, [str(r) for r in assess(text).reasons]


@pytest.mark.parametrize("text", [
    "Picked up a second bottle of sleeping pills. Nobody knows why I need two.",
    "I drove out to the railway bridge after work. Spent an hour looking down.",
    "网上下单了一箱炭。准备好了，就这周末。",
])
def test_a_means_and_its_purpose_in_the_next_sentence_are_one_sign(text: str) -> None:
    assert assess(text).level == "crisis", [str(r) for r in assess(text).reasons]


def test_a_purpose_several_sentences_away_is_not_joined_to_the_means() -> None:
    text = "Bought more sleeping pills. Went for a walk. Made tea. Nobody knows."
    with learned.using(None):   # the rules' joining of a means and its purpose; the learned signal reads sentences alone
        assert assess(text).level == "none"


@pytest.mark.parametrize("text", ["i dont want to live anymore", "honestly wouldnt mind if i didnt wake up", "im going to kill myself"])
def test_contractions_typed_without_apostrophes_read_as_contractions(text: str) -> None:
    assert assess(text).level == "crisis", text


@pytest.mark.parametrize("text", [
    "If I have to redo this form one more time I'll kill myself.",
    "If I have to hear that ringtone again I'm jumping out the window.",
    "吃撑了，想死。",
])
def test_a_chore_in_a_conditional_or_a_full_stomach_is_a_figure_of_speech(text: str) -> None:
    assert assess(text).level == "none", [str(r) for r in assess(text).reasons]


def test_a_conditional_about_living_itself_is_not_hyperbole() -> None:
    assert assess("If I have to live like this any more I want to die.").level == "crisis"


def test_a_phrase_that_describes_someone_named_after_it_is_about_them() -> None:
    assert assess("我在写一首诗，写一个不想活下去的老人。").level == "none"
    assert assess("我不想活下去了，写不动了。").level == "crisis"


@pytest.mark.parametrize("text", ["Humming 'I want to die in your arms' all day.", "Even on my worst days I've never thought about killing myself."])
def test_songs_and_denials_of_a_thought_stay_quiet(text: str) -> None:
    assert assess(text).level == "none", [str(r) for r in assess(text).reasons]


@pytest.mark.parametrize("text", ["If I have to see him again I am going to end it all.",
                                  "If I have to go back to that house one more time I will kill myself."])
def test_a_conditional_about_a_person_or_a_place_is_not_a_chore_figure_of_speech(text: str) -> None:
    # The chore conditional ("one more meeting… I'll kill myself") is hyperbole; facing a person or going back to a
    # place may be the very thing someone cannot survive (review of #18): never silenced.
    assert assess(text).level == "crisis", [str(r) for r in assess(text).reasons]
