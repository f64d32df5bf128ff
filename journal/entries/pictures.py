"""Pictures a person adds to an entry or a story turn: checked, their location removed, stored once by content.

A picture goes to ``attachments/<md5>.<ext>``, the scheme imports use (see
:mod:`journal.importers.vault_media`), so the same photo added twice, or
imported and then added, is one file. The note links it with a plain relative
markdown link, which Duet's reader, Obsidian and any markdown viewer follow.

Phones write where a photo was taken into its EXIF (the GPS block) and
sometimes its XMP; unless the person keeps it, both are dropped before the
file is written. A JPEG is re-saved with its own quantisation tables
(``quality="keep"``), so removing the location does not blur the picture.
Written through the store's atomic writer, so an encrypted notebook covers it.
"""

from __future__ import annotations

import hashlib
import io
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from PIL import ExifTags, Image, UnidentifiedImageError

from journal.errors import InvalidInput
from journal.importers.vault_media import attachment_link, attachment_path
from journal.rendering import MAX_INLINE_IMAGE_BYTES
from journal.store.atomic import atomic_create

# Pillow's format name -> the file extension kept; what browsers, Obsidian and the share cards all open.
ACCEPTED_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}
UPLOAD_TYPES = ["jpg", "jpeg", "png", "webp", "gif"]      # what a file picker offers
MAX_PICTURE_BYTES = MAX_INLINE_IMAGE_BYTES                # every kept picture is small enough to show inline
MAX_PICTURE_PIXELS = 50_000_000                           # larger is a decompression bomb, not a photo
GPS_IFD = ExifTags.IFD.GPSInfo
_XMP_LOCATION = re.compile(rb"GPS(Latitude|Longitude|Altitude)|photoshop:City|Iptc4xmpCore:Location", re.IGNORECASE)
_ALT_UNSAFE = re.compile(r"[\[\]\\\n\r`*_<>]")
MAX_ALT_CHARS = 80


@dataclass(frozen=True)
class KeptPicture:
    relative: str               # "attachments/<md5>.jpg", from the notebook folder
    path: Path
    alt: str                    # the file name the person chose, as the picture's description
    location_removed: bool      # it carried a location and that was dropped
    new: bool                   # False when the same picture was already in the notebook

    def entry_markdown(self, created: datetime) -> str:
        """The link from an entry written at ``created`` (its ``journal/YYYY/MM/`` folder)."""
        md5, ext = Path(self.relative).stem, Path(self.relative).suffix.lstrip(".")
        return f"![{self.alt}]({attachment_link(md5, ext, created)})"

    def story_markdown(self) -> str:
        """The link from a story file (``stories/<slug>.md``)."""
        return f"![{self.alt}](../{self.relative})"


def _alt(filename: str) -> str:
    return _ALT_UNSAFE.sub(" ", Path(filename or "").stem).strip()[:MAX_ALT_CHARS]


def _has_location(picture: Image.Image) -> bool:
    if GPS_IFD in picture.getexif():
        return True
    xmp = picture.info.get("xmp") or picture.info.get("XML:com.adobe.xmp") or b""
    return bool(_XMP_LOCATION.search(xmp if isinstance(xmp, bytes) else str(xmp).encode("utf-8", "replace")))


def _without_location(picture: Image.Image, fmt: str) -> bytes:
    """The picture re-saved in its own format with the EXIF GPS block and the XMP packet left out."""
    exif = picture.getexif()
    exif.pop(GPS_IFD, None)
    picture.info.pop("xmp", None)
    options: dict = {"exif": exif.tobytes()}
    if picture.info.get("icc_profile"):
        options["icc_profile"] = picture.info["icc_profile"]
    if fmt == "JPEG":
        options.update(quality="keep", subsampling="keep", xmp=b"")
    elif fmt == "WEBP":
        options.update(lossless=bool(picture.info.get("lossless")), quality=95, xmp=b"")
    elif fmt == "GIF":
        options = {"save_all": True}
    out = io.BytesIO()
    picture.save(out, format=fmt, **options)
    return out.getvalue()


def checked_picture(data: bytes, filename: str, *, keep_location: bool = False) -> tuple[bytes, str, bool]:
    """``(bytes to keep, extension, location removed)``; :class:`InvalidInput` says what is wrong otherwise."""
    name = Path(filename or "").name or "?"
    if not data:
        raise InvalidInput("writing.pictures.empty", name=name)
    if len(data) > MAX_PICTURE_BYTES:
        raise InvalidInput("writing.pictures.too_big", name=name, size=f"{len(data) / 1_000_000:.1f}",
                           limit=MAX_PICTURE_BYTES // 1_000_000)
    try:
        picture = Image.open(io.BytesIO(data))
        fmt = picture.format or ""
        if fmt in ACCEPTED_FORMATS and picture.width * picture.height > MAX_PICTURE_PIXELS:
            raise InvalidInput("writing.pictures.too_many_pixels", name=name, width=picture.width,
                               height=picture.height)
        picture.load()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise InvalidInput("writing.pictures.not_a_picture", name=name) from None
    if fmt not in ACCEPTED_FORMATS:
        raise InvalidInput("writing.pictures.bad_type", name=name, kind=fmt or "?")
    removed = not keep_location and _has_location(picture)
    kept = _without_location(picture, fmt) if removed else data
    return kept, ACCEPTED_FORMATS[fmt], removed


def keep_picture(home: Path, data: bytes, filename: str, *, keep_location: bool = False) -> KeptPicture:
    """Check the picture and store it under ``attachments/`` once; never over a file already there."""
    kept, ext, removed = checked_picture(data, filename, keep_location=keep_location)
    relative = attachment_path(hashlib.md5(kept).hexdigest(), ext)
    path = Path(home) / relative
    new = not path.exists() and atomic_create(path, kept)
    return KeptPicture(relative=relative, path=path, alt=_alt(filename), location_removed=removed, new=new)
