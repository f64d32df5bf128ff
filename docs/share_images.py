"""Make the README's images of #16: a labelled carousel, a cover, and two pages of a story book.

Run: .venv/bin/python docs/share_images.py   (the book pages need poppler's ``pdftoppm``: apt install poppler-utils)
Writes docs/share-labelled-carousel.png, docs/share-cover.png and docs/book-pages.png, small (palette PNGs).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from datetime import datetime, timedelta, timezone
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from journal.notebook import Notebook  # noqa: E402
from journal.share.book import export_book  # noqa: E402
from journal.share.from_story import source_from_story  # noqa: E402
from journal.share.post import make_post  # noqa: E402
from journal.stories.model import Turn  # noqa: E402

TZ = timezone(timedelta(hours=8))
THUMB_WIDTH = 300
COLOURS = 128


def _save(image: Image.Image, name: str) -> None:
    image.convert("RGB").quantize(COLOURS).save(ROOT / "docs" / name, optimize=True)


def _row(images: list[Image.Image], gap: int = 16) -> Image.Image:
    thumbs = [im.resize((THUMB_WIDTH, round(im.height * THUMB_WIDTH / im.width)), Image.Resampling.LANCZOS)
              for im in images]
    out = Image.new("RGB", (sum(t.width for t in thumbs) + gap * (len(thumbs) - 1), max(t.height for t in thumbs)),
                    "white")
    x = 0
    for thumb in thumbs:
        out.paste(thumb, (x, 0))
        x += thumb.width + gap
    return out


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        nb = Notebook.open(Path(tmp) / "nb")
        start = datetime(2026, 4, 2, 1, 50, tzinfo=TZ)
        lines = [("user", "睡不着。张伟今天又没回消息。"),
                 ("companion", "*收音机里的歌放完了。周屿把音量调低了一点。* 那就先别等了。你今天吃晚饭了吗？"),
                 ("user", "吃了一点。你怎么知道我在等？"),
                 ("companion", "凌晨两点还醒着的人，多半在等什么。我陪你等一会儿，也陪你不等。"),
                 ("user", "谢谢你。"),
                 ("companion", "不客气。窗外下雨了吗？我这边刚开始下。🌧")] * 3
        turns = [Turn(id="", role=role, alternatives=[text], created=start + timedelta(days=i // 6, minutes=i))
                 for i, (role, text) in enumerate(lines)]
        story = nb.stories.create(title="凌晨两点的电台", companion="zhou-yu", companion_name="周屿", turns=turns)
        story.milestones = [{"date": "2026-04-03", "label": "第一次说晚安"}]
        nb.stories.save(story)
        source = source_from_story(nb, story.id, 1, 6)
        post = make_post(source, "xiaohongshu", "chat", "blush", names={"张伟": "林一"}, cover=True)
        _save(_row([card.image for card in post.cards[:3]]), "share-labelled-carousel.png")
        picture = Path(tmp) / "rain.png"
        Image.linear_gradient("L").resize((900, 1200)).convert("RGB").point(lambda v: v // 2 + 40).save(picture)
        covers = [make_post(source, "xiaohongshu", "page", "paper", cover=True).cards[0].image,
                  make_post(source, "xiaohongshu", "page", "night", cover=True, cover_photo=picture).cards[0].image]
        _save(_row(covers), "share-cover.png")
        pdf = export_book(nb, story.id, Path(tmp) / "book.pdf", names={"张伟": "林一"})
        subprocess.run(["pdftoppm", "-r", "60", "-png", "-f", "1", "-l", "3", str(pdf), str(Path(tmp) / "page")],
                       check=True)
        pages = sorted(Path(tmp).glob("page-*.png"))
        _save(_row([Image.open(p) for p in (pages[0], pages[2])]), "book-pages.png")


if __name__ == "__main__":
    main()
