"""Each cleaning rule against its fixture file: cases where it must fire and where it must not."""

from __future__ import annotations

from pathlib import Path

import pytest

from publisher.clean import RULE_NAMES, CleanOptions, apply_rule, clean

from ..fixtures import Case, read_cases

FIXTURES = Path(__file__).parent / "fixtures"
# Rules whose behaviour depends on whole-page layout are tested in test_linebreaks.py / test_residue.py.
TESTED_ELSEWHERE = {"clean_line_breaks", "remove_page_numbers", "remove_running_headers", "remove_page_breaks",
                    "remove_shared_boilerplate"}  # (test_shared.py: it needs the files of an input set)


def _cases() -> list[tuple[str, Case]]:
    out = []
    for path in sorted(FIXTURES.glob("*.txt")):
        out.extend((path.stem, case) for case in read_cases(path))
    return out


@pytest.mark.parametrize(("rule", "case"), _cases(), ids=lambda x: x if isinstance(x, str) else x.title)
def test_rule_fixture(rule: str, case: Case) -> None:
    assert apply_rule(rule, case.input) == case.expected


def test_every_rule_has_a_fixture_file() -> None:
    files = {p.stem for p in FIXTURES.glob("*.txt")}
    assert set(RULE_NAMES) - TESTED_ELSEWHERE <= files
    assert files <= set(RULE_NAMES), "a fixture file names a rule that does not exist"


def test_pangu_policy_puts_one_space_between_chinese_and_latin() -> None:
    options = CleanOptions(spacing="pangu")
    assert apply_rule("clean_cjk_spacing", "使用Python编写，共3 月", options) == "使用 Python 编写，共 3 月"
    assert apply_rule("clean_cjk_spacing", "使用   Python编写", options) == "使用 Python 编写"


def test_unknown_rule_names_are_errors() -> None:
    with pytest.raises(ValueError, match="unknown cleaning rule"):
        CleanOptions(disabled=frozenset({"no_such_rule"}))
    with pytest.raises(ValueError, match="unknown cleaning rule"):
        apply_rule("no_such_rule", "")


def test_a_disabled_rule_does_not_run() -> None:
    text = "谱写新篇 章\n"
    assert clean(text) == "谱写新篇章\n"
    assert clean(text, CleanOptions(disabled=frozenset({"clean_cjk_spacing"}))) == text


def test_placeholders_survive_cleaning_exactly() -> None:
    text = "精心谋划了**未来五年，我们***单位、为抓好****年度、在×××等方面、推动XX市和某某局。\n"
    assert clean(text) == text
