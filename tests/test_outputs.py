"""``convert -o`` and ``pdf -o`` never write over a file (issue 17, item 3)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from publisher.cli import main
from publisher.outputs import OutputFolder, output_stems

from .conftest import seed

PARA = "这是一段足够长的正文内容，用来说明问题，并且以句号结束。"


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _names(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def test_the_users_edited_markdown_is_not_overwritten(tmp_path):
    source = _write(tmp_path / "d" / "x.txt", f"标题\n\n{PARA}\n")
    edited = _write(tmp_path / "d" / "x.md", "---\ntitle: 标题\n---\n\n# 标题\n\n编辑改过的正文。\n")
    result = CliRunner().invoke(main, ["convert", str(source), "-o", str(tmp_path / "d")])
    assert result.exit_code == 2
    assert "x.md: already exists, not overwritten (use --force to replace it)" in result.output
    assert "编辑改过的正文" in edited.read_text(encoding="utf-8")
    forced = CliRunner().invoke(main, ["convert", str(source), "-o", str(tmp_path / "d"), "--force"])
    assert forced.exit_code == 0 and PARA in edited.read_text(encoding="utf-8")


def test_same_names_in_two_folders_and_sub_folders_are_kept_apart(tmp_path):
    _write(tmp_path / "a" / "r.txt", f"甲\n\n{PARA}\n")
    _write(tmp_path / "b" / "r.txt", f"乙\n\n{PARA}\n")
    _write(tmp_path / "tree" / "one" / "r.txt", f"丙\n\n{PARA}\n")
    _write(tmp_path / "tree" / "two" / "r.txt", f"丁\n\n{PARA}\n")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["convert", str(tmp_path / "a" / "r.txt"), str(tmp_path / "b" / "r.txt"),
                                       str(tmp_path / "tree"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert _names(out) == ["one/r.md", "r-2.md", "r.md", "two/r.md"]
    titles = {name: (out / name).read_text(encoding="utf-8").split("\n")[1] for name in _names(out)}
    assert titles == {"r.md": "title: 甲", "r-2.md": "title: 乙", "one/r.md": "title: 丙", "two/r.md": "title: 丁"}


def test_a_second_document_never_takes_the_name_of_another_sources_output(tmp_path):
    compilation = seed("004")  # three documents: x.md, x-2.md, x-3.md on its own
    if not compilation.exists():
        pytest.skip("../shared/seeds is not there")
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "x.txt").write_bytes(compilation.read_bytes())
    _write(tmp_path / "in" / "x-2.txt", f"另一篇\n\n{PARA}\n")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["convert", str(tmp_path / "in"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert _names(out) == ["x-2-2.md", "x-2.md", "x-3.md", "x.md"]
    texts = [(out / n).read_text(encoding="utf-8") for n in _names(out)]
    assert sum("另一篇" in t for t in texts) == 1
    assert len(texts) == len(set(texts))  # nothing written over


def test_pdf_does_not_overwrite_either(tmp_path):
    source = _write(tmp_path / "x.txt", f"标题\n\n{PARA}\n")
    out = tmp_path / "pdf"
    kept = _write(out / "x.pdf", "不是PDF：用户自己的文件")
    result = CliRunner().invoke(main, ["pdf", str(source), "-o", str(out)])
    assert result.exit_code == 2 and "x.pdf: already exists" in result.output
    assert kept.read_text(encoding="utf-8") == "不是PDF：用户自己的文件"


def test_names_are_given_out_once_whatever_their_case():
    folder = OutputFolder(Path("out"))
    folder.reserve("collection.pdf")
    assert [folder.name(s, ".pdf") for s in ["collection", "R", "r", "r-2"]] == \
        ["collection-2.pdf", "R.pdf", "r-2.pdf", "r-2-2.pdf"]


def test_output_stems_keep_the_place_below_the_folder_given(tmp_path):
    (tmp_path / "c" / "a").mkdir(parents=True)
    files = [tmp_path / "c" / "a" / "b.txt", tmp_path / "elsewhere" / "z.md"]
    assert output_stems([str(tmp_path / "c"), str(files[1])], files) == ["a/b", "z"]
