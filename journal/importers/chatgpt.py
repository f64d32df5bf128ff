"""ChatGPT data export: ``conversations.json``, its split form (``conversations-000.json``…), or the zip.

Each conversation becomes a story with the ChatGPT companion (see
:mod:`journal.importers.chatgpt_tree` for how the message tree maps to
turns and alternatives). A conversation already imported (same
``chatgpt:<conversation id>`` source) is skipped, so importing a newer export
adds only the new conversations.
"""

from __future__ import annotations

import contextlib
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

from journal.errors import BrokenFile, DuetError, StorageError
from journal.i18n import t
from journal.importers.chatgpt_tree import COMPANION_NAME, COMPANION_SLUG, conversation_id, conversation_to_story
from journal.importers.report import ImportIssue, ImportReport, Progress, report_progress
from journal.importers.sources import (existing_path, file_members, looks_like_zip, open_zip, parse_json,
                                       read_bytes, read_member)

KIND = "chatgpt"
SINGLE_FILE = "conversations.json"
SPLIT_FILE = re.compile(r"^conversations-\d+\.json$")
_PLACEHOLDER_KEYS = {"image_asset_pointer": "data.chatgpt.part_image", "audio_asset_pointer": "data.chatgpt.part_audio",
                     "real_time_user_audio_video_asset_pointer": "data.chatgpt.part_audio"}


def placeholder(content_type: str) -> str:
    """What stands in the story for a part that is not text (a picture, a voice clip, a file)."""
    return t(_PLACEHOLDER_KEYS.get(content_type, "data.chatgpt.part_other"), kind=content_type or "?")


def is_conversation_file(name: str) -> bool:
    base = posixpath.basename(name)
    return base == SINGLE_FILE or bool(SPLIT_FILE.match(base))


@dataclass
class StoryItem:
    position: int
    label: str
    source: str
    story: Any            # journal.stories.model.Story


def check_conversations(data: Any, name: str) -> list[Any]:
    """A list of conversations (at least one with a message ``mapping``), else one sentence."""
    if not isinstance(data, list) or (data and not any(isinstance(c, dict) and "mapping" in c for c in data)):
        raise BrokenFile("data.errors.wrong_shape", name=name, kind=t("data.names.chatgpt"))
    return data


def iter_stories(conversations: list[Any], name: str) -> Iterator[StoryItem | ImportIssue]:
    untitled = t("data.chatgpt.untitled")
    for position, conversation in enumerate(conversations, start=1):
        if not isinstance(conversation, dict) or not isinstance(conversation.get("mapping"), dict):
            yield ImportIssue(position, name, t("data.errors.item_not_conversation"))
            continue
        conv_id = conversation_id(conversation)
        title = conversation.get("title") if isinstance(conversation.get("title"), str) else ""
        label = f"{name} · {title or conv_id}"
        if not conv_id:
            yield ImportIssue(position, label, t("data.errors.missing_field", field="id"))
            continue
        try:
            story = conversation_to_story(conversation, placeholder, untitled)
        except ValueError:
            yield ImportIssue(position, label, t("data.chatgpt.no_messages"))
            continue
        except (TypeError, KeyError, AttributeError, RecursionError):
            # a node of an unexpected shape somewhere in the tree, or branches nested past Python's stack
            yield ImportIssue(position, label, t("data.chatgpt.malformed"))
            continue
        yield StoryItem(position, label, story.extra["source"], story)


Source = tuple[str, list[Any]]


def _files_in_folder(folder: Path) -> list[Path]:
    """Conversation files in the folder itself; a symbolic link (which may point anywhere) is not followed."""
    return sorted(p for p in folder.iterdir() if p.is_file() and not p.is_symlink() and is_conversation_file(p.name))


def _sources_from_files(files: list[Path]) -> list[Source]:
    return [(f.name, check_conversations(parse_json(read_bytes(f), f.name), f.name)) for f in files]


def load_sources(path: Path, stack: contextlib.ExitStack) -> list[Source]:
    """Every conversations file the path stands for, parsed and shape-checked."""
    if path.is_dir():
        files = _files_in_folder(path)
        if not files:
            raise BrokenFile("data.errors.no_conversations", name=path.name)
        return _sources_from_files(files)
    if looks_like_zip(path):
        zf = stack.enter_context(open_zip(path))
        members = file_members(zf)
        names = sorted(n for n in members if is_conversation_file(n))
        if not names:
            raise BrokenFile("data.errors.no_conversations", name=path.name)
        return [(posixpath.basename(n), check_conversations(parse_json(read_member(zf, members[n]), n), n))
                for n in names]
    if path.suffix.lower() == ".zip":
        raise BrokenFile("data.errors.not_zip", name=path.name)
    if SPLIT_FILE.match(path.name):   # one part of a split export: take all its parts
        return _sources_from_files(_files_in_folder(path.parent))
    return _sources_from_files([path])


def _story_store(nb: Any) -> Any:
    stories = getattr(nb, "stories", None)
    if stories is None:
        raise StorageError("data.errors.stories_unavailable")
    return stories


def _ensure_companion(nb: Any) -> None:
    companions = getattr(nb, "companions", None)
    if companions is None or companions.exists(COMPANION_SLUG):
        return
    from journal.companions.model import Companion

    companions.ensure_starters()   # importing first must not keep the starter companions away
    if not companions.exists(COMPANION_SLUG):
        companions.save(Companion(slug=COMPANION_SLUG, name=COMPANION_NAME,
                                  description=t("data.chatgpt.companion_description")))


def write_stories(nb: Any, items: Iterator[StoryItem | ImportIssue], total: int, report: ImportReport,
                  progress: Progress | None = None) -> ImportReport:
    store = _story_store(nb)
    nb.sync()
    seen: set[str] = set()
    report_progress(progress, 0, total)
    done = 0
    for item in items:
        done += 1
        if isinstance(item, ImportIssue):
            report.broken.append(item)
        elif item.source in seen or store.find_by_source(item.source):
            report.skipped += 1
        else:
            try:
                _ensure_companion(nb)
                story = store.add(item.story)
            except DuetError as exc:
                if isinstance(exc, StorageError):
                    raise
                report.add_broken(item.position, item.label, exc)
            else:
                seen.add(item.source)
                report.added += 1
                report.added_ids.append(story.id)
        report_progress(progress, done, total)
    return report


def import_path(nb: Any, path: str | Path, progress: Progress | None = None) -> ImportReport:
    path = existing_path(path)
    report = ImportReport(KIND)
    with contextlib.ExitStack() as stack:
        sources = load_sources(path, stack)
        total = sum(len(conversations) for _name, conversations in sources)
        items = (item for name, conversations in sources for item in iter_stories(conversations, name))
        write_stories(nb, items, total, report, progress)
    return report
