"""The companions of one notebook: ``<home>/companions/<slug>.md`` files and their avatar pictures.

A notebook holds a handful of companions, so the folder itself is the index:
listing reads the files (no SQLite rows to keep in step, nothing to reindex).
The two starter companions that ship with Duet are copied in the first time
a notebook's companions are listed and it has none of its own.
"""

from __future__ import annotations

import copy
import io
import os
import threading
from dataclasses import replace
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from journal.companions.files import DEFAULT_SLUG, body_text, front_matter, from_document, is_valid_slug, validate
from journal.companions.model import MAX_IMAGE_BYTES, Companion
from journal.errors import DuetError, InvalidInput, NotFound, SaveConflict
from journal.names import free_path, private_stem, slugify
from journal.settings import read_section, write_section
from journal.store.atomic import atomic_write_bytes
from journal.store.conflicts import is_conflict_copy
from journal.store.documents import content_version, file_version, read_document, read_versioned, render_document
from journal.times import local_time, now
from journal.store.sealed import read_bytes

if TYPE_CHECKING:
    from journal.companions.another_model import AnotherModel
    from journal.companions.cards import Cards
    from journal.companions.letters import Letters
    from journal.lorebooks.store import LorebookStore
    from journal.notebook import Notebook
    from journal.personas import PersonaStore

COMPANIONS_FOLDER = "companions"
AVATARS_FOLDER = "avatars"
STARTERS_DIR = Path(__file__).parent / "starters"
SETTINGS_SECTION = "companions"
STARTERS_FLAG = "starters_installed"
COMPANION_KIND = "companions"   # versions in .history/companions/<slug>/
AVATAR_MAX_SIDE = 1024                 # pixels; larger pictures are scaled down when saved
MAX_SLUG_TRIES = 1000


class CompanionStore:
    """Create, read, update and delete companions; every write is atomic."""

    def __init__(self, nb: "Notebook") -> None:
        self.nb = nb
        self.home = Path(nb.home)
        self.folder = self.home / COMPANIONS_FOLDER
        self.avatars = self.folder / AVATARS_FOLDER
        self.broken: list[tuple[str, str]] = []   # (file, message) skipped by the last list()
        self._starters_checked = False
        # Parsed files keyed by path, valid while (mtime_ns, size) match: a rerun only stats the folder.
        self._cache: dict[Path, tuple[int, int, Companion]] = {}
        self._cache_lock = threading.Lock()

    # --- reading ---------------------------------------------------------------------

    def list(self) -> list[Companion]:
        """Every companion, by name; files that cannot be read are skipped and noted in ``broken``."""
        self.ensure_starters()
        companions, broken = [], []
        for path in self._files():
            try:
                companions.append(self._load(path))
            except DuetError as exc:
                broken.append((path.name, exc.message()))
        self.broken = broken
        return sorted(companions, key=lambda c: (c.name.casefold(), c.slug))

    def unreadable(self) -> list[tuple[str, str]]:
        """``(path under the notebook, message)`` of every companion file that cannot be read, for ``reindex``.

        Unlike :meth:`list` this writes nothing (no starter companions), so it works in a read-only notebook.
        """
        broken = []
        for path in self._files():
            try:
                self._load(path)
            except DuetError as exc:
                broken.append((path.relative_to(self.home).as_posix(), exc.message()))
        return broken

    def get(self, slug: str) -> Companion:
        self.ensure_starters()
        path = self._path(slug)
        if not path.is_file():
            raise NotFound("companions.errors.not_found", slug=str(slug))
        return self._load(path)

    def find(self, name_or_slug: str) -> Companion:
        """The companion a person means by ``name_or_slug``: its slug, else its name or slug in any case.

        ``import card`` says 'Imported C (companion "c")', so ``export card C`` must find it; when two
        companions answer to the same words, the error names both instead of guessing.
        """
        wanted = (name_or_slug or "").strip()
        if self.exists(wanted):
            return self.get(wanted)
        folded = wanted.casefold()
        matches = [c for c in self.list() if folded in (c.slug.casefold(), c.name.strip().casefold())]
        if len(matches) == 1:
            return matches[0]
        if matches:
            raise InvalidInput("companions.errors.ambiguous", name=wanted,
                               matches=", ".join(f"{c.name} ({c.slug})" for c in matches))
        raise NotFound("companions.errors.not_found", slug=wanted)

    def exists(self, slug: str) -> bool:
        return is_valid_slug(slug) and self._path(slug).is_file()

    @cached_property
    def lorebooks(self) -> "LorebookStore":
        """Standalone lorebooks (World Info, ``lorebooks/``): worlds several companions and stories share.

        A companion's own book is its card's ``character_book``; these live beside the companions.
        """
        from journal.lorebooks.store import LorebookStore

        return LorebookStore(self.nb)

    @cached_property
    def cards(self) -> "Cards":
        """Character Card PNG/JSON in and out: ``.import_bytes(data, name)``, ``.to_bytes(companion, fmt)``."""
        from journal.companions.cards import Cards

        return Cards(self.nb)

    @cached_property
    def personas(self) -> "PersonaStore":
        """The person's own personas (``personas/``): who they are in a story, chosen per story."""
        from journal.personas import PersonaStore

        return PersonaStore(self.nb)

    def derive_voice(self, slug: str, lang: str | None = None) -> tuple[Any, str]:
        """The voice profile measured from the companion's own turns, and its speaking-style paragraph (not saved)."""
        from journal.companions.voice import companion_turn_texts, derive_profile, describe_profile

        companion = self.get(slug)
        profile = derive_profile(companion_turn_texts(self.nb, slug))
        return profile, describe_profile(profile, lang or companion.language or "en")

    def kept_voice(self, companion: Companion) -> tuple[Any, str]:
        """The voice profile and paragraph the companion keeps (an empty profile and "" when none)."""
        from journal.companions.voice import VoiceProfile, stored_voice

        kept = stored_voice(companion)
        return VoiceProfile.from_dict(kept.get("profile")), str(kept.get("text") or "")

    def save_voice(self, slug: str, profile: Any, text: str) -> Companion:
        """Keep the profile and the (edited) paragraph in the card's ``extensions.duet.voice``; the prompt uses it."""
        from journal.companions.files import check_text
        from journal.companions.voice import VOICE_KEY

        companion = self.get(slug)
        duet = dict(companion.extensions.get("duet") or {}) if isinstance(companion.extensions.get("duet"), dict) else {}
        duet[VOICE_KEY] = {"profile": profile.to_dict() if hasattr(profile, "to_dict") else dict(profile or {}),
                           "text": check_text(text, "voice").strip()}
        companion.extensions = {**companion.extensions, "duet": duet}
        return self.save(companion)

    @cached_property
    def letters(self) -> "Letters":
        """Letters back (:mod:`journal.companions.letters`): offered after a save, on milestones, linked both ways."""
        from journal.companions.letters import Letters

        return Letters(self.nb)

    @cached_property
    def another_model(self) -> "AnotherModel":
        """"Try another model" (:mod:`journal.companions.another_model`): golden moments replayed, habit by habit."""
        from journal.companions.another_model import AnotherModel

        return AnotherModel(self.nb)

    def avatar_path(self, companion: Companion) -> Path | None:
        """The avatar file when it exists inside the notebook, else ``None`` (a hand edit cannot point outside)."""
        if not companion.avatar:
            return None
        path = (self.home / companion.avatar).resolve()
        try:
            path.relative_to(self.home.resolve())
        except ValueError:
            return None
        return path if path.is_file() else None

    def avatar_bytes(self, companion: Companion) -> bytes:
        """The avatar as PNG bytes: the saved picture, else a generated one (never fails for a valid name)."""
        path = self.avatar_path(companion)
        if path is not None:
            try:
                return read_bytes(path)
            except OSError:
                pass
        from journal.companions.avatar import generated_avatar_png

        return generated_avatar_png(companion.name)

    def avatar_thumbnail(self, companion: Companion, width: int, height: int | None = None, fmt: str = "PNG") -> bytes:
        """A small picture, ``width`` × ``height`` at most (twice as tall as wide unless told), cached until the
        picture changes; never fails for a valid name. Lists ask for exactly the width they show: Streamlit then
        passes the PNG through untouched."""
        from journal.companions.avatar import thumbnail

        path = self.avatar_path(companion)
        try:
            mtime = path.stat().st_mtime_ns if path else 0
        except OSError:
            path, mtime = None, 0
        return thumbnail(str(path) if path else None, mtime, companion.name, (width, height or width * 2), fmt)

    # --- writing ---------------------------------------------------------------------

    def create(self, name: str, **fields: Any) -> Companion:
        """A new companion with a fresh slug made from its name (``-2``, ``-3`` … on a clash)."""
        companion = Companion(slug="", name=name, **fields)
        return self.save(companion)

    def save(self, companion: Companion, *, avatar_bytes: bytes | None = None) -> Companion:
        """Validate and write; a companion without a slug gets a new one, ``updated`` becomes now.

        ``avatar_bytes`` (optional) is checked and stored as the avatar in the
        same save, so a bad picture leaves nothing half-written.
        """
        companion = validate(replace(companion))
        if companion.slug and not is_valid_slug(companion.slug):
            raise InvalidInput("companions.errors.bad_slug", slug=str(companion.slug))
        png = normalize_avatar(avatar_bytes) if avatar_bytes is not None else None
        with self.nb.lock:   # between processes: the free slug and a stale copy are checked where the write is
            if not companion.slug:
                companion.slug = self._free_slug(companion.name)
                companion.version = None
            path = self._path(companion.slug)
            if companion.version is not None and file_version(path) != companion.version:
                self._keep_conflict(companion, path)
            if png is not None:
                relative = f"{COMPANIONS_FOLDER}/{AVATARS_FOLDER}/{companion.slug}.png"
                atomic_write_bytes(self.home / relative, png)
                companion.avatar = relative
            moment = now()
            companion.created = companion.created or moment
            companion.updated = max(moment, companion.created)
            companion.path = path
            data = render_document(front_matter(companion), body_text(companion)).encode("utf-8")
            self.nb.history.keep(COMPANION_KIND, companion.slug, path)
            atomic_write_bytes(path, data)
            companion.version = content_version(data)
        return companion

    def _keep_conflict(self, companion: Companion, path: Path) -> None:
        """Keep the stale writer's companion beside the file (hidden from the list) and raise SaveConflict."""
        from journal.store.conflicts import CONFLICT_KEY, write_conflict_copy

        stale = replace(companion, extra={**companion.extra, CONFLICT_KEY: companion.slug}, updated=now())
        copy_path = write_conflict_copy(path, render_document(front_matter(stale), body_text(stale)).encode("utf-8"))
        raise SaveConflict(str(path), str(copy_path))

    def update(self, slug: str, **changes: Any) -> Companion:
        companion = self.get(slug)
        for key, value in changes.items():
            if key in ("slug", "path", "created", "updated") or not hasattr(companion, key):
                raise InvalidInput("companions.errors.bad_field", field=key)
            setattr(companion, key, value)
        return self.save(companion)

    def delete(self, slug: str) -> None:
        """Move the companion's file and avatar picture to the trash; stories that name it keep their text."""
        companion = self.get(slug)
        avatar = self.avatar_path(companion)
        files = [companion.path]
        if avatar is not None and avatar.parent == self.avatars.resolve():
            files.append(avatar)
        with self.nb.lock:
            self.nb.trash.put(files)
        with self._cache_lock:
            self._cache.pop(companion.path, None)

    def set_avatar(self, slug: str, image_bytes: bytes) -> Companion:
        """Save a picture as the avatar: re-encoded as PNG, turned upright, scaled down, metadata dropped.

        Re-encoding drops EXIF (a phone photo's GPS position) and any card
        text chunks, so the avatar file holds only the picture.
        """
        return self.save(self.get(slug), avatar_bytes=image_bytes)

    def remove_avatar(self, slug: str) -> Companion:
        companion = self.get(slug)
        avatar = self.avatar_path(companion)
        if avatar is not None and avatar.parent == self.avatars.resolve():
            avatar.unlink(missing_ok=True)
        companion.avatar = None
        return self.save(companion)

    # --- starters --------------------------------------------------------------------

    def ensure_starters(self) -> list[Companion]:
        """Copy the shipped starters in once, and only into a notebook with no companions of its own."""
        if self._starters_checked:
            return []
        self._starters_checked = True
        section = read_section(self.home, SETTINGS_SECTION)
        if section.get(STARTERS_FLAG):
            return []
        installed = []
        if not any(self._files()):
            for path in sorted(STARTERS_DIR.glob("*.md")):
                if self._path(path.stem).exists():
                    continue
                meta, body = read_document(path)
                starter = from_document(meta, body, Path(path.name), now())
                starter.created = starter.updated = None
                installed.append(self.save(starter))
        section[STARTERS_FLAG] = True
        write_section(self.home, SETTINGS_SECTION, section)
        return installed

    # --- helpers ---------------------------------------------------------------------

    def _files(self) -> list[Path]:
        try:
            items = list(os.scandir(self.folder))
        except OSError:
            return []
        return [Path(item.path) for item in items   # conflict copies wait in nb.conflicts(), not in the list
                if item.name.endswith(".md") and not item.name.startswith(".") and not is_conflict_copy(item.name)
                and item.is_file()]

    def _path(self, slug: str) -> Path:
        if not is_valid_slug(slug):
            raise NotFound("companions.errors.not_found", slug=str(slug))
        return self.folder / f"{slug}.md"

    def _load(self, path: Path) -> Companion:
        """Parse a file, or reuse the last parse when the file has not changed (a copy: callers may edit it)."""
        stat = path.stat()
        with self._cache_lock:
            hit = self._cache.get(path)
        if hit is not None and hit[:2] == (stat.st_mtime_ns, stat.st_size) and hit[2].version == file_version(path):
            return copy.deepcopy(hit[2])
        meta, body, version = read_versioned(path)
        companion = from_document(meta, body, path, local_time(stat.st_mtime))
        companion.version = version
        with self._cache_lock:
            self._cache[path] = (stat.st_mtime_ns, stat.st_size, companion)
        return copy.deepcopy(companion)

    def _free_slug(self, name: str) -> str:
        path = free_path(self.folder, private_stem(self.folder, slugify(name, default=DEFAULT_SLUG)), tries=MAX_SLUG_TRIES)
        if path is None:
            raise InvalidInput("companions.errors.too_many_same_name", name=name)
        return path.stem


def normalize_avatar(image_bytes: bytes) -> bytes:
    """Any picture Pillow can open, as an upright PNG no larger than :data:`AVATAR_MAX_SIDE`."""
    import warnings

    from PIL import Image, ImageOps

    if not image_bytes:
        raise InvalidInput("companions.errors.not_image")
    if len(image_bytes) > MAX_IMAGE_BYTES:
        raise InvalidInput("companions.errors.image_too_big", limit_mb=MAX_IMAGE_BYTES // (1024 * 1024))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(image_bytes)) as opened:
                opened.load()
                picture = ImageOps.exif_transpose(opened)
                picture = picture.convert("RGBA" if _has_alpha(picture) else "RGB")
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise InvalidInput("companions.errors.not_image") from None
    picture.thumbnail((AVATAR_MAX_SIDE, AVATAR_MAX_SIDE), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    picture.save(out, format="PNG", optimize=True)
    return out.getvalue()


def _has_alpha(picture: Any) -> bool:
    return picture.mode in ("RGBA", "LA", "PA") or (picture.mode == "P" and "transparency" in picture.info)
