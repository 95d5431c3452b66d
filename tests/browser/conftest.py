"""Fixtures for opening the site in a real headless Chromium (Debian's `chromium`).

The site under test is rendered from the repository's package, or is the folder named by
COALITION_SITE (the benchmark points this at the site of its 10,000-article corpus).
Without Chromium or Playwright these tests skip, unless COALITION_REQUIRE_BROWSER=1
(.ci/run sets it), where a missing browser is a failure.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from coalition_data.paths import REPO_ROOT

# Flags for a sandboxed CI machine with a closed network (see the tool library's notes).
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--disable-dev-shm-usage"]


def _chromium() -> str | None:
    return os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which(
        "chromium-browser")


def _missing(reason: str) -> None:
    if os.environ.get("COALITION_REQUIRE_BROWSER") == "1":
        pytest.fail(f"browser tests required but {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    given = os.environ.get("COALITION_SITE")
    if given:
        return Path(given)
    from coalition_data.site import render_site

    out = tmp_path_factory.mktemp("browser-site") / "site"
    render_site(REPO_ROOT, out)
    return out


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    path = _chromium()
    if path is None:
        _missing("no chromium on PATH (apt install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("playwright is not installed (pip install -e '.[dev]')")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield b
        b.close()


class Visit:
    """A page with its console errors and any request that left the site recorded."""

    def __init__(self, browser: object, base: str) -> None:
        self.page = browser.new_page(viewport={"width": 1280, "height": 900})
        self.base = base
        self.errors: list[str] = []
        self.outside: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error"
                     else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.route("**/*", self._only_the_site)

    def _only_the_site(self, route: object) -> None:
        url = route.request.url
        if url.startswith(self.base) or url.startswith("data:"):
            route.continue_()
        else:
            self.outside.append(url)
            route.abort()

    def open(self, path: str) -> object:
        self.page.goto(self.base + path)
        self.page.wait_for_load_state("load")
        return self.page

    def wait_for_chart(self, name: str) -> None:
        self.page.wait_for_selector(f"[data-chart={name}][data-rendered]", timeout=30_000)
        assert self.page.get_attribute(f"[data-chart={name}]", "data-rendered") == "true"


@pytest.fixture
def visit(browser: object, site_dir: Path) -> Iterator[Visit]:
    v = Visit(browser, site_dir.resolve().as_uri() + "/")
    yield v
    v.page.close()


@pytest.fixture(scope="session")
def served(site_dir: Path) -> Iterator[str]:
    """The site on a static HTTP server on localhost, as a host would serve it."""
    handler = functools.partial(_QuietHandler, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site of a package whose links were hand-edited to run script (see hostile.py)."""
    from tests.browser.hostile import hostile_site as build

    return build(tmp_path_factory.mktemp("hostile"))
