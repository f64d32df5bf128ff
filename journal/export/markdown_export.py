"""``export markdown DIR``: a clean folder of notes that reads well in Obsidian or any editor.

Unlike the zip (Duet's own files, for restoring), this is for reading and for
leaving: no index, no drafts, no settings, no machine markers. Entries keep
their ``journal/YYYY/MM/`` place (so picture links keep working) under a file
name made from the date and title; stories become plain transcripts with the
other versions of a turn in a folded Obsidian callout; companions become one
note each; pictures are copied as they are.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from typing import Any, Mapping

from journal.store import entries as entry_sql
from journal.entries.model import Entry
from journal.errors import InvalidInput
from journal.export.reading import read_contents
from journal.export.zip_export import ExportResult
from journal.text import cut_to_bytes
from journal.i18n import t
from journal.importers.vault_media import ATTACHMENTS_FOLDER
from journal.store.atomic import atomic_write_many
from journal.store.documents import render_document
from journal.store import stories as story_sql
from journal.store.sealed import read_bytes

MAX_NAME_CHARS = 80
MAX_NAME_BYTES = 180   # 255-byte file-name limit, minus " 99.md" and room for the zip tools that add a suffix
COPIED_FOLDERS = (ATTACHMENTS_FOLDER,)             # pictures linked from entries, copied as they are
# Characters Obsidian or Windows refuse in a note name, and control characters.
_BAD_NAME = re.compile(r'[\\/:*?"<>|#^\[\]\x00-\x1f]+')
ENTRY_DROPPED_KEYS = ("id",)
STORY_KEPT_KEYS = ("created", "updated", "tags", "mode")
COMPANION_TEXT_SECTIONS = ("personality", "scenario", "first_mes", "speaking_style", "user_persona", "mes_example")


def note_name(text: str, fallback: str) -> str:
    """A file name Obsidian accepts and shows as the note's title."""
    name = " ".join(_BAD_NAME.sub(" ", text).split()).strip(". ")
    return cut_to_bytes(name[:MAX_NAME_CHARS], MAX_NAME_BYTES).rstrip(". ") or fallback


class _Names:
    """Hands out unique file names inside a folder ("Title", "Title 2", …)."""

    def __init__(self) -> None:
        self.used: set[str] = set()

    def take(self, folder: str, stem: str) -> str:
        candidate, n = f"{folder}/{stem}.md", 2
        while candidate.lower() in self.used:
            candidate, n = f"{folder}/{stem} {n}.md", n + 1
        self.used.add(candidate.lower())
        return candidate


def entry_note(entry: Entry) -> str:
    meta = {k: v for k, v in entry.front_matter().items() if k not in ENTRY_DROPPED_KEYS}
    return render_document(meta, entry.body)


def _quote(text: str) -> str:
    return "\n".join("> " + line if line else ">" for line in text.split("\n"))


def story_note(story: Any, you: str, narrator: str, companion_link: str | None = None) -> str:
    """A transcript; ``companion_link`` is the companion's note name, linked the Obsidian way."""
    speakers = {"user": story.user_name or you, "companion": story.display_companion, "narrator": narrator}
    meta = {"title": story.title,
            "companion": f"[[{companion_link}]]" if companion_link else story.display_companion}
    for key in STORY_KEPT_KEYS:
        value = getattr(story, key, None)
        if key in ("created", "updated") and value is not None:
            value = value.isoformat()
        if value not in (None, "", [], {}):
            meta[key] = value
    blocks = [f"# {story.title}\n"]
    for turn in story.turns:
        when = f" · {turn.created:%Y-%m-%d %H:%M}" if turn.created else ""
        blocks.append(f"### {speakers.get(turn.role, turn.role)}{when}\n\n{turn.text.strip()}\n")
        others = [text for i, text in enumerate(turn.alternatives) if i != turn.chosen]
        if others:
            callout = [f"> [!note]- {t('data.markdown.other_versions', count=len(others))}"]
            for i, text in enumerate(others, start=1):
                callout.append(_quote(f"**{i}.** {text.strip()}"))
                callout.append(">")
            blocks.append("\n".join(callout[:-1]) + "\n")
    return render_document(meta, "\n".join(blocks))


def companion_note(companion: Any) -> str:
    meta: dict[str, Any] = {"name": companion.name, "tags": list(companion.tags)}
    parts = [companion.description.strip()] if companion.description.strip() else []
    if companion.avatar:
        parts.insert(0, f"![{companion.name}](avatars/{Path(companion.avatar).name})")
    for key in COMPANION_TEXT_SECTIONS:
        value = str(getattr(companion, key, "") or "").strip()
        if value:
            parts.append(f"## {t('data.markdown.companion_' + key)}\n\n{value}")
    return render_document(meta, "\n\n".join(parts) or companion.name)


def _owners(nb: Any) -> tuple[dict[str, str], dict[str, str]]:
    """Which file holds each entry and story id, as the app shows them (the index)."""
    return entry_sql.id_owners(nb.index), story_sql.id_owners(nb.index)


def build_files(home: Path, owners: Mapping[str, str] | None = None,
                story_owners: Mapping[str, str] | None = None) -> dict[str, bytes]:
    """Every file of the clean folder, by relative path (``owners``, ``story_owners``: see :func:`read_contents`)."""
    from journal.companions.store import AVATARS_FOLDER, COMPANIONS_FOLDER

    contents = read_contents(home, owners, story_owners)
    names = _Names()
    files: dict[str, bytes] = {}
    for entry in contents.entries:
        folder = entry.path.parent.relative_to(home).as_posix() if entry.path else "journal"
        stem = note_name(f"{entry.created:%Y-%m-%d} {entry.title}", f"{entry.created:%Y-%m-%d}")
        files[names.take(folder, stem)] = entry_note(entry).encode("utf-8")
    links: dict[str, str] = {}
    for companion in contents.companions:
        relative = names.take(COMPANIONS_FOLDER, note_name(companion.name, companion.slug))
        links[companion.slug] = Path(relative).stem
        files[relative] = companion_note(companion).encode("utf-8")
    you, narrator = t("data.markdown.you"), t("data.markdown.narrator")
    for story in contents.stories:
        note = story_note(story, you, narrator, links.get(story.companion))
        files[names.take("stories", note_name(story.title, story.id))] = note.encode("utf-8")
    for folder in (*COPIED_FOLDERS, f"{COMPANIONS_FOLDER}/{AVATARS_FOLDER}"):
        root = home / folder
        if root.is_dir():
            for path in sorted(root.rglob("*")):
                if path.is_file() and not path.is_symlink() and not path.name.startswith("."):
                    files[path.relative_to(home).as_posix()] = read_bytes(path)
    return files


def export_markdown(nb: Any, out_dir: str | Path) -> ExportResult:
    """Write the clean folder into ``out_dir``, which must be new or empty (nothing of yours is overwritten)."""
    out = Path(out_dir).expanduser()
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise InvalidInput("data.errors.folder_not_empty", path=str(out))
    files = build_files(Path(nb.home), *_owners(nb))
    atomic_write_many((out / relative, data) for relative, data in files.items())
    out.mkdir(parents=True, exist_ok=True)
    return ExportResult(str(out), len(files), sum(len(d) for d in files.values()))


def markdown_zip_bytes(nb: Any) -> bytes:
    """The clean folder as a zip, for a download button."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for relative, data in build_files(Path(nb.home), *_owners(nb)).items():
            zf.writestr(relative, data)
    return buffer.getvalue()
