"""Templates: a page to start from, kept as markdown files in ``<notebook>/templates/`` so any editor can change them.

A template is a note like any other: front matter (``title``, ``language``,
``description``, ``entry_title``, ``tags``, optionally ``mood``) and a body.
``{{companion}}`` and ``{{date}}`` are filled when an entry starts from it; any
other ``{{word}}`` is left as written, so a hand-made template never loses text.
The starters (English and Chinese) are copied into a notebook that has no
``templates/`` folder yet; after that the folder is the person's own.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from pathlib import Path

from journal.entries.model import MOOD_MAX, MOOD_MIN, clean_tags
from journal.errors import BrokenFile, DuetError, NotFound
from journal.store.atomic import atomic_create
from journal.store.documents import read_document

TEMPLATES_FOLDER = "templates"
STARTERS_DIR = Path(__file__).parent / "starter_templates"
MAX_TEMPLATE_BYTES = 64 * 1024      # a page to start from, not a book: larger files are skipped as broken
_PLACEHOLDER = re.compile(r"\{\{\s*(companion|date)\s*\}\}", re.IGNORECASE)
# Parsed templates by path, valid while the file's (inode, mtime, size) stay: the Journal page lists the templates on
# every rerun, and a dozen YAML parses were a tenth of a click (#19). Templates are frozen, so sharing one is safe.
_parsed: dict[Path, tuple[tuple[int, int, int], "Template"]] = {}
_parsed_lock = threading.Lock()


@dataclass(frozen=True)
class Template:
    name: str               # the file's stem: what ``new --template NAME`` takes
    title: str
    language: str | None    # "en", "zh" or None (shown in every language)
    description: str
    entry_title: str
    body: str
    tags: tuple[str, ...] = ()
    mood: int | None = None


@dataclass(frozen=True)
class StartingPage:
    """A template filled in for one day and one companion: what the editor or ``new`` starts with."""

    template: str
    title: str
    body: str
    tags: tuple[str, ...]
    mood: int | None


def templates_folder(home: Path) -> Path:
    return Path(home) / TEMPLATES_FOLDER


def install_starters(home: Path) -> None:
    """Copy the shipped starters into a notebook that has no ``templates/`` folder (never over a file)."""
    folder = templates_folder(home)
    if folder.exists():
        return
    for starter in sorted(STARTERS_DIR.glob("*.md")):
        atomic_create(folder / starter.name, starter.read_bytes())


def load_template(path: Path) -> Template:
    """One template file; :class:`BrokenFile` when its front matter cannot be read."""
    stat = path.stat()
    stamp = (stat.st_ino, stat.st_mtime_ns, stat.st_size)
    with _parsed_lock:
        hit = _parsed.get(path)
    if hit is not None and hit[0] == stamp:
        return hit[1]
    if stat.st_size > MAX_TEMPLATE_BYTES:
        raise BrokenFile("writing.templates.too_big", name=path.stem, limit=MAX_TEMPLATE_BYTES // 1024)
    template = _parse_template(path)
    with _parsed_lock:
        _parsed[path] = (stamp, template)
    return template


def _parse_template(path: Path) -> Template:
    meta, body = read_document(path)
    title = str(meta.get("title") or path.stem).strip()
    language = str(meta["language"]).strip().lower() if meta.get("language") else None
    raw_tags = meta.get("tags") or []
    mood = meta.get("mood")
    return Template(name=path.stem, title=title, language=language,
                    description=str(meta.get("description") or "").strip(),
                    entry_title=str(meta.get("entry_title") or title).strip(), body=body,
                    tags=tuple(clean_tags(raw_tags if isinstance(raw_tags, list) else str(raw_tags))),
                    mood=mood if isinstance(mood, int) and not isinstance(mood, bool) and MOOD_MIN <= mood <= MOOD_MAX
                    else None)


def list_templates(home: Path, language: str | None = None) -> list[Template]:
    """The notebook's templates, by title; with ``language``, those in it or in none. Unreadable files are skipped."""
    install_starters(home)
    found = []
    for path in sorted(templates_folder(home).glob("*.md")):
        try:
            template = load_template(path)
        except DuetError:
            continue
        if language is None or template.language in (None, language):
            found.append(template)
    return sorted(found, key=lambda tpl: (tpl.title.casefold(), tpl.name))


def find_template(home: Path, name: str, language: str | None = None) -> Template:
    """The template called ``name`` (``morning-pages``), in ``language`` when that version exists (``morning-pages.zh``)."""
    install_starters(home)
    folder = templates_folder(home)
    wanted = name.strip().removesuffix(".md")
    candidates = [f"{wanted}.{language}"] if language else []
    candidates.append(wanted)
    for stem in candidates:
        path = folder / f"{stem}.md"
        if stem and "/" not in stem and "\\" not in stem and path.is_file():
            return load_template(path)
    names = ", ".join(sorted({tpl.name.split(".")[0] for tpl in list_templates(home)}))
    raise NotFound("writing.templates.not_found", name=name, names=names or "-")


def fill(text: str, *, companion: str, day: str) -> str:
    """``{{companion}}`` and ``{{date}}`` replaced in one pass (a companion named "{{date}}" stays a name)."""
    return _PLACEHOLDER.sub(lambda m: companion if m.group(1).lower() == "companion" else day, text)


def start_from(template: Template, *, companion: str, day: str) -> StartingPage:
    return StartingPage(template=template.name, title=fill(template.entry_title, companion=companion, day=day),
                        body=fill(template.body, companion=companion, day=day), tags=template.tags, mood=template.mood)
