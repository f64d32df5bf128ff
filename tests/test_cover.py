"""The cover card and the pre-flight check: a large title first in the carousel, over a notebook picture if
chosen, labelled like every card; warnings for what a platform would fold or refuse."""

from __future__ import annotations

import json
from datetime import datetime

from PIL import Image, ImageChops

from journal.cli import main
from journal.share.post import make_post
from journal.share.preflight import preflight
from journal.share.source import ShareTurn, source_from_turns
from journal.share.themes import THEMES

TURNS = [ShareTurn("Aria", "你还记得我们第一次聊天吗？", True), ShareTurn("C", "当然记得。那天下着雨。", False, ai=True)]


def _source(title="凌晨两点的玫瑰"):
    return source_from_turns(TURNS, companion_name="C", title=title, date=datetime(2026, 4, 2))


def _ink_rows(image: Image.Image, colour) -> tuple[int, int]:
    target = Image.new("RGB", image.size, colour)
    mask = ImageChops.difference(image.convert("RGB"), target).convert("L").point(lambda v: 255 if v < 40 else 0)
    box = mask.crop((0, 0, image.width, int(image.height * 0.8))).getbbox()
    assert box is not None
    return box[1], box[3]


def test_the_cover_goes_first_with_a_large_title_and_the_label():
    post = make_post(_source(), "xiaohongshu", "chat", "paper", cover=True)
    plain = make_post(_source(), "xiaohongshu", "chat", "paper")
    assert len(post.cards) == len(plain.cards) + 1
    cover = post.cards[0]
    assert cover.text == "" and [c.index for c in post.cards] == list(range(len(post.cards)))
    top, bottom = _ink_rows(cover.image, THEMES["paper"].ink)
    assert bottom - top > 0.12 * cover.image.height  # two lines of large type, not a caption
    assert abs((top + bottom) / 2 - cover.image.height / 2) < 0.15 * cover.image.height
    assert cover.mark_box is not None  # every card of a labelled post, the cover included


def test_a_notebook_picture_is_the_covers_background(tmp_path):
    picture = tmp_path / "sea.png"
    Image.new("RGB", (600, 800), (20, 160, 90)).save(picture)
    post = make_post(_source(), "instagram", "page", "paper", cover=True, cover_photo=picture)
    top_left = post.cards[0].image.getpixel((40, 40))
    assert top_left[1] > top_left[0] + 60 and top_left[1] > top_left[2] + 30  # the green picture, shaded
    broken = tmp_path / "broken.jpg"
    broken.write_bytes(b"not a picture")
    assert make_post(_source(), "instagram", "page", "paper", cover=True, cover_photo=broken).cards  # theme instead


def test_preflight_warns_about_a_long_title_and_too_many_hashtags_and_says_what_is_labelled():
    long = make_post(_source("Rainy evening at Low Tide Books, and the cat"), "xiaohongshu", "page",
                     hashtags=[f"tag{i}" for i in range(12)])
    checks = {c.key: c for c in preflight(long)}
    assert not checks["title"].ok and long.title.endswith("…")
    assert not checks["hashtags"].ok or checks["hashtags"].params["count"] == 10  # capped at 10 already
    assert checks["images"].ok and checks["label"].ok and checks["label"].params["mark"] == "AI生成"
    mine = make_post(source_from_turns([TURNS[0]], title="短"), "xiaohongshu", "page")
    keys = {c.key for c in preflight(mine)}
    assert "no_label" in keys and "label" not in keys and all(c.ok for c in preflight(mine))


def test_cli_cover_photo_writes_one_more_labelled_png(notebook, tmp_path, capsys):
    from journal.stories.model import Turn

    story = notebook.stories.create(title="玫瑰", companion="c", companion_name="C",
                                    turns=[Turn(id="", role="user", alternatives=["你好"]),
                                           Turn(id="", role="companion", alternatives=["晚安。"])])
    picture = notebook.home / "attachments" / "sea.png"
    picture.parent.mkdir()
    Image.new("RGB", (300, 400), (20, 160, 90)).save(picture)
    assert main(["share", story.id, "--turns", "1-2", "--style", "chat", "--cover-photo", str(picture),
                 "--out", str(tmp_path / "p"), "--json"]) == 0
    pngs = [p for p in json.loads(capsys.readouterr().out) if p.endswith(".png")]
    assert len(pngs) == 2 and all("XML:com.adobe.xmp" in Image.open(p).info for p in pngs)
