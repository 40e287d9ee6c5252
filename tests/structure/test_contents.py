"""A compilation's table of contents (issue 11, classes 3 and 4)."""

from __future__ import annotations

from publisher.structure import structure
from publisher.structure.contents import table_of_contents
from publisher.structure.lines import split_lines

BODY = "2022年以来，高新区在县委县政府的坚强领导下，坚决贯彻落实各项决策部署，各项工作取得明显成效。\n"
COMPILATION = ("2022工作总结及2023年工作计划汇编\n(3篇)\n目录\n"
               "1.高新区2022年工作总结和2023年工作计划 3\n2.教育局2022年工作总结与2023年工作计划 13\n"
               "3.街道2022年工作总结及2023年工作计划 19\n"
               "高新区2022年工作总结和2023年工作计划\n" + BODY)


def test_entries_are_a_list_and_announce_the_documents():
    docs = structure(COMPILATION)
    assert [d.title for d in docs] == ["2022工作总结及2023年工作计划汇编", "高新区2022年工作总结和2023年工作计划"]
    assert not [b for b in docs[0].blocks if b.type == "heading"]
    assert "1.高新区2022年工作总结和2023年工作计划 3" in [b.text for b in docs[0].blocks]


def test_must_not_take_numbered_lines_ending_in_numbers_for_contents_when_pages_go_back():
    lines = split_lines("一、增长15\n二、下降3\n三、持平2\n")
    assert not table_of_contents(lines).entries


def test_must_not_take_two_such_lines_without_a_contents_heading():
    lines = split_lines("1.第一项工作 3\n2.第二项工作 13\n")
    assert not table_of_contents(lines).entries
    assert len(table_of_contents(split_lines("目录\n" + "1.第一项工作 3\n2.第二项工作 13\n")).entries) == 2


def test_two_title_lines_that_begin_alike_are_two_titles_not_one():
    (doc, *_rest) = structure("2022工作总结及2023年工作计划-22篇\n2022工作总结及2023年工作计划汇编\n\n" + BODY)
    assert doc.title == "2022工作总结及2023年工作计划-22篇"
