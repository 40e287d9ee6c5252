"""The structure stage on small inputs of its own: one behaviour per test."""

from __future__ import annotations

from publisher.clean import clean
from publisher.model import Block
from publisher.numbering import cn_to_int, match_marker
from publisher.structure import structure

PARA = "这是一段足够长的正文内容，用来说明问题，并且以句号结束。"


def docs(text: str):
    return structure(clean(text))


def outline(doc) -> list[tuple[str, int | None, str]]:
    return [(b.type, b.level, b.text) for b in doc.blocks if b.type == "heading"]


def test_numbering_markers_and_numerals():
    assert cn_to_int("十二") == 12 and cn_to_int("二十三") == 23 and cn_to_int("十") == 10
    assert match_marker("（三）加强领导").family == "cn_paren"
    assert match_marker("第二，要创新").family == "ordinal"
    assert match_marker("3.加强").number == 3
    assert match_marker("3.5倍") is None
    assert match_marker("一是要").family == "shi"
    assert match_marker("一要求") is None  # 要求 is a word, not 一要
    assert match_marker("第一章 总则").family == "chapter"


def test_levels_follow_the_families_in_order_of_first_use():
    text = f"标题\n\n一、总体要求\n{PARA}\n（一）基本原则\n{PARA}\n1.坚持党的领导\n{PARA}\n（1）具体措施\n{PARA}\n二、主要任务\n{PARA}\n"
    (doc,) = docs(text)
    assert outline(doc) == [
        ("heading", 1, "一、总体要求"), ("heading", 2, "（一）基本原则"), ("heading", 3, "1.坚持党的领导"),
        ("heading", 4, "（1）具体措施"), ("heading", 1, "二、主要任务"),
    ]


def test_speech_forms_standalone_heading_and_run_in_leads():
    text = f"讲话稿\n\n一是肯定成绩，正视不足\n第一，要强化责任抓党建。{PARA}\n第二，要创新举措。{PARA}\n二是突出重点\n{PARA}\n"
    (doc,) = docs(text)
    assert outline(doc) == [("heading", 1, "一是肯定成绩，正视不足"), ("heading", 1, "二是突出重点")]
    leads = [b.lead for b in doc.blocks if b.lead]
    assert leads == ["第一，要强化责任抓党建。", "第二，要创新举措。"]


def test_numbered_items_inside_a_paragraph_are_not_headings():
    text = f"标题\n\n我讲三点意见。一是要学习。二是要落实。三是要监督。{PARA}\n"
    (doc,) = docs(text)
    assert outline(doc) == []
    assert [b.lead for b in doc.blocks] == [None]


def test_long_first_sentence_is_not_a_lead():
    first = "一要" + "坚持" * 30 + "。"
    (doc,) = docs(f"标题\n\n{first}{PARA}\n")
    assert doc.blocks[0].lead is None


def test_run_in_section_title_becomes_a_heading():
    (doc,) = docs(f"标题\n\n一、深刻领悟重大意义，始终保持高度一致。“两个确立”是历史的选择。{PARA}\n")
    assert doc.blocks[0] == Block("heading", "一、深刻领悟重大意义，始终保持高度一致", level=1)
    assert doc.blocks[1].text.startswith("“两个确立”是历史的选择。")


def test_title_split_over_two_lines_with_a_blank_between():
    (doc,) = docs(f"张三同志在全市党建工作联述\n\n联评联考会议上的讲话摘要\n{PARA}\n")
    assert doc.title == "张三同志在全市党建工作联述联评联考会议上的讲话摘要"
    assert doc.meta.author == "张三"


def test_bulletin_header_gives_issuer_and_date_and_note_stays_a_note():
    text = f"中共某某市委办公室编发       2022年3月5日\n\n编者按：现将讲话印发。\n\n在会议上的讲话\n\n{PARA}\n"
    (doc,) = docs(text)
    assert (doc.meta.issuer, doc.meta.date) == ("中共某某市委办公室", "2022-03-05")
    assert doc.blocks[0] == Block("note", "编者按：现将讲话印发。")
    assert doc.title == "在会议上的讲话"


def test_salutation_and_closing_signature_and_date():
    (doc,) = docs(f"标题\n\n同志们：\n{PARA}\n某某市住房和城乡建设局\n2023年1月10日\n")
    assert doc.blocks[0] == Block("salutation", "同志们：")
    assert doc.blocks[-2:] == (Block("signature", "某某市住房和城乡建设局"), Block("date", "2023年1月10日"))
    assert doc.meta.date == "2023-01-10"


def test_a_sentence_starting_with_the_salutation_is_a_paragraph():
    (doc,) = docs(f"标题\n\n同志们，{PARA}\n")
    assert doc.blocks[0].type == "paragraph"


def test_web_fields_become_metadata_and_articles_become_documents():
    text = (
        "甲会议讲话稿 本文关键词:甲,会议,讲话稿\n"
        f"甲会议讲话稿 本文简介:2020年甲会议讲话稿今天召开会议,{PARA}\n"
        "甲会议讲话稿 本文内容:\n2020年甲会议讲话稿\n"
        f"今天召开会议,{PARA}\n"
        "篇2:乙会议讲话稿\n"
        "乙会议讲话稿 本文关键词:乙,会议\n"
        "乙会议讲话稿 本文内容:\n乙会议讲话稿\n"
        f"{PARA}\n"
    )
    first, second = docs(text)
    assert first.title == "2020年甲会议讲话稿"
    assert first.meta.keywords == ("甲", "会议", "讲话稿")
    assert first.meta.summary.startswith("今天召开会议，")
    assert [b.text for b in first.blocks] == [f"今天召开会议，{PARA}"]
    assert second.title == "乙会议讲话稿" and second.meta.keywords == ("乙", "会议")
    all_text = "".join(b.text for d in (first, second) for b in d.blocks)
    assert "本文" not in all_text and "篇2" not in all_text


def test_labelled_fields_of_a_news_page():
    (doc,) = docs(f"某某局召开会议\n发布时间：2021-05-08 来源：某某网 浏览次数：1234\n{PARA}\n")
    assert (doc.meta.date, doc.meta.source) == ("2021-05-08", "某某网")
    assert [b.text for b in doc.blocks] == [PARA]


def test_text_without_a_title():
    (doc,) = docs(f"{PARA}\n{PARA}\n")
    assert doc.title is None and len(doc.blocks) == 2


def test_a_short_numbered_line_ending_with_a_stop_is_still_a_heading():
    (doc,) = docs(f"标题\n\n一、提高政治站位。\n{PARA}\n（一）加强学习。\n{PARA}\n1.加强学习。\n")
    assert outline(doc) == [("heading", 1, "一、提高政治站位。"), ("heading", 2, "（一）加强学习。")]
    assert doc.blocks[-1] == Block("paragraph", "1.加强学习。")


def test_the_addressees_of_a_notice_are_an_addressee_block():
    (doc,) = docs(f"关于做好工作的通知\n\n各区、县（市）人民政府，市政府各部门：\n{PARA}\n")
    assert doc.blocks[0] == Block("addressee", "各区、县（市）人民政府，市政府各部门：")
    for addressee in ("市档案局：", "湖北省人民政府：", "局机关各处室、各事业单位：", "国务院："):
        (doc,) = docs(f"关于做好工作的通知\n\n{addressee}\n{PARA}\n")
        assert doc.blocks[0].type == "addressee", addressee


def test_a_speechs_salutation_is_no_addressee():
    for salutation in ("同志们：", "各位代表：", "尊敬的各位领导、各位来宾：", "各位委员："):
        (doc,) = docs(f"在全县工作会议上的讲话\n\n{salutation}\n{PARA}\n")
        assert doc.blocks[0].type == "salutation", salutation


def test_a_line_that_introduces_a_list_is_no_addressee():
    (doc,) = docs(f"关于做好工作的通知\n\n{PARA}\n主要任务如下：\n{PARA}\n")
    assert "addressee" not in [b.type for b in doc.blocks]


def test_markers_are_looked_for_by_every_first_character_they_can_have():
    """match_marker tries only the families listed for a line's first character: no character
    that can begin a marker of a family may be missing from that family's list."""
    import re

    from publisher import numbering

    suffixes = ["", "、", "是", "要", ".", "．", "一章", "一节", "一条", "一，", "一）", "1）", "1)", "一、", "2、", "十、"]
    any_family = re.compile("|".join(f"(?:{pattern.pattern})" for _, pattern in numbering._FAMILIES))
    firsts = {chr(code) for code in range(0x10000) for suffix in suffixes if any_family.match(chr(code) + suffix)}
    assert {"第", "一", "十", "（", "(", "7", "①", "٣"} <= firsts
    for c in firsts:
        for name, pattern in numbering._FAMILIES:
            if any(pattern.match(c + suffix) for suffix in suffixes):
                assert match_marker(c + next(s for s in suffixes if pattern.match(c + s))) is not None, (name, c)
                listed = numbering._BY_FIRST.get(c) or (numbering._DIGIT_FAMILIES if c.isdecimal() else ())
                assert name in [n for n, _ in listed], (name, c)
