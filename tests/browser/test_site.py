"""The seed site in a real browser: the index, a document page, its TOC, placeholders, the keyboard."""

from __future__ import annotations

from urllib.parse import unquote

from publisher.clean import CleanOptions
from publisher.pipeline import convert_file

from ..conftest import seed, seed_paths


def _seed_titles() -> list[str]:
    return [doc.title or "" for path in seed_paths() for doc in convert_file(path, CleanOptions()).documents]


def test_index_lists_every_document_of_the_seeds(page, served):
    page.goto(served)
    listed = page.locator(".doc-list-title a").all_inner_texts()
    titles = _seed_titles()
    assert len(titles) == 8  # 004 holds three documents, 001 two
    assert sorted(t.strip() for t in listed) == sorted(titles)
    # Each entry leads to its page.
    page.locator(".doc-list-title a", has_text="在2020年党风廉政建设工作会议上的讲话").click()
    page.wait_for_url("**/003_*/")
    assert page.locator("h1").inner_text() == "在2020年党风廉政建设工作会议上的讲话"


def test_document_page_has_headings_a_toc_and_toc_links_land_on_their_heading(page, served):
    page.goto(served + seed("003").stem + "/")
    headings = page.locator(".doc-body h2").all_inner_texts()
    assert headings[:3] == ["一、坚持明责履责尽责，把准责任落实“着力点”", "二、围绕初心核心中心，聚力党建引领“指挥棒”",
                            "三、持续从严从实从细，筑牢廉政监督“防火墙”"]
    toc = page.locator("nav.toc")
    assert toc.is_visible()
    assert toc.locator("> ol > li > a").all_inner_texts() == headings
    link = toc.locator("a", has_text="二、围绕初心核心中心")
    anchor = link.get_attribute("href")
    assert anchor and anchor.startswith("#")
    link.click()
    page.wait_for_function(
        "id => { const r = document.getElementById(id).getBoundingClientRect(); return r.top >= -1 && r.top < 80; }",
        arg=anchor[1:])
    assert unquote(page.url.split("#", 1)[1]) == anchor[1:]
    heading = page.locator(f"[id='{anchor[1:]}']")
    assert heading.inner_text().startswith("二、围绕初心核心中心")
    box = heading.bounding_box()
    assert box is not None and 0 <= box["y"] < 80  # at the top of the viewport, below nothing


def test_placeholders_stay_literal_asterisks(page, served):
    page.goto(served + seed("002").stem + "/")
    body = page.locator(".doc-body").inner_text()
    assert "**未来五年" in body
    assert page.locator(".doc-body strong", has_text="未来五年").count() == 0


def test_tab_reaches_the_skip_link_first_and_it_moves_focus_to_main(page, served):
    page.goto(served + seed("003").stem + "/")
    page.keyboard.press("Tab")
    focused = page.evaluate("[document.activeElement.className, document.activeElement.textContent]")
    assert focused == ["skip-link", "跳到正文"]
    box = page.locator(".skip-link").bounding_box()
    assert box is not None and box["x"] >= 0  # visible once focused
    page.keyboard.press("Enter")
    page.wait_for_function("document.activeElement && document.activeElement.id === 'main'")
