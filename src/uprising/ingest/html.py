"""HTML pages: decode the bytes, then let trafilatura find the article and its metadata.

trafilatura is the extractor made for the job (boilerplate removal, title, date, site name); this
module only chooses its options and maps its answer onto our fields. It never fetches anything:
the page is handed over as bytes.
"""

from __future__ import annotations

import codecs
import datetime as dt
import logging
import re
from dataclasses import dataclass

import trafilatura
from trafilatura.settings import set_date_params

from uprising.errors import InputError, InputFileError

__all__ = ["HtmlContent", "decode_html", "extract_html"]

LOGGER = logging.getLogger(__name__)

# Where a page declares its encoding: <meta charset="..."> or the http-equiv content type.
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_HTML_LANG = re.compile(
    r"""<html\b[^>]*\blang\s*=\s*["']?\s*([A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*)""", re.IGNORECASE
)
_SNIFF = 4096  # browsers look for the charset declaration in the first bytes only; so do we


@dataclass(frozen=True, slots=True, kw_only=True)
class HtmlContent:
    """The main text of a page and the metadata found with it; text is not yet normalised."""

    text: str
    title: str | None = None
    published: dt.date | None = None
    publisher: str | None = None
    url: str | None = None
    language: str | None = None


def decode_html(raw: bytes, *, path: str) -> str:
    """Decode a page: UTF-8, else the charset the page itself declares.

    Guessing an encoding is how Persian text turns into mojibake that no later stage can detect,
    so a page that is neither UTF-8 nor declares its charset is refused.

    Raises:
        InputFileError: the bytes are not UTF-8 and no usable charset is declared.
    """
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as utf8_error:
        declared = _CHARSET.search(raw[:_SNIFF])
        if declared is not None:
            name = declared.group(1).decode("ascii")
            try:
                return raw.decode(codecs.lookup(name).name)
            except (LookupError, UnicodeDecodeError):
                LOGGER.debug("%s: declared charset %s does not decode it", path, name)
        raise InputFileError(
            f"is not UTF-8 text (byte 0x{raw[utf8_error.start]:02x})",
            path=path,
            line=raw.count(b"\n", 0, utf8_error.start) + 1,
            hint='save the page as UTF-8, or declare its encoding in a <meta charset="..."> tag',
        ) from None


def extract_html(html: str, *, path: str, url: str | None = None) -> HtmlContent:
    """Find the main text, title, date, site name and URL of a page.

    The date comes from the page's markup only (htmldate without its extensive search): a
    publication date guessed from a figure in the body would move every relative date of the
    report ("on Tuesday", "so far").

    Raises:
        InputError: no main text could be found.
    """
    found = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,  # readers' comments are not the report
        include_tables=True,
        date_extraction_params=set_date_params(False),
    )
    text = getattr(found, "text", None) if found is not None else None
    if not isinstance(text, str) or not text.strip():
        raise InputError(
            "holds no main text that could be extracted",
            path=path,
            hint="give the page of the article itself, saved after it has loaded",
        )
    lang = _HTML_LANG.search(html[: _SNIFF * 4])
    return HtmlContent(
        text=text,
        title=_text_or_none(getattr(found, "title", None)),
        published=_day_or_none(getattr(found, "date", None), path=path),
        publisher=_text_or_none(getattr(found, "sitename", None)),
        url=_text_or_none(getattr(found, "url", None)) or url,
        language=lang.group(1).lower() if lang else None,
    )


def _text_or_none(value: object) -> str | None:
    return (value.strip() or None) if isinstance(value, str) else None


def _day_or_none(value: object, *, path: str) -> dt.date | None:
    """A date from metadata is data to repair, not an input error: drop what does not parse."""
    if not isinstance(value, str):
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        LOGGER.debug("%s: ignored an unreadable page date", path)
        return None
