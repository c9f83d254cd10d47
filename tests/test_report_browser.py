"""The report as people see it (issue 6): the HTML page rendered by headless Chromium and the
PDF turned into PNG pages by pdftoppm, each checked not blank; footnote links checked in the
browser's own DOM.

Debian's `chromium` and `poppler-utils` are installed by scripts/install_test_deps.sh, which
`make test` runs first; without them these tests are skipped with the command to run.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from matplotlib.image import imread

from tests.conftest import ROOT
from uprising.cli.demo import busiest_week
from uprising.cli.publish import write_report
from uprising.cli.store import process_all
from uprising.ingest import read_paths
from uprising.storage import Database

CHROMIUM = Path("/usr/bin/chromium")
PDFTOPPM = shutil.which("pdftoppm")
TIMEOUT = 120  # seconds for one browser or pdftoppm run; every run is bounded
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run",
                  "--disable-dev-shm-usage", "--hide-scrollbars"]
HINT = "run scripts/install_test_deps.sh (make test does)"

# Appended to a copy of the page: the browser itself resolves every in-page link and writes what
# it could not find into an attribute that --dump-dom prints.
CHECK_LINKS = """<script>
const links = Array.from(document.querySelectorAll('a[href^="#"]'));
const lost = links.map(a => a.getAttribute('href').slice(1))
                  .filter(id => !document.getElementById(id));
document.body.setAttribute('data-links', String(links.length));
document.body.setAttribute('data-unresolved', lost.join(' ') || 'none');
</script>"""


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Path]]:
    folder = tmp_path_factory.mktemp("browser")
    with Database.open("sqlite:///" + str(folder / "samples.db")) as db:
        db.add_documents(read_paths([str(ROOT / "samples")]))
        process_all(db)
        paths = write_report(db, busiest_week(db), folder / "reports", formats=("html", "pdf"))
    yield {p.suffix: p for p in paths}


def chromium(args: list[str], profile: Path) -> subprocess.CompletedProcess[str]:
    if not CHROMIUM.exists():
        pytest.skip(f"no {CHROMIUM}: {HINT}")
    return subprocess.run([str(CHROMIUM), *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *args],
                          capture_output=True, text=True, timeout=TIMEOUT, check=False)


def ink(png: Path) -> float:
    """Share of pixels that are not near-white."""
    pixels = np.asarray(imread(png))[..., :3]
    return float((pixels.mean(axis=2) < 0.9).mean())


def test_chromium_screenshot_of_the_html_report_is_not_blank(
    written: dict[str, Path], tmp_path: Path
) -> None:
    shot = tmp_path / "shot.png"
    result = chromium(["--window-size=1200,1600", f"--screenshot={shot}",
                       written[".html"].as_uri()], tmp_path / "profile")
    assert shot.exists(), result.stderr[-2000:]
    assert ink(shot) > 0.01


def test_footnote_links_resolve_in_the_browser(written: dict[str, Path], tmp_path: Path) -> None:
    page = tmp_path / "checked.html"
    html = written[".html"].read_text(encoding="utf-8")
    page.write_text(html.replace("</body>", CHECK_LINKS + "</body>"), encoding="utf-8")
    result = chromium(["--dump-dom", page.as_uri()], tmp_path / "profile")
    assert 'data-unresolved="none"' in result.stdout, result.stdout[-500:] or result.stderr[-2000:]
    links = int(result.stdout.split('data-links="', 1)[1].split('"', 1)[0])
    assert links >= 10  # figures to footnotes and back


def test_pdf_pages_rendered_by_pdftoppm_are_not_blank(
    written: dict[str, Path], tmp_path: Path
) -> None:
    if PDFTOPPM is None:
        pytest.skip(f"no pdftoppm: {HINT}")
    subprocess.run([PDFTOPPM, "-r", "40", "-png", str(written[".pdf"]), str(tmp_path / "page")],
                   check=True, timeout=TIMEOUT, capture_output=True)
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) >= 2
    assert all(ink(page) > 0.002 for page in pages), [round(ink(p), 4) for p in pages]
