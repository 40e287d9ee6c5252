"""Boilerplate a site's template repeats across the files of one input set (issue 11, ★)."""

from __future__ import annotations

from click.testing import CliRunner

from publisher.clean import CleanOptions, clean
from publisher.clean.shared import shared_boilerplate
from publisher.cli import main

TEMPLATE_TOP = "某某县人民政府门户网站\n网站地图 无障碍 English\n"
TEMPLATE_FOOT = "\n主办单位 某某县人民政府办公室 技术支持 某某网络公司\n"


def _page(title: str, body: str) -> str:
    return f"{TEMPLATE_TOP}{title}\n\n同志们：\n\n{body}\n\n特此通知。\n某某县人民政府\n2023年3月1日\n{TEMPLATE_FOOT}"


PAGES = [_page(f"关于做好第{n}项工作的通知", f"现将第{n}项工作的有关事项通知如下，请认真贯彻执行。") for n in "一二三四"]


def test_lines_a_template_repeats_at_the_ends_of_the_files_are_found():
    found = shared_boilerplate(PAGES)
    assert found == {"某某县人民政府门户网站", "网站地图 无障碍 English", "主办单位 某某县人民政府办公室 技术支持 某某网络公司"}


def test_the_authors_repeated_lines_are_never_boilerplate():
    found = shared_boilerplate(PAGES)
    for line in ("同志们：", "特此通知。", "某某县人民政府", "2023年3月1日"):
        assert line not in found


def test_fewer_than_three_different_files_give_no_evidence():
    assert shared_boilerplate(PAGES[:2]) == frozenset()
    assert shared_boilerplate([PAGES[0]] * 5) == frozenset()  # one file given five times


def test_a_line_in_fewer_than_half_of_the_files_stays():
    others = [_page("关于第五项工作的通知", "正文。").replace(TEMPLATE_TOP, "") for _ in range(1)]
    pages = PAGES[:2] + others + [f"另一个网站\n{p}" for p in ("关于甲的通知\n正文。", "关于乙的通知\n正文。")]
    assert "某某县人民政府门户网站" not in shared_boilerplate(pages)


def test_cleaning_removes_them_and_keeps_every_other_line():
    options = CleanOptions(boilerplate=shared_boilerplate(PAGES))
    cleaned = clean(PAGES[0], options)
    assert "门户网站" not in cleaned and "技术支持" not in cleaned
    assert cleaned.startswith("关于做好第一项工作的通知\n") and "某某县人民政府\n2023年3月1日" in cleaned


def test_convert_of_several_files_gathers_them_and_explain_lists_them(tmp_path):
    for n, page in enumerate(PAGES):
        (tmp_path / f"{n}.txt").write_text(page, encoding="utf-8")
    result = CliRunner().invoke(main, ["convert", str(tmp_path)])
    assert result.exit_code == 0, result.stderr
    assert "门户网站" not in result.stdout and "关于做好第三项工作的通知" in result.stdout
    explained = CliRunner().invoke(main, ["convert", "--explain", str(tmp_path)])
    assert "removed by remove_shared_boilerplate: '某某县人民政府门户网站⏎网站地图 无障碍 English'" in explained.stdout
    one = CliRunner().invoke(main, ["convert", str(tmp_path / "0.txt")])
    assert "门户网站" in one.stdout  # one file alone gives no evidence
