"""clean_line_breaks: where lines are joined back into their sentence and where they must not be."""

from __future__ import annotations

from publisher.clean.linebreaks import clean_line_breaks, join_pair, typical_width

LONG = "这是一段很长的正文内容，用来说明问题，这一行没有结束在句号上而是"  # > 30 characters, no stop


def _wrap(text: str, width: int) -> str:
    return "\n".join(text[i:i + width] for i in range(0, len(text), width))


PARA = "过去一年，全市上下紧紧围绕中心工作，攻坚克难、真抓实干，各项工作取得了明显成效，群众的获得感明显增强。" * 3


def test_a_long_line_broken_mid_sentence_is_joined():
    assert clean_line_breaks(f"{LONG}\n“四风”，大家刚开始都不适应。") == f"{LONG}“四风”，大家刚开始都不适应。"


def test_joining_next_to_latin_leaves_one_space():
    assert join_pair("这是 Python", "code 的例子") == "这是 Python code 的例子"
    assert join_pair("中文", "English") == "中文English"
    assert join_pair("inter-", "national") == "inter-national" or join_pair("inter-", "national") == "international"


def test_hard_wrapped_text_comes_back_as_paragraphs():
    text = "标题\n\n" + _wrap(PARA, 27) + "\n" + _wrap(PARA, 27)
    out = clean_line_breaks(text).split("\n")
    assert out[0] == "标题" and out[2:] == [PARA, PARA]  # each paragraph ends on its short last line
    assert typical_width(text.split("\n")) is not None


def test_a_short_last_line_ends_the_paragraph_in_hard_wrapped_text():
    second = "第二段也是正文，讲的是另外一件事情，同样很长很长很长，需要折成好几行才能放得下。" * 2
    text = _wrap(PARA, 27) + "\n" + _wrap(second, 27)
    assert clean_line_breaks(text).split("\n") == [PARA, second]


def test_an_inline_item_at_a_line_start_continues_the_paragraph_after_a_semicolon():
    head = "存在一些短板。一是供给结构还不够合理，部分区域房源紧张；二是分配管理还不够精细，动态调整机制有待完善；"
    tail = "三是配套设施还不够完善。对这些问题，我们必须高度重视，认真加以解决，确保取得实效。"
    text = _wrap(PARA, 27) + "\n" + _wrap(head, 27) + "\n" + _wrap(tail, 27)
    lines = _wrap(head, 27).split("\n")
    assert len(lines[-1]) >= 20  # the wrap put 三是 at the start of a line after a full one
    assert head + tail in clean_line_breaks(text)


def test_must_not_join_a_short_title_into_the_paragraph():
    assert clean_line_breaks(f"2017年全州公路安全生产工作会议讲话稿\n{PARA}") == f"2017年全州公路安全生产工作会议讲话稿\n{PARA}"


def test_must_not_join_into_a_numbered_heading():
    assert clean_line_breaks(f"{LONG}\n第二，关于认识新常态") == f"{LONG}\n第二，关于认识新常态"
    assert clean_line_breaks(f"{LONG}\n一、总体要求") == f"{LONG}\n一、总体要求"


def test_must_not_join_across_a_blank_line_where_blank_lines_separate_paragraphs():
    text = f"{PARA}\n\n{LONG}\n\n{PARA}\n\n{PARA}"
    assert clean_line_breaks(text) == text


def test_a_paragraph_the_source_cut_off_stays_cut_off():
    cut = "在看到成绩的同时，我们要认识到还有一些差距，主要表现在"
    text = f"{cut}\n\n第二段。\n\n{PARA}\n\n{PARA}"
    assert clean_line_breaks(text) == text


def test_must_not_join_an_ascii_full_stop_sentence_or_separator_lines():
    assert clean_line_breaks(f"{LONG}讲话.\n会议指出，营商环境就是生产力。") == f"{LONG}讲话.\n会议指出，营商环境就是生产力。"
    assert clean_line_breaks(f"{LONG}\n篇2:全区防汛工作会议讲话稿") == f"{LONG}\n篇2:全区防汛工作会议讲话稿"
    assert clean_line_breaks(f"{LONG}\n标题 本文内容:") == f"{LONG}\n标题 本文内容:"


def test_paragraph_per_line_text_is_not_hard_wrapped():
    lines = [PARA, "短", PARA[:40], PARA + PARA, "另一段内容，长度不一。", PARA[:70], PARA[:100], "一、标题"]
    assert typical_width(lines) is None
