"""PDFs read back with poppler and pypdf: text, bookmarks, page numbers, the 公文 grid. Real WeasyPrint."""

from __future__ import annotations

import re
import shutil
import subprocess
from io import BytesIO

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from publisher.cli import main
from publisher.model import Block, Document
from publisher.pdf import MissingGlyphsError, PrintOptions, collection_pdf, document_pdf, title_lines
from publisher.pipeline import convert_file

from ..conftest import seed

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed")
PAGE_NUMBER = re.compile(r"^\s*—\s*(\d+)\s*—\s*$")


def _pages(pdf: bytes, layout: bool = False) -> list[str]:
    args = ["pdftotext", "-enc", "UTF-8", *(["-layout"] if layout else []), "-", "-"]
    text = subprocess.run(args, input=pdf, capture_output=True, check=True).stdout.decode("utf-8")
    return text.split("\f")[:-1]


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def speech() -> tuple[Document, bytes]:
    doc = convert_file(seed("003")).documents[0]
    return doc, document_pdf(doc, PrintOptions())


@pytest.fixture(scope="module")
def long_speech() -> tuple[Document, bytes]:
    doc = convert_file(seed("000")).documents[0]
    return doc, document_pdf(doc, PrintOptions())


def test_text_title_headings_and_paragraphs_come_back_in_order(speech):
    doc, pdf = speech
    text = _squash("".join(_pages(pdf)))
    wanted = [doc.title] + [b.text for b in doc.blocks if b.type == "heading"]
    wanted += [b.text[:15] for b in doc.blocks if b.type == "paragraph"][::3]
    positions = [text.find(_squash(w)) for w in wanted]
    assert -1 not in positions
    headings = [text.find(_squash(b.text)) for b in doc.blocks if b.type == "heading"]
    assert headings == sorted(headings)


def test_bookmarks_are_the_title_and_headings_not_leads(speech):
    doc, pdf = speech
    reader = PdfReader(BytesIO(pdf))

    def titles(outline) -> list[str]:
        out = []
        for item in outline:
            out.extend(titles(item) if isinstance(item, list) else [item.title])
        return out

    assert titles(reader.outline) == [doc.title] + [b.text for b in doc.blocks if b.type == "heading"]
    assert reader.metadata.title == doc.title


def test_page_numbers_read_dash_n_dash_alternating_sides(long_speech):
    _doc, pdf = long_speech
    pages = _pages(pdf, layout=True)
    assert len(pages) >= 10
    for n, page in enumerate(pages, start=1):
        last = [line for line in page.splitlines() if line.strip()][-1]
        m = PAGE_NUMBER.match(last)
        assert m and int(m.group(1)) == n
        indent = len(last) - len(last.lstrip())
        assert (indent > 20) == (n % 2 == 1)  # odd pages on the right, even on the left


def test_gongwen_grid_22_lines_of_28_characters(long_speech):
    _doc, pdf = long_speech
    full_width_lines = []
    for page in _pages(pdf):
        lines = [line for line in page.splitlines() if line.strip() and not PAGE_NUMBER.match(line)]
        assert len(lines) <= 22
        full_width_lines += [line.strip() for line in lines if line.strip() and line.strip().isascii() is False
                             and not re.search(r"[\x00-\x7f]", line.strip())]
    lengths = [len(line) for line in full_width_lines]
    assert max(lengths) == 28
    assert lengths.count(28) > 0.7 * len(lengths)  # paragraph ends and 避头尾 breaks make the others


def test_a_ten_page_document_is_under_one_megabyte(long_speech):
    _doc, pdf = long_speech
    assert len(PdfReader(BytesIO(pdf)).pages) >= 10
    assert len(pdf) < 1_000_000


def test_rendering_is_deterministic(speech):
    doc, pdf = speech
    assert document_pdf(doc, PrintOptions()) == pdf


def test_a_character_no_font_has_is_named_before_rendering():
    doc = Document("标题", blocks=(Block("paragraph", "西夏文\U00017000和私用区\U000F0001。"),))
    with pytest.raises(MissingGlyphsError) as err:
        document_pdf(doc, PrintOptions(), "x.txt")
    assert "U+17000" in str(err.value) and "U+F0001" in str(err.value) and "x.txt" in str(err.value)


def test_book_style_is_a5_with_running_header_and_centred_numbers(speech):
    doc, _ = speech
    pdf = document_pdf(doc, PrintOptions(style="book"))
    reader = PdfReader(BytesIO(pdf))
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (420, 595)
    second = _pages(pdf, layout=True)[1].splitlines()
    assert _squash(second[0]) == _squash(doc.title)  # the running header
    assert second[-1].strip() == "2" or [x for x in second if x.strip()][-1].strip() == "2"


def test_collection_has_cover_contents_and_documents_on_right_hand_pages():
    docs = [d for p in ("003", "002") for d in convert_file(seed(p)).documents]
    pdf = collection_pdf(docs, PrintOptions(), "文稿汇编")
    pages = _pages(pdf)
    assert "文稿汇编" in pages[0]
    contents = next(i for i, p in enumerate(pages) if "目" in p and "录" in p and "·" in p)
    for doc in docs:
        entry = re.search(re.escape(doc.title[:10]) + r".*?(\d+)\s*$", _squash_lines(pages[contents]), re.M)
        assert entry, doc.title
        page_no = int(entry.group(1))
        assert page_no % 2 == 1
        assert _squash(doc.title)[:10] in _squash(pages[page_no - 1])


def _squash_lines(page: str) -> str:
    return "\n".join(re.sub(r"[\s·]+", "", line) + "" for line in page.splitlines())


@pytest.mark.parametrize(
    "segmented",
    [
        "2018年/某某/市直/机关/党组织/书记/抓/基层/党建/工作/述职/评议/会议/讲话稿",
        "徐晓光/同志/在/市直/机关/党建/工作/联述/联评/联考/会议/上/的/讲话/摘要",
        "关于/进一步/加强/和/改进/新/时代/机关/党/的/建设/工作/的/实施/意见",
    ],
)
def test_long_titles_break_between_words(segmented):
    title = segmented.replace("/", "")
    words_end = set()
    pos = 0
    for word in segmented.split("/"):
        pos += len(word)
        words_end.add(pos)
    lines = title_lines(title, 20)
    assert "".join(lines) == title and len(lines) == 2 and all(len(x) <= 20 for x in lines)
    assert len(lines[0]) in words_end
    assert title_lines("在2020年党风廉政建设工作会议上的讲话", 20) == ["在2020年党风廉政建设工作会议上的讲话"]


def test_pdf_command_and_doctor(tmp_path):
    result = CliRunner().invoke(main, ["pdf", str(seed("003")), "-o", str(tmp_path)])
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / f"{seed('003').stem}.pdf").read_bytes().startswith(b"%PDF")
    doctor = CliRunner().invoke(main, ["doctor"])
    assert "正文（仿宋）: Noto Serif CJK SC" in doctor.stdout


@pytest.mark.parametrize("style", ["gongwen", "book"])
def test_a_long_web_address_breaks_and_stays_on_the_page(style):
    """Issue 17, item 14: the end of the address (…weixin_share_ab请查阅。) ran off the page."""
    url = ("https://mp.weixin.qq.com/s?__biz=MzA5NzQ2NjQ0Mg==&mid=2650000000&idx=1"
           "&sn=0123456789abcdef0123456789abcdef&scene=21#wechat_redirect_weixin_share_ab")
    doc = Document(title="关于网址的通知", blocks=(Block("paragraph", f"详细内容请登录网站{url}请查阅。"),))
    pdf = document_pdf(doc, PrintOptions(style=style))
    boxes = subprocess.run(["pdftotext", "-bbox", "-enc", "UTF-8", "-", "-"], input=pdf, capture_output=True,
                           check=True).stdout.decode("utf-8")
    width = float(re.search(r'<page width="([\d.]+)"', boxes).group(1))
    right_margin = {"gongwen": 26, "book": 15}[style] * 72 / 25.4  # mm, at least this much is left blank
    assert max(float(x) for x in re.findall(r'xMax="([\d.]+)"', boxes)) < width - right_margin / 2
    assert f"{url}请查阅。" in _squash(_pages(pdf)[0])
