"""Edited Markdown loses no text, and converting it again gives the same Markdown (issue 17, items 2 and 4).

Generated Markdown mixes every CommonMark block kind with Chinese, Latin words, numbers,
punctuation and markup characters; lines wrap anywhere. Two properties: every letter, digit
and Han character written reaches the model, in order; and Markdown written by publisher
reads back to itself.
"""

from __future__ import annotations

import re
import unicodedata

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from publisher.markdown_reader import read_markdown
from publisher.model import Block, Document
from publisher.write.markdown import render_markdown

# Han, Latin, digits, Chinese and ASCII punctuation, and the characters Markdown gives a meaning
# (but "<": a tag's name is markup, not text; HTML blocks are generated as such).
_ALPHABET = "党风廉政建设我们要一二三第务。，、；：！？“”‘’（）《》abcXYZ0179 .,;:!?*_#>-+=)[]&~|`\\"
_words = st.text(st.sampled_from(_ALPHABET), min_size=1, max_size=30).filter(lambda t: t.strip())


def _wrapped(text: str, cuts: list[int]) -> str:
    """The text broken into lines at some of its spaces or between characters."""
    out, last = [], 0
    for cut in sorted(set(c % (len(text) + 1) for c in cuts)):
        out.append(text[last:cut])
        last = cut
    out.append(text[last:])
    return "\n".join(part for part in out if part.strip()) or text


@st.composite
def _block(draw: st.DrawFn) -> str:
    text = _wrapped(draw(_words), draw(st.lists(st.integers(0, 40), max_size=3)))
    kind = draw(st.sampled_from(["paragraph", "heading", "ordered", "bullet", "indented", "fence", "html",
                                 "quote", "hr", "image", "lead", "setext"]))
    one_line = text.replace("\n", " ")
    if kind == "heading":
        return "#" * draw(st.integers(1, 6)) + " " + one_line
    if kind == "ordered":
        return f"{draw(st.integers(1, 30))}. {text}"
    if kind == "bullet":
        return f"- {text}"
    if kind == "indented":
        return "\n".join("    " + line for line in text.split("\n"))
    if kind == "fence":
        return f"```\n{text}\n```"
    if kind == "html":
        return f"<div>\n{text.replace('<', '').replace('&', '')}\n</div>"  # in HTML, &#0 is markup
    if kind == "quote":
        return "> " + text.replace("\n", "\n> ")
    if kind == "hr":
        return draw(st.sampled_from(["---", "***", "___", "- - -"]))
    if kind == "image":
        return f"![{one_line.replace('[', '').replace(']', '')}](/)"
    if kind == "lead":
        return f"**{draw(_words).strip('*_ ')}**{draw(st.sampled_from(['', '。', '。”', '：']))}{text}"
    if kind == "setext":
        return f"{text}\n{draw(st.sampled_from(['===', '---']))}"
    return text


# The first line is text: a file that begins with ``---`` begins with front matter.
_first = _words.map(lambda t: t.replace("\n", " ").lstrip("-+=#>*_ 0123456789`~<")).filter(bool)
_markdown = st.tuples(_first, st.lists(_block(), min_size=1, max_size=6)).map(
    lambda parts: "\n\n".join([parts[0], *parts[1]]) + "\n")


def _letters(text: str) -> str:
    """What must survive: letters, digits and Han, in order (markup and punctuation aside)."""
    return "".join(c for c in text if c.isalnum() and unicodedata.category(c) != "No")


def _model_text(doc: Document) -> str:
    return "".join([doc.title or "", *(b.text for b in doc.blocks)])


_PROPERTY = settings(max_examples=3000, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@_PROPERTY
@given(_markdown)
@example("一是牢记嘱托：“第一要务。”我们要落实。\n")
@example("**一是牢记嘱托：“第一要务。”**我们要落实。\n")
@example("English\nwords\n\n7\n19863月1日\n\nX\nFi\n")
@example("    缩进的段落\n\n<div>正文</div>\n\n![图片说明](a.png)\n\n3. 第三项\n4. 第四项\n")
@example("[0]:0\n\n0\n")  # a link reference definition makes no block
@example(":\n\n0000000000000000000\n```0\n")  # a fence's info string
def test_every_letter_of_edited_markdown_reaches_the_model(markdown: str) -> None:
    doc = read_markdown(markdown)
    written = re.sub(r"\]\([^)]*\)", "]", re.sub(r"</?div>", "", markdown))  # tags and image addresses are markup
    assert _letters(_model_text(doc)) == _letters(written)


@_PROPERTY
@given(_markdown)
@example("**一是牢记嘱托：“第一要务。”**我们要落实。\n")
@example("---\n\n## 标题 #\n\n7\n1986\n")
def test_converting_the_markdown_again_gives_the_same_markdown(markdown: str) -> None:
    once = render_markdown(read_markdown(markdown))
    assert render_markdown(read_markdown(once)) == once


@_PROPERTY
@given(st.lists(st.tuples(st.sampled_from(["paragraph", "heading", "note", "lead"]), _words,
                          st.integers(0, 30)), min_size=1, max_size=5))
@example([("lead", "一是牢记嘱托：“第一要务。”我们要落实。", 15)])
@example([("paragraph", "---", 0), ("heading", "C#", 0), ("heading", "标题 #", 0)])
def test_the_model_written_as_markdown_reads_back_as_it_was(items: list[tuple[str, str, int]]) -> None:
    """The text of every block, as the cleaning stage hands it over (one line, no outer spaces)."""
    blocks = []
    for kind, raw, cut in items:
        text = " ".join(raw.split())
        if kind == "lead":
            blocks.append(Block("paragraph", text, lead=text[:cut % len(text)] or None))
        elif kind == "heading":
            blocks.append(Block("heading", text, level=1 + cut % 3))
        else:
            blocks.append(Block(kind, text))  # type: ignore[arg-type]
    doc = Document(title="标题", blocks=tuple(blocks))
    back = read_markdown(render_markdown(doc))
    assert [b.text for b in back.blocks] == [b.text for b in doc.blocks]
    assert [b.type for b in back.blocks if b.type in ("heading", "note")] == \
        [b.type for b in doc.blocks if b.type in ("heading", "note")]


def test_a_lead_ending_in_a_closing_quote_is_bold_and_not_asterisks() -> None:
    from markdown_it import MarkdownIt

    text = "一是牢记嘱托：“第一要务。”我们要落实。"
    doc = Document(title=None, blocks=(Block("paragraph", text, lead="一是牢记嘱托：“第一要务。”"),))
    markdown = render_markdown(doc)
    html = MarkdownIt("commonmark").render(markdown)
    assert "<strong>一是牢记嘱托：“第一要务</strong>。”我们要落实。" in html and "**" not in html
    assert read_markdown(markdown).blocks[0].lead == "一是牢记嘱托：“第一要务。”"


def test_wrapped_latin_words_and_numbers_keep_a_space() -> None:
    doc = read_markdown("English\nwords, X\nFi and 7\n1986.\n\n中文\n换行\n")
    assert [b.text for b in doc.blocks] == ["English words, X Fi and 7 1986.", "中文换行"]


def test_an_addressee_reads_back_as_an_addressee():
    doc = Document(title="关于做好档案工作的通知", blocks=(
        Block("addressee", "各县（市、区）人民政府，市政府各部门："), Block("paragraph", "现将有关事项通知如下。")))
    back = read_markdown(render_markdown(doc), "x.md")
    assert [(b.type, b.text) for b in back.blocks] == [(b.type, b.text) for b in doc.blocks]
