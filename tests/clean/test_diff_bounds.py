"""``publisher check`` and the summary stay linear on very long lines (issue 17, item 8)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from publisher.clean import changed_spans, explain
from publisher.model import Block, Document
from publisher.site.pages import sentences, summary_of


def _lines_run(func: Callable[[], Any]) -> tuple[Any, int]:
    """What ``func`` returns and how many lines of Python it ran: the work done, not the time taken."""
    count = 0

    def trace(frame, event, arg):  # type: ignore[no-untyped-def]
        nonlocal count
        if event == "line":
            count += 1
        return trace

    sys.settrace(trace)
    try:
        result = func()
    finally:
        sys.settrace(None)
    return result, count


@settings(max_examples=500)
@given(st.text("ab，,。. 　x"), st.text("ab，,。. 　x"))
def test_the_spans_rebuild_the_new_line_from_the_old(before: str, after: str) -> None:
    rebuilt, last = [], 0
    for i1, i2, j1, j2 in changed_spans(before, after):
        assert i1 >= last and (i1 < i2 or j1 < j2)
        rebuilt.append(before[last:i1] + after[j1:j2])
        last = i2
    assert "".join(rebuilt) + before[last:] == after


def test_a_200_kb_line_with_thousands_of_fixes_is_explained_in_linear_work() -> None:
    line = "这是一段很长的文字,没有换行。" * 14_000  # 210,000 characters, 14,000 half-width commas
    fixes, lines = _lines_run(lambda: explain(line + "\n"))
    commas = [f for f in fixes if f.rule == "halfwidth_punctuation"]
    assert len(commas) == 14_000 and all("," in f.before and "，" in f.after for f in commas)
    # About five lines of Python per character (1.06 million here). Character-level difflib
    # ran 820 million for a line of 4,500 characters, and past 200 s on this one.
    assert lines < 20 * len(line)


def test_a_paragraph_without_sentence_marks_is_summarised_in_linear_work() -> None:
    text = "甲" * 80_000
    doc = Document(title="题", blocks=(Block("paragraph", text),))
    summary, lines = _lines_run(lambda: summary_of(doc))
    assert summary == text[:120]
    assert lines < 100


def test_summary_keeps_whole_sentences_and_a_long_first_one() -> None:
    doc = Document(title="题", blocks=(Block("paragraph", "第一句。第二句！第三句？没有句号的尾巴"),))
    assert summary_of(doc, limit=8) == "第一句。第二句！"
    long_first = "长" * 200 + "。后面。"
    assert summary_of(Document(title="题", blocks=(Block("paragraph", long_first),))) == "长" * 200 + "。"


@settings(max_examples=1000)
@given(st.text("甲。！？\n a"))
def test_sentences_are_what_the_old_pattern_found(text: str) -> None:
    import re

    assert list(sentences(text)) == re.findall(r".+?[。！？]", text)
