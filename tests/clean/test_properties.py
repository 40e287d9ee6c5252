"""Properties of cleaning over generated text: no Han character lost, idempotent, never raises."""

from __future__ import annotations

import os
import re

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from publisher.clean import _ANY_ONLY_WITH, _ONLY_WITH, RULE_NAMES, CleanOptions, _idle, _passes, apply_rule, clean
from publisher.clean.residue import remove_running_headers
from publisher.structure import structure
from publisher.write.markdown import render_markdown

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
# Common characters and everything that makes cleaning work: spaces of every kind, line and page
# breaks, half- and full-width punctuation, digits, Latin. Left out on purpose: 页 and 顶, without
# which no page-number or site-furniture line (第3页, 返回顶部) can form, since those lines are
# removed by design; running headers are checked on their own below.
_CJK = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年" "动同工也能下过子说产种面而方后多定行学法"
_ALPHABET = (
    _CJK + "“”‘’，。、；：？！（）《》【】〔〕—…·" + "0123456789" + "abcdefghijklmno" + "ABCDE"
    + " \t\n\n\n\f\r\u00a0\u3000\u200b\u00ad" + ".,:;?!()\"'-[]*_#>" + "䶮𠀀"
)
texts = st.text(alphabet=_ALPHABET, max_size=400)
any_unicode = st.text(max_size=300)

_SETTINGS = settings(max_examples=int(os.environ.get("HYPOTHESIS_EXAMPLES", "300")), deadline=None, suppress_health_check=[HealthCheck.too_slow])
_WITHOUT_HEADERS = CleanOptions(disabled=frozenset({"remove_running_headers"}))


def _han(text: str) -> str:
    return "".join(HAN.findall(text))


@_SETTINGS
@given(texts)
def test_cleaning_keeps_every_han_character_in_order(text: str) -> None:
    assert _han(clean(text, _WITHOUT_HEADERS)) == _han(text)


@_SETTINGS
@given(st.lists(st.text(alphabet=_CJK + "，。 ", min_size=1, max_size=30), min_size=1, max_size=30))
def test_running_headers_drop_only_lines_repeated_on_pages(lines: list[str]) -> None:
    text = "\n".join(lines)
    kept = remove_running_headers(text).split("\n")
    original = text.split("\n")
    assert len(kept) == len(original)
    for before, after in zip(original, kept, strict=True):
        if after != before:
            assert after == ""
            assert sum(1 for line in original if line.strip() == before.strip()) >= 3


@_SETTINGS
@given(texts)
def test_cleaning_twice_equals_cleaning_once(text: str) -> None:
    once = clean(text)
    assert clean(once) == once


@_SETTINGS
@given(texts)
def test_pangu_cleaning_is_idempotent(text: str) -> None:
    options = CleanOptions(spacing="pangu")
    once = clean(text, options)
    assert clean(once, options) == once


@_SETTINGS
@given(any_unicode)
def test_cleaning_and_structure_never_raise_on_arbitrary_unicode(text: str) -> None:
    cleaned = clean(text)
    assert clean(cleaned) == cleaned
    for doc in structure(cleaned):
        render_markdown(doc)


_LINE_RULES = [name for name in RULE_NAMES[RULE_NAMES.index("clean_line_breaks") + 1:RULE_NAMES.index("collapse_blank_lines")]]


@_SETTINGS
@given(st.lists(st.text(alphabet=_ALPHABET.replace("\n", "").replace("\r", ""), max_size=60), max_size=8),
       st.sampled_from(["official", "pangu"]))
def test_the_rules_between_joining_and_collapsing_work_line_by_line(lines: list[str], spacing: str) -> None:
    """What the second pass of cleaning relies on to clean only the lines the first changed."""
    options = CleanOptions(spacing=spacing)  # type: ignore[arg-type]
    for name in _LINE_RULES:
        assert apply_rule(name, "\n".join(lines), options) == "\n".join(apply_rule(name, line, options) for line in lines)
        assert apply_rule(name, "", options) == ""


def _rule_by_rule(text: str, options: CleanOptions | None = None) -> str:
    """Cleaning the plain way, every rule over the whole text in every pass (what check reports)."""
    return _passes(text, options or CleanOptions(), record=lambda *_: None)


@_SETTINGS
@given(texts, st.sampled_from(["official", "pangu"]))
def test_cleaning_the_changed_lines_again_equals_cleaning_everything_again(text: str, spacing: str) -> None:
    options = CleanOptions(spacing=spacing)  # type: ignore[arg-type]
    assert clean(text, options) == _rule_by_rule(text, options)


def test_the_seeds_clean_the_same_either_way() -> None:
    from publisher.read import read_file

    from ..conftest import seed_paths

    paths = seed_paths()
    if not paths:
        pytest.skip("../shared/seeds is not there")
    for path in paths:
        text = read_file(path).text
        assert clean(text) == _rule_by_rule(text), path.name


@_SETTINGS
@given(texts, st.sampled_from(["clean_line_breaks", "collapse_blank_lines", "normalize_spaces", "clean_cjk_spacing"]))
@example("’.:", "clean_line_breaks")  # the marks settle only if the stretch runs again without joining
def test_cleaning_with_a_rule_switched_off_is_idempotent_too(text: str, off: str) -> None:
    options = CleanOptions(disabled=frozenset({off}))
    once = clean(text, options)
    assert clean(once, options) == once


# The characters the skipped rules look for, and some of each kind, for the two tests below.
_RARE = "\u00a0\t\u2003\u202f\u200b\u200d\u00ad\ufeff\u202a\x01\x7f\r\u2028\x0b\x85\f３Ａｚ．"


@_SETTINGS
@given(st.text(alphabet=_ALPHABET + _RARE, max_size=300), st.sampled_from(RULE_NAMES),
       st.sampled_from(["official", "pangu"]))
def test_no_rule_puts_in_a_character_that_lets_a_skipped_rule_run(text: str, name: str, spacing: str) -> None:
    """What lets cleaning look for these characters once, at the start, and skip rules by it."""
    after = apply_rule(name, text, CleanOptions(spacing=spacing))  # type: ignore[arg-type]
    assert set(_ANY_ONLY_WITH.findall(after)) <= set(_ANY_ONLY_WITH.findall(text))


@_SETTINGS
@given(st.text(alphabet=_ALPHABET + _RARE, max_size=300), st.sampled_from(sorted(_ONLY_WITH)))
@example("3．5", "fullwidth_alnum")  # the full-width point changes only between digits: rare in generated text
def test_a_skipped_rule_has_nothing_to_do(text: str, name: str) -> None:
    text = re.sub(f"[{_ONLY_WITH[name]}]", "", text)
    assert name in _idle(text)
    assert apply_rule(name, text) == text


@pytest.mark.parametrize("name", sorted(_ONLY_WITH))
def test_each_skippable_rule_is_skipped_only_without_its_characters(name: str) -> None:
    assert name in _idle("今天我们召开会议，“明细账”（一）……\n\n二、3月1日 A.")
    assert name not in _idle("今天" + _ONLY_WITH[name][0] + "会议")


@_SETTINGS
@given(texts)
def test_marks_between_chinese_convert_as_one_pattern_over_the_text_would(text: str) -> None:
    from publisher.clean.punctuation import _CJKISH, _HALF_NOT_BETWEEN_CJK, _convert_between_cjk

    for half, not_between, full in _HALF_NOT_BETWEEN_CJK:
        between = re.compile(f"{re.escape(half)}(?<={_CJKISH}.)(?={_CJKISH})")
        assert _convert_between_cjk(text, half, not_between, full) == between.sub(full, text)


@_SETTINGS
@given(st.text(alphabet=" \u3000\n一二ab", max_size=120))
@example("一 二" * 40 + "\n a")  # more spaces than are looked at one by one
@example("一 二" * 40)
def test_where_spaces_stand_is_told_alike_by_looking_at_each_or_by_searching(text: str) -> None:
    from publisher.clean.whitespace import _space_sites

    expected = (text.startswith(" ") or "\n " in text, text.endswith(" ") or " \n" in text, "  " in text)
    assert _space_sites(text) == expected


# Site furniture of the classes cleaning removes (issue 11): they may stand anywhere among lines.
_FURNITURE = st.sampled_from([
    "当前位置：\n首页\n>\n政务信息\n>\n宁夏要闻", "当前位置：首页 > 政策文件库 > 市政府文件", "首页>信息公开>信息浏览",
    "下载\n打印\n全屏\n收藏", "【字号：\n加大\n还原\n减小\n】", "【字体：\n小\n中\n大\n】", "您好，欢迎访问某某文档",
    "Copyright © 2016-2024 某某范文网 版权所有", "备案号:浙ICP备16031184号-2", "预览结束,免费获取全文或定制代笔此类文章!",
    "(阅读全部图文内容,您需要先登录!)", "版权声明\n作者原创,不允许二次传播,一经发现收回", "申请免费试用、咨询电话:400-8352-114",
    "<!-- 统计代码 -->", "淮安日报 content_170516.html /enpproperty-->", "本报记者 霍艳恩摄", "第A06版:经开区风采",
])


@_SETTINGS
@given(st.lists(st.one_of(texts.map(lambda t: ("text", t)), _FURNITURE.map(lambda f: ("junk", f))), max_size=8))
def test_furniture_goes_and_every_han_character_of_the_text_around_it_stays(parts: list[tuple[str, str]]) -> None:
    text = "\n".join(piece for _, piece in parts)
    kept = "".join(_han(piece) for kind, piece in parts if kind == "text")
    cleaned = clean(text, _WITHOUT_HEADERS)
    assert _han(cleaned) == kept
    assert clean(cleaned, _WITHOUT_HEADERS) == cleaned


@_SETTINGS
@given(st.lists(texts, max_size=6), st.lists(st.text(alphabet="关于开展工作的通知总结", min_size=1, max_size=20), max_size=4))
def test_a_related_links_list_at_the_end_goes_and_the_text_over_it_stays(paragraphs: list[str], links: list[str]) -> None:
    text = "\n".join(paragraphs) + "\n相关报道：\n" + "\n".join(links)
    cleaned = clean(text, _WITHOUT_HEADERS)
    assert _han(cleaned) == _han("".join(paragraphs))
    assert clean(cleaned, _WITHOUT_HEADERS) == cleaned


@_SETTINGS
@given(st.lists(st.one_of(texts, st.sampled_from(["&nbsp;", "&amp;nbsp;", "&quot;", "&#8220;", "&lt;p&gt;", "&#x3000;"])),
                max_size=10))
def test_entities_decode_without_losing_a_han_character_and_once_is_enough(parts: list[str]) -> None:
    text = "".join(parts)
    cleaned = clean(text, _WITHOUT_HEADERS)
    assert _han(cleaned) == _han(text)
    assert "&nbsp;" not in cleaned and "&quot;" not in cleaned
    assert clean(cleaned, _WITHOUT_HEADERS) == cleaned
