"""The extraction contract's input lines, read for `uprising extract` with their own ids kept.

Unlike `read_paths`, which gives stored documents content-hash ids, the contract's output must
answer each input line under the id it came with, and its offsets must point into the text
exactly as given.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Iterator

from uprising.errors import InputFileError
from uprising.ingest.files import decode_utf8, parse_input_line, read_bytes
from uprising.ingest.frontmatter import parse_day
from uprising.records import Document

__all__ = ["parse_day", "read_contract_lines"]


def read_contract_lines(path: str) -> Iterator[Document]:
    """Documents of a contract JSONL file, in order, each under the id its line gives.

    Raises:
        InputError: a line that is not JSON, lacks "id" or "text", or has a bad "published".
        InputFileError: the file is missing, empty or not UTF-8.
    """
    raw = read_bytes(path)
    lines = decode_utf8(raw, path).split("\n")
    seen = False
    for index, line in enumerate(lines):
        if not line.strip():
            continue
        seen = True
        digest = hashlib.sha256(line.encode("utf-8")).hexdigest()
        input_id, document = parse_input_line(line, raw_sha256=digest, path=path,
                                              line_no=index + 1)
        yield dataclasses.replace(document, id=input_id)
    if not seen:
        raise InputFileError("holds no JSON lines", path=path,
                             hint="give one JSON object a line, as in the extraction contract")
