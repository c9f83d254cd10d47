"""Photos from correspondents lose every byte of metadata before they are stored.

EXIF (GPS position, camera serial, time), XMP, IPTC, ICC profiles, comments and thumbnails can
all identify the person who took a photo. Re-saving with Pillow is not enough (it may carry the
ICC profile, XMP and comments over), so the pixels alone are copied into a fresh image, after the
EXIF orientation has been applied so the photo still stands the right way up. Only the sha256 of
the original upload is kept, to recognise the same photo sent twice; the original is discarded.
"""

from __future__ import annotations

import hashlib
import io
import logging
import warnings
from dataclasses import dataclass

from PIL import Image, ImageOps, UnidentifiedImageError

from uprising.errors import InputError

__all__ = ["MAX_PHOTO_BYTES", "MAX_PIXELS", "CleanPhoto", "strip_metadata"]

LOGGER = logging.getLogger(__name__)

MAX_PHOTO_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000  # a 40-megapixel photo; more is refused, not decoded (pixel bombs)
FORMATS = {"JPEG": ("jpg", "image/jpeg"), "PNG": ("png", "image/png"),
           "WEBP": ("webp", "image/webp")}


@dataclass(frozen=True, slots=True, kw_only=True)
class CleanPhoto:
    """A photo without metadata: its bytes, file suffix, and the sha256 of the original."""

    data: bytes
    suffix: str
    media_type: str
    original_sha256: str

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


def strip_metadata(raw: bytes, *, field: str = "photo") -> CleanPhoto:
    """Re-encode `raw` (JPEG, PNG or WebP) from its pixels alone.

    Raises:
        InputError: too large, not an image of an accepted format, or too many pixels.
    """
    if len(raw) > MAX_PHOTO_BYTES:
        raise InputError(f"a photo is at most {MAX_PHOTO_BYTES} bytes", field=field)
    original_sha256 = hashlib.sha256(raw).hexdigest()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(raw)) as opened:
                fmt = opened.format or ""
                if fmt not in FORMATS:
                    raise InputError("a photo is JPEG, PNG or WebP", field=field)
                width, height = opened.size
                if width * height > MAX_PIXELS:
                    raise InputError(f"a photo has at most {MAX_PIXELS} pixels", field=field)
                upright = ImageOps.exif_transpose(opened)
                pixels = upright.convert("RGBA" if "A" in upright.getbands() else "RGB")
                clean = Image.frombytes(pixels.mode, pixels.size, pixels.tobytes())
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError,
            Image.DecompressionBombWarning, SyntaxError):
        raise InputError("the photo cannot be read as an image", field=field) from None
    if fmt == "JPEG" and clean.mode != "RGB":
        clean = clean.convert("RGB")
    out = io.BytesIO()
    # No exif=, icc_profile=, comment= or pnginfo=: the new file carries pixels only.
    clean.save(out, format=fmt, **({"quality": 90} if fmt in ("JPEG", "WEBP") else {}))
    suffix, media_type = FORMATS[fmt]
    return CleanPhoto(data=out.getvalue(), suffix=suffix, media_type=media_type,
                      original_sha256=original_sha256)
