"""Browser tests in real headless Chromium (Debian's ``chromium``, driven by Playwright).

Session fixtures: ``seed_site`` (a site built from the five seeds), ``served`` (its base URL,
served by :mod:`publisher.serve` on 127.0.0.1 in a thread) and ``page`` (a fresh Playwright page
per test). Playwright never downloads a browser here: it launches ``/usr/bin/chromium``.
The tests are skipped, with the reason, only where chromium or playwright is missing.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from ..conftest import seed_paths, write_project

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def build_project(root: Path, manuscripts: list[Path], settings: str = "pdf = false\n") -> Path:
    """A project of these manuscripts (PDFs off: they take seconds), built; returns its site folder."""
    from publisher.config import load_config
    from publisher.site.build import build_site

    config = load_config(write_project(root, manuscripts, settings))
    report = build_site(config)
    assert not report.failures, report.failures
    return config.output_dir


@contextlib.contextmanager
def serving(folder: Path) -> Iterator[str]:
    """Base URL (ending in /) of publisher.serve's server on 127.0.0.1, a free port, serving ``folder``."""
    from publisher.serve import SiteServer

    server = SiteServer(folder, host="127.0.0.1", port=0)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, name="site-server",
                              daemon=True)
    thread.start()
    try:
        yield server.url
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture(scope="session")
def seed_site(tmp_path_factory) -> Path:
    paths = seed_paths()
    if not paths:
        pytest.skip("../shared/seeds is not there")
    return build_project(tmp_path_factory.mktemp("seed-project"), paths)


@pytest.fixture(scope="session")
def served(seed_site: Path) -> Iterator[str]:
    """Base URL (ending in /) of publisher.serve's server on 127.0.0.1, a free port, serving ``seed_site``."""
    with serving(seed_site) as url:
        yield url


@pytest.fixture(scope="session")
def _browser():
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is not installed (scripts/setup.sh installs Debian's chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("playwright is not installed (pip install -e '.[test]')")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def page(_browser):
    """A fresh page (in its own context) for each test, 1280×900, with short timeouts."""
    context = _browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    context.set_default_timeout(10_000)
    pg = context.new_page()
    try:
        yield pg
    finally:
        context.close()
