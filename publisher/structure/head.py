"""The head of a document: title, bulletin header, web-page fields, author and date lines."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..fields import FIELD_ANYWHERE, LABELS, ORG_SUFFIX, SPEAKER_LINE, WEB_FIELD, disclosure_row, has_field
from ..model import Block
from .lines import BYLINE, DATE, DATE_NUMERIC, TITLE_WIDTH, Line, iso_date

#: What a title of a speech, report or bulletin ends with.
TITLE_ENDING = re.compile(
    r"(?:讲话|讲话稿|讲稿|讲话摘要|讲话要点|发言|发言稿|致辞|贺词|报告|工作报告|摘要|通知|意见|决定|办法|方案|规定|条例|细则|"
    r"总结|纪要|简报|通报|公告|通告|倡议书?|贺信|的信|主持词|述职|汇报|答卷人|新篇章|讲评)[）)]?$"
)
_ISSUER_VERBS = re.compile(r"(?:编发|印发|编印|主办|编|发)$")
_SPEAKER_IN_TITLE = re.compile(
    r"^(?P<name>[\u4e00-\u9fff]{2,4}?)(?:同志)?在.{2,80}(?:上|中|时)的(?:讲话|发言|致辞|报告|总结讲话|主持词)")
_SPEAKER_COLON = re.compile(r"^(?P<name>[\u4e00-\u9fff]{2,4})[：:]")
_NAME_LINE = re.compile(r"^[（(]?(?:[\u4e00-\u9fff]{1,12}\s+)?(?P<name>[\u4e00-\u9fff]{2,4})(?:同志)?[）)]?$")
_KEYWORD_SPLIT = re.compile(r"[,，、;；\s]+")


@dataclass
class Head:
    """What the head lines of a document say; filled in as they are read."""

    title: str | None = None
    page_title: str | None = None  # the title a web page repeats before its fields
    fields: dict[str, object] = field(default_factory=dict)

    def set(self, key: str, value: object) -> None:
        if value and key not in self.fields:
            self.fields[key] = value


def gather_title(lines: list[Line], start: int) -> tuple[str, int]:
    """A title from ``lines[start]``, joined with the lines a long title was split into (001).

    A continuation is short, unnumbered, not a sentence, and not a name, date or
    subtitle line; a blank line between the parts is allowed.
    """
    title = lines[start].text
    used = 1
    while start + used < len(lines) and used < 3:
        nxt = lines[start + used]
        if not nxt.is_titleish or nxt.text.startswith(("—", "（", "(", "──")):
            break
        if TITLE_ENDING.search(title) and not TITLE_ENDING.search(nxt.text):
            break
        if _alike_from_start(title, nxt.text) >= _REPEATED_TITLE or (
                len(nxt.text) >= _REPEATED_TITLE and (title.endswith(nxt.text) or nxt.text.endswith(title))):
            break  # the page's title, then the document's own (…工作计划-22篇 / …工作计划汇编)
        # A short fragment continues the title only where it completes it (…上的讲 + 话摘要),
        # never a name or a date standing under the title.
        completes = TITLE_ENDING.search(title + nxt.text) and (
            not TITLE_ENDING.search(title) or TITLE_ENDING.fullmatch(nxt.text))  # …的讲话 + 摘要
        if (nxt.width < 10 or _NAME_LINE.match(nxt.text)) and not completes:
            break
        if (len(title) + len(nxt.text)) * 2 > TITLE_WIDTH * 1.4:
            break
        title += nxt.text
        used += 1
    return title, used


#: Two title lines that begin with this many characters alike are two titles, not one in two lines.
_REPEATED_TITLE = 8
#: A column label or a page number above a title is this wide at most (columns): 市政府文件, 1.
LABEL_WIDTH = 12
_SLOGAN_WIDTH = 60
_TITLE_GLUE = ("关于", "關于", "对", "對", "在", "的", "和", "与", "與", "及", "进一步", "進一步")


def is_label_before_title(lines: list[Line], i: int) -> bool:
    """A short line above a line that is a whole title by itself (…的决定, …的主持词): a column
    label (市政府文件) or a page number (1), not the title's first part.

    A title's first part ends where the line was full or before its last words (关于…的 /
    通知); a label is a word or two, and the title under it reads complete without it.
    """
    line = lines[i]
    numbers = line.text.replace(" ", "").isdigit()
    # A site's slogan or advertisement over the title (公文高手，超级方便的公文写作神器！立即了解).
    slogan = line.has_sentence_end and line.fits(_SLOGAN_WIDTH) and i == 0
    if i + 1 >= len(lines) or (line.width > LABEL_WIDTH and not (numbers or slogan)) \
            or TITLE_ENDING.search(line.text):
        return False
    if not (line.is_titleish or numbers or slogan):  # 1, or a page's counters: 1580 1580 112638
        return False
    # The organ that issues it (国务院办公厅 / 关于…的通知) and a first part that stops on a
    # word that needs the rest (…关于 / 进一步…) begin the title.
    if ORG_SUFFIX.search(line.text) or line.text.endswith(_TITLE_GLUE):
        return False
    nxt = lines[i + 1]
    # 关于… under a word or two may go on from them (中共某某市委 / 关于…); a slogan or a number does not.
    goes_on = ("的", "之", "和", "及", "与") + (() if slogan or numbers else ("关于", "關于"))
    return nxt.is_titleish and nxt.width >= 16 and TITLE_ENDING.search(nxt.text) is not None \
        and not nxt.text.startswith(goes_on)


def is_organ(text: str) -> bool:
    """Does the text end as the name of an organ does (…人民政府, …办公室, …局)?"""
    return ORG_SUFFIX.search(text) is not None


def _alike_from_start(a: str, b: str) -> int:
    """How many characters two texts begin with alike."""
    return next((k for k, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))


def is_header_line(line: Line) -> bool:
    """A bulletin or letterhead line: an issuer and a date (…编发 2019年1月17日), no sentence."""
    return line.fits(90) and not line.has_sentence_end and iso_date(line.text) is not None and (
        line.is_date or bool(ORG_SUFFIX.search(_issuer_part(line.text) or ""))
    )


def _issuer_part(text: str) -> str | None:
    m = DATE.search(text) or DATE_NUMERIC.search(text)
    if not m:
        return None
    before = _ISSUER_VERBS.sub("", text[: m.start()].strip()).strip()
    return before or None


def read_header(line: Line, head: Head) -> None:
    head.set("date", iso_date(line.text))
    issuer = _issuer_part(line.text)
    if issuer and ORG_SUFFIX.search(issuer):
        head.set("issuer", issuer)


def issuer_from_signature(tail: list[Block]) -> str | None:
    """The organ that signed the document (国务院, 东阳市人民政府办公室), where its signature is one.

    A person's name signs a speech or a letter: it is no issuer.
    """
    signature = next((b.text for b in tail if b.type == "signature"), None)
    if signature and " " not in signature and ORG_SUFFIX.search(signature) and len(signature) >= 3:
        return signature
    return None


def read_web_fields(line: Line, head: Head) -> None:
    """``标题 本文关键词:a,b`` / ``本文简介:…`` / ``本文内容:``: the page title and a field."""
    m = WEB_FIELD.search(line.text)
    assert m is not None
    before = line.text[: m.start()].strip()
    if before:
        head.page_title = head.page_title or before
    _store(m.group("label"), line.text[m.end():].strip(), head)


def read_labelled_fields(line: Line, head: Head) -> None:
    """``发布时间：2020-03-01 来源：某某网 作者：某某``: one or several fields on a line; or a
    disclosure table's row without colons (索引号 … 生成日期 …)."""
    if (row := disclosure_row(line.text)) is not None:
        for label, value in row:
            _store(label, value, head)
        return
    matches = list(FIELD_ANYWHERE.finditer(line.text))
    if matches and (date := iso_date(line.text[:matches[0].start()].strip())):
        head.set("page_date", date)  # 2014-03-14   来源：…: the date the page printed before its labels
    for k, m in enumerate(matches):
        end = matches[k + 1].start() if k + 1 < len(matches) else len(line.text)
        _store(m.group("label"), line.text[m.end():end].strip(), head)


def _store(label: str, value: str, head: Head) -> None:
    key = LABELS.get(label, "")
    if not key or not value:
        return
    if key == "keywords":
        head.set("keywords", tuple(k for k in _KEYWORD_SPLIT.split(value) if k))
    elif key == "date":  # when the page was published: the document's own date, if any, wins
        head.set("page_date", iso_date(value))
    elif key in ("summary", "source", "author", "issuer", "number"):
        head.set(key, value)


def read_name_or_date(line: Line, head: Head) -> bool:
    """Lines under a title: the speaker's name or the date of the speech. True if consumed."""
    if line.is_date:
        head.set("date", iso_date(line.text))
        return True
    speaker = SPEAKER_LINE.fullmatch(line.text)
    if speaker and line.fits(60):  # 河北省人民政府省长 王正谱: both are metadata, neither is lost
        head.set("author", speaker.group("name"))
        head.set("office", speaker.group("office"))
        return True
    m = _NAME_LINE.match(line.text)
    if (m and line.fits(30) and not line.blank_before) or (m and line.text.startswith(("（", "("))):
        head.set("author", m.group("name"))
        return True
    return False


_LONE_NAME = re.compile(r"[\u4e00-\u9fff]{2,4}")
#: A rule's promulgation lines under its title: 2019年4月20日 中华人民共和国国务院令第713号公布,
#: 2019年9月1日 施行, （2018年修订）.
_PROMULGATION = re.compile(r"^[（(]?(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日[^。！？]{0,50}?"
                           r"(?:公布|发布|施行|通过|修订|修正|印发)[）)]?$")
#: A site's name alone on a line (三味园范文网, 中国政府网): where the page came from.
_SITE_NAME = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]{1,12}(?:网|网站|在线)")
_LABEL_ONLY = re.compile(r"[:：][ \u3000]*$")
_SUBTITLE = re.compile(r"^(?:[—―─-]{1,2}|(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*在)")
#: How many lines under a title are looked at for its subtitle, date and speaker.
UNDER_TITLE_LINES = 10  # fields split over two lines each, a repeated title, a subtitle, a speaker, a date


def is_subtitle(line: Line) -> bool:
    """——在…会议上的讲话, ——2026年2月3日在…会议上, 2026年1月27日在…会议上: no sentence."""
    return bool(_SUBTITLE.match(line.text)) and not line.has_sentence_end and line.fits(TITLE_WIDTH + 40)


def byline_names(text: str) -> str | None:
    """The reporters a byline names: 严 明 (one name spaced out) → 严明; 张三 李四 → 张三、李四."""
    m = BYLINE.match(text)
    if m is None:
        return None
    parts = [p for p in re.split(r"[ \u3000、，,]+", m.group("names")) if p]
    if all(len(p) == 1 for p in parts):
        return "".join(parts)
    return "、".join(parts)


# A page's title that holds the 发文字号 in brackets: …印发《…》的通知（岳办发〔2017〕2号）.
_TITLE_WITH_NUMBER = re.compile(
    r"^(?P<title>.{6,80}?)[（(](?P<number>[\u4e00-\u9fffA-Za-z]{1,14}〔(?:19|20)\d{2}〕第?\d{1,5}[号號])[）)]$")


def title_and_number(line: Line) -> tuple[str, str] | None:
    """A title line that ends with its 发文字号 in brackets: the title and the number."""
    if "〔" not in line.text or line.has_sentence_end:
        return None
    m = _TITLE_WITH_NUMBER.match(line.text)
    if m is None or not TITLE_ENDING.search(m.group("title")):
        return None
    return m.group("title"), m.group("number")


_OVER_NUMBER_REACH = 8  # lines: a page's labels and titles over the document's own


def title_over_number(lines: list[Line], i: int) -> int | None:
    """Where the document's own title starts when a 发文字号 follows it further down the head:
    the titles and labels over it (公文管理系统 / 安徽省统计局公文处理工作办法) are the page's.

    None where the number is under the title that starts at ``i`` (a title wrapped over lines
    runs on without a blank line) or there is no number before the text begins."""
    for k in range(i + 1, min(len(lines), i + _OVER_NUMBER_REACH)):
        line = lines[k]
        if line.is_document_number:
            start = k - 1
            while start - 1 > i and lines[start - 1].is_titleish and not lines[start].blank_before:
                start -= 1
            return start if start > i and lines[start].is_titleish and lines[start].blank_before else None
        if line.has_sentence_end or not line.fits(TITLE_WIDTH):
            return None
    return None


def read_under_title(lines: list[Line], start: int, head: Head) -> tuple[int, list[str]]:
    """The lines under a title, from ``start``: subtitle, date, speaker and page fields, in any order.

    Returns where the body starts and the subtitles, which stay text (a date they hold is the
    document's); date, speaker and field lines are metadata.
    """
    i, subtitles = start, []
    speech = False  # a subtitle or a date was read: a name alone on a line is the speaker's
    while i < len(lines) and i < start + UNDER_TITLE_LINES:
        line = lines[i]
        if line.is_document_number:
            head.set("number", line.text)
            subtitles.append(line.text)  # metadata, and printed under the title as it stands
        elif read_name_or_date(line, head):
            speech = True
            if line.is_date:
                subtitles.append(line.text)  # （2018年1月2日）: the document prints it; kept as text too
        elif _SITE_NAME.fullmatch(line.text) and "source" not in head.fields:
            head.set("source", line.text)  # 三味园范文网 under the title: the site the page was copied from
        elif line.is_byline:
            head.set("author", byline_names(line.text))
            subtitles.append(line.text)  # the report prints it: kept as text too
        elif speech and _LONE_NAME.fullmatch(line.text) and "author" not in head.fields:
            head.set("author", line.text)  # 习近平, under its subtitle and date
        elif is_subtitle(line):
            head.set("date", iso_date(line.text))
            subtitles.append(line.text)
            speech = True
        elif _PROMULGATION.match(line.text):
            head.set("date", iso_date(line.text))  # the first, when it was issued, is the document's
            subtitles.append(line.text)
        elif head.title and head.title.endswith(line.text) and line.width >= 8:
            subtitles.append(line.text)  # the page repeats the document's own title: kept as text
        elif FIELD_ANYWHERE.search(line.text) and not has_field(line.text) and not line.has_sentence_end \
                and line.fits(TITLE_WIDTH):
            read_labelled_fields(line, head)  # 2014-03-14 来源:记者站: its fields read, its text kept
            subtitles.append(line.text)
        elif has_field(line.text) and not line.has_sentence_end and line.fits(TITLE_WIDTH):
            if _LABEL_ONLY.search(line.text) and i + 1 < len(lines) and not has_field(lines[i + 1].text) \
                    and not lines[i + 1].has_sentence_end and lines[i + 1].fits(60):
                i += 1  # 发表时间： and its value on the next line
                line = Line.alone(line.text + lines[i].text)
            read_labelled_fields(line, head)
        else:
            break
        i += 1
    return i, subtitles


def speaker_from_title(title: str) -> str | None:
    for pattern in (_SPEAKER_IN_TITLE, _SPEAKER_COLON):
        m = pattern.match(title)
        if m and not m.group("name").startswith(("在", "关于", "市", "省", "县", "区")):
            return m.group("name")
    return None


def summary_without_title(summary: str, titles: list[str]) -> str:
    """Web summaries repeat the title before the opening sentences; keep the sentences."""
    for title in sorted(filter(None, titles), key=len, reverse=True):
        if summary.startswith(title) and len(summary) > len(title):
            return summary[len(title):].strip()
    return summary


# A news report pasted without its line breaks: the headline runs into the first sentence,
# which opens with the date (集團召開2022年終總結大會2023年1月13日，集團…).
_GLUED_TITLE = re.compile(r"(?P<title>[^，。！？：；,.!?:;\s]{6,40}?)"
                          r"(?=(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日[，,])")
#: Words a sentence puts before its date (会议于2023年…, 自2023年…): no headline ends with them.
_BEFORE_A_DATE = ("于", "在", "从", "自", "至", "到", "是", "为", "的", "截至", "截止", "和", "与", "及")


def title_glued_to_lead(text: str) -> str | None:
    """The headline at the start of a line that runs on into the report's dated first sentence."""
    m = _GLUED_TITLE.match(text)
    if m is None or m.group("title").endswith(_BEFORE_A_DATE):
        return None
    return m.group("title")
