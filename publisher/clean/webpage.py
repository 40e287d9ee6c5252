"""What a saved or pasted web page holds that its author never wrote.

Literal HTML entities and markup, a site's notices (copyright, reprint terms, paywalls,
adverts), its list of related links, photo credits and the teaser that repeats the text's
opening. Each rule removes a whole line, or a span it can tell from the author's words by
its form; an author's sentence (a line ending in 。) is never taken for a notice.
"""

from __future__ import annotations

import html
import re

from .ideographs import fold_radicals
from .residue import _fix_lines_holding
from .whitespace import normalize_line_ends, remove_invisible, replace_odd_spaces

_HAN = "\u4e00-\u9fff"

# --- entities -------------------------------------------------------------------------------

_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_ENTITY_ROUNDS = 4  # &amp;nbsp; is a CMS's twice-escaped &nbsp;: decoded again, a few times at most


def _decoded(match: re.Match[str]) -> str:
    entity = match.group()
    char = html.unescape(entity)
    if char == entity:
        return entity  # no such entity: the text's own & and ;
    # What an entity may stand for (a no-break space, a soft hyphen, a radical, a page break) is
    # given the form the rules before and after this one give it: they may have judged the text idle.
    return fold_radicals(replace_odd_spaces(remove_invisible(normalize_line_ends(char)))).replace("\f", "\n")


def decode_html_entities(text: str) -> str:
    """``&nbsp;`` → a space, ``&quot;`` → ``"``, ``&#8220;`` → ``“``: entities a page's source
    leaked into the text. An ``&`` that starts no known entity stays as it is."""
    if "&" not in text:
        return text
    for _ in range(_ENTITY_ROUNDS):
        decoded = _ENTITY.sub(_decoded, text)
        if decoded == text:
            break
        text = decoded
    return text


# --- markup ---------------------------------------------------------------------------------

# A comment closed within a few thousand characters, or open to its line's end; then the tail
# of a comment that opened before the paste began (…淮安日报 content_170516.html /enpproperty-->).
_COMMENT = re.compile(r"<!--(?:[^-]|-(?!->)){0,4000}?-->|<!--[^\n]*")
_COMMENT_TAIL = re.compile(r"^[^\n]*-->[ \u3000]*$", re.MULTILINE)
# A comment or a script that starts a line may run over several.
_BLOCK_AT_LINE_START = re.compile(
    r"^[^\S\n]*(?:<!--(?:[^-]|-(?!->)){0,4000}?-->|<(script|style)\b[^>]*>(?:[^<]|<(?!/\1)){0,20000}?</\1\s*>)",
    re.MULTILINE | re.IGNORECASE)
_LT, _COMMENT_END = re.compile("<"), re.compile("-->")
_SCRIPT = re.compile(r"<(script|style)\b[^>]*>(?:[^<]|<(?!/\1))*?</\1\s*>", re.IGNORECASE)
# Only the names of HTML elements: 《》 and a comparison such as a<b and c>d are not markup.
_TAG_NAMES = (
    "a|abbr|b|big|blockquote|body|br|button|center|code|col|colgroup|dd|div|dl|dt|em|font|form|h[1-6]|head"
    "|header|footer|hr|html|i|iframe|img|input|label|li|link|meta|nav|o:p|ol|option|p|pre|section|select|small"
    "|span|strike|strong|sub|sup|table|tbody|td|tfoot|th|thead|title|tr|u|ul|article|aside|figure|figcaption"
)
# A tag bare (<p>, <br/>) or with an attribute's value (<p class="x">): a<b and c>d has neither.
_TAG = re.compile(rf"</?(?:{_TAG_NAMES})(?:\s*/?>|\s[^<>\n=]{{0,200}}=[^<>\n]{{0,400}}>)", re.IGNORECASE)
# A line of script or style sheet: no Han character, and the syntax of code.
_CODE_LINE = re.compile(
    rf"^[^{_HAN}\n]*(?:\{{[^{{}}\n]*:[^{{}}\n]*;|\bfunction\s*\(|\bvar\s+\w+\s*=|\bdocument\.\w+|\bwindow\.\w+"
    r"|\$\(|^[^\S\n]*\}[^\S\n]*\)?[^\S\n]*;?[^\S\n]*$)[^\n]*$",
    re.MULTILINE,
)


def _without_markup(line: str) -> str:
    stripped = line.strip()
    if not (stripped.startswith("<") or stripped.endswith(">")):
        return line  # 写入<img …>等代码，: a sentence that quotes markup is the author's
    while True:  # <p><</p>p> leaves a tag once the two around it are gone
        bare = _TAG.sub("", _COMMENT.sub("", _SCRIPT.sub("", line)))
        if bare == line:
            return line
        line = bare


def remove_markup_leaks(text: str) -> str:
    """A page's source pasted with its text: HTML comments, ``<script>``/``<style>`` blocks and
    element tags on a line that starts or ends with markup (the text between tags stays); the tail
    of a comment; lines of script or style sheet without a Han character."""
    # One character is looked for with ``in`` (0.03 ms a megabyte), never an alternation (3 ms).
    if "<" in text:
        text = _BLOCK_AT_LINE_START.sub("", text)
        text = _fix_lines_holding(text, _LT, _without_markup)
    if "-" in text and _COMMENT_END.search(text):
        text = _COMMENT_TAIL.sub("", text)
    if "{" in text or "}" in text:
        text = _CODE_LINE.sub("", text)
    return text


# --- notices --------------------------------------------------------------------------------

#: The kinds of notice a site puts around a text, each with the longest line it fills. A line
#: of that kind is dropped whole; one that ends in 。 is an author's sentence and stays.
NOTICES: tuple[tuple[str, re.Pattern[str], int], ...] = (
    ("copyright", re.compile(r"Copyright|COPYRIGHT|©|All Rights Reserved|Powered by|ICP[备证]|公网安备|版权所有"), 120),
    ("reprint terms", re.compile(
        r"转载.{0,12}(?:注明|出处|授权|必究)|未经.{0,12}(?:授权|许可|同意).{0,12}(?:转载|复制|使用|传播)"
        r"|二次传播|如有侵权|侵权.{0,6}(?:联系|删除)|侵删|版权归.{0,20}所有"), 100),
    ("paywall", re.compile(
        r"预览结束|试读结束|(?:获取|阅读|查看|下载)(?:全部|完整|全)文|阅读全部|完整阅读|完整文章|先登录|请登录"
        r"|登录后(?:查看|阅读|下载)|正式会员|会员(?:才能|可以|专享|即可)|不能全部显示|查看更多|全文共\d+字"
        r"|当前显示\d+字|点此查看|联系老师|定制代笔|(?:下载|获取)(?:WORD|Word|word)"), 100),
    ("advert", re.compile(
        r"免费试用|在线试用|立即了解|立即下载|立即咨询|写作神器|咨询电话|客服电话|扫码关注|关注公众号|扫一扫"), 60),
    ("newspaper page", re.compile(r"^[ \u3000]*第[A-Z]?\d{1,3}版[ \u3000]*[:：]"), 40),
)
#: A template site's lead-in over the text it copied (下面是小编为大家整理的…，供大家参考。): a notice
#: although it ends in 。, for no author writes of 小编 or offers a text 供大家参考.
LEAD_IN = re.compile(
    r"小编.{0,30}(?:整理|收集|分享|带来|推荐|准备)|(?:整理|收集|分享)的.{0,60}供大家(?:参考|借鉴|阅读)")
_LEAD_IN_MAX = 100
#: A notice's heading line: dropped with the notice under it, kept over anything else.
_NOTICE_HEADINGS = frozenset({"版权声明", "免责声明", "温馨提示", "特别声明", "特别提示", "声明"})
#: Spans a template site injects inside sentences, where no author's text holds them.
_INJECTED = re.compile(r"(?:当前)?隐藏内容免费查看|正文复制")
_INJECTED_HINTS = (re.compile("隐藏内容"), re.compile("正文复制"))  # a literal is found ten times faster

# The heading of a page's list of other pages (相关报道：, 推荐内容, 猜你喜欢), and the list's lines.
_RELATED_HEADING = re.compile(
    r"[ \u3000]*[【\[]?(?:相关(?:报道|阅读|文章|链接|新闻|推荐|文档|资料)|推荐(?:内容|阅读|文章)|热门(?:推荐|文章|阅读)"
    r"|猜你喜欢|延伸阅读|精彩推荐|更多(?:阅读|推荐|文章)|大家都在看|往期回顾|最新文章)[】\]]?[ \u3000]*[:：]?[ \u3000]*"
)
_RELATED_HEADING_MAX = 24  # characters, with brackets and spaces
_LINK_WIDTH = 40  # characters: another page's title, never a paragraph
_SENTENCE_END = re.compile("[。！？!?]")

# Every notice and every related-links heading holds one of these words: only the lines that
# hold one are looked at. Few words, and words with rare first characters: the search costs
# about 0.15 ms a megabyte for each (45 words made this rule a tenth of all cleaning).
_SITE_WORDS = re.compile(
    "©|ICP|Copyright|COPYRIGHT|Powered|Rights|版|安备|转载|传播|侵|预览|试|全文|全部|完整|登录|会员|显示|更多|老师"
    "|代笔|ord|ORD|立即|神器|电话|扫|众号|相关|推荐|热门|喜欢|延伸|都在看|往期|最新文章|小编|供大家"
)


def notice_kind(line: str) -> str | None:
    """The kind of site notice this line is, or None."""
    stripped = line.strip(" \u3000")
    if len(stripped) <= _LEAD_IN_MAX and LEAD_IN.search(stripped):
        return "lead-in"
    if not stripped or stripped.endswith("。"):
        return None
    for kind, pattern, longest in NOTICES:
        if len(stripped) <= longest and pattern.search(stripped):
            return kind
    return None


def is_related_heading(line: str) -> bool:
    return len(line) <= _RELATED_HEADING_MAX and _RELATED_HEADING.fullmatch(line) is not None


def _is_link_line(line: str) -> bool:
    stripped = line.strip(" \u3000")
    return 0 < len(stripped) <= _LINK_WIDTH and _SENTENCE_END.search(stripped) is None


#: The longest line any notice or related-links heading fills (characters): a longer line is a
#: paragraph, and is not searched.
_NOTICE_LINE_MAX = max(120, _LEAD_IN_MAX)


def _links_under(lines: list[str], i: int) -> list[int]:
    """The lines of the list under the related-links heading at ``i``."""
    links = []
    for k in range(i + 1, len(lines)):
        if lines[k].strip():
            if not _is_link_line(lines[k]):
                break
            links.append(k)
    return links


def _line_before(lines: list[str], i: int) -> int | None:
    """The last line with text before line ``i``."""
    k = i - 1
    while k >= 0 and not lines[k].strip():
        k -= 1
    return k if k >= 0 else None


def remove_site_notices(text: str) -> str:
    """Copyright and 备案 lines, reprint terms, paywall and login prompts, adverts, a newspaper
    page's label and a template's lead-in, each a line of its own; a 版权声明/温馨提示 heading over
    one of them; a 相关报道/推荐内容 heading with the other pages' titles listed under it (short
    lines without a sentence end); and the spans template sites inject into sentences."""
    if ("藏" in text and _INJECTED_HINTS[0].search(text)) or _INJECTED_HINTS[1].search(text):
        text = _INJECTED.sub("", text)
    # Only lines short enough to be a notice are searched: the search of a whole text for these
    # words cost 6.5 ms a megabyte, of its short lines 1 ms (texts of long paragraphs).
    lines = text.split("\n")
    drop: set[int] = set()
    i = 0
    while i < len(lines):
        line = lines[i]
        if len(line) > _NOTICE_LINE_MAX or _SITE_WORDS.search(line) is None:
            i += 1
            continue
        if notice_kind(line):
            drop.add(i)
            before = _line_before(lines, i)
            if before is not None and _heading_key(lines[before]) in _NOTICE_HEADINGS:
                drop.add(before)
        elif is_related_heading(line):
            drop.add(i)
            links = _links_under(lines, i)
            drop.update(links)
            if links:
                i = links[-1]
        i += 1
    if not drop:
        return text
    return "\n".join(line for k, line in enumerate(lines) if k not in drop)


def _heading_key(line: str) -> str:
    return line.strip(" \u3000【】[]:：")


# --- menus ---------------------------------------------------------------------------------

_MENU_SEPARATOR = re.compile(r"[ \u3000]*[|｜][ \u3000]*")
_MENU_ITEMS = 4  # a site's menu of sections: at least this many, where a line may set two or three apart
_MENU_ITEM_WIDTH = 12  # characters


def is_menu_row(line: str) -> bool:
    """``监理公司管理系统 | OA系统 | ERP系统 | 在线试用``: short items set apart by bars, no sentence.
    A row that starts or ends with a bar is a table's, not a menu."""
    stripped = line.strip(" \u3000")
    if stripped[:1] in "|｜" or stripped[-1:] in "|｜":
        return False
    items = _MENU_SEPARATOR.split(stripped)
    return len(items) >= _MENU_ITEMS and all(0 < len(item) <= _MENU_ITEM_WIDTH for item in items) \
        and _SENTENCE_END.search(stripped) is None and "，" not in stripped


def remove_menus(text: str) -> str:
    """A site's menu pasted as one line of sections set apart by bars."""
    if "|" not in text and "｜" not in text:
        return text
    return "\n".join(line for line in text.split("\n") if not is_menu_row(line))


# --- photo credits --------------------------------------------------------------------------

_CREDIT = re.compile(
    rf"(?<![{_HAN}])[（(]?(?:本报|本台|本网|新华社|[{_HAN}]{{2,6}}(?:日报|晚报|报|台|网|客户端|社))?"
    rf"(?:摄影记者|记者|通讯员|摄影)[ \u3000]*[{_HAN}]{{2,4}}(?:[ \u3000、]+[{_HAN}]{{2,4}}){{0,3}}[ \u3000]*摄[）)]?"
    r"[ \u3000]*$",
    re.MULTILINE,
)


def remove_photo_credits(text: str) -> str:
    """``本报记者 霍艳恩摄``, ``宁夏日报记者 王鼎 摄``: a photo's credit at the end of its caption line.
    A sentence about a reporter (由记者张某拍摄) is not a credit: the credit starts its clause."""
    if "摄" not in text:
        return text
    return _CREDIT.sub("", text)


# --- pinyin ---------------------------------------------------------------------------------

#: The vowels with tone marks that only pinyin writes.
TONE_MARKED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
# One syllable, its tone marked, in brackets right after a character: 領(lǐng)導(dǎo).
_PINYIN = re.compile(rf"(?<=[{_HAN}])[(（][a-zü]{{0,5}}[{TONE_MARKED}][a-zü]{{0,4}}[)）]")
_PINYIN_MIN = 3  # a converter annotates in bulk; one gloss alone is the author's


def remove_pinyin_annotations(text: str) -> str:
    """``根據(jù)考核要求`` → ``根據考核要求``: the readings a converter put after characters. Only
    one tone-marked syllable right after a character is one, and only where a text holds three."""
    if len(_PINYIN.findall(text)) < _PINYIN_MIN:
        return text
    return _PINYIN.sub("", text)


# --- teasers --------------------------------------------------------------------------------

# Labelled (核心提示：, 摘要：, 导读：): an unlabelled line that breaks off may be the author's.
_TEASER = re.compile(
    rf"^[ \u3000]*[{_HAN}]{{2,6}}[:：][ \u3000]*(?P<body>[^\n]{{20,400}}?)[ \u3000]*(?:\.{{3,}}|…+)[ \u3000]*$",
    re.MULTILINE)
_TEASER_KEY = 24  # characters of the teaser that must come again, spaces aside
_SPACES = re.compile(r"\s+")


def remove_teasers(text: str) -> str:
    """A site's summary line (核心提示：…, 内容摘要：…) that repeats the text's opening and breaks off
    with an ellipsis: its words come again, in full, in the lines below it."""
    if "…" not in text and not ("." in text and "..." in text):
        return text
    drop: list[tuple[int, int]] = []
    for m in _TEASER.finditer(text):
        key = _SPACES.sub("", m.group("body"))[:_TEASER_KEY]
        if len(key) >= _TEASER_KEY and key in _SPACES.sub("", text[m.end():]):
            drop.append(m.span())
    for start, end in reversed(drop):
        text = text[:start] + text[end:]
    return text
