"""The lines under a speech's or a report's title: subtitle, date, speaker, page fields (issue 11, class 5)."""

from __future__ import annotations

from publisher.clean import clean
from publisher.structure import structure

BODY = "同志们：\n\n这次会议的主要任务是，深入贯彻落实党的十八届三中全会精神，总结工作，部署任务。\n"


def _doc(head: str):
    (doc,) = structure(clean(head + "\n" + BODY))
    return doc


def test_subtitle_date_and_speaker_in_the_order_a_speech_prints_them():
    doc = _doc("深化改革全面提升教育的整体水平\n——在2014年全市教育工作会议上的报告\n市教育局局长、党委书记 赵青山\n（2014年3月5日）\n")
    assert (doc.meta.date, doc.meta.author, doc.meta.office) == ("2014-03-05", "赵青山", "市教育局局长、党委书记")
    assert doc.blocks[0].text == "——在2014年全市教育工作会议上的报告"  # the subtitle stays text


def test_a_dated_subtitle_gives_the_date_and_a_name_alone_after_it_the_author():
    doc = _doc("决胜全面建成小康社会\n\n——在中国共产党第十九次全国代表大会上的报告\n\n（2017年10月18日）\n\n习近平\n")
    assert (doc.meta.date, doc.meta.author) == ("2017-10-18", "习近平")
    doc = _doc("2026年河北省政府工作报告\n——2026年1月26日在河北省第十四届人民代表大会第四次会议上\n"
               "来源：河北日报\n时间：2026-02-02\n河北省人民政府省长 王正谱\n")
    assert (doc.meta.date, doc.meta.author, doc.meta.source) == ("2026-01-26", "王正谱", "河北日报")


def test_the_documents_own_date_wins_over_the_pages():
    doc = _doc("深化改革\n2014-03-14 来源：记者站\n（2014年3月5日）\n")
    assert doc.meta.date == "2014-03-05"
    doc = _doc("深化改革的通知\n发布时间：\n2014-03-14\n")  # a label and its value on two lines
    assert doc.meta.date == "2014-03-14"


def test_cleaning_keeps_the_space_between_office_and_name_only_on_a_speaker_line():
    assert clean("河北省人民政府省长 王正谱\n") == "河北省人民政府省长 王正谱\n"
    assert clean("各级党组织书记 要认真落实\n") == "各级党组织书记要认真落实\n"  # a name does not start with 要
    assert clean("我们 要认真学习。\n") == "我们要认真学习。\n"


def test_must_not_take_a_lone_short_line_for_the_author_without_a_speech_head():
    doc = _doc("某某办法\n\n总则\n")
    assert doc.meta.author is None


NOTICE_BODY = "各省、自治区、直辖市人民政府：\n\n现将《国家职业教育改革实施方案》印发给你们，请认真贯彻执行。\n"


def test_a_document_number_is_metadata_and_stays_printed_but_never_joins_the_title():
    (doc,) = structure(clean("国务院关于印发国家职业教育改革\n实施方案的通知\n国发〔2019〕4号\n\n" + NOTICE_BODY))
    assert doc.title == "国务院关于印发国家职业教育改革实施方案的通知"
    assert doc.meta.number == "国发〔2019〕4号" and doc.blocks[0].text == "国发〔2019〕4号"
    (doc,) = structure(clean("省人民政府關于進一步優化營商環境的若干意見\n鄂政發[2018]26號\n\n" + NOTICE_BODY))
    assert doc.title == "省人民政府關于進一步優化營商環境的若干意見" and doc.meta.number == "鄂政發〔2018〕26號"


def test_the_signing_organ_is_the_issuer_and_a_note_after_the_date_does_not_hide_it():
    text = "关于印发实施方案的通知\n\n" + NOTICE_BODY + "\n国务院\n2019年1月24日\n（此件公开发布）\n"
    (doc,) = structure(clean(text))
    assert (doc.meta.issuer, doc.meta.date) == ("国务院", "2019-01-24")
    assert [b.type for b in doc.blocks[-3:]] == ["signature", "date", "note"]


def test_must_not_take_a_person_who_signs_for_the_issuer():
    text = "致全市教师的一封信\n\n" + NOTICE_BODY + "\n张 三\n2019年1月24日\n"
    (doc,) = structure(clean(text))
    assert doc.meta.issuer is None


def test_a_column_label_or_page_number_above_a_whole_title_is_not_its_first_part():
    for label in ("市政府文件", "1"):
        (doc,) = structure(clean(f"{label}\n\n市政府关于授予肖颖等同志见义勇为称号的决定\n\n" + NOTICE_BODY))
        assert doc.title == "市政府关于授予肖颖等同志见义勇为称号的决定"
        assert doc.blocks[0].text == label  # kept as text


def test_must_not_split_off_the_organ_or_the_first_words_of_a_wrapped_title():
    for first, second in [("国务院办公厅", "关于印发国家职业教育改革实施方案的通知"),
                          ("省人民政府关于", "进一步优化营商环境的若干意见"),
                          ("关于", "印发《太湖县人民政府工作规则》的通知")]:
        (doc,) = structure(clean(f"{first}\n{second}\n\n" + NOTICE_BODY))
        assert doc.title == first + second


def test_a_page_counter_line_and_an_archive_date_do_not_join_the_title():
    (doc,) = structure(clean("1580 1580 112638\n梁保华在全省教育工作会议上的讲话\n梁保华在全省教育工作会议上的讲话\n\n" + BODY))
    assert doc.title == "梁保华在全省教育工作会议上的讲话"
    (doc,) = structure(clean("归档时间：2023-06-15\n南县住房和城乡建设局2018年度整体支出绩效评价报告\n\n" + BODY))
    assert doc.title == "南县住房和城乡建设局2018年度整体支出绩效评价报告"


def test_a_title_repeated_with_a_word_before_it_is_not_joined_to_itself():
    (doc, *_r) = structure(clean("2022关于留坝县创森迎检工作督查情况的通报\n关于留坝县创森迎检工作督查情况的通报\n\n" + BODY))
    assert doc.title == "2022关于留坝县创森迎检工作督查情况的通报"


def test_a_sites_slogan_over_the_title_is_kept_as_text_and_is_not_the_title():
    # (An advert over the title, 公文写作神器！立即了解, is a notice cleaning removes.)
    (doc,) = structure(clean("不忘初心，牢记使命！\n\n关于我市乡镇政权建设情况的调研报告\n\n" + BODY))
    assert doc.title == "关于我市乡镇政权建设情况的调研报告"
    assert doc.blocks[0].text == "不忘初心，牢记使命！"


def test_must_not_take_an_opening_sentence_for_a_slogan_when_it_is_not_the_first_line():
    docs = structure(clean("工作总结\n\n今年以来，全县上下齐心协力！\n关于进一步加强安全生产工作的报告\n\n" + BODY))
    assert docs[0].title == "工作总结"
    assert docs[0].blocks[0].text == "今年以来，全县上下齐心协力！"


def test_a_headline_run_into_its_dated_first_sentence_is_split_off_and_no_text_is_lost():
    text = "|\n集團召開2022年終總結大會2023年1月13日，集團2022年終總結大會在總部召開，全體員工參加了會議。\n"
    (doc,) = structure(clean(text))
    assert doc.title == "集團召開2022年終總結大會"
    assert [b.text for b in doc.blocks] == ["|", "2023年1月13日，集團2022年終總結大會在總部召開，全體員工參加了會議。"]


def test_must_not_split_a_sentence_that_puts_its_date_after_a_preposition():
    text = "全市安全生产工作会议于2023年1月13日，在市政府召开，各县区负责同志参加了会议。\n"
    (doc,) = structure(clean(text))
    assert doc.title is None


def test_a_title_that_holds_its_document_number_in_brackets():
    (doc,) = structure(clean("中共某市委办公室印发《关于全面推进政务公开工作的实施意见》的通知（岳办发〔2017〕2号）\n\n"
                             "各县市区委、人民政府：\n\n现印发给你们，请结合实际认真贯彻执行。\n"))
    assert doc.title == "中共某市委办公室印发《关于全面推进政务公开工作的实施意见》的通知"
    assert doc.meta.number == "岳办发〔2017〕2号"
    assert doc.blocks[0].text == "岳办发〔2017〕2号"  # kept as text as well


def test_a_bracketed_number_after_a_sentence_is_not_a_title():
    (doc,) = structure(clean("关于安全生产的通知\n\n各单位：\n\n根据省政府有关通知（皖政〔2012〕7号）\n\n请认真执行。\n"))
    assert doc.title == "关于安全生产的通知"


def test_the_title_over_the_document_number_wins_over_the_pages_titles_above_it():
    (doc,) = structure(clean("公文管理系统\n\n安徽省统计局公文处理工作办法\n\n关于修订印发《安徽省统计局公文处理工作办法》的通知\n"
                             "皖统〔2012〕77号\n\n局机关各处室：\n\n现将修订后的办法印发给你们。\n"))
    assert doc.title == "关于修订印发《安徽省统计局公文处理工作办法》的通知"
    assert [b.text for b in doc.blocks[:2]] == ["公文管理系统", "安徽省统计局公文处理工作办法"]  # kept
    assert doc.meta.number == "皖统〔2012〕77号"


def test_a_title_wrapped_over_two_lines_over_its_number_stays_whole():
    (doc,) = structure(clean("国务院关于印发国家职业教育改革\n实施方案的通知\n国发〔2019〕4号\n\n各省人民政府：\n\n现印发给你们。\n"))
    assert doc.title == "国务院关于印发国家职业教育改革实施方案的通知"


def test_a_byline_names_the_author_and_is_not_joined_to_the_headline():
    (doc,) = structure(clean("淮安科教办部署 2022年度各项工作\n\n■通讯员 严 明\n\n本报讯 1月4日，淮安科教办召开工作部署会，部署全年工作。\n"))
    assert doc.title == "淮安科教办部署2022年度各项工作"
    assert doc.meta.author == "严明"
    # (Cleaning takes out the space between two names as between any Chinese words: 、 keeps them apart.)
    (doc,) = structure(clean("全市召开工作会议\n本报记者 张三、李四\n\n本报讯 会议部署了全年工作，提出了明确要求。\n"))
    assert doc.meta.author == "张三、李四"


def test_a_sentence_about_a_reporter_is_no_byline():
    from publisher.structure.lines import split_lines

    (line,) = split_lines("记者从市政府获悉")
    assert not line.is_byline


def test_a_sites_name_under_the_title_is_the_source():
    doc = _doc("在全县安全生产工作会议上的讲话\n三味园范文网\n2025-04-02\n")
    assert (doc.meta.source, doc.meta.date) == ("三味园范文网", "2025-04-02")
    assert "三味园范文网" not in [b.text for b in doc.blocks]


def test_a_subtitle_that_ends_in_a_word_like_a_sites_is_no_source():
    doc = _doc("关于加强网络安全的通知\n——建设清朗网络空间\n")
    assert doc.meta.source is None


def test_a_disclosure_tables_rows_without_colons_are_fields():
    from publisher.fields import disclosure_row

    assert disclosure_row("索引号 014046317/2023-04570 生成日期 2023-11-21 公开日期 2023-11-21") == [
        ("索引号", "014046317/2023-04570"), ("生成日期", "2023-11-21"), ("公开日期", "2023-11-21")]
    doc = _doc("市政府关于表彰见义勇为先进的决定\n索引号 014046317/2023-04570 生成日期 2023-11-21\n"
               "文件编号 宜政发〔2023〕158号 公开时限 长期公开\n关键词 决定,公开,政府网站 分类词 文秘工作\n")
    assert doc.meta.keywords == ("决定", "公开", "政府网站") and doc.meta.number == "宜政发〔2023〕158号"
    assert not [b for b in doc.blocks if "索引号" in b.text or "公开时限" in b.text]


def test_a_sentence_that_starts_with_a_label_word_is_no_row():
    from publisher.fields import disclosure_row

    assert disclosure_row("关键词是落实，文号按规定编排。") is None  # one label only
    assert disclosure_row("索引号：014046317 生成日期：2023-11-21") is None  # a labelled field line


def test_a_rules_promulgation_lines_give_its_date_and_stay_text():
    (doc,) = structure(clean("重大行政决策程序暂行条例\n2019年4月20日 中华人民共和国国务院令第713号公布\n2019年9月1日 施行\n"
                             "第一章 总则\n第一条 为了健全科学、民主、依法决策机制，制定本条例。\n第二条 本条例适用于重大行政决策。\n"))
    assert doc.meta.date == "2019-04-20"
    assert [b.text for b in doc.blocks[:2]] == ["2019年4月20日中华人民共和国国务院令第713号公布", "2019年9月1日施行"]
