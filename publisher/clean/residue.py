"""Residue of Word, PDF and the web: bookmarks, page numbers, running headers, site boilerplate.

Only lines that carry nothing of the author's are removed. Keyword, summary,
date and source lines of web pages are metadata: they are left for the
structure stage, which moves them out of the text.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

from .chars import display_width, ends_sentence

_WORD_BOOKMARK = re.compile(r"\[bookmark:\s*[^\]\n]{0,80}\]", re.IGNORECASE)

_DASHES = "-‐‑‒–—―－─"
_DIGITS = "0-9０-９"  # ASCII and full-width (fullwidth_alnum comes later)
_PAGE_NUMBER_LINE = re.compile(
    rf"^[ \u3000]*(?:"
    rf"[{_DASHES}]+[ \u3000]*[{_DIGITS}]{{1,4}}[ \u3000]*[{_DASHES}]+"  # - 3 -, —3—
    rf"|第[ \u3000]*[{_DIGITS}]{{1,4}}[ \u3000]*页"  # 第3页 共9页
    rf"(?:[ \u3000]*[,，/]?[ \u3000]*共[ \u3000]*[{_DIGITS}]{{1,4}}[ \u3000]*页)?"
    rf"|共[ \u3000]*[{_DIGITS}]{{1,4}}[ \u3000]*页[ \u3000]*第[ \u3000]*[{_DIGITS}]{{1,4}}[ \u3000]*页"
    rf"|(?:Page|PAGE|p\.)[ ]*[{_DIGITS}]{{1,4}}(?:[ ]*(?:of|/)[ ]*[{_DIGITS}]{{1,4}})?"
    rf"|[{_DIGITS}]{{1,4}}[ ]*/[ ]*[{_DIGITS}]{{1,4}}"
    r")[ \u3000]*$",
    re.MULTILINE,
)
#: Every character a line _PAGE_NUMBER_LINE matches can hold: a line with any other is not
#: tried (str.strip tells, in C; the pattern anchored at every line start costs ten times more).
_PAGE_NUMBER_CHARS = " \u3000" + _DASHES + "0123456789０１２３４５６７８９" + "第页共,，/" + "PageAGEp.of"
_BARE_NUMBER = re.compile(rf"^[ \u3000]*[{_DIGITS}]{{1,4}}[ \u3000]*$")

_WEB_NOISE_LINE = re.compile(
    r"^[ \u3000]*(?:"
    r"[【\[]?返回顶部[】\]]?|[【\[]?打印本页[】\]]?|[【\[]?关闭窗口[】\]]?|[【\[]?打印此文[】\]]?"
    r"|(?:[【\[]?(?:打印本页|关闭窗口|返回顶部|收藏本页|打印|关闭)[】\]]?[ \u3000]*){2,}"
    r"|字号[:：][ \u3000]*[大中小 \u3000]+"
    r"|分享到[:：].{0,40}|分享[:：]?"  # a share widget's label, with its buttons or alone
    r"|试读结束.{0,60}"
    r"|.{0,30}(?:VIP|会员)(?:可|免费|才能|即可).{0,30}(?:阅读|下载|查看)全文.{0,20}"
    r"|(?:上一篇|下一篇)[:：].{0,60}"
    r"|您好[，,]?欢迎(?:访问|来到|光临)[^。\n]{1,30}"  # a site's greeting
    r"|[×Xx✕╳][ \u3000]*关闭"  # a pop-up's close button
    r"|视力保护色[:：]?[^。\n]{0,20}"  # a page's colour switch
    r")[ \u3000]*$",
    re.MULTILINE,
)
# Page-view counters: removed from a line, which keeps its date and source for the metadata.
_VIEW_COUNTER = re.compile(
    r"[ \u3000]*(?:浏览次数|阅读次数|访问次数|点击数|点击量|阅读量|浏览量|浏览数|访问量)[:：][ \u3000]*\d*")


def remove_word_bookmarks(text: str) -> str:
    """``[bookmark: _GoBack]`` and similar anchors that Word leaves in copied text."""
    return _WORD_BOOKMARK.sub("", text) if "[" in text else text


_COUNTERS_LINE = re.compile(r"[ \u3000]*\d{1,12}(?:[ \u3000]+\d{1,12})+[ \u3000]*")


def remove_leading_counters(text: str) -> str:
    """``1580 1580 112638`` over a page's title: numbers set apart by spaces (a page's ids and
    counters) on the first lines, before any line of text. A single number (a page number, a
    year) is not one of them, nor is a line anywhere else (a table's row)."""
    if not text.lstrip(" \u3000\n")[:1].isdigit():  # most texts start with a character: told at once
        return text
    lines = text.split("\n")
    k = 0
    while k < len(lines) and (not lines[k].strip() or _COUNTERS_LINE.fullmatch(lines[k])):
        k += 1
    last = max((i for i in range(k) if lines[i].strip()), default=None)
    return text if last is None else "\n".join(lines[last + 1:])


#: A page counter glued into text that lost its line breaks (第1页共5页区政府…): both parts, so
#: that a sentence's 第3页 stays.
_PAGE_COUNTER_IN_TEXT = re.compile(
    rf"第[ \u3000]*[{_DIGITS}]{{1,4}}[ \u3000]*页[ \u3000]*[,，/]?[ \u3000]*共[ \u3000]*[{_DIGITS}]{{1,4}}[ \u3000]*页")


def remove_page_numbers(text: str) -> str:
    """Lines that are only a page number: ``- 3 -``, ``—3—``, ``第3页 共9页``, ``3/9``; and a
    page counter (第1页共5页) inside a line of text that lost its line breaks.

    A bare number on its own line is a page number only next to a page break.
    """
    if "页" in text and "共" in text:
        text = _PAGE_COUNTER_IN_TEXT.sub("", text)
    lines = text.split("\n")
    found = _page_number_lines(lines)
    if found:
        for i in found:
            lines[i] = ""
        text = "\n".join(lines)
    if "\f" not in text:
        return text
    pages = text.split("\f")
    out = []
    for page in pages:
        lines = page.split("\n")
        nonblank = [i for i, line in enumerate(lines) if line.strip()]
        for i in (nonblank[:1] + nonblank[-1:]) if nonblank else []:
            if _BARE_NUMBER.match(lines[i]):
                lines[i] = ""
        out.append("\n".join(lines))
    return "\f".join(out)


def _header_key(line: str) -> str:
    return re.sub(r"\d+", "#", line.strip())


def remove_running_headers(text: str) -> str:
    """Lines repeated at the top or bottom of most pages: running headers and footers.

    Pages are told by form feeds (as pdftotext writes them). Without form feeds, a
    short line without sentence punctuation is a header or footer that a PDF copy
    left between its lines when it stands beside page numbers at least twice, or
    recurs at least three times in hard-wrapped text.
    """
    if "\f" in text:
        return _remove_page_edge_furniture(text)
    lines = text.split("\n")
    beside_numbers = Counter(_header_key(lines[i]) for i in _next_to_page_numbers(lines, _page_number_lines(lines)))
    furniture = {k for k, n in beside_numbers.items() if n >= 2}
    # Counted first, asked after: only the lines that recur are looked at.
    repeated = {k for k, n in Counter(map(str.strip, lines)).items() if n >= 3 and k and _is_furniture_line(k)}
    if repeated:
        furniture |= _repeated_short_lines(repeated, lines)
    if not furniture:
        return text
    return "\n".join("" if line.strip() and _header_key(line) in furniture and _is_furniture_line(line) else line
                     for line in lines)


def _remove_page_edge_furniture(text: str) -> str:
    """Pages told by form feeds: the furniture lines among the first and last two lines of each page.

    At each edge of a page a furniture line goes once: where the running header is the
    document's title, the title under it on the first page is the author's and stays.
    """
    pages = text.split("\f")
    furniture = _page_furniture([p for p in pages if p.strip()])
    if not furniture:
        return text
    out = []
    for page in pages:
        lines = page.split("\n")
        idx = [i for i, line in enumerate(lines) if line.strip()]
        for edge in (idx[:2], idx[-2:][::-1]):  # outermost line first
            removed: set[str] = set()
            for i in edge:
                key = _header_key(lines[i])
                if key in furniture and key not in removed and _is_furniture_line(lines[i]):
                    lines[i] = ""
                    removed.add(key)
        out.append("\n".join(lines))
    return "\f".join(out)


def _page_furniture(pages: list[str]) -> set[str]:
    """Keys of the short lines without a sentence at the edges of most pages.

    From three pages on, a line at the edges of half of them (at least three), numbers
    aside (第3期). Of two pages, only a line the same on both: the same words at the top
    of both pages of a short document are its header, not two paragraphs.
    """
    if len(pages) < 2:
        return set()
    edges: Counter[str] = Counter()
    exact: Counter[str] = Counter()
    for page in pages:
        lines = [line for line in page.split("\n") if line.strip()]
        seen = [line.strip() for line in lines[:2] + lines[-2:] if _is_furniture_line(line)]
        edges.update({_header_key(line) for line in seen})
        exact.update(set(seen))
    if len(pages) == 2:
        return {_header_key(line) for line, n in exact.items() if n == 2}
    threshold = max(3, len(pages) // 2)
    return {k for k, n in edges.items() if n >= threshold}


def _is_furniture_line(line: str) -> bool:
    stripped = line.strip()  # at most 60 columns: 30 characters always fit, 61 never do
    if len(stripped) > 60 or ends_sentence(stripped):
        return False
    return len(stripped) <= 30 or display_width(stripped) <= 60


def _page_number_lines(lines: list[str]) -> list[int]:
    """Indexes of the lines that are a page number."""
    return [i for i, line in enumerate(lines)
            if line and not line.strip(_PAGE_NUMBER_CHARS) and _PAGE_NUMBER_LINE.match(line)]


def _next_to_page_numbers(lines: list[str], numbers: list[int]) -> list[int]:
    """Indexes of the short lines just before or after a page-number line (blank lines skipped)."""
    found = []
    number_lines = set(numbers)
    for i in numbers:
        for step in (-1, 1):
            j = i + step
            while 0 <= j < len(lines) and not lines[j].strip():
                j += step
            if 0 <= j < len(lines) and _is_furniture_line(lines[j]) and j not in number_lines:
                found.append(j)
    return found


def _repeated_short_lines(repeated: set[str], lines: list[str]) -> set[str]:
    """Of the lines that recur in hard-wrapped text, the keys of those shorter than its lines.

    A line as wide as the text's full lines is a piece of a paragraph that recurs (a
    quotation, a slogan), however short the text is set; a header is narrower than that.
    """
    from .linebreaks import furniture_width

    narrower = furniture_width(lines)
    if narrower is None:
        return set()
    return {_header_key(line) for line in repeated if display_width(line) < narrower}


def remove_page_breaks(text: str) -> str:
    """Form feeds → line breaks, once the page furniture around them is gone."""
    return text.replace("\f", "\n")


# Each line _WEB_NOISE_LINE removes holds one of these.
_NOISE_WORDS = ("返回顶部", "打印", "关闭", "字号", "分享", "试读", "VIP", "会员", "上一篇", "下一篇", "收藏", "欢迎",
                "保护色")
_COUNTER_WORDS = ("次数", "点击", "阅读量", "浏览量", "浏览数", "访问量")  # each counter _VIEW_COUNTER knows holds one


def _any_of(words: tuple[str, ...]) -> re.Pattern[str]:
    # One scan for all the words: the engine skips ahead by their first characters, twice as
    # fast as a str.find per word.
    return re.compile("|".join(map(re.escape, words)))


_BOILERPLATE_WORD = _any_of(_NOISE_WORDS + _COUNTER_WORDS)


def _fix_lines_holding(text: str, words: re.Pattern[str], fix: Callable[[str], str]) -> str:
    """``fix`` applied to each line holding a match of ``words``: for fixes that leave every other line as it is."""
    spans = []
    at = 0
    while (m := words.search(text, at)) is not None:
        end = text.find("\n", m.end())
        end = len(text) if end < 0 else end
        spans.append((text.rfind("\n", 0, m.start()) + 1, end))
        at = end
    if not spans:
        return text
    parts, last = [], 0
    for start, end in spans:
        parts.append(text[last:start])
        parts.append(fix(text[start:end]))
        last = end
    parts.append(text[last:])
    return "".join(parts)


def _remove_boilerplate_in_line(line: str) -> str:
    return _VIEW_COUNTER.sub("", _WEB_NOISE_LINE.sub("", line))


def remove_web_boilerplate(text: str) -> str:
    """Site furniture: 返回顶部, 打印本页, 试读结束…VIP…, 分享到, page-view counters.

    Each furniture line holds one of _NOISE_WORDS, each counter one of _COUNTER_WORDS, and
    neither reaches past its line: only the lines holding a word are looked at.
    """
    return _fix_lines_holding(text, _BOILERPLATE_WORD, _remove_boilerplate_in_line)


# A site's breadcrumb trail pasted one link a line: 首页 / > / 政务信息 / > / 宁夏要闻, after
# a 当前位置： line or not. Its links are the site's sections, nothing of the author's.
_TRAIL_SEPARATOR = re.compile(r"[ \u3000]*[>＞›»/][ \u3000]*")
_WHERE = r"[ \u3000]*(?:当前|您的|您现在的|你的|您的当前|你的当前|您当前)(?:所在)?位置[:：][ \u3000]*"  # 当前位置：
_TRAIL_START = re.compile(rf"(?:{_WHERE})?[ \u3000]*(?:网站)?(?:首页|主页)[ \u3000]*")
_TRAIL_LEAD_IN = re.compile(_WHERE)
_TRAIL_LINK_WIDTH = 24  # columns: a section's name, never a sentence


def _trail_link(line: str) -> bool:
    stripped = line.strip(" \u3000")
    return bool(stripped) and display_width(stripped) <= _TRAIL_LINK_WIDTH and not ends_sentence(stripped)


def _trail_end(lines: list[str], start: int) -> int:
    """Where the breadcrumb trail beginning at ``start`` (a 首页 line) ends; ``start`` if there is none.

    A trail is links and lone separators taking turns, ending with a link: 首页 > A > B.
    """
    end, k = start, start + 1
    while k + 1 < len(lines) and _TRAIL_SEPARATOR.fullmatch(lines[k]) and _trail_link(lines[k + 1]) \
            and not _TRAIL_SEPARATOR.fullmatch(lines[k + 1]):
        end, k = k + 1, k + 2
    return end


# The same trail on one line: 当前位置：首页 > 政策文件库 > 市政府文件, 您的位置:某网>>教育>>正文.
# After a short word of the site's (手机版), or starting at the home page (首页>…).
_TRAIL_LINE = re.compile(rf"(?:[^\n]{{0,6}}?{_WHERE}|[ \u3000]*(?:网站)?首页[ \u3000]*(?=[>＞›»]))"
                         r"[^\n]*?(?:>|＞|›|»)[^\n]*")
_TRAIL_LINE_WIDTH = 200  # columns: a trail may end with a page's title, but not with its text
# A 当前位置 line whose separators the copy lost (您的当前位置:首页资金申请书): a few words after
# the lead-in, no sentence.
_WHERE_LINE = re.compile(rf"{_WHERE}[^\n]{{1,30}}")


_TRAIL_HINT = re.compile("位置[:：]|首页|主页")
_TRAIL_WORDS = tuple(re.compile(word) for word in ("首页", "主页", "位置"))


def _trail_candidates(text: str) -> list[int]:
    """The lines that hold a trail's first words, found where they stand (位置 is a common word;
    asking every line was most of this rule's time)."""
    found: list[int] = []
    line, counted_to = 0, 0
    for m in _TRAIL_HINT.finditer(text):
        line += text.count("\n", counted_to, m.start())
        counted_to = m.start()
        if not found or found[-1] != line:
            found.append(line)
    return found


def remove_breadcrumbs(text: str) -> str:
    """A site's breadcrumb trail: 当前位置：首页 > 政务公开 > 政策法规 on one line, or set one
    link a line (首页, >, 政务信息, >, 宁夏要闻) after a 当前位置： line or not. Site
    navigation, not text. A trail names where it is (当前位置) or starts at the home page,
    and has a separator: a lone ``>`` elsewhere, or 位置 in a sentence, stays."""
    # Two-character words are looked for by pattern (0.3 ms a megabyte; ``in`` takes 0.8 for them).
    if not any(word.search(text) for word in _TRAIL_WORDS):  # most texts hold none
        return text
    candidates = _trail_candidates(text)
    if not candidates:
        return text
    lines = text.split("\n")
    drop: set[int] = set()
    for i in candidates:
        line = lines[i]
        one_line = _TRAIL_LINE.fullmatch(line) and display_width(line) <= _TRAIL_LINE_WIDTH
        if (one_line or _WHERE_LINE.fullmatch(line)) and not ends_sentence(line.strip()):
            drop.add(i)
            continue
        if ("首页" not in line and "主页" not in line) or not _TRAIL_START.fullmatch(line):
            continue
        end = _trail_end(lines, i)
        if end == i:
            continue
        first = i - 1 if i > 0 and _TRAIL_LEAD_IN.fullmatch(lines[i - 1]) else i
        drop.update(range(first, end + 1))
    if not drop:
        return text
    return "\n".join(line for k, line in enumerate(lines) if k not in drop)


# A page's toolbar pasted one button a line: 【字体： / 大 / 中 / 小 / 】, 下载 / 打印 / 全屏 / 收藏.
_TOOLBAR_WORDS = frozenset({
    "下载", "打印", "全屏", "收藏", "分享", "关闭", "返回", "打印本页", "关闭窗口", "返回顶部", "收藏本页", "复制链接",
    "放大", "缩小", "默认", "加大", "减小", "还原", "大", "中", "小", "字体", "字号", "【", "】", "[", "]", "|",
})
_TOOLBAR_OPENING_STARTS = frozenset("【[字文")
_TOOLBAR_LINE_MAX = 16  # characters: the longest button or switch line, with its spaces
_TOOLBAR_OPENING = re.compile(r"[【\[]?[ \u3000]*(?:字体|字号|文字|字体大小)[:：]?[ \u3000]*(?:[大中小][ \u3000]*)*")


def _holds_toolbar(lines: list[str]) -> bool:
    """Two button lines, or a switch's opening line. Only short lines are asked (6 µs a text,
    where a search for the buttons' words in the whole text took 40)."""
    buttons = 0
    for line in lines:
        if len(line) > _TOOLBAR_LINE_MAX:
            continue
        if _toolbar_word(line):
            buttons += 1
            if buttons >= 2:
                return True
        elif _TOOLBAR_OPENING.fullmatch(line):
            return True
    return False


def _toolbar_word(line: str) -> bool:
    return line.strip(" \u3000") in _TOOLBAR_WORDS


def remove_toolbars(text: str) -> str:
    """A page's toolbar set one button a line: two or more lines side by side that each hold one
    button's word (下载, 打印, 全屏, 收藏; 大, 中, 小 after a 【字体： line), with the 【字体：
    line and the closing 】. A single such word on its line stays: it may be text."""
    lines = text.split("\n")
    if not _holds_toolbar(lines):
        return text
    drop: set[int] = set()
    i = 0
    while i < len(lines):
        # After a 【字体： line, its sizes (大, 中, 小) and the closing 】 belong to it; anywhere
        # else only button words of two characters or more make a toolbar (a lone 大 is text).
        line = lines[i]
        # Most lines are neither a button nor an opening: told by a set and the first character.
        if not _toolbar_word(line) and line.lstrip(" \u3000")[:1] not in _TOOLBAR_OPENING_STARTS:
            i += 1
            continue
        opening = _TOOLBAR_OPENING.fullmatch(line) is not None
        j = i + 1 if opening else i
        while j < len(lines) and _toolbar_word(lines[j]) and (opening or len(lines[j].strip(" \u3000")) >= 2):
            j += 1
            if opening and lines[j - 1].strip(" \u3000") in ("】", "]"):
                break  # the switch is closed: what follows is not its
        words = [lines[k].strip(" \u3000") for k in range(i, j)]
        buttons = [w for w in words if len(w) >= 2 and w not in ("字体", "字号")]
        if j - i >= 2 and (len(buttons) >= 2 or opening):
            drop.update(range(i, j))
            i = j
        else:
            i += 1
    if not drop:
        return text
    return "\n".join(line for k, line in enumerate(lines) if k not in drop)
