"""The voice profile (issue #14, item 4): habits counted from the companion's own turns, English and Chinese."""

from __future__ import annotations

from pathlib import Path

from journal.companions.voice import derive_profile, describe_profile
from journal.notebook import Notebook
from journal.stories import ops
from journal.stories.model import Story, Turn

EN_TURNS = [
    "You know what, sweetheart? The kettle is already on… 💛",
    "Come in, sweetheart. You know what I think? Rain suits this town.",
    "Mm. You know what, I saved you the window seat…",
    "Sweetheart, the cat is on the poetry shelf again 💛",
    "You know what? Tea first, then stories.",
    "Oh, look at you… soaked through, my little storm cloud.",
    "Later, sweetheart. Sleep well 💛",
    "Of course I remember… you know what, I always will.",
]
ZH_TURNS = [
    "宝贝，好啦好啦，别哭了嘛~",
    "好啦，乖乖去睡觉，明天见~",
    "宝贝今天累不累呀？",
    "没事的没事的，好啦，有我在呢~",
    "乖乖吃饭，宝贝，不许熬夜哦",
    "好啦，我知道啦，你最棒了~",
    "宝贝，外面下雨了，记得带伞。",
]
PERSON_TURNS = ["darling, honey, babe", "好啦好啦好啦"]   # the person's words: never part of the companion's voice


def test_english_pet_names_catchphrases_length_emoji_and_marks() -> None:
    profile = derive_profile(EN_TURNS)
    assert [name for name, _ in profile.pet_names][:1] == ["sweetheart"]
    assert dict(profile.pet_names)["sweetheart"] == 4
    assert [phrase for phrase, _ in profile.catchphrases][:1] == ["you know what"]
    assert profile.emoji == [("💛", 3)] and profile.emoji_rate == round(3 / 8, 2)
    assert profile.marks["…"] == round(4 / 8, 2) and profile.chinese_share == 0.0
    assert 40 <= profile.length_median <= 70


def test_chinese_pet_names_and_koutouchan() -> None:
    profile = derive_profile(ZH_TURNS)
    names = [name for name, _ in profile.pet_names]
    assert names[0] == "宝贝" and "乖乖" in names
    phrases = [phrase for phrase, _ in profile.catchphrases]
    assert phrases[0] == "好啦"
    assert profile.marks["~"] == round(4 / 7, 2) and profile.chinese_share == 1.0


def test_too_few_turns_say_nothing() -> None:
    assert describe_profile(derive_profile(EN_TURNS[:2]), "en") == ""


def test_the_profile_comes_from_the_companions_turns_and_the_kept_text_feeds_the_prompt(duet_home: Path,
                                                                                          chat) -> None:
    nb = Notebook.open(duet_home)
    turns = []
    for mine, theirs in zip(PERSON_TURNS * 4, EN_TURNS):
        turns += [Turn(id="", role="user", alternatives=[mine]), Turn(id="", role="companion", alternatives=[theirs])]
    nb.stories.add(Story(id="", title="Imported from ChatGPT", companion="wren-ashby", turns=turns,
                         extra={"source": "chatgpt:abc"}))
    profile, text = nb.companions.derive_voice("wren-ashby", "en")
    assert profile.turns == 8 and "darling" not in text and "honey" not in text
    assert "Calls {{user}}: sweetheart" in text and "“you know what”" in text
    edited = text + "\n- Never says goodbye, only “later”."
    nb.companions.save_voice("wren-ashby", profile, edited)
    story = ops.start_story(nb, nb.companions.get("wren-ashby"))
    chat.enqueue("Later, then.")
    ops.reply(nb, story.id, chat, "I have to go.")
    system = chat.history[-1].system
    assert "Calls User: sweetheart" in system and "Never says goodbye, only “later”." in system
    # kept in the card: an exported card carries it, and it comes back on import
    from journal.companions.cards import card_from_json, card_v3

    card = card_v3(nb.companions.get("wren-ashby"))
    assert card["data"]["extensions"]["duet"]["voice"]["text"] == edited.strip()
    assert card_from_json(card).extensions["duet"]["voice"]["text"] == edited.strip()


def test_measure_edit_and_keep_the_voice_on_the_companions_page(app_path: str, duet_home: Path) -> None:
    from streamlit.testing.v1 import AppTest

    nb = Notebook.open(duet_home)
    nb.stories.add(Story(id="", title="Old", companion="zhou-yu",
                         turns=[Turn(id="", role="companion", alternatives=[text]) for text in ZH_TURNS]))
    app = AppTest.from_file(app_path, default_timeout=30)
    app.switch_page("pages/companions.py").run()
    app.button(key="companion_edit_zhou-yu").click().run()
    app.button(key="voice_derive").click().run()
    assert "口头禅：“好啦”" in app.text_area(key="voice_text").value
    app.text_area(key="voice_text").input(app.text_area(key="voice_text").value + "\n- 说晚安前总要说“好梦”")
    app.button(key="voice_save").click().run()
    assert not app.exception and not app.error
    kept = Notebook.open(duet_home).companions.get("zhou-yu").extensions["duet"]["voice"]
    assert kept["text"].endswith("说晚安前总要说“好梦”") and kept["profile"]["catchphrases"][0][0] == "好啦"
