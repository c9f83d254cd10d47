"""`uprising numbers`: the number layer on its own, for testing and for other tools."""

from __future__ import annotations

import json

import click

from uprising.cli.common import fail_cleanly
from uprising.errors import InputError
from uprising.extract.numbers import number_results
from uprising.ingest.files import decode_utf8, read_bytes


@click.command("numbers")
@click.argument("source", type=click.Path(dir_okay=False))
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), default="-",
              help="Where to write the results (JSONL); standard output by default.")
@fail_cleanly
def numbers_command(source: str, output: str) -> None:
    """Find numbers, ranges and their qualifiers in lines {"input": "..."} of SOURCE.

    Writes one line per input: {"input", "results": [{"text", "start", "end", "low", "high",
    "qualifier"}]}, with bounds as in the extraction contract.
    """
    texts: list[str] = []
    for number, line in enumerate(decode_utf8(read_bytes(source), source).split("\n"), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"is not valid JSON ({exc.msg})", path=source, line=number) from None
        text = record.get("input") if isinstance(record, dict) else None
        if not isinstance(text, str):
            raise InputError("must be a string", path=source, line=number, field="input",
                             hint='write lines like {"input": "at least 12 people"}')
        texts.append(text)
    with click.open_file(output, "w", encoding="utf-8") as out:
        for text in texts:
            out.write(json.dumps({"input": text, "results": number_results(text)},
                                 ensure_ascii=False) + "\n")
