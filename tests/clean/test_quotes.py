"""pair_quotes against its plain statement, line by line, on generated text."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from publisher.clean.punctuation import pair_quotes

_MARKS = re.compile('[“”"]')
_CHINESE = re.compile("[\u4e00-\u9fff，。“”]")  # Chinese text or marks (curly quotes are Chinese marks)


def _plainly(text: str) -> str:
    """Each line whose marks are not “” pairs, has an even number of them and some Chinese,
    gets them alternating “ ” from its start; every other line stays as it is."""
    out = []
    for line in text.split("\n"):
        marks = "".join(_MARKS.findall(line))
        if marks == "“”" * (len(marks) // 2) or len(marks) % 2 or not _CHINESE.search(line):
            out.append(line)
        else:
            parts = _MARKS.split(line)
            out.append(parts[0] + "".join(("“" if k % 2 == 0 else "”") + p for k, p in enumerate(parts[1:])))
    return "\n".join(out)


@given(st.lists(st.sampled_from(["“", "”", '"', "\n", "明细账", "ab", " ", "。"]), max_size=30).map("".join))
def test_quotes_are_paired_line_by_line_as_plainly_stated(text: str) -> None:
    assert pair_quotes(text) == _plainly(text)


def test_pairs_are_fixed_only_where_they_are_broken():
    assert pair_quotes("他说“明细账“要清楚。\n“好”。") == "他说“明细账”要清楚。\n“好”。"
    assert pair_quotes("他说“明细账”，“台账”。") == "他说“明细账”，“台账”。"
    assert pair_quotes("半个“引号。") == "半个“引号。"
    assert pair_quotes('say "hi" and "bye"') == 'say "hi" and "bye"'
