"""Where one document ends and the next begins: a notice and the rules it issues, attachments
(issue 11, class 4); and the Chinese-numeral 成文日期 older documents sign with (class 5)."""

from __future__ import annotations

from publisher.clean import clean
from publisher.structure import structure
from publisher.structure.lines import iso_date, split_lines

NOTICE = (
    "东阳市人民政府办公室关于印发东阳市促进残疾人就业行动实施方案的通知\n\n"
    "各镇、乡人民政府，市政府各部门：\n\n"
    "《东阳市促进残疾人就业行动实施方案（2023—2025年）》已经市政府同意，现印发给你们，请认真贯彻落实。\n\n"
    "东阳市人民政府办公室\n\n2023年3月13日\n\n（此件公开发布）\n\n"
)
RULES = (
    "东阳市促进残疾人就业行动实施方案（2023—2025年）\n\n"
    "为贯彻落实省市有关文件精神，制定本实施方案。\n\n一、总体目标\n\n到2025年，全市新增残疾人就业800人以上。\n"
)


def test_the_rules_a_notice_issues_after_its_date_are_a_document_of_their_own():
    notice, rules = structure(clean(NOTICE + RULES))
    assert rules.title == "东阳市促进残疾人就业行动实施方案（2023—2025年）"
    assert (notice.meta.date, notice.meta.issuer) == ("2023-03-13", "东阳市人民政府办公室")
    assert [b.type for b in notice.blocks[-3:]] == ["signature", "date", "note"]


def test_a_title_after_a_date_without_text_under_it_starts_nothing():
    docs = structure(clean(NOTICE + "东阳市促进残疾人就业行动实施方案\n"))
    assert len(docs) == 1


def test_a_date_inside_the_text_is_no_closing():
    text = ("关于开展安全检查的通知\n\n各单位：\n\n现将有关事项通知如下。\n\n2023年3月13日\n\n"
            "检查安排\n\n请各单位认真组织自查，按时报送材料。\n")
    (doc,) = structure(clean(text))  # no signature over the date, no document title under it
    assert doc.title == "关于开展安全检查的通知"


def test_an_attachment_under_its_label_is_a_document_and_the_label_is_not_its_title():
    text = ("国务院办公厅关于地质灾害险情有关问题的复函\n\n湖北省人民政府：\n\n你省请示收悉。现将专家组意见转去。\n\n"
            "国务院办公厅\n二〇〇四年十一月四日\n\n附件1\n\n关于马鬃山村地质险情调研情况的报告\n\n国务院：\n\n"
            "为落实领导批示，专家组赴现场进行了调查。\n")
    letter, attachment = structure(clean(text))
    assert (letter.meta.date, letter.meta.issuer) == ("2004-11-04", "国务院办公厅")
    assert attachment.title == "关于马鬃山村地质险情调研情况的报告"
    assert attachment.blocks[0].text == "附件1"


def test_an_attachment_list_in_the_text_starts_no_document():
    text = ("关于印发方案的通知\n\n各单位：\n\n现将方案印发给你们。\n\n附件：1.实施方案\n2.任务清单\n\n某某局\n2023年3月13日\n")
    assert len(structure(clean(text))) == 1


def test_chinese_numeral_dates():
    assert iso_date("二〇〇四年十一月四日") == "2004-11-04"
    assert iso_date("二○一九年十二月三十一日") == "2019-12-31"
    assert iso_date("二〇〇四年一月十六日") == "2004-01-16"
    assert iso_date("二〇〇四年二月三十日") is None  # impossible: no date
    (line,) = split_lines("二〇〇四年十一月四日")
    assert line.is_date
    (line,) = split_lines("二是加强组织领导")
    assert not line.is_date


def test_an_editorial_note_after_the_date_is_a_note_and_the_date_still_closes():
    text = "关于事故调查处理情况的通报\n\n各省人民政府：\n\n现将有关情况通报如下。\n\n国务院办公厅\n二〇〇四年一月十六日\n（本文有删减）\n"
    (doc,) = structure(clean(text))
    assert (doc.meta.date, doc.meta.issuer) == ("2004-01-16", "国务院办公厅")
    assert doc.blocks[-1].type == "note"
