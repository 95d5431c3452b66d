"""Write docs/site-overview.png: the site's overview of the published package, as the
README shows it. Needs the dev extras (Playwright) and Debian's chromium.

    python docs/make_screenshot.py [--root DIR] [--out docs/site-overview.png]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from coalition_data.paths import REPO_ROOT
from coalition_data.site import render_site

sys.path.insert(0, str(REPO_ROOT))  # the browser flags live with the browser tests
from tests.browser.conftest import CHROMIUM_ARGS


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--root", type=Path, default=REPO_ROOT)
    ap.add_argument("--out", type=Path, default=Path(__file__).parent / "site-overview.png")
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="coalition-shot-"))
    try:
        site = render_site(args.root, work / "site")
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=shutil.which("chromium"),
                                        args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1200, "height": 1500})
            page.goto((site.out / "index.html").as_uri() + "#timeline-section")
            page.wait_for_selector("[data-chart=timeline][data-rendered=true]")
            page.evaluate("window.scrollTo(0, 0)")
            page.screenshot(path=str(args.out))
            browser.close()
        print(f"wrote {args.out}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
