"""`publisher build`: the pages, their safety, determinism and incremental rebuilds."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from publisher.cli import main
from publisher.config import load_config
from publisher.site.build import build_site
from publisher.site.urls import relative_url, slugify, unique_slugs

from ..conftest import seed_paths, write_project

PARA = "这是一段足够长的正文内容，用来说明问题，并且以句号结束。"


def _project(tmp_path: Path, files: dict[str, str], config: str = "pdf = false\n") -> Path:
    """A project with these manuscripts; PDFs are off unless a test is about them (they take seconds)."""
    tmp_path.mkdir(parents=True, exist_ok=True)
    (tmp_path / "publisher.toml").write_text(config, encoding="utf-8")
    for name, text in files.items():
        path = tmp_path / "content" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return tmp_path


def _build(root: Path):
    return build_site(load_config(root))


def _tree(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def seed_site(tmp_path_factory) -> Path:
    paths = seed_paths()
    if not paths:
        pytest.skip("../shared/seeds is not there")
    root = write_project(tmp_path_factory.mktemp("seeds"), paths)
    report = _build(root)
    assert not report.failures
    return root / "site"


def test_index_lists_every_document_newest_first(seed_site):
    index = (seed_site / "index.html").read_text(encoding="utf-8")
    titles = re.findall(r'<h2 class="doc-list-title"><a href="[^"]+">([^<]+)</a>', index)
    assert len(titles) == 8  # 004 holds three documents, 001 two
    assert "在2020年党风廉政建设工作会议上的讲话" in titles
    dated = re.findall(r'<time datetime="(\d{4}-\d{2}-\d{2})"', index)
    assert dated == sorted(dated, reverse=True)


def test_document_page_has_toc_whose_links_land_on_headings(seed_site):
    page = (seed_site / "003_e7c40bac7b79e081" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="zh-Hans">' in page
    toc_links = re.findall(r'<a href="#([^"]+)">', page)
    ids = set(re.findall(r' id="([^"]+)"', page))
    assert len(toc_links) == 12  # three headings, nine run-in leads
    assert set(toc_links) <= ids
    assert "<h2 id=" in page and "一、坚持明责履责尽责，把准责任落实“着力点”</h2>" in page


def test_placeholders_stay_literal_asterisks(seed_site):
    page = (seed_site / "002_56fb9e0156cb07c5" / "index.html").read_text(encoding="utf-8")
    assert "精心谋划了**未来五年的发展蓝图" in page
    assert "我们***单位所被评为" in page


def test_feed_sitemap_404_and_static_files(seed_site):
    for name in ("feed.xml", "sitemap.xml", "404.html", "static/style.css", "static/favicon.svg",
                 "tags/index.html", "archive/index.html", "search/index.html"):
        assert (seed_site / name).is_file(), name
    sitemap = (seed_site / "sitemap.xml").read_text(encoding="utf-8")
    assert sitemap.count("<url>") >= 8 + 3


def test_robots_txt_points_to_every_editions_sitemap(tmp_path, seed_site):
    assert (seed_site / "robots.txt").read_text(encoding="utf-8") == "User-agent: *\nAllow: /\n"
    root = _project(tmp_path, {"a.txt": f"标题\n\n{PARA}\n"},
                    'pdf = false\nbase_url = "https://example.org/docs/"\nvariants = ["zh-Hans", "zh-Hant"]\n')
    _build(root)
    robots = (root / "site" / "robots.txt").read_text(encoding="utf-8")
    assert robots.splitlines()[-2:] == ["Sitemap: https://example.org/docs/sitemap.xml",
                                        "Sitemap: https://example.org/docs/zh-hant/sitemap.xml"]
    assert (root / "site" / "zh-hant" / "sitemap.xml").is_file()


def test_script_in_a_manuscript_stays_text(tmp_path):
    root = _project(tmp_path, {"x.txt": f"<script>alert(1)</script>标题\n\n正文<script>alert(2)</script>。{PARA}\n"})
    _build(root)
    page = (root / "site" / "x" / "index.html").read_text(encoding="utf-8")
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in page


def test_a_slug_cannot_leave_the_output_folder(tmp_path):
    md = f"---\ntitle: 甲\nslug: ../../escape\n---\n\n# 甲\n\n{PARA}\n"
    root = _project(tmp_path, {"a.md": md})
    _build(root)
    assert not (tmp_path.parent / "escape").exists() and not (tmp_path / "escape").exists()
    assert (root / "site" / "escape" / "index.html").is_file()
    assert slugify("../../x") == "x" and slugify("..") == "doc" and slugify("a/b\\c") == "a-b-c"


def test_two_documents_with_one_title_get_distinct_urls(tmp_path):
    root = _project(tmp_path, {"a/讲话.txt": f"同一个标题\n\n{PARA}\n", "b/讲话.txt": f"同一个标题\n\n{PARA}\n",
                               "a-讲话.txt": f"同一个标题\n\n{PARA}\n"})
    _build(root)
    pages = sorted(p.parent.name for p in (root / "site").glob("*/index.html")
                   if p.parent.name not in ("tags", "archive", "search"))
    assert pages == ["a-讲话", "a-讲话-2", "b-讲话"]
    assert unique_slugs(["x", "x", "tags", "x"]) == ["x", "x-2", "tags-doc", "x-3"]


def test_markdown_wins_over_the_manuscript_of_the_same_name(tmp_path):
    root = _project(tmp_path, {"x.txt": f"原稿标题\n\n{PARA}\n", "x.md": f"---\ntitle: 改过的标题\n---\n\n# 改过的标题\n\n{PARA}\n"})
    report = _build(root)
    assert report.documents == 1
    assert "改过的标题" in (root / "site" / "x" / "index.html").read_text(encoding="utf-8")


def test_two_builds_are_byte_identical(tmp_path, seed_site):
    other = tmp_path / "again"
    (other / "content").mkdir(parents=True)
    (other / "publisher.toml").write_text("pdf = false\n", encoding="utf-8")
    for p in seed_paths():
        (other / "content" / p.name).write_bytes(p.read_bytes())
    _build(other)
    assert _tree(other / "site") == _tree(seed_site)


def test_rebuild_renders_only_what_changed(tmp_path):
    files = {f"{n}.txt": f"标题{n}\n\n2020年1月{n}日\n\n{PARA}\n" for n in range(1, 6)}
    root = _project(tmp_path, files)
    first = _build(root)
    assert first.reused == [] and "3/index.html" in first.written
    second = _build(root)
    assert second.written == []
    (root / "content" / "3.txt").write_text(f"标题3\n\n2020年1月3日\n\n{PARA}\n改过的正文。\n", encoding="utf-8")
    third = _build(root)
    # the search index rewrites the changed document's block and text (tests/site/test_search.py)
    changed = {p for p in third.written if not p.startswith("search/index/")}
    assert changed <= {"3/index.html", "feed.xml", "search-index.json"} and "3/index.html" in third.written
    assert "改过的正文" in (root / "site" / "3" / "index.html").read_text(encoding="utf-8")
    (root / "content" / "3.txt").write_text(f"新标题\n\n2020年1月3日\n\n{PARA}\n", encoding="utf-8")
    fourth = _build(root)
    # the title shows on its neighbours' previous/next links and on the lists
    assert {"3/index.html", "2/index.html", "4/index.html", "index.html", "archive/index.html"} <= set(fourth.written)
    assert "1/index.html" not in fourth.written and "static/style.css" not in fourth.written


def test_rebuilds_remove_what_the_site_no_longer_has(tmp_path):
    """Builds take turns between two folders: after a document is removed, both lose its page,
    and one deleted by hand comes back. (A file put there by hand stops the build instead:
    test_output_safety.)"""
    files = {f"{n}.txt": f"标题{n}\n\n2020年1月{n}日\n\n{PARA}\n" for n in range(1, 4)}
    root = _project(tmp_path, files)
    _build(root)
    _build(root)
    site = root / "site"
    (site / "2" / "index.html").unlink()
    (root / "content" / "3.txt").unlink()
    for _ in range(2):
        _build(root)
        assert not (site / "3").exists() and (site / "2" / "index.html").is_file()
        assert "标题3" not in (site / "index.html").read_text(encoding="utf-8")
    fresh = tmp_path / "fresh"
    _project(fresh, {k: v for k, v in files.items() if k != "3.txt"})
    _build(fresh)
    assert _tree(site) == _tree(fresh / "site")


def test_a_site_rebuilt_after_edits_is_the_site_built_afresh(tmp_path):
    """Whatever a rebuild carries over, the result is what a first build of the same sources makes."""
    files = {f"{n}.txt": f"标题{n}\n\n2020年1月{n}日\n\n{PARA}\n" for n in range(1, 5)}
    root = _project(tmp_path / "edited", files)
    _build(root)
    content = root / "content"
    (content / "5.md").write_text(f"---\ntitle: 新增的文稿\ndate: '2021-03-01'\nkeywords:\n- 党建\n---\n\n{PARA}\n",
                                  encoding="utf-8")
    _build(root)
    (content / "2.txt").write_text(f"改过的标题\n\n2019年5月2日\n\n{PARA}\n", encoding="utf-8")
    (content / "4.txt").unlink()
    _build(root)
    fresh = _project(tmp_path / "fresh", {p.name: p.read_text(encoding="utf-8") for p in content.iterdir()})
    _build(fresh)
    assert _tree(root / "site") == _tree(fresh / "site")


def test_a_failing_document_is_reported_and_the_others_are_built(tmp_path):
    root = _project(tmp_path, {"good.txt": f"好的\n\n{PARA}\n"})
    (root / "content" / "bad.txt").write_bytes(b"")
    (root / "content" / "broken.md").write_text("---\ntitle: [x\n---\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(root)])
    assert result.exit_code == 1
    assert "bad.txt" in result.stderr and "is empty" in result.stderr
    assert "broken.md" in result.stderr and "front matter" in result.stderr
    assert result.stderr.count("bad.txt") == 1  # named once, not by the report and again by the reader
    assert (root / "site" / "good" / "index.html").is_file()


def test_configuration_problems_are_all_reported(tmp_path):
    (tmp_path / "publisher.toml").write_text('per_page = "many"\ncolour = "red"\nspacing = "wide"\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(tmp_path)])
    assert result.exit_code == 2
    for words in ("per_page must be int", "unknown key 'colour'", "spacing must be"):
        assert words in result.stderr


def test_relative_urls():
    assert relative_url("", "tags/x/") == "tags/x/"
    assert relative_url("a/", "") == "../"
    assert relative_url("a/", "static/style.css") == "../static/style.css"
    assert relative_url("tags/x/page/2/", "b/") == "../../../../b/"


def test_init_writes_a_commented_config_and_samples(tmp_path):
    result = CliRunner().invoke(main, ["init", str(tmp_path / "new")])
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "new" / "publisher.toml").read_text(encoding="utf-8").startswith("# publisher.toml")
    load_config(tmp_path / "new")  # the sample configuration is valid
    again = CliRunner().invoke(main, ["init", str(tmp_path / "new")])
    assert again.exit_code == 2 and "exists already" in again.stderr


def test_index_is_paginated_beyond_per_page(tmp_path):
    files = {f"{n:02d}.txt": f"标题{n}\n\n2020年1月{n}日\n\n{PARA}\n" for n in range(1, 8)}
    root = _project(tmp_path, files)
    (root / "publisher.toml").write_text("pdf = false\nper_page = 3\n", encoding="utf-8")
    _build(root)
    site = root / "site"
    assert (site / "page" / "2" / "index.html").is_file() and (site / "page" / "3" / "index.html").is_file()
    assert not (site / "page" / "4").exists()
    first = (site / "index.html").read_text(encoding="utf-8")
    assert first.count('class="doc-list-title"') == 3 and 'rel="next" href="page/2/"' in first
    third = (site / "page" / "3" / "index.html").read_text(encoding="utf-8")
    assert third.count('class="doc-list-title"') == 1 and 'href="../../01/"' in third


def test_a_project_template_overrides_one_theme_template(tmp_path):
    root = _project(tmp_path, {"a.txt": f"标题\n\n{PARA}\n"})
    (root / "templates").mkdir()
    (root / "templates" / "404.html").write_text('{% extends "base.html" %}{% block main %}自定义的404{% endblock %}',
                                                   encoding="utf-8")
    _build(root)
    assert "自定义的404" in (root / "site" / "404.html").read_text(encoding="utf-8")
    assert "跳到正文" in (root / "site" / "a" / "index.html").read_text(encoding="utf-8")  # the rest is the theme's


def test_tags_and_archive_pages(tmp_path):
    web = ("甲讲话稿 本文关键词:党建,会议\n甲讲话稿 本文内容:\n甲讲话稿\n2019年5月4日\n" + PARA + "\n")
    root = _project(tmp_path, {"a.txt": web, "b.txt": f"乙\n\n{PARA}\n"})
    _build(root)
    site = root / "site"
    assert (site / "tags" / "党建" / "index.html").is_file()
    tag_page = (site / "tags" / "党建" / "index.html").read_text(encoding="utf-8")
    assert "甲讲话稿" in tag_page and "乙" not in tag_page.split("<main")[1]
    archive = (site / "archive" / "index.html").read_text(encoding="utf-8")
    assert archive.index("2019") < archive.index("未注明日期")


def test_pdfs_are_built_linked_and_left_alone_by_the_preview(tmp_path):
    root = _project(tmp_path, {"a.txt": f"甲\n\n{PARA}\n", "b.txt": f"乙\n\n{PARA}\n"}, config="workers = 1\n")
    first = _build(root)
    site = root / "site"
    assert {"pdf/a.pdf", "pdf/b.pdf", "pdf/collection.pdf"} <= set(first.written)
    assert 'href="../pdf/a.pdf"' in (site / "a" / "index.html").read_text(encoding="utf-8")
    old_pdf = (site / "pdf" / "a.pdf").read_bytes()
    (root / "content" / "a.txt").write_text(f"甲\n\n改过。{PARA}\n", encoding="utf-8")
    preview = build_site(load_config(root), render_pdfs=False)
    assert "a/index.html" in preview.written and not any(p.startswith("pdf/") for p in preview.written)
    assert (site / "pdf" / "a.pdf").read_bytes() == old_pdf  # kept for the preview
    full = _build(root)
    assert {"pdf/a.pdf", "pdf/collection.pdf"} <= set(full.written) and "pdf/b.pdf" not in full.written
    assert (site / "pdf" / "a.pdf").read_bytes() != old_pdf


def test_a_changed_file_whose_size_and_mtime_were_kept_is_rebuilt(tmp_path):
    """cp -p, touch -d: the text changes, the size and modification time do not (issue 17, item 5)."""
    import os
    import time

    root = _project(tmp_path, {"a.txt": f"通知\n\n预算为一百万元。{PARA}\n"})
    source = root / "content" / "a.txt"
    time.sleep(2.1)  # older than the file systems' timestamp granularity: its stat is trusted
    _build(root)
    before = source.stat()
    source.write_text(f"通知\n\n预算为一千万元。{PARA}\n", encoding="utf-8")  # the same number of bytes
    os.utime(source, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert source.stat().st_size == before.st_size and source.stat().st_mtime_ns == before.st_mtime_ns
    _build(root)
    page = next(p for p in (root / "site").glob("*/index.html") if "通知" in p.read_text(encoding="utf-8"))
    assert "一千万" in page.read_text(encoding="utf-8") and "一百万" not in page.read_text(encoding="utf-8")


def test_the_preview_keeps_the_last_good_page_of_a_document_broken_mid_edit(tmp_path):
    """Saved with half-typed front matter: the page stays, naming the error (issue 17)."""
    root = _project(tmp_path, {"a.md": f"---\ntitle: 第一稿\n---\n\n{PARA}\n", "b.txt": f"另一篇\n\n{PARA}\n"})
    build_site(load_config(root), preview=True)
    pages = {p.parent.name for p in (root / "site").glob("*/index.html")}
    (root / "content" / "a.md").write_text(f"---\ntitle: [第二稿\n---\n\n{PARA}\n", encoding="utf-8")
    for _ in range(2):  # and again while it stays broken
        report = build_site(load_config(root), preview=True)
        assert [f.source.name for f in report.failures] == ["a.md"]
        page = (root / "site" / "a" / "index.html").read_text(encoding="utf-8")
        assert "第一稿" in page and "malformed front matter" in page and 'class="build-error"' in page
    assert {p.parent.name for p in (root / "site").glob("*/index.html")} == pages
    (root / "content" / "a.md").write_text(f"---\ntitle: 第二稿\n---\n\n{PARA}\n", encoding="utf-8")
    report = build_site(load_config(root), preview=True)
    page = (root / "site" / "a" / "index.html").read_text(encoding="utf-8")
    assert not report.failures and "第二稿" in page and "build-error" not in page
    # A full build does not publish a stale version: the broken document is left out.
    (root / "content" / "a.md").write_text(f"---\ntitle: [第三稿\n---\n\n{PARA}\n", encoding="utf-8")
    assert build_site(load_config(root)).failures
    assert not (root / "site" / "a").exists()
