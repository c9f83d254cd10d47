"""The weekly report as PDF, printed by WeasyPrint from the same HTML page.

One source of layout for screen and paper: the page's own `@page` rules set the margins, and
SVG charts stay vector graphics in the PDF. WeasyPrint needs no browser and no network; its URL
fetcher allows `data:` URLs alone (the charts of the page printed, `render_html(...,
for_print=True)`, whose content is in the URL itself), so a report can never pull in a file or
URL it names.
"""

from __future__ import annotations

import logging

__all__ = ["render_pdf"]

LOGGER = logging.getLogger(__name__)


def render_pdf(html: str) -> bytes:
    """The PDF bytes of an HTML document (one rendered by `render_html`)."""
    # Imported here: WeasyPrint loads Pango and fonts at import, which costs time that the
    # Markdown-only and HTML-only paths need not pay.
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    # data: alone: a URL in the page (say, an image named in report text) is refused and
    # skipped, never fetched; a data: URL carries its bytes and reaches nothing.
    document = HTML(string=html, url_fetcher=URLFetcher(allowed_protocols=("data",)))
    noise = _SvgStyleNoise()
    weasy_logger = logging.getLogger("weasyprint")
    weasy_logger.addFilter(noise)
    try:
        pdf: bytes = document.write_pdf()
    finally:
        weasy_logger.removeFilter(noise)
    LOGGER.info("PDF: %d bytes", len(pdf))
    return pdf


class _SvgStyleNoise(logging.Filter):
    """Drops WeasyPrint's "unknown property" warnings for SVG styles (stroke, fill-opacity...).

    matplotlib writes SVG presentation properties in style attributes; WeasyPrint's CSS checker
    warns about each of them although its SVG renderer applies them. Every other message passes.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        return "unknown property" not in record.getMessage()
