"""The search page in real headless Chromium: typing a query lists the right documents."""

from __future__ import annotations

import threading
from urllib.parse import quote

import pytest

from .conftest import build_project

DONE = "/^(找到|没有)/.test(document.getElementById('search-status').textContent)"


def _results(page) -> list[str]:
    """The folder names the results link to, in order (``003_e7c4…``)."""
    hrefs = page.eval_on_selector_all("#search-results .doc-list-title a", "els => els.map(a => a.href)")
    return [h.rstrip("/").rsplit("/", 1)[-1] for h in hrefs]


def _search(page, base: str, query: str, typed: bool = False) -> list[str]:
    page.goto(base + "search/")
    box = page.locator("#search-input")
    if typed:
        box.press_sequentially(query, delay=20)
    else:
        box.fill(query)
    page.wait_for_function(DONE)
    return _results(page)


def test_party_conduct_lists_003_first_then_000(page, served):
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    found = _search(page, served, "党风廉政", typed=True)
    assert found[0].startswith("003_") and any(f.startswith("000_") for f in found)
    assert {f[:3] for f in found} == {"003", "000", "002"}
    assert page.text_content("#search-status") == "找到 3 篇文稿。"
    marks = page.eval_on_selector_all("#search-results mark", "els => els.map(m => m.textContent)")
    assert marks and set(marks) == {"党风廉政"}
    assert all(u.startswith(served) for u in requests), [u for u in requests if not u.startswith(served)]


def test_two_establishments_lists_002(page, served):
    found = _search(page, served, "两个确立")
    assert [f[:3] for f in found] == ["002"]
    snippet = page.text_content("#search-results .search-snippet")
    assert "两个确立" in snippet


def test_two_characters_inside_longer_words(page, served):
    assert [f[:3] for f in _search(page, served, "个确")] == ["002"]  # 两个|确立
    assert {f[:3] for f in _search(page, served, "廉政")} == {"000", "001", "002", "003"}


def test_no_result_and_empty_states_in_chinese(page, served):
    assert _search(page, served, "量子计算机") == []
    assert page.text_content("#search-status") == "没有找到包含“量子计算机”的文稿。"
    page.fill("#search-input", "")
    page.wait_for_function("document.getElementById('search-status').textContent === '请输入要查找的字词。'")
    assert _results(page) == []


def test_keyboard_reaches_and_opens_a_result(page, served):
    page.goto(served + "search/?q=" + quote("两个确立"))
    page.wait_for_function(DONE)
    assert page.input_value("#search-input") == "两个确立"
    page.focus("#search-input")
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.closest('.doc-list-title') !== null")
    page.keyboard.press("Enter")
    page.wait_for_url("**/002_*/")
    assert "市住建局局长在年终总结表彰大会上的讲话" in page.title()


def test_markup_in_a_manuscript_stays_text(page, tmp_path):
    from publisher.serve import SiteServer

    manuscript = tmp_path / "in" / "notice.txt"
    manuscript.parent.mkdir()
    manuscript.write_text(
        "关于防范廉政风险的通知\n\n各单位：\n\n"
        '近期有材料写入<img src=x onerror="window.__pwned=1">和<script>window.__pwned=2</script>等代码，'
        "请注意防范廉政风险。\n\n特此通知。\n", encoding="utf-8")
    site = build_project(tmp_path / "project", [manuscript])
    server = SiteServer(site, host="127.0.0.1", port=0)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        assert len(_search(page, server.url, "防范廉政")) == 1
        snippet = page.text_content("#search-results .search-snippet")
        assert "<script>window.__pwned=2</script>" in snippet or "<img src=x" in snippet
        assert page.eval_on_selector_all("#search-results img, #search-results script", "els => els.length") == 0
        assert page.evaluate("window.__pwned") is None
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.mark.parametrize("query", ["党风廉政", "廉", "建设 安全"])
def test_results_agree_with_the_python_reference(page, served, seed_site, query):
    from publisher.site import search

    files = {p.relative_to(seed_site).as_posix(): p.read_bytes() for p in seed_site.rglob("*")
             if p.is_file() and (p.name == search.MANIFEST or "search/index/" in p.relative_to(seed_site).as_posix())}
    expected = [h.url.rstrip("/") for h in search.search(files, query)]
    assert _search(page, served, query) == expected
