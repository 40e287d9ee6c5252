"""Editions: the zh-Hant site beside the zh-Hans one, converted for readers, never in its URLs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from publisher.config import load_config
from publisher.site.build import build_site

from ..conftest import seed

PARA = "这是一段足够长的正文内容，用来说明干部发展的问题，并且以句号结束。"


def _build(tmp_path: Path, files: dict[str, str], extra: str = "") -> Path:
    (tmp_path / "publisher.toml").write_text(f'pdf = false\nvariants = ["zh-Hans", "zh-Hant"]\n{extra}',
                                             encoding="utf-8")
    for name, text in files.items():
        (tmp_path / "content" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "content" / name).write_text(text, encoding="utf-8")
    report = build_site(load_config(tmp_path))
    assert not report.failures
    return tmp_path / "site"


WEB = "头发与发展的讲话稿 本文关键词:党建,发展\n头发与发展的讲话稿 本文内容:\n头发与发展的讲话稿\n2020年3月1日\n" + PARA + "\n"


def test_both_editions_every_page_with_its_counterpart(tmp_path):
    site = _build(tmp_path, {"speech.txt": WEB})
    hans = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html") if "zh-hant" not in p.parts)
    hant = sorted(p.relative_to(site / "zh-hant").as_posix() for p in (site / "zh-hant").rglob("*.html"))
    assert hans == hant  # same paths: slugs and tag paths are never converted
    assert (site / "zh-hant" / "tags" / "党建" / "index.html").is_file()
    page = (site / "zh-hant" / "speech" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="zh-Hant">' in page
    assert "頭髮與發展的講話稿" in page and "幹部發展" in page and "黨建" in page
    assert ">首頁<" in page and ">歸檔<" in page and "網站導航" in page  # the theme's words too
    assert "2020年3月1日" in page
    hans_page = (site / "speech" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="zh-Hans">' in hans_page and "头发与发展的讲话稿" in hans_page


def test_switcher_and_hreflang_link_the_same_page(tmp_path):
    site = _build(tmp_path, {"speech.txt": WEB})
    hans = (site / "speech" / "index.html").read_text(encoding="utf-8")
    hant = (site / "zh-hant" / "speech" / "index.html").read_text(encoding="utf-8")
    assert 'class="edition-switch" href="../zh-hant/speech/" hreflang="zh-Hant"' in hans
    assert 'class="edition-switch" href="../../speech/" hreflang="zh-Hans"' in hant
    assert '<link rel="alternate" hreflang="zh-Hant" href="../zh-hant/speech/">' in hans


def test_project_dictionary_and_regional_configuration(tmp_path):
    (tmp_path / "opencc-phrases.txt").write_text("余先生\t余先生\n", encoding="utf-8")
    site = _build(tmp_path, {"a.txt": f"余先生的讲话\n\n{PARA}我们的软件。\n"}, 'opencc = "s2twp"\n')
    page = (site / "zh-hant" / "a" / "index.html").read_text(encoding="utf-8")
    assert "余先生的講話" in page and "餘先生" not in page
    assert "軟體" in page and '<html lang="zh-Hant-TW">' in page


def test_traditional_manuscripts_are_kept_and_simplified_for_zh_hans(tmp_path):
    trad = "臺灣的國語課本內容\n\n這是一段關於發展與歷史的段落，內容很長，必須寫完整。\n"
    site = _build(tmp_path, {"t.txt": trad})
    assert "這是一段關於發展與歷史的段落" in (site / "zh-hant" / "t" / "index.html").read_text(encoding="utf-8")
    assert "这是一段关于发展与历史的段落" in (site / "t" / "index.html").read_text(encoding="utf-8")


def test_search_index_of_each_edition_holds_its_own_text(tmp_path):
    site = _build(tmp_path, {"speech.txt": WEB})
    hant_files = "".join(p.read_text(encoding="utf-8") for p in (site / "zh-hant").rglob("*")
                         if p.is_file() and "search" in p.as_posix() and p.suffix in (".json", ".txt"))
    hans_files = "".join(p.read_text(encoding="utf-8") for p in site.rglob("*")
                         if p.is_file() and "zh-hant" not in p.parts and "search" in p.as_posix()
                         and p.suffix in (".json", ".txt"))
    assert "幹部" in hant_files and "干部" not in hant_files
    assert "干部" in hans_files
    script = (site / "zh-hant" / "static" / "search.js").read_text(encoding="utf-8")
    assert not re.search("[显结请输没]", script.split("*/", 1)[1])  # its messages are Traditional too


def test_seed_003_in_both_editions(tmp_path):
    site = _build(tmp_path, {"003.txt": seed("003").read_text(encoding="utf-8")})
    page = (site / "zh-hant" / "003" / "index.html").read_text(encoding="utf-8")
    assert "在2020年黨風廉政建設工作會議上的講話" in page and "一、堅持明責履責盡責" in page


@pytest.mark.parametrize("bad", ['variants = ["zh-TW"]', 'opencc = "t2s"', 'hant_path = "../x"'])
def test_bad_edition_settings_are_reported(tmp_path, bad):
    (tmp_path / "publisher.toml").write_text(bad + "\n", encoding="utf-8")
    with pytest.raises(Exception, match=r"variants|opencc|hant_path"):
        load_config(tmp_path)


def test_build_variant_option_overrides_the_configuration(tmp_path):
    from click.testing import CliRunner

    from publisher.cli import main

    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "a.txt").write_text(f"讲话\n\n{PARA}\n", encoding="utf-8")
    (tmp_path / "publisher.toml").write_text("pdf = false\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(tmp_path), "--variant", "zh-Hans", "--variant", "zh-Hant"])
    assert result.exit_code == 0, result.stderr
    assert "講話" in (tmp_path / "site" / "zh-hant" / "a" / "index.html").read_text(encoding="utf-8")
