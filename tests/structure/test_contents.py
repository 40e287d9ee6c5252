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


OUTLINE_SPEECH = (
    "在全市教育工作会议上的讲话\n\n目录/提纲：……\n一、坚持科学发展，切实做好全市教育工作\n"
    "二、抓住关键环节，切实推进创建工作\n一要牢牢抓住“重视”这一核心\n……\n"
    "同志们：\n\n今天我们召开全市教育工作会议，部署今后一个时期的工作。\n\n"
    "一、坚持科学发展，切实做好全市教育工作\n\n推动教育事业科学发展，是全市教育战线的奋斗目标。\n"
)


def test_a_sites_outline_closed_by_an_ellipsis_is_a_list_and_the_texts_headings_stay_headings():
    from publisher.clean import clean
    from publisher.structure import structure

    (doc,) = structure(clean(OUTLINE_SPEECH))
    headings = [b.text for b in doc.blocks if b.type == "heading"]
    assert headings == ["一、坚持科学发展，切实做好全市教育工作"]  # the body's, once
    assert any(b.type == "paragraph" and b.text == "一要牢牢抓住“重视”这一核心" for b in doc.blocks)


def test_an_outline_without_an_ellipsis_holds_the_lines_that_come_again():
    from publisher.structure.contents import outline_entries

    lines = split_lines("提纲\n一、总体要求\n二、主要任务\n附件说明\n正文开始了。\n一、总体要求\n二、主要任务\n")
    assert outline_entries(lines, 0) == [2, 3]


def test_must_not_take_a_heading_named_outline_over_sentences_for_one():
    from publisher.structure.contents import outline_entries

    lines = split_lines("提纲\n会议讨论了三项议题。\n")
    assert outline_entries(lines, 0) == []
