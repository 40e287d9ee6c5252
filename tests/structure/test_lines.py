"""A line's questions answered by its first character where it can: the same answers as the patterns'."""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st

from publisher.structure import lines
from publisher.structure.lines import Line

_PIECES = st.sampled_from(["篇", "2", ":", "：", "标题", "编者按", "【", "】", "[", "]", "按语", "（", "(", "）", ")",
                           "2019年1月17日", "2019-01-17", "19", "20", " ", "\u3000", "正文", "编辑按", "。"])


# A Line holds a line of text as split_lines makes it: stripped, not blank.
@given(st.lists(_PIECES, min_size=1, max_size=8).map("".join).map(str.strip).filter(bool))
@example("编者按：")
@example("（2019年1月17日）")
@example("篇2:第二篇的标题")
def test_first_character_checks_agree_with_the_patterns(text: str) -> None:
    line = Line.alone(text, blank_before=False, number=1)
    assert line.is_note == bool(lines._NOTE.match(text))
    assert line.is_date == bool(lines._DATE_LINE.match(text))
    m = lines._SEPARATOR.match(text)
    assert line.separator_title == (m.group("title").strip() if m else None)


def test_lines_holding_a_web_field_label_anywhere_are_found_by_one_search_of_the_text() -> None:
    text = "标题\n\n本文关键词:党风,廉政\n正文第一段。\n标题二 本文简介:简介。\n本文关键词：甲"
    found = {line.number: line.web_field for line in lines.split_lines(text)}
    assert found == {1: False, 3: True, 4: False, 5: True, 6: True}
    assert [line.is_field for line in lines.split_lines(text)] == [False, True, False, True, True]
