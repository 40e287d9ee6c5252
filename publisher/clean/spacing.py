"""Spaces inside Chinese text, as PDF copies leave them (``谱写新篇 章``, ``3 月 1 日``).

Two policies, as presets: ``official`` (no space between Chinese and Latin or
digits, as official documents print) and ``pangu`` (one space between them).
A space between two Latin words is real and stays; so does a full-width space
after an article's or a chapter's number (``第一章　总则``).
"""

from __future__ import annotations

import re
from typing import Literal

from ..fields import SPEAKER_HINTS, SPEAKER_LINE
from .chars import CJK_CLASS, CJK_CLOSING, CJK_OPENING, HAN, is_cjk_char, is_han_char

SpacingPolicy = Literal["official", "pangu"]

_SPACES = re.compile("[ \u00a0]+")
# The same runs where there is no NBSP (replace_odd_spaces has taken them): a pattern that starts
# with a literal space is found as fast as str.find, one that starts with a class ten times slower.
_ASCII_SPACES = re.compile("  *")
# One space between two Chinese characters or marks, as PDF copies leave them by the hundred:
# removed without a call per space. Each pattern starts with its space, which the engine finds fast.
_LONE_SPACES_IN_CJK = tuple(
    (space, re.compile(f"{space}(?<={CJK_CLASS}{space})(?={CJK_CLASS})")) for space in (" ", "\u00a0")
)
_PUNCT_NO_SPACE_BEFORE = frozenset(CJK_CLOSING)
_PUNCT_NO_SPACE_AFTER = frozenset(CJK_CLOSING + CJK_OPENING)
_ALNUM = frozenset("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz%")
# Full-width spaces between Chinese characters (发布　根据, 总理　　李克强) go like the others; after an
# article's or a chapter's number (第一章　总则, 第三条　…) one is the standard's separator and stays.
_WIDE_SPACES = re.compile("\u3000\u3000*")  # a literal first: found as fast as str.find ("\u3000+": 20 times slower)
_NUMBER_BEFORE = re.compile(r"第[一二三四五六七八九十百千零〇0-9]{1,8}[条章节编款]$")
_HAN_ALNUM_TOUCH = re.compile(f"([{HAN}])(?=[0-9A-Za-z])|([0-9A-Za-z%])(?=[{HAN}])")


def clean_cjk_spacing(text: str, policy: SpacingPolicy = "official") -> str:
    """No space between Chinese characters and marks; Chinese against Latin or digits per policy.

    One pass over the runs of spaces decides each by the characters on either side. A speaker
    line (市教育局局长、党委书记 赵青山) keeps one space between office and name: it is all
    that tells them apart.
    """
    hinted = any(hint.pattern[0] in text and hint.search(text) for hint in SPEAKER_HINTS)
    speakers = _speaker_lines(text) if hinted else {}
    text = _clean_spacing(text, policy)
    if not speakers:
        return text
    lines = text.split("\n")
    for i, m in speakers.items():
        lines[i] = f"{m['indent']}{_clean_spacing(m['office'], policy)} {m['name']}"
    return "\n".join(lines)


def _speaker_lines(text: str) -> dict[int, re.Match[str]]:
    return {i: m for i, line in enumerate(text.split("\n")) if (m := SPEAKER_LINE.fullmatch(line))}


def _wide_space(m: re.Match[str]) -> str:
    text, start, end = m.string, m.start(), m.end()
    if not start or end == len(text) or not (is_cjk_char(text[start - 1]) and is_cjk_char(text[end])):
        return m.group()  # a line's indent, or beside Latin and digits: the other rules' to judge
    return m.group() if _NUMBER_BEFORE.search(text, max(0, start - 12), start) else ""


def _clean_spacing(text: str, policy: SpacingPolicy) -> str:
    def decide(m: re.Match[str]) -> str:
        start, end = m.span()
        if not start or end == end_of_text:
            return m.group()
        before, after = text[start - 1], text[end]
        if before == "\n" or after == "\n":
            return m.group()
        if (is_cjk_char(before) and is_cjk_char(after)) or after in _PUNCT_NO_SPACE_BEFORE \
                or before in _PUNCT_NO_SPACE_AFTER:
            return ""
        if (is_han_char(before) and after in _ALNUM) or (before in _ALNUM and is_han_char(after)):
            return "" if policy == "official" else " "
        return m.group()

    if "\u3000" in text:
        text = _WIDE_SPACES.sub(_wide_space, text)
    for space, lone_space in _LONE_SPACES_IN_CJK:
        if space in text:
            # What decide() does with these; the characters beside the other runs stay as they are.
            text = lone_space.sub("", text)
    end_of_text = len(text)
    if "\u00a0" in text:
        text = _SPACES.sub(decide, text)
    elif " " in text:
        text = _ASCII_SPACES.sub(decide, text)
    if policy == "pangu":
        text = _HAN_ALNUM_TOUCH.sub(lambda m: (m.group(1) or m.group(2)) + " ", text)
    return text
