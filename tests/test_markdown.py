"""Markdown: the editable middle. It renders back to the same text and converts back to itself."""

from __future__ import annotations

import html
import re

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import example, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from publisher.cli import main
from publisher.markdown_reader import read_markdown
from publisher.model import Block, Document, Meta
from publisher.pipeline import convert_file
from publisher.write.markdown import (
    dump_front_matter,
    escape,
    escape_inline,
    holds_inline_markup,
    render_block,
    render_blocks,
    render_markdown,
)

from .conftest import seed, seed_paths

md = MarkdownIt("commonmark")


def _rendered_text(markdown: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", md.render(markdown))).strip()


@pytest.mark.parametrize(
    "text",
    [
        "精心谋划了**未来五年的发展蓝图",
        "我们***单位所被评为，为抓好****年度工作",
        "1. 不是列表",
        "# 不是标题",
        "- 不是列表项",
        "> 不是引用",
        "<script>alert(1)</script>",
        "a_b_c 和 [链接](http://x) 和 `代码` 和 &amp; 和 \\ 反斜杠",
        "2023.不是列表",
        "+ 加号",
    ],
)
def test_escaped_text_renders_back_unchanged(text):
    assert _rendered_text(escape(text)) == text


_PIECES = st.sampled_from(["一要聚焦", "。", "**", "_", "[x]", "<b>", "&", "~", "|", "`", "\\", "1.", "é", "𠀀", " "])


@given(st.lists(st.tuples(st.sampled_from(["paragraph", "heading", "note", "lead"]),
                          st.lists(_PIECES, min_size=1, max_size=6).map("".join)), max_size=5))
def test_blocks_render_as_each_would_alone_whether_or_not_the_document_holds_markup(blocks):
    # render_blocks looks once at the whole document for markup characters; each block on its
    # own is always looked at.
    made = [Block("heading", text, level=1) if kind == "heading" else
            Block("paragraph", text, lead=text[:3]) if kind == "lead" else Block(kind, text)
            for kind, text in blocks]
    assert render_blocks(made) == [render_block(b) for b in made]
    assert holds_inline_markup("".join(text for _, text in blocks)) == any(
        c in text for _, text in blocks for c in "\\`*_[]<>&~|")


def test_placeholders_never_become_emphasis():
    doc = Document("标题", blocks=(Block("paragraph", "刚才，**同志已经对**科工作作了部署。"),))
    rendered = md.render(render_markdown(doc))
    assert "<strong>" not in rendered and "<em>" not in rendered
    assert "刚才，**同志已经对**科工作作了部署。" in html.unescape(rendered)


def test_a_lead_renders_bold_in_any_commonmark_renderer():
    doc = Document("标题", blocks=(Block("paragraph", "一要聚焦忠诚使命。认真学习。", lead="一要聚焦忠诚使命。"),))
    markdown = render_markdown(doc)
    assert "**一要聚焦忠诚使命**。认真学习。" in markdown
    assert "<strong>一要聚焦忠诚使命</strong>。认真学习。" in md.render(markdown)


def test_front_matter_title_headings_and_notes():
    doc = Document(
        "在会议上的讲话",
        Meta(date="2020-03-01", issuer="某某局", keywords=("党建", "会议")),
        (
            Block("note", "编者按：现予印发。"),
            Block("salutation", "同志们："),
            Block("heading", "一、总体要求", level=1),
            Block("heading", "（一）基本原则", level=2),
            Block("paragraph", "正文。"),
        ),
    )
    out = render_markdown(doc, source="content/a.txt")
    assert out.startswith("---\ntitle: 在会议上的讲话\ndate: '2020-03-01'\nissuer: 某某局\nkeywords:\n- 党建\n- 会议\n")
    assert "\n# 在会议上的讲话\n\n> 编者按：现予印发。\n\n同志们：\n\n## 一、总体要求\n\n### （一）基本原则\n\n正文。\n" in out
    assert read_markdown(out) == Document(doc.title, Meta(date="2020-03-01", issuer="某某局",
                                                          keywords=("党建", "会议"), source="content/a.txt"), doc.blocks)


@pytest.mark.parametrize("seed", seed_paths(), ids=lambda p: p.name[:3])
def test_converting_the_markdown_again_gives_the_same_markdown(tmp_path, seed):
    for doc in convert_file(seed).documents:
        markdown = render_markdown(doc, source=str(seed))
        again = read_markdown(markdown)
        assert again.blocks == doc.blocks
        assert again.title == doc.title
        assert render_markdown(again) == markdown


def test_convert_accepts_edited_markdown_and_writes_it_unchanged(tmp_path):
    path = seed("003")
    out1, out2 = tmp_path / "one", tmp_path / "two"
    runner = CliRunner()
    assert runner.invoke(main, ["convert", str(path), "-o", str(out1)]).exit_code == 0
    first = out1 / (path.stem + ".md")
    assert runner.invoke(main, ["convert", str(first), "-o", str(out2)]).exit_code == 0
    assert (out2 / first.name).read_text(encoding="utf-8") == first.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "front",
    ["---\ntitle: [unclosed\n---\n\n正文。\n", "---\n- a list\n- not a mapping\n---\n\n正文。\n",
     "---\nkeywords: 12\n---\n\n正文。\n"],
    ids=["yaml-error", "not-a-mapping", "bad-keywords"],
)
def test_malformed_front_matter_is_one_clear_line(tmp_path, front):
    path = tmp_path / "bad.md"
    path.write_text(front, encoding="utf-8")
    result = CliRunner().invoke(main, ["convert", str(path)])
    assert result.exit_code == 2
    assert "bad.md" in result.stderr and "front matter" in result.stderr
    assert "Traceback" not in result.stderr


_FM_TEXT = st.one_of(st.text(), st.text(st.sampled_from("党风廉政𠀀䶮，。“”：: -'\"#&*!?|>%@`{}[]\n\t\x85\u2028123abc…—")))


@settings(max_examples=300)
@given(st.dictionaries(st.sampled_from(["title", "date", "summary", "keywords", "slug"]),
                       st.one_of(_FM_TEXT, st.lists(_FM_TEXT, max_size=3))))
@example({"date": "2019-01-17", "title": "123", "keywords": ["yes", "null", "1.5", "~"], "summary": ""})
def test_front_matter_is_what_pyyaml_writes_whichever_emitter_runs(data: dict[str, object]) -> None:
    expected = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000, default_flow_style=False)
    assert dump_front_matter(data) == expected


def test_front_matter_keeps_characters_outside_the_bmp_as_written() -> None:
    assert dump_front_matter({"title": "关于𠀾字的说明"}) == "title: 关于𠀾字的说明\n"


@settings(max_examples=300)
@given(st.text(st.sampled_from("\\`*_[]<>&~|#>-+=1.) 党风廉政，。𠀀ab")))
def test_inline_escaping_puts_one_backslash_before_each_markup_character(text: str) -> None:
    from publisher.write.markdown import _INLINE_SPECIAL_CHARS

    assert escape_inline(text) == "".join("\\" + c if c in _INLINE_SPECIAL_CHARS else c for c in text)
