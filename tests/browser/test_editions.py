"""The zh-Hant edition in real headless Chromium: the switcher, <html lang>, and search in Traditional."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from ..conftest import seed_paths
from .conftest import build_project, serving

DONE = "/^(找到|沒有|没有)/.test(document.getElementById('search-status').textContent)"


@pytest.fixture(scope="module")
def two_editions(tmp_path_factory) -> Iterator[str]:
    paths = seed_paths()
    if not paths:
        pytest.skip("../shared/seeds is not there")
    site = build_project(tmp_path_factory.mktemp("editions"), paths, 'pdf = false\nvariants = ["zh-Hans", "zh-Hant"]\n')
    with serving(site) as url:
        yield url


def test_switcher_goes_to_the_same_document_and_back(page, two_editions):
    slug = next(p.stem for p in seed_paths() if p.name.startswith("003"))
    page.goto(f"{two_editions}{slug}/")
    assert page.get_attribute("html", "lang") == "zh-Hans"
    assert page.text_content("h1.doc-title") == "在2020年党风廉政建设工作会议上的讲话"
    page.click("a.edition-switch")
    page.wait_for_url(f"{two_editions}zh-hant/{slug}/")
    assert page.get_attribute("html", "lang") == "zh-Hant"
    assert page.text_content("h1.doc-title") == "在2020年黨風廉政建設工作會議上的講話"
    assert page.text_content("nav.site-nav a:first-child") == "首頁"
    page.click("a.edition-switch")
    page.wait_for_url(f"{two_editions}{slug}/")
    assert page.get_attribute("html", "lang") == "zh-Hans"


def test_a_traditional_query_finds_the_document(page, two_editions):
    page.goto(f"{two_editions}zh-hant/search/")
    page.fill("#search-input", "黨風廉政")
    page.wait_for_function(DONE)
    hrefs = page.eval_on_selector_all("#search-results .doc-list-title a", "els => els.map(a => a.href)")
    names = [h.rstrip("/").rsplit("/", 1)[-1][:3] for h in hrefs]
    assert names and names[0] == "003" and all("/zh-hant/" in h for h in hrefs)
    assert page.text_content("#search-status").startswith("找到")
