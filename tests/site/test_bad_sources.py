"""One bad source never stops the others (issue 17, items 6, 10, 11, 13 and the smaller ones)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from publisher.cli import main
from publisher.config import load_config
from publisher.read import find_manuscripts, walk_manuscripts
from publisher.site.build import build_site
from publisher.site.pages import tag_slugs
from publisher.structure.lines import iso_date

PARA = "这是一段足够长的正文内容，用来说明问题，并且以句号结束。"
EXT_B_KEYWORD = "".join(chr(0x20000 + i) for i in range(70))


def _project(root: Path) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "publisher.toml").write_text("pdf = false\n", encoding="utf-8")
    content = root / "content"
    content.mkdir()
    for n in (1, 2):
        (content / f"ok{n}.txt").write_text(f"好稿件{n}\n\n{PARA}\n", encoding="utf-8")
    return root


def _hostile(root: Path) -> list[str]:
    """Bad sources of every kind beside the good ones; what each error line must name."""
    content = root / "content"
    (content / "日期.md").write_text(f"---\ntitle: 坏日期\ndate: 2020-02-30\n---\n\n{PARA}\n", encoding="utf-8")
    (content / "dangling.txt").symlink_to(root / "nowhere.txt")
    secret = root.parent / "secret.txt"
    secret.write_text("机密\n\n不该发布的内容绝对不能出现在网站上。\n", encoding="utf-8")
    (content / "secret.txt").symlink_to(secret)
    outside = root.parent / "outside"
    outside.mkdir()
    (outside / "x.txt").write_text("外部\n\n外部文件夹的内容也不能发布出去。\n", encoding="utf-8")
    (content / "linked").symlink_to(outside)
    (content / "loop").symlink_to(content)  # followed once, never round
    with open(os.fsencode(content) + b"/" + "讲话稿".encode("gbk") + b".txt", "w", encoding="utf-8") as fh:
        fh.write(f"讲话\n\n{PARA}\n")
    (content / "长关键词.md").write_text(f"---\ntitle: 长关键词\nkeywords:\n- {EXT_B_KEYWORD}\n---\n\n{PARA}\n",
                                       encoding="utf-8")
    (content / "\x1b[2Jclear.txt").write_bytes(b"")
    return ["日期.md: front matter: date 2020-02-30 is not a real date",
            "dangling.txt: a link to nothing",
            "secret.txt: a link to outside the project",
            "linked: a link to outside the project",
            "讲话稿.txt: its name is not UTF-8",
            "\\x1b[2Jclear.txt"]


def test_every_bad_source_is_named_and_the_rest_is_built(tmp_path):
    root = _project(tmp_path / "project")
    expected = _hostile(root)
    result = CliRunner().invoke(main, ["build", str(root)])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output and "\x1b" not in result.output
    for line in expected:
        assert line in result.output
    site = root / "site"
    assert {"ok1", "ok2"} <= {p.name for p in site.iterdir()}
    published = "".join(p.read_text(encoding="utf-8") for p in site.rglob("*.html"))
    assert "好稿件1" in published and "机密" not in published and "外部" not in published
    assert "长关键词" in published  # its tag page is written, under a name the file system takes
    assert all(len(p.name.encode()) <= 255 for p in site.rglob("*"))


def test_serve_starts_and_build_goes_on_with_an_impossible_date(tmp_path):
    root = _project(tmp_path / "project")
    (root / "content" / "日期.md").write_text(f"---\ndate: 2021-13-01\n---\n\n{PARA}\n", encoding="utf-8")
    report = build_site(load_config(root))
    assert report.documents == 2
    assert [f.reason for f in report.failures] == ["front matter: date 2021-13-01 is not a real date"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file and folder")
def test_unreadable_file_and_folder_are_named(tmp_path):
    root = _project(tmp_path / "project")
    locked = root / "content" / "locked"
    locked.mkdir()
    (locked / "a.txt").write_text(f"锁住\n\n{PARA}\n", encoding="utf-8")
    unreadable = root / "content" / "noread.txt"
    unreadable.write_text(f"读不了\n\n{PARA}\n", encoding="utf-8")
    locked.chmod(0)
    unreadable.chmod(0)
    try:
        result = CliRunner().invoke(main, ["build", str(root)])
    finally:
        locked.chmod(0o755)
        unreadable.chmod(0o644)
    assert result.exit_code == 1
    assert "locked: folder cannot be read" in result.output
    assert "noread.txt: cannot be read" in result.output


def test_walk_names_what_it_skips_and_finds_the_rest(tmp_path):
    root = _project(tmp_path / "project")
    _hostile(root)
    found, skipped = walk_manuscripts(root / "content", root)
    assert "ok1.txt" in found and "日期.md" in found
    assert not any(f.startswith(("linked/", "loop/")) for f in found)  # outside; a loop
    assert {s.path for s in skipped} == {"dangling.txt", "secret.txt", "linked", "讲话稿.txt"}


def test_one_missing_path_among_several_stops_none_of_the_others(tmp_path):
    root = _project(tmp_path / "project")
    files, skipped = find_manuscripts([str(root / "content" / "ok1.txt"), str(tmp_path / "gone.txt"),
                                       str(root / "content")])
    assert [s.reason for s in skipped] == ["no such file or folder"]
    assert len(files) == 3
    result = CliRunner().invoke(main, ["convert", str(tmp_path / "gone.txt"), str(root / "content" / "ok1.txt")])
    assert result.exit_code == 2
    assert "gone.txt: no such file or folder" in result.output and "好稿件1" in result.output


def test_keywords_that_slug_alike_get_their_own_tag_pages(tmp_path):
    slugs = tag_slugs(["C++", "C#", "教育", "教育。", "C++"])
    assert len(set(slugs.values())) == 4
    assert slugs == tag_slugs(["教育。", "C#", "C++", "教育"])  # whatever the order they come in
    root = _project(tmp_path / "project")
    for n, keyword in enumerate(["C++", "C#", "教育", "教育。"]):
        (root / "content" / f"k{n}.md").write_text(
            f"---\ntitle: 关于{keyword}的文稿\nkeywords:\n- '{keyword}'\n---\n\n{PARA}\n", encoding="utf-8")
    assert not build_site(load_config(root)).failures
    pages = [p.read_text(encoding="utf-8") for p in (root / "site" / "tags").glob("*/index.html")]
    assert len(pages) == 4
    for keyword in ["C++", "C#", "教育", "教育。"]:
        assert sum(f"关于{keyword}的文稿" in page for page in pages) == 1


def test_a_document_named_collection_keeps_its_own_pdf_name(tmp_path):
    root = _project(tmp_path / "project")
    (root / "content" / "collection.txt").write_text(f"合集\n\n{PARA}\n", encoding="utf-8")
    build_site(load_config(root))
    assert (root / "site" / "collection-doc" / "index.html").is_file()


def test_impossible_calendar_dates_are_no_dates():
    assert iso_date("2020年2月30日") is None
    assert iso_date("2021年2月29日") is None
    assert iso_date("2020年2月29日") == "2020-02-29"
