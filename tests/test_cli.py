"""The command line as a user runs it."""

from __future__ import annotations

import json
import subprocess
import sys

from click.testing import CliRunner

from publisher.cli import main

from .conftest import ROOT, seed


def test_python_dash_m_runs_the_cli():
    result = subprocess.run([sys.executable, "-m", "publisher", "--help"], capture_output=True, text=True,
                            cwd=ROOT, check=False)
    assert result.returncode == 0
    assert "convert" in result.stdout and "check" in result.stdout


def test_a_compilation_becomes_one_markdown_file_per_document(tmp_path):
    path = seed("004")
    result = CliRunner().invoke(main, ["convert", str(path), "-o", str(tmp_path)])
    assert result.exit_code == 0, result.stderr
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == [f"{path.stem}-2.md", f"{path.stem}-3.md", f"{path.stem}.md"]
    second = (tmp_path / f"{path.stem}-2.md").read_text(encoding="utf-8")
    assert "\n# 2016全市三季度重点工作讲评大会讲话稿\n" in second


def test_json_of_several_files_is_a_list_and_json_files_are_written(tmp_path):
    seeds = [str(seed("000")), str(seed("001"))]
    result = CliRunner().invoke(main, ["convert", *seeds, "--to", "json"])
    data = json.loads(result.stdout)
    assert [d["source"] for d in data] == seeds
    result = CliRunner().invoke(main, ["convert", *seeds, "--to", "json", "-o", str(tmp_path)])
    assert result.exit_code == 0
    assert sorted(p.suffix for p in tmp_path.iterdir()) == [".json", ".json"]


def test_output_is_deterministic(tmp_path):
    path = str(seed("000"))
    first = CliRunner().invoke(main, ["convert", path]).stdout
    second = CliRunner().invoke(main, ["convert", path]).stdout
    assert first == second and first.startswith("---\ntitle: 孙金荣：做好现代化都市区建设的答卷人\n")


def test_pangu_spacing_option(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("标题\n\n我们使用Python编写了3个工具。\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["convert", str(path), "--spacing", "pangu", "--to", "json"])
    blocks = json.loads(result.stdout)["documents"][0]["blocks"]
    assert blocks[0]["text"] == "我们使用 Python 编写了 3 个工具。"


EXPLAINED = ("当前位置：首页 > 政务公开 > 通知公告\n关于做好档案工作的通知\n\n各区、县人民政府，市政府各部门：\n\n"
             "现将有关事项通知如下。\n\n一、总体要求\n\n坚持依法治档，全面提升档案工作水平。\n\n"
             "Copyright © 2016-2024 某某网 版权所有\n")


def test_explain_names_each_decision_and_each_removal_with_its_line(tmp_path):
    path = tmp_path / "notice.txt"
    path.write_text(EXPLAINED, encoding="utf-8")
    result = CliRunner().invoke(main, ["convert", "--explain", str(path)])
    assert result.exit_code == 0, result.stderr
    out = result.stdout.splitlines()
    assert out[0] == f"== {path}"
    assert any(line.startswith("1: removed by remove_breadcrumbs: ") for line in out)
    # (line 11 as remove_site_notices met the text: the breadcrumb line over it was gone)
    assert any(line.startswith("11: removed by remove_site_notices: 'Copyright") for line in out)
    assert "title (the first title-like line: 11 characters, no sentence end) 「关于做好档案工作的通知」" in result.stdout
    assert any("addressee (" in line and "各区、县人民政府" in line for line in out)
    assert any(line.startswith(("7: heading level 1 (numbered 一、; 6 characters; no sentence end)",
                                "6: heading level 1 (numbered 一、; 6 characters; no sentence end)")) for line in out)
    assert "---" not in result.stdout  # the explanation, not the Markdown


def test_explain_of_a_missing_file_fails_with_a_message():
    result = CliRunner().invoke(main, ["convert", "--explain", "no-such-file.txt"])
    assert result.exit_code == 2
    assert "no-such-file.txt" in result.stderr and "Traceback" not in result.output
