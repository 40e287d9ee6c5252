"""Labelled metadata lines that web pages and bulletins put around a text.

``本文关键词:``, ``本文简介:``, ``发布时间：``, ``来源：``, ``作者：`` and the like.
The cleaning stage never joins such a line with its neighbours; the structure
stage moves them out of the text into the document's metadata.
"""

from __future__ import annotations

import re

#: label → metadata field it fills ("" for a label that only marks where the text starts).
LABELS: dict[str, str] = {
    "本文关键词": "keywords",
    "关键词": "keywords",
    "关键字": "keywords",
    "本文简介": "summary",
    "内容摘要": "summary",
    "摘要": "summary",
    "本文内容": "",
    "正文": "",
    "发布时间": "date",
    "发布日期": "date",
    "发文日期": "date",
    "日期": "date",
    "时间": "date",
    "来源": "source",
    "信息来源": "source",
    "文章来源": "source",
    "作者": "author",
    "发布机构": "issuer",
    "发文机关": "issuer",
    "责任编辑": "editor",
    "编辑": "editor",
    "发表时间": "date",
    "更新时间": "date",
    "成文日期": "date",
    "发文字号": "number",
    "文号": "number",
    # The index table of a government information-disclosure page (政府信息公开): labels whose
    # values are the portal's bookkeeping, not the document's.
    "索引号": "",
    "组配分类": "",
    "信息分类": "",
    "主题分类": "",
    "公开方式": "",
    "公开范围": "",
    "公开形式": "",
    "公开时限": "",
    "公开日期": "",
    "生成日期": "",
    "生效时间": "",
    "废止时间": "",
    "效力状况": "",
    "内容概述": "",
    "浏览次数": "",
    "阅读量": "",
    "浏览数": "",
    "归档时间": "",
    "文件编号": "number",
    "公开程序": "",
    "体裁分类": "",
    "体裁": "",
    "分类词": "",
    "有效性": "",
}

#: The labels of a disclosure page's index table when it is pasted without colons, label and
#: value side by side (索引号 014046317/2023-04570 生成日期 2023-11-21): two on a line make it a row.
DISCLOSURE_LABELS = (
    "索引号", "组配分类", "信息分类", "主题分类", "体裁分类", "体裁", "分类词", "关键词", "发布机构", "发文机关",
    "文件编号", "文号", "生成日期", "公开日期", "发文日期", "成文日期", "生效时间", "废止时间", "公开时限",
    "公开形式", "公开方式", "公开范围", "公开程序", "效力状况", "有效性",
    "主题（一）", "主题（二）", "主题(一)", "主题(二)",
)
_DISCLOSURE = re.compile("|".join(sorted(map(re.escape, DISCLOSURE_LABELS), key=len, reverse=True)))
# Every line is asked (has_field): its first two characters answer for most.
_DISCLOSURE_PREFIXES = frozenset(label[:2] for label in DISCLOSURE_LABELS)
_DISCLOSURE_ROW_MAX = 160  # characters

_LABEL_ALT = "|".join(sorted(map(re.escape, LABELS), key=len, reverse=True))
#: A label and its value; several may share one line (发布时间：… 来源：…).
FIELD = re.compile(rf"(?:^|(?<=[ \u3000]))(?P<label>{_LABEL_ALT})[ \u3000]*[:：][ \u3000]*")
#: Inside a line that starts with a field, further labels anywhere (…2021-05-08来源：…).
FIELD_ANYWHERE = re.compile(rf"(?P<label>{_LABEL_ALT})[ \u3000]*[:：][ \u3000]*")
#: Web-page labels that announce a field even in the middle of a line (标题 本文关键词:…).
WEB_FIELD = re.compile(r"(?P<label>本文关键词|本文简介|本文内容)[:：]")


def disclosure_row(line: str) -> list[tuple[str, str]] | None:
    """The (label, value) pairs of a disclosure table's row pasted without colons, or None."""
    stripped = line.strip()
    if stripped[:2] not in _DISCLOSURE_PREFIXES or len(stripped) > _DISCLOSURE_ROW_MAX or stripped[-1:] in "。！？!?":
        return None  # (a sentence that names two labels is no row)
    first = _DISCLOSURE.match(stripped)
    if first is None or stripped[first.end():first.end() + 1] in ("：", ":"):
        return None  # 索引号：… is a labelled field like any other
    found = list(_DISCLOSURE.finditer(stripped))
    if len(found) < 2:
        return None
    ends = [m.start() for m in found[1:]] + [len(stripped)]
    return [(m.group().replace("(", "（").replace(")", "）"), stripped[m.end():end].strip(" \u3000|"))
            for m, end in zip(found, ends, strict=True)]


def has_field(line: str) -> bool:
    """Is this a labelled metadata line rather than running text?"""
    return WEB_FIELD.search(line) is not None or starts_with_field(line)


#: The date a page prints before its first label (2014-03-14   来源:记者站).
DATE_BEFORE_FIELD = re.compile(r"\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?:[ \u3000]+\d{1,2}:\d{2}(?::\d{2})?)?[ \u3000]*")


def starts_with_field(line: str) -> bool:
    """Does this short line start with a label (发布时间：…), or with a date and a label?
    :func:`has_field` without the web labels."""
    stripped = line.strip()
    if len(stripped) > 80:
        return False
    date = DATE_BEFORE_FIELD.match(stripped) if stripped[:1].isdigit() else None
    if date:  # cleaning takes the space out between the date and the label
        return FIELD_ANYWHERE.match(stripped, date.end()) is not None
    return FIELD.match(stripped) is not None or disclosure_row(stripped) is not None

#: How the name of an organ ends (the structure stage reads signatures and addressees by it,
#: cleaning keeps a signature out of shared boilerplate) (国务院办公厅, 市档案局, 某某集团).
ORG_SUFFIX = re.compile(
    r"(?:委员会|工作委员会|人民政府|政府|办公室|办公厅|党委|党组|支部|总支|委|局|厅|部|院|署|处|科|室|中心|协会|学会|"
    r"联合会|总会|公司|集团|大学|学院|学校|研究所|研究院|编辑部|报社)$"
)

#: ``篇2:标题``: the line a web compilation puts before each article after the first.
SEPARATOR = re.compile(r"^篇\s*\d{1,3}\s*[:：]")


def is_separator(line: str) -> bool:
    return bool(SEPARATOR.match(line.strip()))


#: A speaker line under a speech's title: an office, a space, a name (市教育局局长、党委书记 赵青山,
#: 河北省人民政府省长 王正谱). The space is what tells the office from the name: cleaning keeps it.
_OFFICE_END = "(?:长|书记|主席|主任|委员|同志|代表|经理|总监|秘书|主持人)"  # 省长, 局长, 党委书记, 主任委员
SPEAKER_LINE = re.compile(
    rf"(?P<indent>[ \u3000]*)(?P<office>[\u4e00-\u9fff、（）]{{1,24}}?{_OFFICE_END})"
    r"[ \u3000\u00a0]+(?![要是在和的对把将也都就还又应能会不])(?P<name>[\u4e00-\u9fff]{2,4})[ \u3000]*")
#: What any speaker line holds (the end of an office and a space): texts without it are not searched.
# Each starts with its space, which the engine finds as fast as str.find (a pattern that starts
# with the office's last character was a tenth of the time of cleaning).
SPEAKER_HINTS = tuple(
    re.compile(f"{space}(?<=[长记席任员志表理监书人]{space})[ \u3000\u00a0]*[\u4e00-\u9fff]{{2,4}}[ \u3000]*(?:\n|$)")
    for space in (" ", "\u3000", "\u00a0"))
