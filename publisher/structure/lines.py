"""What the structure stage knows about a single line of cleaned text."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from ..clean.chars import SENTENCE_END, display_width
from ..fields import ORG_SUFFIX, WEB_FIELD, starts_with_field
from ..numbering import Marker, match_marker

#: Longest line (in columns, CJK = 2) that can be a title or a standalone heading.
TITLE_WIDTH = 100
HEADING_WIDTH = 170  # a numbered line with no stop in it is a heading up to 85 characters

_SALUTATION = re.compile(
    r"^(?:尊敬的.{1,30}|(?:各位|亲爱的)[\u4e00-\u9fff、]{1,20}|同志们|同事们|朋友们|女士们(?:、|，)?先生们|老师们(?:、|，)?同学们"
    r"|[\u4e00-\u9fff]{0,10}(?:同志|领导|代表|来宾|嘉宾)们?(?:[、，][\u4e00-\u9fff]{1,10})*"
    r"|各[\u4e00-\u9fff、，（）]{1,40})[：:！!]$"  # the addressees of an official notice: 各区、县人民政府：
)
_NOTE = re.compile(r"^(?:[【\[]?(?:编者按|编者的话|编者注|编后语|按语|编辑按)[】\]]?[：:]?"
                   # （此件公开发布）, （本文有删减）: notes, never part of a title
                   r"|[（(](?:此件|本文)[\u4e00-\u9fff]{1,8}[）)]$)")
#: 发文字号 on a line of its own: 国发〔2019〕4号, 鄂政發〔2018〕26號.
_DOCUMENT_NUMBER = re.compile(r"^[\u4e00-\u9fffA-Za-z]{1,14}〔(?:19|20)\d{2}〕第?\d{1,5}[号號]$")
DATE = re.compile(r"((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
DATE_NUMERIC = re.compile(r"((?:19|20)\d{2})[-./](\d{1,2})[-./](\d{1,2})")
#: A 成文日期 in Chinese numerals, as documents before 2012 print it: 二〇〇四年十一月四日.
_HAN_DIGITS = "〇○零一二三四五六七八九"
_HAN_UP_TO_31 = "[一二三四五六七八九十]{1,3}"
DATE_HAN = re.compile(rf"([{_HAN_DIGITS}]{{4}})\s*年\s*({_HAN_UP_TO_31})\s*月\s*({_HAN_UP_TO_31})\s*日")
_DATE_LINE = re.compile(
    r"^[（(]?\s*(?:(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|(?:19|20)\d{2}[-./]\d{1,2}[-./]\d{1,2}"
    rf"|{DATE_HAN.pattern})\s*[）)]?$")
#: 附件1 alone on a line, over the attachment it begins (not 附件：1.…, the list of them).
_ATTACHMENT_LABEL = re.compile(r"^附\s*件\s*[0-9一二三四五六七八九十]{0,3}[：:]?$")
#: The addressees of an official document (主送机关), before the colon: organs, and 各… in a
#: list (各省、自治区、直辖市人民政府，国务院各部委、各直属机构：; 市档案局：; 局机关各处室、各事业单位：).
_ADDRESSEE = re.compile(r"^(?P<names>[^。！？：:]{2,110})[：:]$")
_ADDRESSEE_PART = re.compile(r"[，、,；;]")
_ADDRESSED_GROUP = re.compile(r"(?:单位|部门|机构|处室|部委|直属机构|机关|乡镇|街道|企业)$")
_PEOPLE = re.compile("同志|代表|来宾|嘉宾|朋友|女士|先生|老师|同学|领导|委员们|各位")

#: A news report's byline under its headline: ■通讯员 严 明, 本报记者 张三 李四.
BYLINE = re.compile(r"^[■●◆▲□]?[ \u3000]*(?:本报|本台|本网)?(?:特约记者|见习记者|记者|通讯员)[ \u3000]*"
                    r"(?P<names>[\u4e00-\u9fff]{1,4}(?:[ \u3000、，,]+[\u4e00-\u9fff]{1,4}){0,5})$")
_BYLINE_STARTS = "■●◆▲□本记通特见 \u3000"
_SEPARATOR = re.compile(r"^篇\s*(\d{1,3})\s*[:：]\s*(?P<title>.*)$")
# The characters each of those patterns can start a line with. Every line is asked whether it is
# a note, a date, a separator, several times: its first character answers most cheaply.
_NOTE_STARTS = "【[编按（("  # （此件…）, （本文…）
_DATE_LINE_STARTS = "（(12二一"
# One scan for all the marks: most lines asked are short and hold none, where a look for each
# mark in turn made eight calls.
_SENTENCE_END_RE = re.compile(f"[{re.escape(SENTENCE_END)}]")
_CLAUSE_ENDS = frozenset("。！？!?；;，,、：:")  # a line ending with one of these is a sentence or a clause


@dataclass(slots=True)
class Line:
    """A non-blank line of cleaned text, stripped. Never changed once made (not frozen: every line of every
    text is one of these, and a frozen dataclass takes three times as long to make)."""

    text: str
    blank_before: bool
    number: int  # 1-based line number in the cleaned text
    #: Does it hold a web page's field label (本文关键词:), anywhere in it (split_lines finds them).
    web_field: bool

    #: Its numbering marker, found when the line is made: every rule asks (cheaply, by the first character).
    marker: Marker | None = field(init=False, repr=False, compare=False)
    #: Is it a labelled metadata line: asked of every line several times, answered once.
    is_field: bool = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self.marker = match_marker(self.text)
        self.is_field = self.web_field or starts_with_field(self.text)

    @classmethod
    def alone(cls, text: str, blank_before: bool = True, number: int = 0) -> Line:
        """A line made on its own, not among a text's by :func:`split_lines`."""
        return cls(text, blank_before, number, web_field=WEB_FIELD.search(text) is not None)

    @property
    def width(self) -> int:
        return display_width(self.text)

    def fits(self, columns: int) -> bool:
        """``width <= columns``, without measuring where the length alone decides (a paragraph
        is far wider than any title: every line is asked)."""
        n = len(self.text)
        if n > columns:
            return False
        return 2 * n <= columns or self.width <= columns

    @property
    def has_sentence_end(self) -> bool:
        """Does a sentence end anywhere in the line (。！？ inside or at the end)?"""
        return _SENTENCE_END_RE.search(self.text) is not None

    @property
    def is_addressee(self) -> bool:
        """主送机关: 各县（市、区）人民政府，市政府各部门： or 市档案局：, never 同志们：."""
        if not self.text.endswith(("：", ":")) or len(self.text) > 112:
            return False
        m = _ADDRESSEE.match(self.text)
        if m is None or _PEOPLE.search(m.group("names")):
            return False
        last = _ADDRESSEE_PART.split(m.group("names"))[-1].strip()
        return bool(ORG_SUFFIX.search(last) or _ADDRESSED_GROUP.search(last))

    @property
    def is_salutation(self) -> bool:
        return self.text[-1:] in "：:！!" and self.fits(60) and bool(_SALUTATION.match(self.text))

    @property
    def is_note(self) -> bool:
        return self.text[:1] in _NOTE_STARTS and _NOTE.match(self.text) is not None

    @property
    def is_document_number(self) -> bool:
        return "〔" in self.text and _DOCUMENT_NUMBER.match(self.text) is not None

    @property
    def is_byline(self) -> bool:
        return self.text[:1] in _BYLINE_STARTS and self.fits(40) and BYLINE.match(self.text) is not None

    @property
    def is_attachment_label(self) -> bool:
        return self.text.startswith("附") and _ATTACHMENT_LABEL.match(self.text) is not None

    @property
    def is_date(self) -> bool:
        first = self.text[:1]
        if first not in _DATE_LINE_STARTS or (first in "二一" and self.text[4:5] != "年"):  # 二〇〇四年: 一、… is none
            return False
        return _DATE_LINE.match(self.text) is not None

    @property
    def separator_title(self) -> str | None:
        """``篇2:标题`` between the articles of a web compilation: the announced title."""
        m = _SEPARATOR.match(self.text) if self.text.startswith("篇") else None
        return m.group("title").strip() if m else None

    @property
    def is_titleish(self) -> bool:
        """Short, not a sentence, not numbered: a title, a title fragment or a heading without number."""
        return (
            self.text != "" and self.fits(TITLE_WIDTH)
            and self.text.rstrip("”’）)")[-1:] not in _CLAUSE_ENDS
            and not self.has_sentence_end
            and self.marker is None
            and not self.is_field
            and not self.is_salutation
            and not self.is_date
            and not self.is_document_number
            and not self.is_note
            and self.separator_title is None
            and not self.is_byline
        )


def split_lines(text: str) -> list[Line]:
    # Web field labels may stand anywhere in a line: one search of the text finds the lines that
    # hold one, where a search of each line cost a call for every line of every text.
    web_fields = set()
    number, counted_to = 1, 0
    for m in WEB_FIELD.finditer(text):
        number += text.count("\n", counted_to, m.start())  # from the last one on: linear in the text
        counted_to = m.start()
        web_fields.add(number)
    out: list[Line] = []
    blank = False
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.strip()
        if not line:
            blank = True
            continue
        out.append(Line(line, blank_before=blank, number=number, web_field=number in web_fields))
        blank = False
    return out


def _han_number(text: str) -> int:
    """十一 → 11, 二十 → 20, 三十一 → 31; a year's digits one by one (二〇〇四 → 2004)."""
    if "十" not in text:
        return int("".join(str(_HAN_DIGITS.index(c) - 2 if _HAN_DIGITS.index(c) > 2 else 0) for c in text))
    tens, _, units = text.partition("十")
    return (_han_number(tens) if tens else 1) * 10 + (_han_number(units) if units else 0)


def _han_date(m: re.Match[str]) -> tuple[int, int, int]:
    return _han_number(m.group(1)), _han_number(m.group(2)), _han_number(m.group(3))


def iso_date(text: str) -> str | None:
    """The first full date in the text, as ``YYYY-MM-DD``; None where there is none or it is impossible."""
    for pattern in (DATE, DATE_NUMERIC, DATE_HAN):
        m = pattern.search(text)
        if m:
            y, mo, d = (int(g) for g in m.groups()) if pattern is not DATE_HAN else _han_date(m)
            try:
                return datetime.date(y, mo, d).isoformat()
            except ValueError:  # 2月30日, 13月: a typo, not a date
                continue
    return None
