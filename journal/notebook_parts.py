"""The Notebook's faces for pages beyond entries, stories and companions: ``nb.insights``, ``nb.ai``, ``nb.safety``…

``journal/notebook.py`` is the one door; it is also at the module size limit, so
the sub-objects a page reaches through it live here and the Notebook inherits
them. Each is a thin face over the core modules that do the work, imported only
when first used (a CLI ``search`` never loads the model catalogue).
"""

from __future__ import annotations

from functools import cached_property
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from journal.entries import drafts
from journal.paths import resolve_home
from journal.settings import GENERAL_SECTION, Settings

if TYPE_CHECKING:
    from journal.devices import Devices
    from journal.reflection import Reflection
    from journal.ai.notebook_ai import NotebookAI
    from journal.insights.load import NotebookInsights
    from journal.rendering import Rendered
    from journal.share.notebook_share import NotebookShare


class NotebookParts:
    """Mixed into :class:`journal.notebook.Notebook`; every property needs only ``self.home`` and the Notebook."""

    home: Path

    @cached_property
    def insights(self) -> "NotebookInsights":
        """Mood, writing and companion-time figures, and the step-back note (``nb.insights.nudge(today)``)."""
        from journal.insights.load import NotebookInsights
        return NotebookInsights(self)  # type: ignore[arg-type]

    @cached_property
    def share(self) -> "NotebookShare":
        """Posts from entries, story turns or a line: the share pipeline the CLI uses too (``nb.share.make_post``)."""
        from journal.share.notebook_share import NotebookShare
        return NotebookShare(self)  # type: ignore[arg-type]

    @property
    def import_kinds(self) -> list[str]:
        """What :meth:`import_file` reads (``jrnl``, ``dayone``, ``chatgpt``…), in the order pages offer them."""
        from journal.importers import IMPORT_MODULES
        return list(IMPORT_MODULES)

    @cached_property
    def devices(self) -> "Devices":
        """The phones paired to reach Duet over the network (``duet app --phone``)."""
        from journal.devices import Devices
        return Devices(self.home, self.lock)  # type: ignore[attr-defined]

    @staticmethod
    def person_home(issuer: str, subject: str, root: str | os.PathLike[str] | None = None) -> Path:
        """A signed-in person's own notebook folder in a circle (:func:`journal.circle.person_home`, #13)."""
        from journal.circle import person_home
        return person_home(issuer, subject, root)

    @staticmethod
    def resolve_home(home: str | os.PathLike[str] | None = None) -> Path:
        """The folder ``Notebook.open(home)`` opens: ``home``, else ``DUET_HOME``, else the per-user default."""
        return resolve_home(home)

    def render(self, text: str, folder: Path | None = None, *, remote_images: bool = False) -> "Rendered":
        """Markdown as nh3-clean HTML: pictures relative to ``folder`` (inside this notebook) shown inline,
        outside ones held back unless ``remote_images`` (see :mod:`journal.rendering`)."""
        from journal.rendering import notebook_images, render
        return render(text, notebook_images(self.home, folder) if folder is not None else None,
                      remote_images=remote_images)

    @cached_property
    def ai(self) -> "NotebookAI":
        """The model side: settings, the catalogue and downloads, checks, servers here (``nb.ai.use_model(name)``)."""
        from journal.ai.notebook_ai import NotebookAI
        return NotebookAI(self)  # type: ignore[arg-type]

    @cached_property
    def reflection(self) -> "Reflection":
        """The Journal page's AI helpers: a follow-up question, a continuation, a title, tags and mood."""
        from journal.reflection import Reflection
        return Reflection()

    def index_version(self) -> tuple[int, int] | None:
        """A value that changes after anything is committed to the index, by any thread or process; None when it
        cannot be told. A page keys a cache of what it derives from many rows with it (``Index.changes``, #19)."""
        return self.index.changes()  # type: ignore[attr-defined]

    @staticmethod
    def prepare_for_saving() -> None:
        """Load what a first save needs and a first page does not: the crisis check's rules (compiling their
        patterns takes about a second) and, when it is on, its learned model. The app calls it in the background
        after the first page is drawn (#19), so neither that page nor the first save waits for it."""
        from journal.safety.learned import active_model
        active_model()

    def save_general(self, **changes: Any) -> Settings:
        """Change keys of the general section (``language``, ``region``, ``name``), keeping the others; the new
        settings."""
        general = self.settings.section(GENERAL_SECTION)  # type: ignore[attr-defined]
        general.update(changes)
        return self.save_settings(GENERAL_SECTION, general)  # type: ignore[attr-defined]

    # --- drafts: a draft survives a rerun, a refresh and a crash (journal/entries/drafts.py) ---
    def save_draft(self, key: str, **fields: Any) -> None:
        """Autosave what is being written; never validated, never indexed."""
        drafts.save_draft(self.home, key, **fields)

    def load_draft(self, key: str) -> dict[str, Any] | None:
        """The autosaved draft, or None; a damaged draft file counts as none rather than an error."""
        return drafts.load_draft(self.home, key)

    def discard_draft(self, key: str) -> None:
        drafts.discard_draft(self.home, key)
