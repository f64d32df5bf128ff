"""Colour themes for cards: soft, low-contrast backgrounds that read well on a phone, light and dark."""

from __future__ import annotations

from dataclasses import dataclass

from journal.errors import InvalidInput


@dataclass(frozen=True)
class Theme:
    """Every colour a card uses; ``background_top``/``background_bottom`` make a gentle vertical gradient."""

    name: str
    dark: bool
    background_top: str
    background_bottom: str
    paper: str  # the sheet of a page card and the chat screen
    ink: str  # body text
    muted: str  # dates, page numbers, names
    accent: str  # quote marks, avatar circle, rules
    bubble_user: str
    bubble_user_ink: str
    bubble_other: str
    bubble_other_ink: str


THEMES: dict[str, Theme] = {
    "paper": Theme(
        "paper", False, "#F6EFE4", "#EFE4D3", "#FFFCF6", "#3B342C", "#9A8E80", "#C98A64",
        "#E9B99A", "#3B2A20", "#FFFFFF", "#3B342C",
    ),
    "blush": Theme(
        "blush", False, "#FFF0F1", "#FBDDE3", "#FFF9F9", "#45303A", "#A8878F", "#E0708A",
        "#F4A7B9", "#40222C", "#FFFFFF", "#45303A",
    ),
    "mint": Theme(
        "mint", False, "#EAF5EF", "#D8ECE2", "#F8FCFA", "#28382F", "#7F978A", "#4F9C7A",
        "#9ED6B8", "#1F3A2C", "#FFFFFF", "#28382F",
    ),
    "night": Theme(
        "night", True, "#23232E", "#17171F", "#2B2B38", "#ECE7DF", "#8F8BA0", "#A99BF2",
        "#7E6FD8", "#FFFFFF", "#383848", "#ECE7DF",
    ),
    "ink": Theme(
        "ink", True, "#1B1E1D", "#111312", "#222625", "#E8E4DA", "#8C918B", "#D6B26E",
        "#C9A45F", "#1B1E1D", "#2E3331", "#E8E4DA",
    ),
}
DEFAULT_THEME = "paper"


def get_theme(name: str | None) -> Theme:
    try:
        return THEMES[name or DEFAULT_THEME]
    except KeyError:
        raise InvalidInput("share.errors.unknown_theme", name=name, choices=", ".join(THEMES)) from None
