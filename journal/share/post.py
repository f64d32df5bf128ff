"""One pipeline from a chosen text to a finished post, used by the Share page and by ``python -m journal share``.

Every policy that must hold whatever the path lives here, once: the privacy
pass over the text *and* over the title and caption a person typed (with the
same pseudonyms), markdown marks stripped from typed words, the title cut
between words, and the AI-content label decided from the source's provenance.
The page and the CLI only collect choices and show or write what comes back,
so the same choices give the same post (the same :attr:`Post.content_id`).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Iterable, Mapping

from journal.share.aigc import Label, holds_ai_words
from journal.share.caption import clamp_title, default_caption, hashtags_from_source, normalize_hashtags
from journal.share.export import Post, build_post
from journal.share.plain import strip_emphasis
from journal.share.privacy import parse_names, redact
from journal.share.protect import ProtectedSource, protect
from journal.share.source import ShareSource
from journal.text import detect_language

Names = Mapping[str, str] | Iterable[str] | None


def protected_source(source: ShareSource, names: Names = None, *, keep: Iterable[str] = (),
                     enabled: bool = True) -> ProtectedSource:
    """:func:`journal.share.protect.protect`, remembered for the last few choices.

    The pass reads the whole text (a third of a second for a long entry) and the Share page
    asks for it on every rerun; a source is immutable, so its result can be kept.
    """
    return _protect(source, tuple(parse_names(names or {}).items()), tuple(sorted(keep)), enabled)


@lru_cache(maxsize=32)
def _protect(source: ShareSource, names: tuple[tuple[str, str], ...], keep: tuple[str, ...],
             enabled: bool) -> ProtectedSource:
    return protect(source, dict(names), keep=keep, enabled=enabled)


def post_language(source: ShareSource) -> str:
    """The post's language, for its label: Chinese when its words are mostly Chinese."""
    return "zh" if detect_language(source.plain) == "zh" else "en"


def make_post(source: ShareSource, fmt: str, style: str = "page", theme: str | None = None, *,
              title: str | None = None, caption: str | None = None, hashtags: Iterable[str] | None = None,
              names: Names = None, redact_names: bool = True, keep: Iterable[str] = (),
              render: bool = True, cover: bool = False, cover_photo: str | Path | None = None) -> Post:
    """The post for ``source`` as the writer chose it.

    ``title``, ``caption`` and ``hashtags`` left as ``None`` come from the source (after the privacy
    pass). ``keep`` holds ids of findings the writer undid. With ``render=False`` the cards are not
    drawn (the page draws them through its cache with :func:`journal.share.export.render_post_cards`).
    ``cover`` puts a title card first, over ``cover_photo`` when given (a picture in the notebook).
    """
    names_map = parse_names(names or {})
    protected = protected_source(source, names_map, keep=keep, enabled=redact_names)
    shared = protected.source
    title = shared.title if title is None else title
    caption = default_caption(shared) if caption is None else caption
    tags = hashtags_from_source(shared) if hashtags is None else normalize_hashtags(list(hashtags))
    if redact_names:  # what the writer types goes through the same pass, with the same pseudonyms and undos
        undone = {finding.original for finding in protected.findings if finding.id in protected.kept}
        title = _redact_typed(title, names_map, undone)
        caption = _redact_typed(caption, names_map, undone)
    label = Label(post_language(shared)) if holds_ai_words(source) else None
    return build_post(shared, fmt, style, theme, title=clamp_title(strip_emphasis(title)),
                      caption=strip_emphasis(caption).strip(), hashtags=tags, label=label, protected=protected,
                      render=render, cover=cover, cover_photo=Path(cover_photo) if cover_photo else None)


def _redact_typed(text: str, names: Mapping[str, str], undone: set[str]) -> str:
    """The privacy pass over words the writer typed; what they undid in the text (``undone``) stays here too."""
    result = redact(text, names)
    keep = {finding.id for finding in result.findings if finding.original in undone}
    return redact(text, names, keep=keep).text if keep else result.text
