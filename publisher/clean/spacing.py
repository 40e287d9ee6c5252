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

SpacingPolicy = Literal["official", "pangu"]

_SP = "[ \u00a0]+"
_BETWEEN_CJK = re.compile(f"(?<=[{HAN}{CJK_PUNCT}]){_SP}(?=[{HAN}{CJK_PUNCT}])")
# No space before a closing mark or after any full-width mark (台账 ， → 台账，).
_AROUND_PUNCT = re.compile(f"{_SP}(?=[{re.escape(CJK_CLOSING)}])|(?<=[{re.escape(CJK_CLOSING + CJK_OPENING)}]){_SP}")
_HAN_THEN_ALNUM = re.compile(f"(?<=[{HAN}]){_SP}(?=[0-9A-Za-z])")
_ALNUM_THEN_HAN = re.compile(f"(?<=[0-9A-Za-z%]){_SP}(?=[{HAN}])")
_HAN_ALNUM_TOUCH = re.compile(f"(?<=[{HAN}])(?=[0-9A-Za-z])|(?<=[0-9A-Za-z%])(?=[{HAN}])")


def _space_between_cjk(text: str) -> str:
    text = _BETWEEN_CJK.sub("", text)
    return _AROUND_PUNCT.sub("", text)


def clean_cjk_spacing(text: str, policy: SpacingPolicy = "official") -> str:
    """No space between Chinese characters and marks; Chinese against Latin or digits per policy."""
    text = _space_between_cjk(text)
    if policy == "official":
        text = _HAN_THEN_ALNUM.sub("", text)
        return _ALNUM_THEN_HAN.sub("", text)
    text = _HAN_THEN_ALNUM.sub(" ", text)
    text = _ALNUM_THEN_HAN.sub(" ", text)
    return _HAN_ALNUM_TOUCH.sub(" ", text)
