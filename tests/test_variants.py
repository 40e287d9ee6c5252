"""Traditional Chinese with the real OpenCC: the known one-to-many cases, overrides, review, detection."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from publisher.cli import main
from publisher.errors import PublisherError
from publisher.model import Block, Document, Meta
from publisher.variants import Converter, ambiguities, convert_document, is_traditional, read_phrases, to_simplified

from .conftest import seed

S2TW = [("干部", "幹部"), ("干净", "乾淨"), ("头发", "頭髮"), ("发展", "發展"), ("后来", "後來"),
        ("皇后", "皇后"), ("吃面条", "吃麵條"), ("台风", "颱風"), ("历史", "歷史"), ("里面", "裡面")]


@pytest.mark.parametrize(("simplified", "traditional"), S2TW)
def test_default_s2tw_one_to_many_cases(simplified, traditional):
    assert Converter.create().convert(simplified) == traditional


def test_s2t_gives_opencc_standard_forms_and_s2twp_taiwan_phrasing():
    s2t = Converter.create("s2t")
    assert s2t.convert("里面") == "裏面" and s2t.convert("面条") == "麪條" and s2t.convert("吃") == "喫"
    assert Converter.create("s2twp").convert("软件") == "軟體"
    assert Converter.create("s2tw").convert("软件") == "軟件"  # script only, no change of vocabulary
    assert Converter.create("s2twp").lang == "zh-Hant-TW" and Converter.create("s2hk").lang == "zh-Hant-HK"


def test_project_dictionary_wins_over_opencc(tmp_path):
    (tmp_path / "opencc-phrases.txt").write_text("# names OpenCC gets wrong\n余先生\t余先生\n姓于 姓于\n",
                                                 encoding="utf-8")
    phrases = read_phrases(tmp_path / "opencc-phrases.txt")
    assert Converter.create().convert("余先生姓于") == "餘先生姓於"  # the surnames 余 and 于 lost
    converter = Converter.create("s2tw", phrases)
    assert converter.convert("余先生的干部，姓于，台风") == "余先生的幹部，姓于，颱風"
    (tmp_path / "bad.txt").write_text("只有一列\n", encoding="utf-8")
    with pytest.raises(PublisherError, match=r"bad\.txt:1"):
        read_phrases(tmp_path / "bad.txt")


def test_document_conversion_keeps_leads_prefixes_and_converts_what_readers_see():
    doc = Document("关于头发的讲话", Meta(date="2020-01-01", issuer="某某局", keywords=("头发", "发展"), slug="tou-fa"),
                   (Block("heading", "一、后来", level=1),
                    Block("paragraph", "一要发展。里面的干部。", lead="一要发展。")))
    out = convert_document(doc, Converter.create())
    assert out.title == "關於頭髮的講話"
    assert out.meta.keywords == ("頭髮", "發展") and out.meta.slug == "tou-fa" and out.meta.date == "2020-01-01"
    assert out.blocks[0].text == "一、後來"
    assert out.blocks[1].lead == "一要發展。" and out.blocks[1].text == "一要發展。裡面的幹部。"


def test_traditional_manuscripts_are_detected_and_kept():
    traditional = Document("臺灣的國語課本", blocks=(Block("paragraph", "這是一個關於發展與歷史的段落。"),))
    assert is_traditional("這是一個關於發展與歷史的段落") and not is_traditional("这是一个关于发展与历史的段落")
    assert convert_document(traditional, Converter.create()) == traditional
    assert to_simplified(traditional).blocks[0].text == "这是一个关于发展与历史的段落。"


def test_ambiguity_review_names_character_choice_and_context():
    found = ambiguities("他的头发很干净，后来去发展。", Converter.create())
    choices = {(a.char, a.chosen) for a in found}
    assert {("发", "髮"), ("发", "發"), ("干", "乾"), ("后", "後")} <= choices
    hair = next(a for a in found if a.chosen == "髮")
    assert "头【发】" in hair.context and "頭髮" in hair.converted and hair.line == 1


def test_convert_and_check_with_the_variant_option(tmp_path):
    path = seed("003")
    result = CliRunner().invoke(main, ["convert", str(path), "--variant", "zh-Hant"])
    assert result.exit_code == 0
    assert "# 在2020年黨風廉政建設工作會議上的講話" in result.stdout and "source: " + str(path) in result.stdout
    review = CliRunner().invoke(main, ["check", str(path), "--variant", "zh-Hant"])
    assert review.exit_code == 0
    assert "发 → 發" in review.stdout and "【发】" in review.stdout


def test_the_traditional_pdf_of_003_has_every_glyph_and_traditional_bookmarks():
    from io import BytesIO

    from pypdf import PdfReader

    from publisher.pdf import PrintOptions, document_pdf
    from publisher.pdf.fonts import uncovered
    from publisher.pipeline import convert_file

    doc = convert_document(convert_file(seed("003")).documents[0], Converter.create())
    text = doc.title + "".join(b.text for b in doc.blocks)
    assert uncovered(text, ("body", "title", "heading", "kai", "latin")) == []
    reader = PdfReader(BytesIO(document_pdf(doc, PrintOptions(language="zh-Hant"))))
    titles = [item.title for item in reader.outline if not isinstance(item, list)]
    assert titles[0] == "在2020年黨風廉政建設工作會議上的講話"
    nested = [item.title for group in reader.outline if isinstance(group, list) for item in group]
    assert "一、堅持明責履責盡責，把準責任落實“著力點”" in nested
    assert reader.trailer["/Root"]["/Lang"] == "zh-Hant"
