"""``nb.share``: the Share page's one door into the share pipeline (make_post, themes, formats, preflight, files).

The CLI and the page make a post through the same :func:`journal.share.post.make_post`; this face
only names, for a page, what it may ask: the choices (formats, styles, themes), what to share (a
source from an entry, story turns or a line), the privacy pass, the words around the cards, the
preview and the files. Each method hands over to the module that does the work, imported when used.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Mapping

if TYPE_CHECKING:
    from journal.notebook import Notebook


def _share(module: str) -> Any:
    return importlib.import_module(f"journal.share.{module}")


class NotebookShare:
    """The share side of one notebook."""

    def __init__(self, nb: "Notebook") -> None:
        self.nb = nb

    # -- the choices ------------------------------------------------------------------------------------------
    @property
    def formats(self) -> dict[str, Any]:
        """Platform formats by name (``xiaohongshu``, ``instagram``, ``thread``…); ``.is_thread`` for a text thread."""
        return _share("formats").FORMATS

    @property
    def styles(self) -> tuple[str, ...]:
        return _share("formats").STYLES

    @property
    def themes(self) -> dict[str, Any]:
        return _share("themes").THEMES

    @property
    def default_theme(self) -> str:
        return _share("themes").DEFAULT_THEME

    def pictures(self) -> list[Path]:
        """The notebook's pictures a cover may sit on."""
        return _share("cover").notebook_pictures(self.nb.home)

    # -- what to share ------------------------------------------------------------------------------------------
    def source_from_entry(self, entry: Any) -> Any:
        return _share("source").source_from_entry(entry)

    def source_from_line(self, text: str) -> Any:
        return _share("source").source_from_line(text)

    def source_from_story(self, story_id: str, first: int | None = None, last: int | None = None) -> Any:
        return _share("from_story").source_from_story(self.nb, story_id, first, last)

    @staticmethod
    def parse_turn_range(value: str) -> tuple[int, int]:
        """``"3-7"`` as (3, 7), 1-based; InvalidInput in a sentence otherwise."""
        return _share("from_story").parse_turn_range(value)

    # -- the privacy pass ---------------------------------------------------------------------------------------
    @staticmethod
    def parse_names(names: Iterable[str] | Mapping[str, str] | None) -> dict[str, str]:
        """``["Aria=小A", "Wren"]`` as {real: pseudonym} (a default pseudonym where none is given)."""
        return _share("privacy").parse_names(names)

    def saved_names(self) -> dict[str, str]:
        return _share("settings").saved_names(self.nb.home)

    def save_names(self, names: dict[str, str]) -> None:
        _share("settings").save_names(self.nb.home, names)

    @staticmethod
    def protected_source(source: Any, names: Any = None, *, keep: Iterable[str] = (), enabled: bool = True) -> Any:
        """The source as it will be shared, with its findings (``.findings``, ``.applied``, ``.kept``)."""
        return _share("post").protected_source(source, names, keep=keep, enabled=enabled)

    @staticmethod
    def highlighted(original: Any, protected: Any) -> list[tuple[str, list[Any]]]:
        """Each shared field as segments, the replaced ones marked, so a page can show them."""
        return _share("protect").highlighted(original, protected)

    # -- the words around the cards -------------------------------------------------------------------------------
    @property
    def title_max_chars(self) -> int:
        return _share("caption").TITLE_MAX_CHARS

    @staticmethod
    def clamp_title(title: str) -> str:
        return _share("caption").clamp_title(title)

    @staticmethod
    def default_caption(source: Any) -> str:
        return _share("caption").default_caption(source)

    @staticmethod
    def hashtags_from_source(source: Any) -> list[str]:
        return _share("caption").hashtags_from_source(source)

    @staticmethod
    def format_hashtags(tags: list[str]) -> str:
        return _share("caption").format_hashtags(tags)

    @staticmethod
    def parse_hashtags(text: str) -> list[str]:
        return _share("caption").parse_hashtags(text)

    @staticmethod
    def suggest(chat: Any, source: Any, platform: str) -> Any:
        """The model's title, caption and hashtags for the (already redacted) source: a ``Suggestion``."""
        return _share("suggest").suggest_post(chat, source, platform)

    # -- the post, its preview and its files ------------------------------------------------------------------------
    @staticmethod
    def make_post(source: Any, fmt: str, style: str = "page", theme: str | None = None, **choices: Any) -> Any:
        """:func:`journal.share.post.make_post`, the one pipeline the CLI uses too."""
        return _share("post").make_post(source, fmt, style, theme, **choices)

    @staticmethod
    def card_pngs(post: Any) -> list[bytes]:
        """Every card as PNG bytes, labelled as the post is (AIGC mark and metadata when it holds AI words)."""
        export = _share("export")
        return export.post_pngs(post, export.render_post_cards(post))

    @staticmethod
    def card_previews(pngs: list[bytes], width: int) -> list[bytes]:
        """The cards as a page shows them, at most ``width`` px wide (:func:`journal.share.export.preview_image`)."""
        preview = _share("export").preview_image
        return [preview(png, width) for png in pngs]

    @staticmethod
    def preflight(post: Any, card_count: int | None = None) -> list[Any]:
        return _share("preflight").preflight(post, card_count)

    @property
    def thread_limit(self) -> int:
        return _share("thread").MAX_WEIGHTED_LENGTH

    @staticmethod
    def weighted_length(text: str) -> int:
        """A post's length as X counts it (a CJK character counts twice)."""
        return _share("thread").weighted_length(text)

    @staticmethod
    def card_names(post: Any, count: int | None = None) -> list[str]:
        return _share("export").card_names(post, count)

    @staticmethod
    def file(post: Any, kind: str) -> str:
        """One of the post's text files: ``caption``, ``thread``, ``markdown`` or ``html``."""
        export = _share("export")
        return {"caption": export.caption_file, "thread": export.thread_file, "markdown": export.markdown_file,
                "html": export.html_file}[kind](post)

    @staticmethod
    def zip_files(names: list[str], contents: list[bytes]) -> bytes:
        return _share("export").zip_files(names, contents)
