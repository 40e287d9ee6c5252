"""Many files at once: the same results, in the same order, with one process or several."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from click.testing import CliRunner

from publisher.batch import PARALLEL_MIN_FILES, for_each_file, worker_count
from publisher.cli import main
from publisher.errors import InputError

from .conftest import seed_paths


def _read_or_fail(path: Path, bad: str) -> str:
    if path.name == bad:
        raise InputError(f"{path}: bad on purpose")
    return path.read_text(encoding="utf-8")


def _files(tmp_path: Path, n: int) -> list[Path]:
    paths = []
    for i in range(n):
        p = tmp_path / f"{i:02}.txt"
        p.write_text(f"第{i}号", encoding="utf-8")
        paths.append(p)
    return paths


def test_results_come_back_in_order_from_several_processes(tmp_path: Path) -> None:
    paths = _files(tmp_path, 12)
    got = list(for_each_file(paths, partial(_read_or_fail, bad="none"), workers=2))
    assert [p for p, _ in got] == paths
    assert [text for _, text in got] == [f"第{i}号" for i in range(12)]


def test_a_failing_file_is_handed_back_and_the_others_go_on(tmp_path: Path) -> None:
    paths = _files(tmp_path, 8)
    got = dict(for_each_file(paths, partial(_read_or_fail, bad="03.txt"), workers=2))
    assert isinstance(got[paths[3]], InputError)
    assert "bad on purpose" in got[paths[3]].format_message()
    assert got[paths[4]] == "第4号"


def test_a_small_batch_stays_in_one_process(tmp_path: Path) -> None:
    few = _files(tmp_path, PARALLEL_MIN_FILES - 1)
    assert worker_count(few, 0) == 1
    assert worker_count(few, 8) == 1
    many = _files(tmp_path, 20)  # tiny files: not worth a process each
    assert worker_count(many, 0) == 1
    assert worker_count(many, 3) == 3  # asked for explicitly
    assert worker_count(many, 1) == 1


def test_convert_writes_the_same_files_with_one_process_or_two(tmp_path: Path) -> None:
    seeds = [str(p) for p in seed_paths()]
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    outputs = []
    for workers in ("1", "2"):
        out = tmp_path / f"out{workers}"
        result = CliRunner().invoke(main, ["convert", *seeds, str(bad), "-o", str(out), "-j", workers])
        assert result.exit_code == 2  # the empty file
        assert "empty.txt" in result.stderr
        outputs.append({p.name: p.read_bytes() for p in sorted(out.iterdir())})
    assert outputs[0] == outputs[1]
    assert len(outputs[0]) >= len(seeds)
