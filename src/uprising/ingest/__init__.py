"""Ingest: files, folders and HTML pages -> Documents, validated before anything is stored."""

from __future__ import annotations

from uprising.ingest.files import (
    SUPPORTED_SUFFIXES,
    decode_utf8,
    document_id,
    list_files,
    normalise_text,
    parse_input_line,
    read_bytes,
    read_file,
    read_paths,
)
from uprising.ingest.frontmatter import FRONT_MATTER_KEYS, FrontMatter, split_front_matter
from uprising.ingest.html import HtmlContent, decode_html, extract_html

__all__ = [
    "FRONT_MATTER_KEYS",
    "SUPPORTED_SUFFIXES",
    "FrontMatter",
    "HtmlContent",
    "decode_html",
    "decode_utf8",
    "document_id",
    "extract_html",
    "list_files",
    "normalise_text",
    "parse_input_line",
    "read_bytes",
    "read_file",
    "read_paths",
    "split_front_matter",
]
