"""Browser tests: Debian's Chromium, driven by Playwright, walks the dashboard like a reader.

It opens the dashboard, searches, filters the claims, opens a document, follows a highlighted span
to its record, and saves a screenshot of each step, checked not to be blank. The server listens on
127.0.0.1 on a free port; Playwright never downloads a browser (`scripts/install_test_deps.sh`
installs Debian's chromium).
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests import web_support
from tests.web_support import load_samples

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="/usr/bin/chromium is absent: run scripts/install_test_deps.sh to install it",
)

# Fixtures shared with the other web tests.
any_database_url = web_support.any_database_url


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@pytest.fixture
def server(any_database_url: str) -> Iterator[str]:
    import uvicorn

    from uprising.web import create_app

    load_samples(any_database_url)
    port = _free_port()
    config = uvicorn.Config(create_app({"database_url": any_database_url}), host="127.0.0.1",
                            port=port, log_level="warning")
    instance = uvicorn.Server(config)
    thread = threading.Thread(target=instance.run, daemon=True)
    thread.start()
    for _ in range(200):  # at most 10 s
        if instance.started:
            break
        time.sleep(0.05)
    assert instance.started, "the server did not start"
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        instance.should_exit = True
        thread.join(timeout=10)


def _not_blank(path: Path) -> None:
    from PIL import Image

    with Image.open(path) as image:
        colours = image.convert("RGB").getcolors(maxcolors=1_000_000)
    assert colours is not None and len(colours) > 20, f"{path.name} looks blank"


def test_reader_searches_filters_and_follows_a_span_to_its_record(
    server: str, tmp_path: Path
) -> None:
    from playwright.sync_api import sync_playwright

    shots = tmp_path / "shots"
    shots.mkdir()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        try:
            page = browser.new_page(viewport={"width": 1200, "height": 900})
            page.set_default_timeout(15_000)
            page.goto(server + "/")
            assert page.locator("svg.chart").count() >= 1
            page.screenshot(path=shots / "dashboard.png", full_page=True)

            page.fill("header input[name=q]", "arrested")
            page.click("header button[type=submit]")
            page.wait_for_url("**/documents?q=arrested")
            assert page.locator("table.documents mark").count() > 0
            page.screenshot(path=shots / "search.png")

            page.goto(server + "/claims")
            page.select_option("select[name=measure]", "killed")
            page.fill("input[name=place]", "IR")
            page.click("#claim-filters button[type=submit]")
            page.wait_for_url("**measure=killed**")
            rows = page.locator("table.claims tbody tr")
            assert rows.count() > 0
            assert all(t == "killed" for t in rows.locator("td:first-child").all_inner_texts())
            page.screenshot(path=shots / "claims.png")

            page.locator("table.claims tbody tr td:last-child a").first.click()
            page.wait_for_url("**/documents/sha256:**")
            span = page.locator("article.text a.span.claim").first
            quote = span.inner_text()
            page.screenshot(path=shots / "document.png", full_page=True)
            span.click()
            page.wait_for_url("**/claims/**")
            assert quote.strip() in page.locator("blockquote.quote mark").inner_text()
            page.screenshot(path=shots / "record.png")
        finally:
            browser.close()
    for shot in sorted(shots.iterdir()):
        _not_blank(shot)
