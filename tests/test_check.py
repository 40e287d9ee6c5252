"""`publisher check`: each fix that would be made, and exit 1 when anything would change."""

from __future__ import annotations

from click.testing import CliRunner

from publisher.clean import explain
from publisher.cli import main


def test_check_lists_each_fix_with_rule_line_before_and_after(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("标题\n\n谱写新篇 章，健全完善相关台账 ，硬件。\n[bookmark: _GoBack]二要收心。\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 1
    lines = result.stdout.strip().splitlines()
    assert f"{path}:4: remove_word_bookmarks: '[bookmark: _GoBack]二要收心。' → '二要收心。'" in lines
    assert any(":3: clean_cjk_spacing: " in line and "新篇 章" in line and "新篇章" in line for line in lines)
    assert any("台账 ，" in line and "台账，" in line for line in lines)
    assert "fix(es) would be made" in result.stderr


def test_check_exits_0_on_clean_text(tmp_path):
    path = tmp_path / "clean.txt"
    path.write_text("标题\n\n正文第一段。\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""


def test_explain_separates_distant_changes_on_one_line():
    fixes = explain("甲 乙，" + "中" * 40 + "丙 丁。\n")
    assert [(f.rule, f.before, f.after) for f in fixes] == [
        ("clean_cjk_spacing", "甲 乙，中中中中", "甲乙，中中中中"),
        ("clean_cjk_spacing", "中中中中中丙 丁。", "中中中中中丙丁。"),
    ]


def test_check_respects_disabled_rules(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("谱写新篇 章。\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--disable", "clean_cjk_spacing", str(path)])
    assert result.exit_code == 0
    result = CliRunner().invoke(main, ["check", "--disable", "no_such_rule", str(path)])
    assert result.exit_code == 2 and "unknown cleaning rule" in result.stderr


def test_check_names_edited_markdown_whose_front_matter_is_broken(tmp_path):
    good = tmp_path / "good.md"
    good.write_text("---\ntitle: 好\n---\n\n# 好\n\n正文。\n", encoding="utf-8")
    broken = tmp_path / "broken.md"
    broken.write_text("---\ntitle: [没有闭合\n---\n\n正文。\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(good), str(broken)])
    assert result.exit_code == 2
    assert "broken.md: malformed front matter" in result.output and "good.md" not in result.output
    assert CliRunner().invoke(main, ["check", str(good)]).exit_code == 0
