"""Personas: the several "you"s a person can be in stories (name, description, optional picture), one per story.

A persona is ``personas/<slug>.md``: the description as the body, the name
and picture path as front matter, the picture under ``personas/avatars/``.
A story names its persona in ``Story.extra`` (:data:`STORY_KEY`); then
``{{user}}``, the speaker labels and the prompt's "about the person" line
follow it (:func:`journal.stories.persona.user_name`). SillyTavern's persona
backup (``personas`` + ``persona_descriptions``) comes in as personas.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from journal.errors import BrokenFile, DuetError, InvalidInput, NotFound
from journal.names import free_path, private_stem, slugify
from journal.store.atomic import atomic_write_bytes
from journal.store.documents import content_version, read_versioned, render_document

if TYPE_CHECKING:
    from journal.notebook import Notebook

PERSONAS_FOLDER = "personas"
AVATARS_FOLDER = "avatars"
STORY_KEY = "persona"            # Story.extra: the slug of the persona the person plays in this story
KIND = "persona"
DEFAULT_SLUG = "persona"
MAX_NAME_CHARS = 100
MAX_DESCRIPTION_CHARS = 20_000
MAX_IMPORT_BYTES = 10 * 1024 * 1024


@dataclass
class Persona:
    slug: str
    name: str
    description: str = ""
    avatar: str | None = None          # path relative to the notebook folder
    extra: dict[str, Any] = field(default_factory=dict)   # front matter keys Duet does not know (and imports' own)
    path: Path | None = None
    version: str | None = field(default=None, compare=False, repr=False)


def check_persona(name: Any, description: Any) -> tuple[str, str]:
    from journal.text import BINARY_CONTROL

    if not isinstance(name, str) or not name.strip():
        raise InvalidInput("personas.errors.no_name")
    if len(name.strip()) > MAX_NAME_CHARS:
        raise InvalidInput("personas.errors.name_too_long", limit=MAX_NAME_CHARS)
    description = description if isinstance(description, str) else ""
    if len(description) > MAX_DESCRIPTION_CHARS:
        raise InvalidInput("personas.errors.description_too_long", limit=MAX_DESCRIPTION_CHARS)
    if BINARY_CONTROL.search(name) or BINARY_CONTROL.search(description):
        raise InvalidInput("personas.errors.not_text")
    return name.strip(), description.replace("\r\n", "\n")


def _render(persona: Persona) -> bytes:
    meta = {"type": KIND, "name": persona.name, **({"avatar": persona.avatar} if persona.avatar else {}),
            **{k: v for k, v in persona.extra.items() if k not in ("type", "name", "avatar")}}
    return render_document(meta, persona.description).encode("utf-8")


def _parse(path: Path) -> Persona:
    meta, body, version = read_versioned(path)
    try:
        name, description = check_persona(meta.get("name") or path.stem, body[:-1] if body.endswith("\n") else body)
    except InvalidInput as exc:
        raise BrokenFile("personas.errors.broken_file", path=str(path), reason=exc.message()) from None
    avatar = meta.get("avatar") if isinstance(meta.get("avatar"), str) and meta.get("avatar").strip() else None
    return Persona(slug=path.stem, name=name, description=description, avatar=avatar, path=path, version=version,
                   extra={k: v for k, v in meta.items() if k not in ("type", "name", "avatar")})


class PersonaStore:
    """The personas of one notebook (``<home>/personas/*.md``); a handful, so the folder is the index."""

    def __init__(self, nb: "Notebook") -> None:
        self.nb = nb
        self.home = Path(nb.home)
        self.folder = self.home / PERSONAS_FOLDER
        self._cache: dict[Path, tuple[int, int, Persona]] = {}
        self._lock = threading.Lock()

    def _load(self, path: Path) -> Persona:
        stat = path.stat()
        with self._lock:
            hit = self._cache.get(path)
        if hit is not None and hit[:2] == (stat.st_mtime_ns, stat.st_size):
            return hit[2]
        persona = _parse(path)
        with self._lock:
            self._cache[path] = (stat.st_mtime_ns, stat.st_size, persona)
        return persona

    def list(self) -> list[Persona]:
        found = []
        for path in sorted(self.folder.glob("*.md")) if self.folder.is_dir() else []:
            try:
                found.append(self._load(path))
            except DuetError:
                continue
        return sorted(found, key=lambda p: (p.name.casefold(), p.slug))

    def get(self, slug: str) -> Persona:
        path = self.folder / f"{slug}.md"
        if not isinstance(slug, str) or not slug or "/" in slug or "\\" in slug or slug.startswith(".") \
                or not path.is_file():
            raise NotFound("personas.errors.not_found", name=str(slug))
        return self._load(path)

    def find(self, name_or_slug: str) -> Persona:
        wanted = (name_or_slug or "").strip()
        matches = [p for p in self.list() if wanted == p.slug or wanted.casefold() in (p.slug, p.name.casefold())]
        if len(matches) == 1:
            return matches[0]
        if matches:
            raise InvalidInput("personas.errors.ambiguous", name=wanted)
        raise NotFound("personas.errors.not_found", name=wanted)

    def create(self, name: str, description: str = "", *, avatar_bytes: bytes | None = None,
               extra: dict[str, Any] | None = None) -> Persona:
        name, description = check_persona(name, description)
        png = self._picture(avatar_bytes)
        with self.nb.lock:
            self.folder.mkdir(parents=True, exist_ok=True)
            path = free_path(self.folder, private_stem(self.folder, slugify(name, default=DEFAULT_SLUG)))
            persona = Persona(slug=path.stem, name=name, description=description, path=path, extra=dict(extra or {}))
            if png is not None:
                persona.avatar = self._write_picture(persona.slug, png)
            return self._write(persona)

    def save(self, persona: Persona, *, avatar_bytes: bytes | None = None) -> Persona:
        persona.name, persona.description = check_persona(persona.name, persona.description)
        png = self._picture(avatar_bytes)
        with self.nb.lock:
            self.get(persona.slug)   # NotFound for a persona deleted meanwhile
            persona.path = self.folder / f"{persona.slug}.md"
            if png is not None:
                persona.avatar = self._write_picture(persona.slug, png)
            return self._write(persona)

    def delete(self, slug: str) -> None:
        persona = self.get(slug)
        files = [persona.path]
        if persona.avatar and (self.home / persona.avatar).is_file():
            files.append(self.home / persona.avatar)
        with self.nb.lock:
            self.nb.trash.put(files)
        with self._lock:
            self._cache.pop(persona.path, None)

    def avatar_path(self, persona: Persona) -> Path | None:
        if not persona.avatar:
            return None
        path = (self.home / persona.avatar).resolve()
        try:
            path.relative_to(self.folder.resolve())
        except ValueError:
            return None
        return path if path.is_file() else None

    @staticmethod
    def _picture(avatar_bytes: bytes | None) -> bytes | None:
        from journal.companions.store import normalize_avatar

        return normalize_avatar(avatar_bytes) if avatar_bytes is not None else None

    def _write_picture(self, slug: str, png: bytes) -> str:
        folder = self.folder / AVATARS_FOLDER
        folder.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(folder / f"{slug}.png", png)
        return f"{PERSONAS_FOLDER}/{AVATARS_FOLDER}/{slug}.png"

    def _write(self, persona: Persona) -> Persona:
        assert persona.path is not None
        data = _render(persona)
        atomic_write_bytes(persona.path, data)
        persona.version = content_version(data)
        with self._lock:
            self._cache.pop(persona.path, None)
        return persona

    def import_sillytavern(self, data: bytes) -> list[Persona]:
        """SillyTavern's persona backup (``{"personas": {avatar: name}, "persona_descriptions": {avatar: {...}}}``).

        Each persona comes in with its description; SillyTavern's own settings
        (position, depth, its avatar file name) are kept in the front matter.
        A persona already here under the same name is not added twice.
        """
        import json

        if len(data) > MAX_IMPORT_BYTES:
            raise InvalidInput("personas.errors.not_sillytavern")
        try:
            document = json.loads(data.decode("utf-8-sig"))
        except (UnicodeDecodeError, ValueError, RecursionError):
            raise InvalidInput("personas.errors.not_sillytavern") from None
        names = document.get("personas") if isinstance(document, dict) else None
        if not isinstance(names, dict) or not names:
            raise InvalidInput("personas.errors.not_sillytavern")
        descriptions = document.get("persona_descriptions") if isinstance(document.get("persona_descriptions"), dict) else {}
        have = {p.name.casefold() for p in self.list()}
        made = []
        for avatar, name in names.items():
            if not isinstance(name, str) or not name.strip() or name.strip().casefold() in have:
                continue
            info = descriptions.get(avatar) if isinstance(descriptions.get(avatar), dict) else {}
            settings = {k: v for k, v in info.items() if k != "description"}
            made.append(self.create(name, str(info.get("description") or ""),
                                    extra={"sillytavern": {"avatar": avatar, **settings}}))
            have.add(name.strip().casefold())
        return made
