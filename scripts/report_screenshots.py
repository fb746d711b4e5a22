"""Screenshots of the HTML report for docs/screenshots/ (headless Chromium, as the browser tests).

    python scripts/report_screenshots.py        # needs Chromium (make browser) and the built embedder

Two real runs: `check seeds/` with the default models, and `check examples/balloon-crash` with the
NLI judge off (a figure ledger). Each report is rendered to HTML and photographed whole, 1280
pixels wide.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "report"))

from report_browser import Browser  # noqa: E402 - the tests' WebDriver client

import checker  # noqa: E402
from checker.report import render  # noqa: E402

RUNS = {
    "seeds.png": (["seeds/"], checker.Config()),
    "ledger.png": (["examples/balloon-crash"], checker.Config(nli="none")),
}


def main() -> None:
    out = ROOT / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        browser = Browser(Path(tmp) / "profile")
        try:
            for name, (paths, config) in RUNS.items():
                report = checker.check(paths, config)
                page = Path(tmp) / name.replace(".png", ".html")
                page.write_text(render(report, "html"), encoding="utf-8")
                browser.open(page.as_uri())
                browser.full_page_screenshot(out / name)
                print(f"{out / name}: {report!r}")
        finally:
            browser.close()


if __name__ == "__main__":
    main()
