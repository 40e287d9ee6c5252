"""Run-in leads told by their siblings (issue 11, class 3): 内需拉动明显增强。…, 这五年，…。"""

from __future__ import annotations

from publisher.structure import structure
from publisher.structure.outline import Draft, parallel_leads

REST = "组织开展扩大有效投资专项行动，实施重点项目2800多个，完成投资2400多亿元，带动作用明显。"


def _leads(*texts: str) -> list[str | None]:
    return [d.lead for d in parallel_leads([Draft("paragraph", t) for t in texts])]


def test_paragraphs_opening_with_short_sentences_side_by_side_have_them_as_leads():
    assert _leads("内需拉动明显增强。" + REST, "产业升级步伐加快。" + REST, "改革开放不断深化。" + REST) == \
        ["内需拉动明显增强。", "产业升级步伐加快。", "改革开放不断深化。"]


def test_paragraphs_opening_with_the_same_words_have_their_first_sentences_as_leads():
    first = "这五年，高质量发展扎实推进，经济实力跃上新台阶。"
    second = "这五年，改革开放纵深推进，动力活力持续增强。"
    assert _leads(first + REST, second + REST) == [first, second]


def test_must_not_fire_on_one_such_paragraph_alone():
    assert _leads("内需拉动明显增强。" + REST, "会议认为，今年以来全市上下凝心聚力，取得了显著成绩，值得肯定和总结。") == [None, None]


def test_must_not_fire_where_the_opening_sentence_has_a_clause_or_is_the_whole_paragraph():
    assert _leads("今年以来，我们狠抓落实。" + REST, "同时，我们也清醒看到。" + REST) == [None, None]
    assert _leads("内需拉动明显增强。", "产业升级步伐加快。") == [None, None]  # nothing follows: no lead
    assert _leads("内需拉动明显增强！" + REST, "产业升级步伐加快！" + REST) == [None, None]


def test_must_not_fire_where_the_same_words_open_different_sentences_of_different_shape():
    assert _leads("我们认为，" + REST, "他们认为，" + REST) == [None, None]


def test_a_numbered_lead_stays_and_the_run_is_found_in_a_whole_text():
    text = "政府工作报告\n\n一、过去一年的工作\n\n内需拉动明显增强。" + REST + "\n\n产业升级步伐加快。" + REST + "\n"
    (doc,) = structure(text)
    assert [b.lead for b in doc.blocks if b.type == "paragraph"] == ["内需拉动明显增强。", "产业升级步伐加快。"]


RULES = ("某某办法\n\n第一章　总则\n\n第一条　为了规范管理，制定本办法。\n\n"
         "第二条　本办法所称事项包括\n\n（一）听证参加人确认听证会记录并签字\n\n（二）需要报送的其他材料\n\n"
         "第三条　本办法自发布之日起施行。\n")


def test_articles_are_never_headings_and_their_items_are_no_sections():
    (doc,) = structure(RULES)
    assert [b.text for b in doc.blocks if b.type == "heading"] == ["第一章　总则"]
    assert any(b.type == "paragraph" and b.text.startswith("（一）") for b in doc.blocks)


def test_must_not_demote_numbered_sections_in_a_text_without_articles():
    text = "工作总结\n\n一、主要工作\n\n（一）抓好党建工作\n\n今年以来，我们认真抓好党建工作，取得明显成效。\n"
    (doc,) = structure(text)
    assert [b.text for b in doc.blocks if b.type == "heading"] == ["一、主要工作", "（一）抓好党建工作"]
