"""Page furniture: page numbers, running headers and page breaks, and where they must not be touched."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from publisher.clean import clean, residue
from publisher.clean.residue import remove_page_numbers, remove_running_headers, remove_web_boilerplate

PARA = "这是一段正文内容，讲的是具体的工作安排。"


def test_page_number_lines_in_every_usual_form():
    for line in ("- 3 -", "—3—", "— 12 —", "－ 4 －", "第3页 共9页", "第 3 页", "共9页 第3页", "3/9", "Page 3 of 9", "－３－", "第３页 共９页"):
        assert remove_page_numbers(f"{PARA}\n{line}\n{PARA}") == f"{PARA}\n\n{PARA}", line


def test_numbers_inside_text_are_not_page_numbers():
    text = f"{PARA}\n全年完成3/4的任务，第3页的表格见附件。\n2023\n{PARA}"
    assert remove_page_numbers(text) == text


def test_a_bare_number_is_a_page_number_only_beside_a_page_break():
    assert remove_page_numbers(f"{PARA}\n7\f{PARA}") == f"{PARA}\n\f{PARA}"


def test_running_header_on_pages_told_by_form_feeds():
    pages = [f"某某市人民政府文件\n第{n}段，{PARA}\n{PARA}\n某某市人民政府办公室 第{n}期" for n in range(4)]
    out = remove_running_headers("\f".join(pages))
    assert "某某市人民政府文件" not in out and "办公室" not in out  # header, and a footer with numbers
    assert all(f"第{n}段，{PARA}" in out for n in range(4)) and out.count(PARA) == 8


def test_running_header_beside_page_numbers_in_pasted_text():
    text = f"{PARA}\n\n— 1 —\n某某局文件\n{PARA}\n— 2 —\n某某局文件\n{PARA}"
    out = clean(text)
    assert "某某局文件" not in out and "—" not in out and out.count(PARA) == 3


def test_a_header_string_that_appears_once_is_text():
    text = f"某某局文件\n{PARA}\n— 1 —\n{PARA}"
    assert "某某局文件" in clean(text)


def test_body_lines_at_page_edges_are_never_headers():
    # Short pages: every line is at an edge, and the numbered lines look alike; none is furniture.
    pages = [f"第{n}条规定的内容很长，必须逐条执行。\n{PARA}" for n in range(5)]
    assert remove_running_headers("\f".join(pages)) == "\f".join(pages)


def test_a_repeated_line_that_is_a_sentence_is_never_a_header():
    pages = ["同志们，要抓好落实。\n" + PARA for _ in range(4)]
    out = remove_running_headers("\f".join(pages))
    assert out.count("同志们，要抓好落实。") == 4 or out.count("同志们，要抓好落实。") == 0


def test_a_title_under_a_running_header_of_the_same_words_stays():
    # A book sets the document's title above every page, the first one too, where the title itself follows.
    title = "在全市住房保障工作推进会上的讲话"
    pages = [f"{title}\n\n{title}\n{PARA}\n— 1 —"] + [f"{title}\n\n{PARA}\n{PARA}\n— {n} —" for n in range(2, 5)]
    out = remove_running_headers("\f".join(pages))
    assert out.count(title) == 1 and out.count(PARA) == 7
    assert clean("\f".join(pages)).split("\n")[0] == title


def test_a_header_on_both_pages_of_a_two_page_copy_goes():
    pages = [f"某某局文件\n{PARA}\n{PARA}\n— 1 —", f"某某局文件\n{PARA}\n— 2 —\n"]
    out = clean("\f".join(pages))
    assert "某某局文件" not in out and out.count(PARA) == 3


def test_a_short_line_at_the_top_of_one_of_two_pages_stays():
    pages = [f"关于进一步加强安全生产工作的通知\n{PARA}\n{PARA}", f"各区县人民政府\n{PARA}\n"]
    out = remove_running_headers("\f".join(pages))
    assert "关于进一步加强安全生产工作的通知" in out and "各区县人民政府" in out


def test_a_page_header_string_that_appears_once_among_pages_is_text():
    pages = [f"某某局文件\n{PARA}\n{PARA}"] + [f"第{n}部分 工作安排\n{PARA}\n{PARA}" for n in range(2, 5)]
    out = remove_running_headers("\f".join(pages))
    assert "某某局文件" in out


def test_a_full_line_repeated_in_hard_wrapped_text_is_no_header():
    # The same piece of a paragraph (a slogan quoted three times) is as wide as the text's lines.
    full = "坚持以人民为中心的发展思想，不断增强群众获得"
    other = ["各项工作取得了明显成效，群众的获得感明显增强了", "实践证明，只要我们坚持问题导向，敢于动真碰硬", "就没有克服不了的困难，下一步要把各项任务落实"]
    lines = [full, *other, "感。", full, *other, "感。", full, *other, "感。"]
    assert remove_running_headers("\n".join(lines)) == "\n".join(lines)


_WEB_PIECES = st.sampled_from([
    "返回顶部", "【打印本页】", "关闭窗口", "字号：大 中 小", "分享到：微信", "试读结束，VIP会员可免费阅读全文",
    "上一篇：关于", "浏览次数：", "点击量:12", "123", "\n", "\n\n", " ", "\u3000", "讲话", "。", "收藏",
])


@given(st.lists(_WEB_PIECES, max_size=30).map("".join))
def test_web_boilerplate_tries_only_lines_with_its_words_and_finds_what_the_patterns_find(text: str) -> None:
    expected = residue._VIEW_COUNTER.sub("", residue._WEB_NOISE_LINE.sub("", text))
    assert remove_web_boilerplate(text) == expected


@given(st.lists(st.sampled_from(["- 3 -", "第3页 共9页", "3/9", "  12  ", "讲话", "\n", "\n\n", " ", "—", "7",
                                 "－３－", "Page 2 of 5", "p.4", "共9页", "第", "页", "\u3000", "\f", "of", "x", "٣"]),
                max_size=30).map("".join))
def test_page_number_lines_found_among_the_lines_of_their_characters_are_what_the_pattern_finds(text: str) -> None:
    """Only lines made of _PAGE_NUMBER_CHARS are tried: the pattern over the whole text finds no others."""
    lines = text.split("\n")
    expected = residue._PAGE_NUMBER_LINE.sub("", text).split("\n")
    found = residue._page_number_lines(lines)
    assert [("" if i in found else line) for i, line in enumerate(lines)] == expected
    assert all(lines[i] for i in found)


def test_a_page_counter_glued_into_flattened_text_goes_and_a_page_named_in_a_sentence_stays():
    assert remove_page_numbers("第1页共5页区政府班子换届工作报告各位领导：本届政府班子任职以来，已届满。") == \
        "区政府班子换届工作报告各位领导：本届政府班子任职以来，已届满。"
    assert remove_page_numbers("详见附件第3页。全书共9页，另附表格。") == "详见附件第3页。全书共9页，另附表格。"
