"""The sample manuscripts in content/: each artifact they were written to show comes out right."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from publisher.cli import main
from publisher.pipeline import convert_file

from .conftest import ROOT

CONTENT = ROOT / "content"
HALF_WIDTH_BETWEEN_HAN = re.compile(r"(?<=[\u4e00-\u9fff])[,;:?!()](?=[\u4e00-\u9fff])")


def _convert(name: str):
    return convert_file(CONTENT / name)


def _text(source) -> str:
    return "\n".join((d.title or "") + "\n" + "\n".join(b.text for b in d.blocks) for d in source.documents)


def _outline(doc) -> list[tuple[int, str]]:
    return [(b.level, b.text) for b in doc.blocks if b.type == "heading"]


@pytest.mark.parametrize("name", sorted(p.name for p in CONTENT.glob("*") if p.name != "README.md"))
def test_no_residue_in_any_sample(name):
    text = _text(_convert(name))
    assert "[bookmark" not in text and "返回顶部" not in text and "打印本页" not in text and "浏览次数" not in text
    assert not re.search(r"^\s*[—-]\s*\d+\s*[—-]\s*$", text, re.M)
    assert not HALF_WIDTH_BETWEEN_HAN.search(text)
    assert not re.search(r"\d [\u4e00-\u9fff]|[\u4e00-\u9fff] \d|[\u4e00-\u9fff] [\u4e00-\u9fff]", text)


def test_pdf_copy_comes_back_as_paragraphs_without_page_furniture():
    source = _convert("2021-housing-speech-pdf-copy.txt")
    (doc,) = source.documents
    assert doc.title == "在全市住房保障工作推进会上的讲话"
    assert _outline(doc) == [
        (1, "一、充分肯定住房保障工作取得的成绩"), (1, "二、清醒认识当前面临的形势和问题"),
        (1, "三、扎实做好今年住房保障各项工作"), (2, "（一）加快项目建设进度"), (2, "（二）规范分配运营管理"),
        (2, "（三）强化组织保障"),
    ]
    paragraphs = [b.text for b in doc.blocks if b.type == "paragraph"]
    assert len(paragraphs) == 9 and all(p.endswith(("。", "！")) for p in paragraphs)
    assert "某某市住房和城乡建设局文件" not in _text(source)
    assert "确保3月1日前全面开工" in _text(source) and "二是分配管理还不够精细，动态调整机制有待完善；三是配套" in _text(source)


def test_word_copy_note_salutation_headings_leads_placeholders_closing():
    (doc,) = _convert("2022-agriculture-speech-word-copy.txt").documents
    types = [b.type for b in doc.blocks]
    assert types[:2] == ["note", "salutation"] and types[-2:] == ["signature", "date"]
    assert _outline(doc) == [(1, "一是稳住粮食生产基本盘"), (1, "二是推动乡村产业提质增效")]
    assert [b.lead for b in doc.blocks if b.lead] == [
        "第一，要压实耕地保护责任。", "第二，要抓好高标准农田建设。", "第一，要做强特色产业。", "第二，要促进农民持续增收。"]
    text = _text(_convert("2022-agriculture-speech-word-copy.txt"))
    assert "**同志通报了全年工作情况，***单位作了交流发言" in text and "在×××等方面" in text and "XX万亩" in text
    assert "\u00a0" not in text and "\u3000" not in text and "\t" not in text
    assert doc.meta.date == "2022-12-28"


def test_web_scrape_fields_become_metadata_and_punctuation_is_full_width():
    source = _convert("2021-business-news-web-scrape.txt")
    (doc,) = source.documents
    assert doc.title == "某某区召开优化营商环境工作会议"
    assert doc.meta.keywords == ("营商环境", "工作会议", "优化")
    assert (doc.meta.date, doc.meta.source) == ("2021-05-08", "某某区融媒体中心")
    assert doc.meta.summary.startswith("5月8日上午，某某区召开")
    text = _text(source)
    assert "（某政发〔2021〕12号）" in text and "出席会议并讲话。" in text and "“人人都是营商环境”" in text
    assert "吃拿卡要的行为严肃处理……怎样才能让企业有更多获得感？" in text
    assert len(doc.blocks) == 3 and "本文" not in text


def test_compilation_gives_two_documents():
    first, second = _convert("2020-safety-speeches-compilation.txt").documents
    assert (first.title, second.title) == ("2020年全区安全生产工作会议讲话稿", "全区防汛工作会议讲话稿")
    assert first.meta.keywords == ("安全生产", "讲话稿") and second.meta.keywords == ("防汛", "讲话稿")
    assert _outline(second) == [(1, "第一，关于思想认识"), (1, "第二，关于工作措施")]
    assert "篇2" not in _text(_convert("2020-safety-speeches-compilation.txt"))


def test_bulletin_header_note_and_titles_split_over_two_lines():
    first, second = _convert("2022-conduct-bulletin.txt").documents
    assert first.title == "张某某同志在全市作风建设大会上的讲话摘要" and first.meta.author == "张某某"
    assert second.title == "李某某同志在全市作风建设大会上的讲话摘要"
    for doc in (first, second):
        assert (doc.meta.issuer, doc.meta.date) == ("中共某某市委办公室", "2022-03-05")
    assert first.blocks[0].type == "note"
    assert [b.lead for b in second.blocks if b.lead] == ["一要提高站位。", "二要狠抓落实。"]


def test_gb18030_notice_with_four_levels():
    source = _convert("2023-archives-notice-gb18030.txt")
    assert source.encoding == "gb18030"
    (doc,) = source.documents
    levels = dict((text, level) for level, text in _outline(doc))
    assert levels["一、总体要求"] == 1 and levels["（一）加强档案收集归档"] == 2
    assert levels["1.规范文书档案归档"] == 3
    assert doc.blocks[0].type == "addressee"
    assert "王䶮" in _text(source) and "刘镕" in _text(source)


def test_utf16_speech_with_a_date_line():
    source = _convert("2019-youth-speech-utf16.txt")
    assert source.encoding == "utf-16"
    (doc,) = source.documents
    assert doc.meta.date == "2019-05-04" and doc.title == "在2019年青年干部座谈会上的讲话"


def test_edited_markdown_is_read_as_written():
    (doc,) = _convert("2023-culture-tourism-edited.md").documents
    assert doc.meta.issuer == "某某市文化广电旅游局" and doc.meta.keywords == ("文化旅游", "工作会议")
    assert [b.lead for b in doc.blocks if b.lead] == ["一要丰富产品供给。", "二要提升服务质量。"]


def test_convert_content_folder_writes_every_document(tmp_path):
    result = CliRunner().invoke(main, ["convert", str(CONTENT), "-o", str(tmp_path)])
    assert result.exit_code == 0, result.stderr
    names = sorted(p.name for p in tmp_path.iterdir())
    assert len(names) == 10  # eight files, two of which hold two documents
    assert "2022-conduct-bulletin-2.md" in names and "2020-safety-speeches-compilation-2.md" in names
