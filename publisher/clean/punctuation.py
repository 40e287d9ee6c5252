"""Punctuation of Chinese text: full-width marks in Chinese context, ellipses, dashes, quotes, brackets.

Numbers, times, ranges and URLs (``3.5``, ``2019.1.17``, ``9:30``, ``2017-2020``,
``http://…``) and Latin text keep their ASCII punctuation.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .chars import CJK_PUNCT, HAN, is_cjk_char

_FULLWIDTH_LETTERS_DIGITS = "０-９Ａ-Ｚａ-ｚ"
#: What fullwidth_alnum changes: full-width digits and Latin letters, and the full-width point.
FULLWIDTH_ALNUM = _FULLWIDTH_LETTERS_DIGITS + "．"
_FULLWIDTH_ALNUM = re.compile(f"[{_FULLWIDTH_LETTERS_DIGITS}]")
# Every pattern a rule runs over a whole text starts with a literal character (or a class): the
# engine then skips to where one stands. One that starts with a repeat (x{2,}) or a look-behind
# is tried at every position of the text, ten to fifty times slower.
_FULLWIDTH_DECIMAL = re.compile("．(?<=[0-9]．)(?=[0-9])")

_HALF_TO_FULL = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！", "(": "（", ")": "）"}
_HALF_MARKS = "".join(_HALF_TO_FULL)
_CJKISH = f"[{HAN}{CJK_PUNCT}]"
_CJKISH_RE = re.compile(_CJKISH)
_URL = re.compile(r"(?:https?|ftp)://[^\s\u3000-\u303f\uff00-\uffef“”‘’]+|www\.[A-Za-z0-9.-]+[^\s\u3000-\u303f\uff00-\uffef“”‘’]*")
_PAREN_PAIR = re.compile(r"\(([^()\n]{0,60})\)")
# Patterns start with the mark itself, so that the regular-expression engine can scan for it
# quickly; what must stand before the mark is checked on the few matches (see _preceded_by).
_CHINESE_BEFORE = re.compile(f"[{HAN}”’）》]")
_ASCII_STOP = re.compile("\\.(?![.0-9A-Za-z])|\\.(?=[0-9]{4}年)")
_DOT_ELLIPSIS = re.compile(r"\.\.\.+|。。。+|．．．+|···+")
# Runs of … of odd length (one, three …) and any ⋯: an even run of … is a proper ellipsis already.
_ODD_ELLIPSIS = re.compile("⋯+|…(?<!……)(?:……)*(?!…)")
_DASH = re.compile(f"(?:--+|－－?|――?|—(?<!——)(?!—))(?=[{HAN}“‘（《])")
_HAN_BEFORE = re.compile(f"[{HAN}]")
_DOC_NUMBER = re.compile("[\\[［]\\s*((?:19|20)\\d{2})\\s*[\\]］](?=\\s*\\d{1,4}\\s*[号號])")  # 號: zh-Hant
_MIXED_BRACKETS = (
    (re.compile(r"（([^（）()\n]{0,40})\)"), r"（\1）"),
    (re.compile(r"\(([^（）()\n]{0,40})）"), r"（\1）"),
)
_DOUBLE_QUOTES = re.compile("[“”\"]")
_PAIRED_QUOTES = re.compile("“[^“”\"\n]*”")


def _preceded_by(before: re.Pattern[str], repl: Callable[[re.Match[str]], str],
                 text: str) -> Callable[[re.Match[str]], str]:
    """A replacement that applies only where the character before the match is one of ``before``."""

    def replace(m: re.Match[str]) -> str:
        start = m.start()
        return repl(m) if start and before.match(text, start - 1) else m.group()

    return replace


def fullwidth_alnum(text: str) -> str:
    """Full-width digits and Latin letters → ASCII (１２ → 12, ＡＢ → AB); ３．５ → 3.5."""
    if _FULLWIDTH_ALNUM.search(text):
        text = _FULLWIDTH_ALNUM.sub(lambda m: chr(ord(m.group()) - 0xFEE0), text)
    return _FULLWIDTH_DECIMAL.sub(".", text) if "．" in text else text


def _protect_urls(text: str) -> tuple[str, list[str]]:
    urls: list[str] = []
    # What every URL the pattern knows holds.
    if not ((":" in text and "://" in text) or ("w" in text and "www." in text)):
        return text, urls

    def stash(m: re.Match[str]) -> str:
        urls.append(m.group())
        return f"\ue000{len(urls) - 1}\ue001"

    return _URL.sub(stash, text), urls


def _restore_urls(text: str, urls: list[str]) -> str:
    if not urls:
        return text
    return re.sub("\ue000(\\d+)\ue001", lambda m: urls[int(m.group(1))], text)


# A mark with a Chinese character or mark right beside it on both sides is Chinese whatever
# else holds: most marks of a Chinese text. One pattern per mark, starting with the mark itself
# (the engine finds a literal fast; a pattern that starts with a look-behind is tried everywhere).
# Found are the marks that are not between two (few: most marks are), so that the rest convert as
# one str.replace, which is as fast as copying, where a pattern would take one match per mark.
_HALF_NOT_BETWEEN_CJK = tuple(
    (half, re.compile(f"{re.escape(half)}(?:(?<!{_CJKISH}.)|(?!{_CJKISH}))"), full)
    for half, full in _HALF_TO_FULL.items()
)


def _convert_between_cjk(text: str, half: str, not_between: re.Pattern[str], full: str) -> str:
    """Each ``half`` with a Chinese character or mark on both sides → ``full``."""
    stay = [m.start() for m in not_between.finditer(text)]
    converted = text.replace(half, full)
    return _replace_at(converted, dict.fromkeys(stay, half)) if stay else converted


def _neighbour(text: str, converted: dict[int, str], i: int, step: int) -> str:
    """The nearest character beside ``text[i]`` (as converted so far), looking past spaces (the
    spacing rule removes those between Chinese marks, and the result must not depend on the order
    of the two rules)."""
    j = i + step
    n = len(text)
    while 0 <= j < n and text[j] == " ":
        j += step
    return converted.get(j, text[j]) if 0 <= j < n else ""


def _not_latin(neighbour: str, quotes: str) -> bool:
    """The other side of a mark is not Latin text: a line end, a digit, a quote, or non-ASCII."""
    return neighbour in ("", "\n") or not neighbour.isascii() or neighbour.isdigit() or neighbour in quotes


def _convert_paren_pairs(text: str) -> str:
    """``(…)`` → ``（…）`` where the content or either side is Chinese."""

    def pair(m: re.Match[str]) -> str:
        start, end = m.start(), m.end()
        before = text[start - 1] if start else ""
        after = text[end] if end < len(text) else ""
        inner = m.group(1)
        if _CJKISH_RE.search(inner) or is_cjk_char(before) or is_cjk_char(after):
            return f"（{inner}）"
        return m.group()

    return _PAREN_PAIR.sub(pair, text)


def _positions(text: str, chars: str) -> list[int]:
    """Where the characters occur in the text, in order (``str.find`` beats a pattern when they are few)."""
    found = []
    for c in chars:
        i = text.find(c)
        while i >= 0:
            found.append(i)
            i = text.find(c, i + 1)
    found.sort()
    return found


def _chinese_marks(text: str) -> dict[int, str]:
    """Positions of the half-width marks in Chinese context, with their full-width forms."""
    positions = _positions(text, _HALF_MARKS)
    converted: dict[int, str] = {}
    # A converted mark is Chinese context for its neighbour (``):·`` → ``）：·``): repeat until stable.
    changed = True
    while changed:
        changed = False
        for i in positions:
            if i in converted:
                continue
            ch = text[i]
            before, after = _neighbour(text, converted, i, -1), _neighbour(text, converted, i, 1)
            if ch in ",:" and before.isdigit() and after.isdigit():
                continue
            if (is_cjk_char(before) and _not_latin(after, "\"'(")) \
                    or (is_cjk_char(after) and _not_latin(before, "\"')")):
                converted[i] = _HALF_TO_FULL[ch]
                changed = True
    return converted


def _replace_at(text: str, replacements: dict[int, str]) -> str:
    """``text`` with the character at each position replaced."""
    parts = []
    last = 0
    for i in sorted(replacements):
        parts.append(text[last:i])
        parts.append(replacements[i])
        last = i + 1
    parts.append(text[last:])
    return "".join(parts)


def halfwidth_punctuation(text: str) -> str:
    """Half-width ``, : ; ? ! ( )`` in Chinese context → ``，：；？！（）``.

    A mark is Chinese when a Chinese character or mark stands on one side and
    the other side is not ASCII letters or digits on both (``9:30``, ``1,000``
    and ``Hello, world`` stay). Parentheses convert as a pair when either the
    content or the outside is Chinese: ``科(股)室`` → ``科（股）室``.
    """
    if not any(c in text for c in _HALF_TO_FULL):
        return text
    text, urls = _protect_urls(text)
    if "(" in text:
        text = _convert_paren_pairs(text)
    # Marks between two Chinese characters convert whatever their neighbours do, so converting
    # them first leaves the loop below the same result with far fewer marks to look at. (Such a
    # mark has no mark beside it, so converting one never changes whether another is between two.)
    for half, not_between, full in _HALF_NOT_BETWEEN_CJK:
        if half in text:
            text = _convert_between_cjk(text, half, not_between, full)
    converted = _chinese_marks(text)
    if converted:
        text = _replace_at(text, converted)
    return _restore_urls(text, urls)


def ascii_full_stop(text: str) -> str:
    """An ASCII full stop after a Chinese character → ``。`` (之一.2023年 → 之一。2023年).

    Never inside numbers (3.5, 2019.1.17), before Latin text, or in an ellipsis.
    """
    if "." not in text:
        return text
    return _ASCII_STOP.sub(_preceded_by(_CHINESE_BEFORE, lambda _m: "。", text), text)


def ellipsis(text: str) -> str:
    """``...``, ``。。。``, ``⋯⋯`` and a lone ``…`` → ``……``."""
    # A one-character `in` is ten times as fast as a longer one: the rarer character asks first.
    if ("." in text and "..." in text) or "。。。" in text or ("．" in text and "．．．" in text) \
            or ("·" in text and "···" in text):
        text = _DOT_ELLIPSIS.sub("……", text)
    if "⋯" in text or ("…" in text and text.count("…") != 2 * text.count("……")):  # some run is not a pair of …
        text = _ODD_ELLIPSIS.sub("……", text)
    return text


def dash(text: str) -> str:
    """``--``, ``－`` or a lone ``—`` between Chinese → ``——``; ``2017-2020`` stays."""
    if not (("-" in text and "--" in text) or "－" in text or "―" in text
            or ("—" in text and text.count("—") != 2 * text.count("——"))):
        return text
    return _DASH.sub(_preceded_by(_CHINESE_BEFORE, lambda _m: "——", text), text)


def document_number_brackets(text: str) -> str:
    """Document numbers take hexagonal brackets: ``国发[2018]59号`` → ``国发〔2018〕59号``."""
    if "[" not in text and "［" not in text:
        return text
    return _DOC_NUMBER.sub(_preceded_by(_HAN_BEFORE, lambda m: f"〔{m.group(1)}〕", text), text)


def balance_brackets(text: str) -> str:
    """A bracket pair typed half in full width, half in ASCII: ``（一)`` → ``（一）``."""
    if ")" not in text and "(" not in text:
        return text
    for pattern, repl in _MIXED_BRACKETS:
        text = pattern.sub(repl, text)
    return text


def _alternate_quotes(line: str) -> str:
    parts = _DOUBLE_QUOTES.split(line)
    out = [parts[0]]
    for k, part in enumerate(parts[1:]):
        out.append("”" if k % 2 else "“")
        out.append(part)
    return "".join(out)


def pair_quotes(text: str) -> str:
    """Double quotation marks alternate open, close within a paragraph: ``“明细账“`` → ``“明细账”``.

    Only paragraphs with an even number of marks are touched; an odd count means a
    quotation the source cut off, and guessing would change the meaning.
    ASCII ``"`` count as marks only in a paragraph with Chinese text.
    """
    if "“" not in text and "”" not in text and '"' not in text:
        return text
    # A line is in order when its marks are “” pairs. Taking out every pair leaves the marks of
    # the lines that are not, and the same line breaks: a pattern that begins with “ is found
    # fast, where one that looks at every mark and line break would look at every character.
    left = _PAIRED_QUOTES.sub("", text)
    if "“" not in left and "”" not in left and '"' not in left:
        return text
    lines = text.split("\n")
    for i, rest in enumerate(left.split("\n")):
        if "“" in rest or "”" in rest or '"' in rest:
            marks = len(_DOUBLE_QUOTES.findall(lines[i]))
            if not marks % 2 and _CJKISH_RE.search(lines[i]):
                lines[i] = _alternate_quotes(lines[i])
    return "\n".join(lines)
