"""The places a post goes and the image sizes each one expects."""

from __future__ import annotations

from dataclasses import dataclass

from journal.errors import InvalidInput

XIAOHONGSHU_MAX_IMAGES = 18  # a Xiaohongshu note holds up to 18 images
INSTAGRAM_MAX_IMAGES = 20  # an Instagram carousel holds up to 20
STORY_MAX_FRAMES = 20
THREAD_MAX_POSTS = 25  # past this a thread is an essay; ask for a shorter passage


@dataclass(frozen=True)
class Format:
    """A target: pixel size of each card and how many cards one post may hold (a thread has no pixels)."""

    name: str
    width: int
    height: int
    max_pages: int
    is_thread: bool = False

    @property
    def size(self) -> tuple[int, int]:
        return (self.width, self.height)


FORMATS: dict[str, Format] = {
    "xiaohongshu": Format("xiaohongshu", 1080, 1440, XIAOHONGSHU_MAX_IMAGES),  # 3:4
    "instagram": Format("instagram", 1080, 1350, INSTAGRAM_MAX_IMAGES),  # 4:5
    "square": Format("square", 1080, 1080, INSTAGRAM_MAX_IMAGES),  # 1:1
    "story": Format("story", 1080, 1920, STORY_MAX_FRAMES),  # 9:16
    "thread": Format("thread", 0, 0, THREAD_MAX_POSTS, is_thread=True),
}
IMAGE_FORMATS = [name for name, fmt in FORMATS.items() if not fmt.is_thread]
STYLES = ("chat", "quote", "page")


def get_format(name: str) -> Format:
    try:
        return FORMATS[name]
    except KeyError:
        raise InvalidInput("share.errors.unknown_format", name=name, choices=", ".join(FORMATS)) from None


def check_style(name: str) -> str:
    if name not in STYLES:
        raise InvalidInput("share.errors.unknown_style", name=name, choices=", ".join(STYLES))
    return name
