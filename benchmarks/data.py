"""Seeded notebooks for `make bench`: the same entries as Duet files and as a jrnl journal.

Entries are written straight to disk as markdown (not through the Notebook), so
that the benchmark can time the index being built from them, and so that the
same data can be fed to jrnl. Half are English (100–400 words), half Chinese
(100–400 characters); a few words are common ("coffee" in about half of the
entries), a few rare, so every query class has a realistic number of matches.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

SEED = 19
TZ = timezone(timedelta(hours=8))
START = datetime(2016, 1, 1, 7, 0, tzinfo=TZ)
TEN_YEARS = timedelta(days=3652)

EN_COMMON = ("the a and to of in I it was my we that he she with for on at but so not just "
             "today night walked home rain window light talked long again morning quiet").split()
EN_MID = ("river letter ocean train tea music garden book friend city bridge winter summer "
          "laugh dream sleep work tired happy slow street park cat dog moon star").split()
EN_RARE = "zephyr quince marzipan obsidian lanternfish".split()
ZH_COMMON = ("今天 我们 一起 晚上 时候 觉得 还是 因为 所以 可是 已经 自己 什么 这样 一点 "
             "下雨 窗外 回家 走路 说话 安静 早上 朋友 工作 妈妈 散步 喜欢 想你 看书").split()
ZH_MID = "咖啡 玫瑰 火车 海边 月亮 星星 花园 音乐 电影 小猫 信件 城市 冬天 夏天 梦见".split()
ZH_RARE = "琥珀 鹦鹉螺 青花瓷 萤火虫 蒲公英".split()
PUNCT_ZH = "，。，，。！？"
TAGS = ["C", "love", "work", "walk", "family", "c", "Dream", "dream", "旅行", "日常"]

# Query classes: (name, query). Shares are what the generator below aims for.
QUERIES = [
    ("en_rare", "zephyr"),            # ~0.5% of entries
    ("en_common", "coffee"),          # ~half of the English entries
    ("en_two_words", "river letter"),
    ("zh_1char_common", "雨"),         # in most Chinese entries
    ("zh_1char_rare", "珀"),
    ("zh_2char_common", "咖啡"),
    ("zh_2char_rare", "琥珀"),
    ("zh_3char", "萤火虫"),
    ("mixed", "coffee 咖啡"),
]


@dataclass
class GeneratedEntry:
    number: int
    created: datetime
    title: str
    body: str
    tags: list[str]
    starred: bool


def _english(rng: random.Random, length: tuple[int, int]) -> tuple[str, str]:
    words = []
    for _ in range(rng.randint(*length)):
        roll = rng.random()
        words.append(rng.choice(EN_RARE) if roll < 0.00002 * 50 else
                     rng.choice(EN_MID) if roll < 0.15 else rng.choice(EN_COMMON))
    if rng.random() < 0.5:
        words.insert(rng.randrange(len(words)), "coffee")
    if rng.random() < 0.01:
        words.insert(rng.randrange(len(words)), "zephyr")
    sentences, i = [], 0
    while i < len(words):
        n = rng.randint(6, 18)
        chunk = words[i:i + n]
        sentences.append(chunk[0].capitalize() + " " + " ".join(chunk[1:]) + ".")
        i += n
    paragraphs = [" ".join(sentences[j:j + 4]) for j in range(0, len(sentences), 4)]
    return " ".join(words[:rng.randint(3, 6)]).capitalize(), "\n\n".join(paragraphs)


def _chinese(rng: random.Random, length: tuple[int, int]) -> tuple[str, str]:
    target = rng.randint(*length)
    parts: list[str] = []
    length = 0
    while length < target:
        roll = rng.random()
        word = rng.choice(ZH_RARE) if roll < 0.002 else rng.choice(ZH_MID) if roll < 0.12 else rng.choice(ZH_COMMON)
        parts.append(word)
        length += len(word)
        if rng.random() < 0.15:
            parts.append(rng.choice(PUNCT_ZH))
    if rng.random() < 0.01:
        parts.insert(rng.randrange(len(parts)), "琥珀")
    text = "".join(parts)
    return "", "\n\n".join(text[j:j + 120] for j in range(0, len(text), 120))


def entries(count: int, seed: int = SEED, length: tuple[int, int] = (100, 400)) -> list[GeneratedEntry]:
    """``count`` entries spread over ten years, oldest first; the same seed gives the same entries.

    ``length`` is the range of words (English) or characters (Chinese) per entry;
    the tests' scale guards use shorter entries to build quickly.
    """
    rng = random.Random(seed)
    step = TEN_YEARS / max(count, 1)
    out = []
    for n in range(count):
        title, body = _english(rng, length) if rng.random() < 0.5 else _chinese(rng, length)
        tags = rng.sample(TAGS, rng.randint(0, 3))
        out.append(GeneratedEntry(n, START + step * n, title, body, tags, rng.random() < 0.03))
    return out


def _front_matter(entry: GeneratedEntry) -> str:
    lines = ["---", f"id: bench{entry.number:021d}"]
    if entry.title:
        lines.append(f"title: {entry.title}")
    lines += [f"created: '{entry.created.isoformat()}'", f"updated: '{entry.created.isoformat()}'",
              "tags: [" + ", ".join(entry.tags) + "]"]
    if entry.starred:
        lines.append("starred: true")
    return "\n".join(lines) + "\n---\n"


def relative_path(entry: GeneratedEntry) -> str:
    c = entry.created
    return f"journal/{c:%Y}/{c:%m}/{c:%Y-%m-%d}-e{entry.number}.md"


def write_notebook(home: Path, generated: list[GeneratedEntry]) -> None:
    """Markdown files only; the index is built by whatever opens the notebook first."""
    for entry in generated:
        path = home / relative_path(entry)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(_front_matter(entry) + entry.body + "\n", encoding="utf-8")


def write_jrnl(folder: Path, generated: list[GeneratedEntry]) -> Path:
    """The same entries as one jrnl text journal and a config that points at it; returns the config."""
    folder.mkdir(parents=True, exist_ok=True)
    journal = folder / "journal.txt"
    with journal.open("w", encoding="utf-8") as out:
        for entry in generated:
            title = entry.title or entry.body.split("，", 1)[0][:20]
            tags = " ".join(f"@{t}" for t in entry.tags)
            out.write(f"[{entry.created:%Y-%m-%d %H:%M}] {title}\n{entry.body}\n{tags}\n\n")
    config = folder / "jrnl.yaml"
    config.write_text(
        "colors: {body: none, date: none, tags: none, title: none}\n"
        "default_hour: 9\ndefault_minute: 0\neditor: ''\nencrypt: false\nhighlight: false\nindent_character: '|'\n"
        f"journals:\n  default: {journal}\nlinewrap: 79\ntagsymbols: '@'\ntemplate: false\n"
        "timeformat: '%Y-%m-%d %H:%M'\nversion: v4.2\ndisplay_format: text\n",
        encoding="utf-8")
    return config
