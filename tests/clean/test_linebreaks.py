"""clean_line_breaks: where lines are joined back into their sentence and where they must not be."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from publisher.clean import linebreaks
from publisher.clean.linebreaks import clean_line_breaks, join_pair, typical_width

LONG = "这是一段很长的正文内容，用来说明问题，这一行没有结束在句号上而是"  # > 30 characters, no stop


def _wrap(text: str, width: int) -> str:
    return "\n".join(text[i:i + width] for i in range(0, len(text), width))


PARA = "过去一年，全市上下紧紧围绕中心工作，攻坚克难、真抓实干，各项工作取得了明显成效，群众的获得感明显增强。" * 3


def test_a_long_line_broken_mid_sentence_is_joined():
    assert clean_line_breaks(f"{LONG}\n“四风”，大家刚开始都不适应。") == f"{LONG}“四风”，大家刚开始都不适应。"


def test_a_sentence_broken_over_three_lines_and_a_page_break_is_joined_between_untouched_paragraphs():
    first, second, last = LONG, LONG.replace("正文", "报告"), "“四风”，大家刚开始都不适应。"
    text = f"标题\n开头一段。\n{first}\n{second}\n\n{last}\n结尾一段。"
    assert clean_line_breaks(text) == f"标题\n开头一段。\n{first}{second}{last}\n结尾一段。"


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


# Text read out of a PDF (pdftotext): every line but a paragraph's last is full, and a paragraph's
# first line is two characters short, for its indent. With -layout the indent is kept as spaces;
# without it the indent is lost and only the width shows it. Headings are set without an indent.
FULL = 24  # characters in a full line
P1 = "今年以来，全市上下紧紧围绕中心工作，攻坚克难、真抓实干，各项工作取得了明显成效，群众的获得感明显增强。"
P2 = "实践证明，只要我们坚持问题导向，敢于动真碰硬，就没有克服不了的困难。下一步，要把各项任务落到实处。"
P3 = "同时也要看到，一些单位工作标准不高，落实力度不够，个别干部作风不实，这些问题必须认真加以解决。"
P4 = "各单位要对照年度目标，倒排工期、挂图作战，确保各项工作按时完成，年底前全面完成主体工程。"
P5 = "要健全准入退出机制，推进部门之间信息共享，做到应保尽保、动态管理，对违规转租的要依法严肃处理。"
P6 = "各级各部门要把这项工作摆在突出位置，主要负责同志要亲自抓、负总责，定期通报工作进展，确保落到实处。"
#: Paragraphs of four or five lines, each ending on a short one.
MORE = [P1 + P2, P2 + P3, P3 + P1, P5 + P6, P6 + P2, P4 + P1]


def _pdf_lines(blocks: list[tuple[str, str]], layout: bool) -> list[str]:
    """Typeset blocks ("p" paragraph, "h" heading) into the lines pdftotext gives back.

    A mark that may not start a line pulls the character before it down to the next one.
    """
    lines = []
    for kind, text in blocks:
        room = FULL - 2 if kind == "p" else FULL
        start = 0
        while start < len(text):
            end = start + room
            while end < len(text) and text[end] in "，。、；：！？”）》" and end - 1 > start:
                end -= 1
            indent = "  " if layout and kind == "p" and start == 0 else ""
            lines.append(indent + text[start:end])
            start, room = end, FULL
    return lines


def _pdf(blocks: list[tuple[str, str]], layout: bool) -> str:
    return "\n".join(_pdf_lines(blocks, layout))


def _paragraphs(texts: list[str]) -> list[tuple[str, str]]:
    return [("p", t) for t in texts]


def _unindented(text: str) -> list[str]:
    return [line.strip() for line in text.split("\n")]


def test_pdf_text_comes_back_as_paragraphs_with_and_without_layout():
    for layout in (True, False):
        text = _pdf(_paragraphs(MORE), layout)
        assert _unindented(clean_line_breaks(text)) == MORE, layout


def test_an_unindented_line_after_a_full_stop_goes_on_in_layout_text():
    # 四要… opens a line after a full line that ends a sentence: without an indent it is no paragraph start.
    lines = _pdf_lines(_paragraphs(MORE), layout=True)
    inline = ["  三要扎实开展主题教育，认真学习贯彻党的十九大", "精神，切实学懂弄通做实，把讲话精神落实到行动上。",
              "四要强化建设系统文化建设，营造积极向上的文化氛围", "，促进各项工作向前发展。"]
    assert len(inline[1]) == FULL and inline[1].endswith("。")
    n = len(_pdf_lines(_paragraphs(MORE[:1]), layout=True))
    out = _unindented(clean_line_breaks("\n".join(lines[:n] + inline + lines[n:])))
    assert out == [MORE[0], "".join(inline).strip(), *MORE[1:]]


def test_a_heading_that_fills_its_line_before_a_paragraph_start_told_by_width():
    heading = "二、始终坚持问题导向效果导向不断强化党组织建设"[:FULL - 2]  # no stop, nearly full
    text = _pdf([*_paragraphs(MORE), ("h", heading), *_paragraphs(MORE)], layout=False)
    assert clean_line_breaks(text).split("\n") == [*MORE, heading, *MORE]


def test_a_long_heading_wrapped_over_two_lines_stays_one_heading():
    heading = "一、深刻领悟两个确立的决定性意义，始终在政治立场政治方向政治原则上同党中央保持高度一致"
    for layout in (True, False):
        text = _pdf([*_paragraphs(MORE), ("h", heading), *_paragraphs(MORE)], layout)
        assert _unindented(clean_line_breaks(text)) == [*MORE, heading, *MORE], layout


def test_a_line_pulled_short_before_a_full_line_goes_on():
    # The next line opens with 以“学”为基础, which could not be split: the line before stops a few
    # characters short, on a stop. A full line cannot start a paragraph in text that indents them.
    pulled = ["  实践证明，只要我们坚持问题导向，敢于碰。", "以“学”为基础，就没有克服不了的困难，下一步要把",
              "各项任务落到实处。"]
    assert len(pulled[0].strip()) == FULL - 4 and len(pulled[1]) == FULL
    lines = _pdf_lines(_paragraphs(MORE), layout=True)
    n = len(_pdf_lines(_paragraphs(MORE[:1]), layout=True))
    out = _unindented(clean_line_breaks("\n".join(lines[:n] + pulled + lines[n:])))
    assert out == [MORE[0], "".join(pulled).strip(), *MORE[1:]]


def test_a_centred_line_under_a_title_line_completes_the_title():
    title = "徐晓光同志在市直机关党建工作联述联评联考会议上的讲"
    text = "\n".join([title, "                   话摘要", "", *_pdf_lines(_paragraphs(MORE), layout=True)])
    assert clean_line_breaks(text).split("\n")[0] == title + "话摘要"


def test_must_not_join_a_short_title_line_into_the_paragraph_in_pdf_text():
    for paragraphs in (MORE, MORE[:3]):  # whether the width shows the indent or not
        for layout in (True, False):
            text = "市住建局局长在年终总结表彰大会上的讲话\n" + _pdf(_paragraphs(paragraphs), layout)
            assert clean_line_breaks(text).split("\n")[0] == "市住建局局长在年终总结表彰大会上的讲话", layout


def test_must_not_join_a_paragraph_ending_on_a_short_line_into_the_next():
    # Paragraphs not indented at all: each ends on its short last line, the next starts full.
    paragraphs = [p[:34] + "。" for p in MORE]
    text = _pdf([("h", p) for p in paragraphs], layout=False)  # set like headings: without an indent
    assert clean_line_breaks(text).split("\n") == paragraphs


def test_must_not_join_across_a_blank_line_out_of_a_line_the_source_cut_off():
    cut = "在看到成绩的同时，我们要认识到还有一些差距，主要表现"[:FULL - 4]
    text = _pdf(_paragraphs(MORE), False) + f"\n\n{cut}\n\n" + _pdf(_paragraphs(MORE), False)
    assert cut in clean_line_breaks(text).split("\n")


def test_pdf_text_cleaned_twice_is_cleaned_once():
    from publisher.clean import clean

    for layout in (True, False):
        text = "标题文字在这里\n\n" + _pdf([("p", P1), ("h", "二是突出重点，统筹推进"), *_paragraphs(MORE)], layout)
        once = clean(text)
        assert clean(once) == once
        assert once.strip().split("\n") == ["标题文字在这里", "", P1, "二是突出重点，统筹推进", *MORE], layout


_PIECES = st.sampled_from(["党的建设", "工作", "，", "。", "ab", " ", "2019", "——", "\u3000"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(_PIECES, st.integers(0, 90)).map(lambda p: p[0] * p[1]), min_size=6, max_size=30))
def test_lines_rejected_by_length_are_rejected_by_width_too(lines):
    """typical_width's shortcut (too many long lines, by length) decides only what measuring would."""
    nonblank = [line for line in lines if line.strip()]
    if len(nonblank) >= 6 and linebreaks._too_many_long(nonblank):
        assert linebreaks._cluster_width(nonblank) is None


def test_a_joined_line_that_would_run_on_further_is_left_as_the_next_cleaning_would_leave_it():
    """Found by the property test: cleaning twice gave more than cleaning once. A long line
    ending mid-sentence, a short line, another: joining the first two made a long line that a
    second cleaning joined to the third."""
    from publisher.clean import clean

    for text in ['00000:(:))))))))))):"""))):"""…、\r0\r0', '00000:(:))))))))))):"""))):"""…、\r0\r\r0']:
        once = clean(text)
        assert clean(once) == once
    # A long line broken by a narrow window still joins the rest of its sentence.
    wrapped = "在全市教育工作会议上，各部门要认真贯彻落实市委市政府的决策部署，切实加强组织领导和统筹\n协调，确保各项任务落到实处。\n下一段。"
    assert clean_line_breaks(wrapped).split("\n")[0].endswith("统筹协调，确保各项任务落到实处。")


def test_blank_lines_separate_paragraphs_is_not_changed_by_joining_lines():
    lines = ["第一段很长的一行文字，", "接着", "", "第二段", ""]
    joined = ["第一段很长的一行文字，接着", "", "第二段", ""]
    assert linebreaks.uses_blank_lines(lines) == linebreaks.uses_blank_lines(joined) is True


def test_a_short_hard_wrapped_report_under_a_wider_title_and_header_is_joined():
    # A real page (corpus 27): a title and a page's table wider than the report's full lines.
    text = (
        '关于上报2020 年第三季度全市全域无垃圾 专项治理工作督查情况通报的整改报告\n'
        '索引号: | GS5183/2020-771 | 部门: | 中川镇 |\n'
        '---|---|---|---|\n'
        '栏目: | 部门文件 | 来源: | 中川镇 |\n'
        '作者: | 日期: | 2020-10-20 |\n'
        '县全域无垃圾专项治理办公室:\n'
        '针对 10 月 9 日市全域无垃圾专项治理办公室督查出的问\n'
        '题,镇党委、政府高度重视,立即组织安排整改,镇主要领导、\n'
        '分管领导第一时间深入现场查看并督促火速展开清理行动,组\n'
        '织村干部及保洁员对各自辖区内环境卫生彻底进行整治。同\n'
        '时,镇政府督促各村对此类问题进行系统排查、举一反三,彻\n'
        '底消除此类问题,确保我镇全域无垃圾专项整治工作落到实\n'
        '处。\n'
        '特此报告。\n'
        '中川镇人民政府\n'
        '2020年10月15日\n'
    )
    cleaned = clean_line_breaks(text)
    assert "督查出的问题,镇党委" in cleaned and "落到实处。\n特此报告。" in cleaned
    assert cleaned.startswith("关于上报2020 年第三季度全市全域无垃圾 专项治理工作督查情况通报的整改报告\n")
