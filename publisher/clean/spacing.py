"""Spaces inside Chinese text, as PDF copies leave them (``谱写新篇 章``, ``3 月 1 日``).

Two policies, as presets: ``official`` (no space between Chinese and Latin or
digits, as official documents print) and ``pangu`` (one space between them).
A space between two Latin words is real and stays; so does a full-width space
used as a separator (``第一章　总则``).
"""

from __future__ import annotations

import re
from typing import Literal

from .chars import CJK_CLOSING, CJK_OPENING, CJK_PUNCT, HAN

_HAN = re.compile(f"[{HAN}]")

SpacingPolicy = Literal["official", "pangu"]

_SPACES = re.compile("[ \u00a0]+")
_CJK = re.compile(f"[{HAN}{CJK_PUNCT}]")
_PUNCT_NO_SPACE_BEFORE = frozenset(CJK_CLOSING)
_PUNCT_NO_SPACE_AFTER = frozenset(CJK_CLOSING + CJK_OPENING)
_ALNUM = re.compile("[0-9A-Za-z%]")
_HAN_ALNUM_TOUCH = re.compile(f"([{HAN}])(?=[0-9A-Za-z])|([0-9A-Za-z%])(?=[{HAN}])")


def clean_cjk_spacing(text: str, policy: SpacingPolicy = "official") -> str:
    """No space between Chinese characters and marks; Chinese against Latin or digits per policy.

    One pass over the runs of spaces decides each by the characters on either side.
    """
    def decide(m: re.Match[str]) -> str:
        start, end = m.start(), m.end()
        before = text[start - 1] if start else ""
        after = text[end] if end < len(text) else ""
        if not before or not after or before == "\n" or after == "\n":
            return m.group()
        if (_CJK.match(before) and _CJK.match(after)) or after in _PUNCT_NO_SPACE_BEFORE \
                or before in _PUNCT_NO_SPACE_AFTER:
            return ""
        han_alnum = (_HAN.match(before) and _ALNUM.match(after)) or (_ALNUM.match(before) and _HAN.match(after))
        if han_alnum:
            return "" if policy == "official" else " "
        return m.group()

    text = _SPACES.sub(decide, text)
    if policy == "pangu":
        text = _HAN_ALNUM_TOUCH.sub(lambda m: (m.group(1) or m.group(2)) + " ", text)
    return text
