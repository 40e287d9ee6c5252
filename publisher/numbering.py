"""The numbering forms of Chinese documents: 一、 （一） 1. （1） ① and the speech forms 一是 第一， 一要.

Shared domain knowledge: the line-break rule must not join a line into the start
of a numbered item, and the structure stage builds its outline from the same forms.
"""

from __future__ import annotations

import re
from functools import cache
from typing import NamedTuple

_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
              "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
CN_NUMERAL = "[一二三四五六七八九十]{1,3}"


@cache  # asked for every numbered line; the markers' numerals are at most three characters
def cn_to_int(numeral: str) -> int | None:
    """一 → 1, 十二 → 12, 二十三 → 23; None for what is not a numeral below 100."""
    if not numeral:
        return None
    if numeral == "十":
        return 10
    if "十" in numeral:
        tens, _, ones = numeral.partition("十")
        t = _CN_DIGITS.get(tens) if tens else 1
        o = _CN_DIGITS.get(ones) if ones else 0
        return None if t is None or o is None else t * 10 + o
    if len(numeral) == 1:
        return _CN_DIGITS.get(numeral)
    return None


class Marker(NamedTuple):
    """A numbering marker at the start of a line: its family, number and the marker text.

    A named tuple: one is made for every numbered line, at a third of a frozen dataclass's cost.
    """

    family: str
    number: int
    text: str


# Ordered: the first family that matches wins. Families are named for their form.
_FAMILIES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("chapter", re.compile(rf"^第({CN_NUMERAL})[章编]")),
    ("section", re.compile(rf"^第({CN_NUMERAL})节")),
    ("article", re.compile(rf"^第({CN_NUMERAL})条")),
    ("cn_comma", re.compile(rf"^({CN_NUMERAL})、")),
    ("cn_paren", re.compile(rf"^[（(]({CN_NUMERAL})[）)]")),
    ("ordinal", re.compile(rf"^第({CN_NUMERAL})[，,、：:]")),
    ("arabic_dot", re.compile(r"^(\d{1,2})(?:[.．](?!\d)|、)")),
    ("arabic_paren", re.compile(r"^[（(](\d{1,2})[）)]")),
    ("circled", re.compile(r"^([①-⑳])")),
    ("shi", re.compile(rf"^({CN_NUMERAL})是(?![的否])")),
    ("yao", re.compile(rf"^({CN_NUMERAL})要(?![素求点件])")),
)

#: The level conventional for each family when a document does not say otherwise.
CONVENTIONAL_RANK = {
    "chapter": 0, "section": 1, "article": 2, "cn_comma": 3, "ordinal": 4, "shi": 5, "cn_paren": 6,
    "arabic_dot": 7, "arabic_paren": 8, "circled": 9, "yao": 10,
}


#: The families a line may be of, by its first character (in the order of _FAMILIES): every
#: line of a text is asked, and most begin with none of these characters.
_BY_FIRST: dict[str, tuple[tuple[str, re.Pattern[str]], ...]] = {}
for _first, _names in (("第", ("chapter", "section", "article", "ordinal")),
                       ("一二三四五六七八九十", ("cn_comma", "shi", "yao")),
                       ("（(", ("cn_paren", "arabic_paren")),

                       ("".join(map(chr, range(ord("①"), ord("⑳") + 1))), ("circled",))):
    for _c in _first:
        _BY_FIRST[_c] = tuple((name, pattern) for name, pattern in _FAMILIES if name in _names)


#: \d is any decimal digit (Unicode category Nd), told by str.isdecimal.
_DIGIT_FAMILIES = tuple((name, pattern) for name, pattern in _FAMILIES if name == "arabic_dot")


def match_marker(line: str) -> Marker | None:
    first = line[:1]
    families = _BY_FIRST.get(first)
    if families is None:
        families = _DIGIT_FAMILIES if first.isdecimal() else ()
    for family, pattern in families:
        m = pattern.match(line)
        if not m:
            continue
        raw = m.group(1)
        if family == "circled":
            number = ord(raw) - ord("①") + 1
        elif raw.isdigit():
            number = int(raw)
        else:
            value = cn_to_int(raw)
            if value is None:
                continue
            number = value
        return Marker(family, number, m.group(0))
    return None
