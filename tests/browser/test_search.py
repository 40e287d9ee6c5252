"""The search page in real headless Chromium: typing a query lists the right documents."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

import pytest

from ..conftest import seed_paths
from .conftest import build_project, serving

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
    manuscript = tmp_path / "in" / "notice.txt"
    manuscript.parent.mkdir()
    manuscript.write_text(
        "关于防范廉政风险的通知\n\n各单位：\n\n"
        '近期有材料写入<img src=x onerror="window.__pwned=1">和<script>window.__pwned=2</script>等代码，'
        "请注意防范廉政风险。\n\n特此通知。\n", encoding="utf-8")
    with serving(build_project(tmp_path / "project", [manuscript])) as url:
        assert len(_search(page, url, "防范廉政")) == 1
        snippet = page.text_content("#search-results .search-snippet")
        assert "<script>window.__pwned=2</script>" in snippet or "<img src=x" in snippet
        assert page.eval_on_selector_all("#search-results img, #search-results script", "els => els.length") == 0
        assert page.evaluate("window.__pwned") is None


def test_a_search_page_left_open_across_a_rebuild_searches_the_new_site(page, tmp_path):
    """A rebuild puts new block folders and texts in place of the old: an open page must not
    keep answering from the index it read before, nor fail on the files that are gone."""
    from publisher.config import load_config
    from publisher.site.build import build_site

    folder = tmp_path / "in"
    folder.mkdir()
    first, second = folder / "a.txt", folder / "b.txt"
    first.write_text("关于廉政建设的通知\n\n各单位要加强廉政建设，落实主体责任。\n", encoding="utf-8")
    second.write_text("关于安全生产的通知\n\n各单位要抓好安全生产，防范重大风险。\n", encoding="utf-8")
    site = build_project(tmp_path / "project", [first, second])
    with serving(site) as url:
        assert _search(page, url, "廉政") == ["a"]
        (tmp_path / "project" / "content" / "b.txt").write_text(
            "关于安全生产的通知\n\n各单位要抓好安全生产，也要抓好廉政教育。\n", encoding="utf-8")
        assert not build_site(load_config(tmp_path / "project")).failures
        box = page.locator("#search-input")  # the same page, not loaded again
        box.fill("")
        page.wait_for_function("document.getElementById('search-status').textContent.startsWith('请输入')")
        box.fill("廉政")
        page.wait_for_function(DONE)
        assert sorted(_results(page)) == ["a", "b"]
        assert page.text_content("#search-status").startswith("找到 2 篇")


@pytest.mark.parametrize("query", ["党风廉政", "廉", "建设 安全"])
def test_results_agree_with_the_python_reference(page, served, seed_site, query):
    from publisher.site import search

    files = {p.relative_to(seed_site).as_posix(): p.read_bytes() for p in seed_site.rglob("*")
             if p.is_file() and (p.name == search.MANIFEST or "search/index/" in p.relative_to(seed_site).as_posix())}
    expected = [h.url.rstrip("/") for h in search.search(files, query)]
    assert _search(page, served, query) == expected


def _index_files(site: Path) -> dict[str, bytes]:
    from publisher.site import search

    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*")
            if p.is_file() and (p.name == search.MANIFEST or "search/index/" in p.relative_to(site).as_posix())}


@pytest.fixture(scope="module")
def blocks_served(tmp_path_factory) -> Iterator[tuple[Path, str]]:
    """The seeds' site with its index in several blocks (groups of one document, blocks of two), served."""
    from publisher.site import search

    paths = seed_paths()
    if not paths:
        pytest.skip("../shared/seeds is not there")
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(search, "GROUP_SIZE", 1)
        mp.setattr(search, "BLOCK_SIZE", 2)
        site = build_project(tmp_path_factory.mktemp("blocks-project"), paths)
    with serving(site) as url:
        yield site, url


@pytest.mark.parametrize("query", ["党风廉政", "廉", "建设 安全"])
def test_an_index_in_blocks_lists_the_reference_and_reads_one_shard_per_letter_of_each_block(page, blocks_served,
                                                                                          query):
    from publisher.site import search

    site, base = blocks_served
    files = _index_files(site)
    manifest = json.loads(files[search.MANIFEST])
    assert len(manifest["blocks"]) > 1
    requests: list[str] = []
    page.on("request", lambda r: requests.append(unquote(urlsplit(r.url).path).lstrip("/")))
    found = _search(page, base, query)
    expected = [h.url.rstrip("/") for h in search.search(files, query)]
    assert found == expected and found
    # the manifest; in each block its document list and the shard of each first letter; the texts shown
    letters = {run[i] for run in search.parse_query(query) for i in range(max(1, len(run) - 1))}
    shards = {ord(c) % manifest["shards"] for c in letters}
    index = {*(f"{b}docs.json" for b in manifest["blocks"]), *(f"{b}{n}.json" for b in manifest["blocks"] for n in shards)}
    read = [r for r in requests if r == search.MANIFEST or r.startswith(search.FOLDER + "/")]
    assert sorted(r for r in read if not r.endswith(".txt")) == sorted([search.MANIFEST, *index])
    assert len([r for r in read if r.endswith(".txt")]) == min(len(found), search.PAGE_SIZE)
