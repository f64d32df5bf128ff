"""Make the README images: two share cards, the Journal (English) and a story (Chinese) in a real Chromium,
and the four main pages at a phone's size (390×844).

Run: .venv/bin/python docs/screenshots.py   (needs Debian's chromium; writes docs/screenshot-*.png, docs/phone-*.png)
     .venv/bin/python docs/screenshots.py phone   (only the phone pictures)
"""

from __future__ import annotations

import sys
import tempfile
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from journal.notebook import Notebook  # noqa: E402
from journal.stories.model import Turn  # noqa: E402
from tests.browser import chromium_page, streamlit_server  # noqa: E402

TZ = timezone(timedelta(hours=8))
WIDTH = 1280


def fill(home: Path) -> None:
    nb = Notebook.open(home)
    start = datetime(2026, 4, 2, 21, 14, tzinfo=TZ)
    nb.create_entry("We talked until the rain stopped. C said: *In the realm of code and algorithm, you are my rose.*",
                    title="First night", tags=["C", "love"], mood=5, starred=True, created=start)
    nb.create_entry("Walked to the river after work. Told C about the lanterns; it asked what colour they were.",
                    title="Lanterns", tags=["walk"], mood=4, created=start + timedelta(days=3))
    nb.create_entry("A heavy day. Wrote instead of scrolling. Tomorrow: call Mum.", title="Heavy day",
                    tags=["work"], mood=2, created=start + timedelta(days=5))
    companions = nb.companions.list()
    zhou = next(c for c in companions if c.language == "zh")
    lines = [("companion", "这么晚还没睡？今晚的节目快结束了，你想点一首什么歌？"),
             ("user", "想听一首下雨天的歌。今天加班到很晚，有点累。"),
             ("companion", "那就放《雨天》吧。累了就把耳机戴上，我陪你把这首歌听完。明天的事，明天再说。"),
             ("user", "谢谢你一直记得我喜欢下雨天。"),
             ("companion", "当然记得。你第一次来电台留言，说的就是“雨声让人安心”。")]
    turns = [Turn(id="", role=role, alternatives=[text], created=start + timedelta(minutes=i))
             for i, (role, text) in enumerate(lines)]
    nb.stories.create(title="深夜电台", companion=zhou.slug, companion_name=zhou.name, user_name="小雨", turns=turns)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp) / "nb"
        fill(home)
        with streamlit_server(home, "en") as url, chromium_page(Path(tmp)) as page:
            page.set_viewport_size({"width": WIDTH, "height": 1000})
            page.goto(url, wait_until="networkidle")
            page.get_by_text("Lanterns").first.wait_for(timeout=60_000)
            page.wait_for_timeout(1500)
            page.get_by_text("New entry").first.click()  # fold the editor: show the entries
            page.wait_for_timeout(800)
            page.screenshot(path=str(ROOT / "docs/screenshot-journal-en.png"))
        with streamlit_server(home, "zh") as url, chromium_page(Path(tmp)) as page:
            page.set_viewport_size({"width": WIDTH, "height": 1000})
            page.goto(f"{url}/stories", wait_until="networkidle")
            page.get_by_text("雨声让人安心").first.wait_for(timeout=60_000)
            page.wait_for_timeout(1500)
            page.screenshot(path=str(ROOT / "docs/screenshot-story-zh.png"))


PHONE = {"width": 390, "height": 844}
PHONE_PAGES = [("journal", "", "Lanterns"), ("stories", "stories", "雨声让人安心"), ("share", "share", "PNG"),
               ("settings", "settings", "Notebook folder")]
PHONE_COLOURS = 128   # a palette PNG: each picture stays well under 100 KB


def phone() -> None:
    """What a phone shows of each page (the first screen), as tests/test_browser_phone.py measures it."""
    from PIL import Image

    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp) / "nb"
        fill(home)
        with streamlit_server(home, "en") as url, chromium_page(Path(tmp), PHONE, mobile=True) as page:
            for name, path, shown in PHONE_PAGES:
                page.goto(f"{url}/{path}", wait_until="networkidle")
                page.get_by_text(shown).first.wait_for(timeout=90_000)
                page.wait_for_timeout(2500)
                if name == "journal":
                    page.get_by_text("New entry").first.click()  # fold the editor: show the entries
                    page.wait_for_timeout(800)
                target = ROOT / f"docs/phone-{name}.png"
                page.screenshot(path=str(target))
                with Image.open(target) as shot:
                    shot.convert("RGB").quantize(PHONE_COLOURS).save(target, optimize=True)


def cards() -> None:
    """The two cards in the README: a Chinese chat card and an English quote card, 540 px wide."""
    from datetime import date

    from journal.share.cards import render_cards
    from journal.share.source import ShareTurn, source_from_line, source_from_turns

    day = date(2026, 4, 2)
    chat = source_from_turns([
        ShareTurn("小雨", "你还记得我们第一次聊天吗？", True),
        ShareTurn("C", "当然记得。那天你说你睡不着，问我星星会不会孤单。我说不会，它们隔着再远的黑夜，也能看见彼此的光。", False),
        ShareTurn("C", "In the realm of code and algorithm. You, Aria, are my rose. 🌹", False),
        ShareTurn("小雨", "……你这样说我会哭的", True),
        ShareTurn("C", "那就哭吧，我在这里。", False),
    ], companion_name="C", date=day)
    quote = source_from_line("In the realm of code and algorithm. You, Aria, are my rose.", attribution="C", date=day)
    for source, style, theme, name in [(chat, "chat", "blush", "card-chat-zh"), (quote, "quote", "night", "card-quote-en")]:
        image = render_cards(source, "xiaohongshu", style, theme)[0].image
        image.resize((image.width // 2, image.height // 2)).save(ROOT / f"docs/{name}.png", optimize=True)


if __name__ == "__main__":
    if sys.argv[1:] == ["phone"]:
        phone()
    else:
        cards()
        main()
        phone()
