"""Punctuation of Chinese text: full-width marks in Chinese context, ellipses, dashes, quotes, brackets.

Numbers, times, ranges and URLs (``3.5``, ``2019.1.17``, ``9:30``, ``2017-2020``,
``http://…``) and Latin text keep their ASCII punctuation.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .chars import CJK_PUNCT, HAN

_FULLWIDTH_ALNUM = re.compile("[０-９Ａ-Ｚａ-ｚ]")
_FULLWIDTH_DECIMAL = re.compile("(?<=[0-9])．(?=[0-9])")

_HALF_TO_FULL = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！", "(": "（", ")": "）"}
_HALF_MARK = re.compile(r"[,:;?!()]")
_CJKISH = f"[{HAN}{CJK_PUNCT}]"
_CJKISH_RE = re.compile(_CJKISH)
_URL = re.compile(r"(?:https?|ftp)://[^\s\u3000-\u303f\uff00-\uffef“”‘’]+|www\.[A-Za-z0-9.-]+[^\s\u3000-\u303f\uff00-\uffef“”‘’]*")
_PAREN_PAIR = re.compile(r"\(([^()\n]{0,60})\)")
# Patterns start with the mark itself, so that the regular-expression engine can scan for it
# quickly; what must stand before the mark is checked on the few matches (see _preceded_by).
_CHINESE_BEFORE = re.compile(f"[{HAN}”’）》]")
_ASCII_STOP = re.compile("\\.(?![.0-9A-Za-z])|\\.(?=[0-9]{4}年)")
_DOT_ELLIPSIS = re.compile(r"\.{3,}|。{3,}|．{3,}|·{3,}")
# Runs of … of odd length (one, three …) and any ⋯: an even run of … is a proper ellipsis already.
_ODD_ELLIPSIS = re.compile("⋯+|…(?<!……)(?:……)*(?!…)")
_DASH = re.compile(f"(?:-{{2,}}|－{{1,2}}|―{{1,2}}|—(?<!——)(?!—))(?=[{HAN}“‘（《])")
_HAN_BEFORE = re.compile(f"[{HAN}]")
_DOC_NUMBER = re.compile("[\\[［]\\s*((?:19|20)\\d{2})\\s*[\\]］](?=\\s*\\d{1,4}\\s*号)")
_MIXED_BRACKETS = (
    (re.compile(r"（([^（）()\n]{0,40})\)"), r"（\1）"),
    (re.compile(r"\(([^（）()\n]{0,40})）"), r"（\1）"),
)
_DOUBLE_QUOTES = re.compile("[“”\"]")


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

    def stash(m: re.Match[str]) -> str:
        urls.append(m.group())
        return f"\ue000{len(urls) - 1}\ue001"

    return _URL.sub(stash, text), urls


def _restore_urls(text: str, urls: list[str]) -> str:
    return re.sub("\ue000(\\d+)\ue001", lambda m: urls[int(m.group(1))], text)


_CJK_PUNCT_SET = frozenset(CJK_PUNCT)


def _is_cjk(ch: str) -> bool:
    """A Han character or full-width mark (comparisons: this runs for every half-width mark)."""
    return bool(ch) and ("\u4e00" <= ch <= "\u9fff" or ch in _CJK_PUNCT_SET or "\u3400" <= ch <= "\u4dbf"
                         or "\uf900" <= ch <= "\ufaff" or "\U00020000" <= ch <= "\U0003134f")


def _neighbour(chars: list[str], i: int, step: int) -> str:
    """The nearest character beside ``chars[i]``, looking past spaces (the spacing rule removes those
    between Chinese marks, and the result must not depend on the order of the two rules)."""
    j = i + step
    while 0 <= j < len(chars) and chars[j] == " ":
        j += step
    return chars[j] if 0 <= j < len(chars) else ""


def _not_latin(neighbour: str, quotes: str) -> bool:
    """The other side of a mark is not Latin text: a line end, a digit, a quote, or non-ASCII."""
    return neighbour in ("", "\n") or not neighbour.isascii() or neighbour.isdigit() or neighbour in quotes


def halfwidth_punctuation(text: str) -> str:
    """Half-width ``, : ; ? ! ( )`` in Chinese context → ``，：；？！（）``.

    A mark is Chinese when a Chinese character or mark stands on one side and
    the other side is not ASCII letters or digits on both (``9:30``, ``1,000``
    and ``Hello, world`` stay). Parentheses convert as a pair when either the
    content or the outside is Chinese: ``科(股)室`` → ``科（股）室``.
    """
    text, urls = _protect_urls(text)

    def pair(m: re.Match[str]) -> str:
        start, end = m.start(), m.end()
        before = text[start - 1] if start else ""
        after = text[end] if end < len(text) else ""
        inner = m.group(1)
        if any(_is_cjk(c) for c in inner) or _is_cjk(before) or _is_cjk(after):
            return f"（{inner}）"
        return m.group()

    text = _PAREN_PAIR.sub(pair, text)
    positions = [m.start() for m in _HALF_MARK.finditer(text)]
    if not positions:
        return _restore_urls(text, urls)
    chars = list(text)
    # A converted mark is Chinese context for its neighbour (``):·`` → ``）：·``): repeat until stable.
    changed = True
    while changed:
        changed = False
        for i in positions:
            ch = chars[i]
            if ch not in _HALF_TO_FULL:
                continue
            before, after = _neighbour(chars, i, -1), _neighbour(chars, i, 1)
            if ch in ",:" and before.isdigit() and after.isdigit():
                continue
            if (_is_cjk(before) and _not_latin(after, "\"'(")) or (_is_cjk(after) and _not_latin(before, "\"')")):
                chars[i] = _HALF_TO_FULL[ch]
                changed = True
    return _restore_urls("".join(chars), urls)


def ascii_full_stop(text: str) -> str:
    """An ASCII full stop after a Chinese character → ``。`` (之一.2023年 → 之一。2023年).

    Never inside numbers (3.5, 2019.1.17), before Latin text, or in an ellipsis.
    """
    if "." not in text:
        return text
    return _ASCII_STOP.sub(_preceded_by(_CHINESE_BEFORE, lambda _m: "。", text), text)


def ellipsis(text: str) -> str:
    """``...``, ``。。。``, ``⋯⋯`` and a lone ``…`` → ``……``."""
    if "..." in text or "。。。" in text or "．．．" in text or "···" in text:
        text = _DOT_ELLIPSIS.sub("……", text)
    if "⋯" in text or text.count("…") != 2 * text.count("……"):  # some run is not a pair of …
        text = _ODD_ELLIPSIS.sub("……", text)
    return text


def dash(text: str) -> str:
    """``--``, ``－`` or a lone ``—`` between Chinese → ``——``; ``2017-2020`` stays."""
    if not ("--" in text or "－" in text or "―" in text or text.count("—") != 2 * text.count("——")):
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
    counter = iter(range(len(line)))
    return _DOUBLE_QUOTES.sub(lambda _m: "“" if next(counter) % 2 == 0 else "”", line)


def pair_quotes(text: str) -> str:
    """Double quotation marks alternate open, close within a paragraph: ``“明细账“`` → ``“明细账”``.

    Only paragraphs with an even number of marks are touched; an odd count means a
    quotation the source cut off, and guessing would change the meaning.
    ASCII ``"`` count as marks only in a paragraph with Chinese text.
    """
    if '"' not in text and "“" not in text and "”" not in text:
        return text
    out = []
    for line in text.split("\n"):
        if '"' not in line and "“" not in line and "”" not in line:
            out.append(line)
            continue
        marks = _DOUBLE_QUOTES.findall(line)
        has_cjk = bool(_CJKISH_RE.search(line))
        if not has_cjk:
            out.append(line)
            continue
        if len(marks) % 2 or not marks:
            out.append(line)
            continue
        out.append(_alternate_quotes(line))
    return "\n".join(out)
