"""`uprising places`: the places a text names, as the extractor resolves them."""

from __future__ import annotations

import json

import click

from uprising.geo import find_places


@click.command("places")
@click.argument("text")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True, help="Output format.")
def places_command(text: str, fmt: str) -> None:
    """Print each place TEXT names with its ISO code, city, confidence and reason."""
    found = find_places(text)
    if fmt == "json":
        records = [{"text": text[p.start:p.end], "start": p.start, "end": p.end,
                    "kind": p.kind.value, "place": p.place, "city": p.city,
                    "country": p.country, "confidence": round(p.confidence, 2),
                    "reason": p.reason} for p in found]
        click.echo(json.dumps(records, ensure_ascii=False, indent=1))
        return
    if not found:
        click.echo("No places found.")
    for p in found:
        click.echo(f"{text[p.start:p.end]!r:<32} {p.place:<6} {p.city or '-':<20} "
                   f"{p.confidence:.2f}  {p.reason}")
