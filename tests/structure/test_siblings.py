"""The members of one numbering family under one parent are alike (issue 11, class 3)."""

from __future__ import annotations

from publisher.clean import clean
from publisher.structure import structure
from publisher.structure.outline import Draft, siblings_alike

ITEM = "会议原则同意县经发局关于调整领导小组组成人员的意见，会后提交县委常委会议研究。"


# (classify gives a numbered paragraph its family, as it gives a heading; the drafts here do so by hand.)
def _types(drafts: list[Draft]) -> list[tuple[str, str | None]]:
    return [(d.type, d.lead) for d in siblings_alike(drafts)]


def test_a_heading_among_full_sentence_items_of_its_family_is_an_item():
    drafts = [Draft("paragraph", "（一）" + ITEM, family="cn_paren"), Draft("heading", "（二）会议原则同意县经发局的筹备意见", family="cn_paren"),
              Draft("paragraph", "（三）" + ITEM, family="cn_paren")]
    assert _types(drafts) == [("paragraph", None)] * 3


def test_a_lead_among_items_without_leads_is_no_lead():
    drafts = [Draft("paragraph", "（一）" + ITEM, family="cn_paren"), Draft("paragraph", "（二）会议时间另行确定。" + ITEM, family="cn_paren", lead="（二）会议时间另行确定。"),
              Draft("paragraph", "（三）" + ITEM, family="cn_paren")]
    assert _types(drafts) == [("paragraph", None)] * 3


def test_must_not_fire_where_the_family_are_headings():
    drafts = [Draft("heading", "（一）提高市场开放程度", family="cn_paren"), Draft("paragraph", "全面实施负面清单制度。"),
              Draft("heading", "（二）优化政务服务", family="cn_paren"), Draft("paragraph", "（1）" + ITEM, family="arabic_paren")]
    assert [d.type for d in siblings_alike(drafts)] == ["heading", "paragraph", "heading", "paragraph"]


def test_must_not_fire_across_a_heading_of_another_family():
    drafts = [Draft("paragraph", "（一）" + ITEM, family="cn_paren"), Draft("paragraph", "（二）" + ITEM, family="cn_paren"),
              Draft("heading", "二、关于秋冬农业生产有关问题", family="cn_comma"),
              Draft("heading", "（一）做好秋冬种准备", family="cn_paren")]
    assert siblings_alike(drafts)[-1].type == "heading"


def test_a_numbered_line_cut_off_inside_a_book_title_is_no_heading():
    (doc,) = structure(clean("县政府常务会议纪要\n\n会议确定事项如下：\n\n一、关于秋冬农业生产有关问题\n\n"
                             "（一）会议原则同意县农业局的筹备意见。\n\n（二）会议原则同意县农业局《关于秋冬苹果生产管理\n"))
    assert [b.type for b in doc.blocks][-1] == "paragraph"


REPORT = ("2022年上半年政府工作报告\n各位代表：\n现在，我代表镇人民政府向大会报告工作，请予审议。\n{line}\n"
          "今年上半年，我镇以新时代中国特色社会主义思想为指导，认真学习领会重要讲话精神，各项工作取得新成效。\n")


def test_a_short_line_without_a_mark_between_paragraphs_is_an_unnumbered_heading():
    (doc,) = structure(clean(REPORT.format(line="上半年工作回顾")))
    assert [(b.text, b.level) for b in doc.blocks if b.type == "heading"] == [("上半年工作回顾", 1)]


def test_must_not_take_an_organ_a_clause_or_a_line_over_a_short_one_for_a_heading():
    for line in ("县人民政府办公室", "总的来看，", "特此报告。"):
        (doc,) = structure(clean(REPORT.format(line=line)))
        assert not [b for b in doc.blocks if b.type == "heading"], line
    (doc,) = structure(clean("关于工作的报告\n\n今年以来全县工作取得新成效。\n上半年工作回顾\n一、主要做法\n"))
    assert "上半年工作回顾" not in [b.text for b in doc.blocks if b.type == "heading"]


def test_numbered_lines_going_on_from_an_attachment_list_are_its_items():
    from publisher.structure.outline import attachment_items

    drafts = [Draft("paragraph", "附件：1.国土资源部关于地质险情调研情况的报告"),
              Draft("heading", "2.湖北省地质险情调查专家组意见", family="arabic_dot"),
              Draft("heading", "一、总体要求", family="cn_comma"), Draft("heading", "2.工作目标", family="arabic_dot")]
    assert [d.type for d in attachment_items(drafts)] == ["paragraph", "paragraph", "heading", "heading"]


def test_the_passes_over_the_body_are_one_named_table():
    from publisher.structure.outline import BODY_PASSES

    assert [name for name, _ in BODY_PASSES] == ["items_of_articles", "attachment_items", "parallel_leads", "siblings_alike"]
