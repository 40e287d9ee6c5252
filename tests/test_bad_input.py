"""Bad input is named with its reason, never a traceback."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from publisher.config import load_config
from publisher.errors import FrontMatterError
from publisher.markdown_reader import read_markdown


def test_phrases_file_not_utf8_is_named(tmp_path: Path) -> None:
    (tmp_path / "opencc-phrases.txt").write_bytes("余先生 余先生\n".encode("gbk"))
    (problem,) = load_config(tmp_path).problems
    assert re.search(r"opencc-phrases\.txt: not UTF-8 text \(byte 0\)", problem)


@pytest.mark.parametrize("variants", [["zh-Hans"], ["zh-Hans", "zh-Hant"]])
def test_bad_phrases_file_is_named_and_the_site_still_built(tmp_path: Path, variants: list[str]) -> None:
    from click.testing import CliRunner

    from publisher.cli import main

    (tmp_path / "publisher.toml").write_text(f"pdf = false\nvariants = {variants!r}\n".replace("'", '"'),
                                             encoding="utf-8")
    (tmp_path / "opencc-phrases.txt").write_bytes("余先生 余先生\n".encode("gbk"))
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "a.txt").write_text("标题\n\n这是一段足够长的正文内容，用来说明问题。\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(tmp_path)])
    assert result.exit_code == 1, result.output
    assert "opencc-phrases.txt: not UTF-8" in result.output and "Traceback" not in result.output
    assert (tmp_path / "site" / "index.html").is_file()
    assert (tmp_path / "site" / "zh-hant" / "index.html").is_file() == ("zh-Hant" in variants)


_ALIAS_BOMB = "---\n" + "a0: &a0 [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 9)}]\n" for n in range(1, 10)) + "title: 炸弹\n---\n\n正文。\n"


def test_yaml_alias_bomb_is_refused_before_it_expands() -> None:
    """Nine levels of nine aliases are 9**10 nodes: refused at the first alias, not expanded."""
    import yaml

    from publisher.markdown_reader import _FrontMatterLoader

    composed = 0

    class Counting(_FrontMatterLoader):
        def compose_node(self, parent, index):  # type: ignore[no-untyped-def]
            nonlocal composed
            composed += 1
            return super().compose_node(parent, index)

    with pytest.raises(yaml.YAMLError):
        yaml.load(_ALIAS_BOMB[4:].split("---")[0], Loader=Counting)
    assert composed < 50  # the bound is on the work done, not on the clock
    with pytest.raises(FrontMatterError, match="aliases"):
        read_markdown(_ALIAS_BOMB, "bomb.md")


@pytest.mark.parametrize(("front", "message"), [
    ("title: {a: 1}", "title must be text, not a mapping"),
    ("author: [a, b]", "author must be text, not a list"),
    ("date: 2020-02-30", "date 2020-02-30 is not a real date"),
    ("keywords: [{a: 1}]", "keywords must be a list of words"),
])
def test_front_matter_of_the_wrong_kind_is_named(front: str, message: str) -> None:
    with pytest.raises(FrontMatterError, match=message):
        read_markdown(f"---\n{front}\n---\n\n正文。\n", "x.md")


def test_dates_stay_as_written_and_a_real_one_is_kept() -> None:
    assert read_markdown("---\ndate: 2020-02-29\n---\n\n正文。\n").meta.date == "2020-02-29"
    assert read_markdown("---\ndate: 2020年3月1日\n---\n\n正文。\n").meta.date == "2020-03-01"
