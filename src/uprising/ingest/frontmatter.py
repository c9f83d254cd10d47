"""Front matter: the few "key: value" lines a plain-text report may open with.

A file opens with front matter when its first line is exactly ``---``; the block ends at the next
line that is exactly ``---``. Only the keys below are known, so a misspelt key fails loudly with
the valid choices instead of silently dropping the publication date that relative dates hang on.
This is deliberately not YAML: reports are written by hand, and five flat keys need no parser that
turns ``no`` into False or a bare date into a datetime.

    ---
    published: 2022-10-03
    publisher: Example Weekly
    ---
    The report itself starts here.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass

from uprising.errors import InputError

__all__ = ["DELIMITER", "FRONT_MATTER_KEYS", "FrontMatter", "parse_day", "split_front_matter"]

LOGGER = logging.getLogger(__name__)

DELIMITER = "---"
FRONT_MATTER_KEYS = ("published", "publisher", "url", "language", "title")

_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_SHOWN = 40  # at most this much of a bad value is repeated in a message


@dataclass(frozen=True, slots=True, kw_only=True)
class FrontMatter:
    """What a text file says about itself, and the text that follows."""

    body: str
    body_line: int  # 1-based line of the file where the body starts
    published: dt.date | None = None
    publisher: str | None = None
    url: str | None = None
    language: str | None = None
    title: str | None = None


def parse_day(value: str, *, path: str, line: int | None, field: str) -> dt.date:
    """Read a day written ``YYYY-MM-DD``, or raise an InputError naming where it was found.

    `date.fromisoformat` alone would also take ``20221003`` and week dates; the contract says
    YYYY-MM-DD, so the shape is checked first.
    """
    shown = value if len(value) <= _SHOWN else value[:_SHOWN] + "…"
    if not _DAY.fullmatch(value):
        raise InputError(
            f'"{shown}" is not a date written YYYY-MM-DD',
            path=path,
            line=line,
            field=field,
            hint="write the day as e.g. 2022-10-03",
        )
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise InputError(
            f'"{shown}" is not a day of the calendar',
            path=path,
            line=line,
            field=field,
            hint="check the month and the day",
        ) from None


def split_front_matter(text: str, *, path: str) -> FrontMatter:
    """Split `text` (newlines already normalised to \\n) into its front matter and body.

    Text without an opening ``---`` line is all body.

    Raises:
        InputError: an unknown or repeated key, a line that is not ``key: value``, a bad date,
            or a block that is never closed; the message names the file, line and key.
    """
    lines = text.split("\n")
    if lines[0] != DELIMITER:
        return FrontMatter(body=text, body_line=1)
    values: dict[str, str | None] = {}
    published: dt.date | None = None
    for index in range(1, len(lines)):
        line_no = index + 1
        line = lines[index]
        if line == DELIMITER:
            return FrontMatter(
                body="\n".join(lines[index + 1 :]),
                body_line=line_no + 1,
                published=published,
                publisher=values.get("publisher"),
                url=values.get("url"),
                language=values.get("language"),
                title=values.get("title"),
            )
        if not line.strip():
            continue
        key, colon, raw = line.partition(":")
        key = key.strip()
        if not colon or not key:
            raise InputError(
                'is not a "key: value" line inside the front matter',
                path=path,
                line=line_no,
                hint=f'close the front matter with a line of exactly "{DELIMITER}"',
            )
        if key not in FRONT_MATTER_KEYS:
            raise InputError(
                "is not a front matter key",
                path=path,
                line=line_no,
                field=key,
                hint="use " + ", ".join(FRONT_MATTER_KEYS),
            )
        if key in values:
            raise InputError(
                "appears twice in the front matter",
                path=path,
                line=line_no,
                field=key,
                hint="keep one of the two lines",
            )
        value = _unquote(raw.strip())
        if key == "published" and value:
            published = parse_day(value, path=path, line=line_no, field=key)
        values[key] = value or None
    raise InputError(
        f'opens front matter that no line of exactly "{DELIMITER}" closes',
        path=path,
        line=1,
        hint=f'end the front matter with a "{DELIMITER}" line before the text',
    )


def _unquote(value: str) -> str:
    """Drop one pair of matching quotes, which people add out of YAML habit."""
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1].strip()
    return value
