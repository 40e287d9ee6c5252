"""The build never deletes what it did not write (issue 17, items 1 and 12)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from publisher.cli import main
from publisher.config import load_config
from publisher.site.build import MANIFEST, build_site

PARA = "这是一段足够长的正文内容，用来说明问题，并且以句号结束。"


def _project(tmp_path: Path) -> Path:
    (tmp_path / "publisher.toml").write_text("pdf = false\n", encoding="utf-8")
    (tmp_path / "content").mkdir()
    for n in range(3):
        (tmp_path / "content" / f"稿件{n}.txt").write_text(f"标题{n}\n\n{PARA}\n", encoding="utf-8")
    return tmp_path


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("output", ["content", ".", "content/site", "themes/mine", "themes"])
def test_output_that_is_holds_or_lies_in_a_source_folder_is_refused_twice(tmp_path, output):
    root = _project(tmp_path)
    (root / "themes" / "mine").mkdir(parents=True)
    (root / "themes" / "mine" / "base.html").write_text("{% block body %}{% endblock %}", encoding="utf-8")
    before = _files(root)
    for _ in range(2):  # the second build is the one that used to prune the manuscripts
        result = CliRunner().invoke(main, ["build", str(root), "-o", output])
        assert result.exit_code == 2, result.output
        assert "refusing to build into" in result.output
        assert "Traceback" not in result.output
    assert _files(root) == before  # nothing touched


def test_existing_folder_with_files_of_its_own_is_refused(tmp_path):
    root = _project(tmp_path)
    mine = tmp_path / "docs"
    mine.mkdir()
    (mine / "notes.txt").write_text("我的笔记", encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(root), "-o", "docs"])
    assert result.exit_code == 2
    assert "did not write (notes.txt)" in result.output
    assert (mine / "notes.txt").read_text(encoding="utf-8") == "我的笔记"


def test_a_file_put_by_hand_into_the_site_is_not_pruned(tmp_path):
    root = _project(tmp_path)
    build_site(load_config(root))
    (root / "site" / "CNAME").write_text("example.org", encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(root)])
    assert result.exit_code == 2 and "(CNAME)" in result.output
    assert (root / "site" / "CNAME").read_text(encoding="utf-8") == "example.org"


def test_own_site_and_empty_folder_are_built_into_again_and_again(tmp_path):
    root = _project(tmp_path)
    (root / "site").mkdir()
    for _ in range(3):
        report = build_site(load_config(root))
        assert report.documents == 3 and not report.failures
    assert (root / "site" / MANIFEST).is_file()
    assert len(list((root / "content").iterdir())) == 3


def test_preview_build_keeping_old_pdfs_leaves_a_site_the_next_build_accepts(tmp_path):
    root = _project(tmp_path)
    site = root / "site"
    build_site(load_config(root))
    # A PDF of an earlier full build (its key in the manifest), outdated now.
    (site / "pdf").mkdir()
    (site / "pdf" / "collection.pdf").write_bytes(b"%PDF-1.7 old")
    manifest = json.loads((site / MANIFEST).read_text(encoding="utf-8"))
    (site / MANIFEST).write_text(json.dumps({**manifest, "pdf/collection.pdf": "an older key"}), encoding="utf-8")
    (root / "publisher.toml").write_text("pdf = true\n", encoding="utf-8")
    for _ in range(2):  # the preview keeps it, and accepts the site it left
        build_site(load_config(root), render_pdfs=False)
        assert (site / "pdf" / "collection.pdf").read_bytes() == b"%PDF-1.7 old"
        assert json.loads((site / MANIFEST).read_text(encoding="utf-8"))["pdf/collection.pdf"] == ""


def test_second_build_waits_for_the_first_and_says_whose(tmp_path):
    root = _project(tmp_path)
    build_site(load_config(root))
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import fcntl, sys, time, os; fh = open(sys.argv[1], 'a+'); fcntl.flock(fh, fcntl.LOCK_EX);"
         "fh.write(str(os.getpid())); fh.flush(); print('held', flush=True); time.sleep(1.5)",
         str(root / ".site.lock")], stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "held"
    started = time.monotonic()
    result = subprocess.run([sys.executable, "-m", "publisher", "build", str(root)],
                            capture_output=True, text=True, env={**os.environ, "PYTHONPATH": os.getcwd()})
    holder.wait()
    assert result.returncode == 0, result.stderr
    assert f"by process {holder.pid}" in result.stderr
    assert time.monotonic() - started > 0.5  # it waited rather than building alongside
    assert (root / "site" / "index.html").is_file()
