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
