"""How long imports of 10,000 items take, and what the batched write path saves.

Run: .venv/bin/python benchmarks/import_speed.py [COUNT]   (default 10,000)

For each kind a fresh notebook imports a generated file of COUNT entries
(ChatGPT: COUNT/10 conversations of 20 messages, each a story file), then
imports it again (everything skipped). ``baseline`` writes the same jrnl
entries one by one with ``Notebook.create_entry`` (two fsyncs and one index
transaction per entry), the path the importers avoid. Times are wall-clock,
one run each, including parsing, writing the markdown files and indexing.
"""

from __future__ import annotations

import json
import random
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

WORDS = ["雨夜", "玫瑰", "咖啡", "月亮", "海边", "the", "night", "we", "talked", "until", "late", "quiet"]
MESSAGES_PER_CONVERSATION = 20
CONVERSATIONS_PER_ENTRY = 10   # ChatGPT: one conversation per this many entries of the other kinds


def text(rng: random.Random, low: int, high: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(low, high)))


def jrnl_file(folder: Path, count: int) -> Path:
    rng = random.Random(1)
    start = datetime(2016, 1, 1, 21)
    entries = [{"title": f"Day {i}.", "body": text(rng, 40, 200), "date": f"{start + timedelta(hours=9 * i):%Y-%m-%d}",
                "time": f"{start + timedelta(hours=9 * i):%H:%M}", "tags": ["@life", f"@t{i % 20}"],
                "starred": i % 7 == 0} for i in range(count)]
    path = folder / "jrnl.json"
    path.write_text(json.dumps({"tags": {}, "entries": entries}, ensure_ascii=False), encoding="utf-8")
    return path


def dayone_file(folder: Path, count: int) -> Path:
    rng = random.Random(2)
    start = datetime(2016, 1, 1, 12)
    entries = [{"uuid": f"{i:032X}", "creationDate": f"{start + timedelta(hours=9 * i):%Y-%m-%dT%H:%M:%S}Z",
                "timeZone": "Asia/Shanghai", "text": f"# Day {i}\n\n" + text(rng, 40, 200).replace(" late", " late\\."),
                "starred": False, "weather": {"temperatureCelsius": 20}} for i in range(count)]
    path = folder / "Journal.json"
    path.write_text(json.dumps({"metadata": {"version": "1.0"}, "entries": entries}), encoding="utf-8")
    return path


def markdown_folder(folder: Path, count: int) -> Path:
    rng = random.Random(3)
    root = folder / "vault"
    for i in range(count):
        sub = root / f"{2016 + i // 2000}"
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"note {i}.md").write_text(f"---\ntags: [vault]\nmood: {1 + i % 5}\n---\n{text(rng, 40, 200)}\n",
                                          encoding="utf-8")
    return root


def chatgpt_file(folder: Path, count: int) -> Path:
    rng = random.Random(4)
    conversations = []
    for c in range(max(1, count // CONVERSATIONS_PER_ENTRY)):
        mapping, parent = {"root": {"id": "root", "parent": None, "children": [], "message": None}}, "root"
        for m in range(MESSAGES_PER_CONVERSATION):
            node_id = f"c{c}m{m}"
            mapping[parent]["children"].append(node_id)
            mapping[node_id] = {"id": node_id, "parent": parent, "children": [], "message": {
                "id": node_id, "author": {"role": "user" if m % 2 == 0 else "assistant"},
                "create_time": 1_700_000_000 + c * 3600 + m * 30, "content": {"content_type": "text",
                                                                               "parts": [text(rng, 10, 80)]},
                "metadata": {}, "recipient": "all"}}
            parent = node_id
        conversations.append({"id": f"conv-{c}", "title": f"Talk {c}", "create_time": 1_700_000_000 + c * 3600,
                              "current_node": parent, "mapping": mapping})
    path = folder / "conversations.json"
    path.write_text(json.dumps(conversations), encoding="utf-8")
    return path


def timed(action: Callable[[], object]) -> tuple[float, float, object]:
    """Wall-clock and CPU seconds: CPU time shows the work when other processes share the machine."""
    start, cpu = time.perf_counter(), time.process_time()
    result = action()
    return time.perf_counter() - start, time.process_time() - cpu, result


def main() -> None:
    from journal.importers import run_import
    from journal.notebook import Notebook

    count = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        sources = {"jrnl": jrnl_file(folder, count), "dayone": dayone_file(folder, count),
                   "markdown": markdown_folder(folder, count), "chatgpt": chatgpt_file(folder, count)}
        print(f"{'kind':<10}{'items':>7}{'wall s':>8}{'cpu s':>7}{'ms/item':>9}{'again s':>9}")
        for kind, path in sources.items():
            nb = Notebook.open(folder / f"home-{kind}")
            seconds, cpu, report = timed(lambda: run_import(nb, kind, path))
            again, _cpu, second = timed(lambda: run_import(nb, kind, path))
            assert not report.broken and second.added == 0, (kind, report.broken[:3])
            print(f"{kind:<10}{report.added:>7}{seconds:>8.2f}{cpu:>7.2f}{seconds / report.added * 1000:>9.2f}"
                  f"{again:>9.2f}")
        nb = Notebook.open(folder / "home-baseline")
        entries = json.loads(sources["jrnl"].read_text(encoding="utf-8"))["entries"]
        seconds, cpu, _ = timed(lambda: [nb.create_entry(e["body"], title=e["title"], tags=e["tags"]) for e in entries])
        print(f"{'baseline':<10}{count:>7}{seconds:>8.2f}{cpu:>7.2f}{seconds / count * 1000:>9.2f}{'-':>9}")


if __name__ == "__main__":
    main()
