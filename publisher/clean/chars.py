"""Character classes shared by the cleaning rules, as regular-expression fragments."""

from __future__ import annotations

import re

#: Han ideographs: URO, extension A, compatibility ideographs, extensions B–H.
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
#: Full-width punctuation of Chinese text.
CJK_PUNCT = "，。、；：？！“”‘’（）《》〈〉【】〔〕「」『』—…·～"
#: Punctuation that closes a clause or a bracket (no space may stand before it).
CJK_CLOSING = "，。、；：？！”’）》〉】〕」』…"
#: Punctuation that opens (no space may stand after it).
CJK_OPENING = "“‘（《〈【〔「『"
#: Characters that end a sentence (full and half width), possibly before a closing quote.
SENTENCE_END = "。！？!?…；;"
#: The last characters that end a line's sentence for :func:`ends_sentence`: those and a colon.
ENDS_SENTENCE = SENTENCE_END + "：:"

HAN_RE = re.compile(f"[{HAN}]")
CJK_CLASS = f"[{HAN}{CJK_PUNCT}]"


def is_han(ch: str) -> bool:
    return bool(HAN_RE.match(ch))


def han_count(text: str) -> int:
    return len(HAN_RE.findall(text))


_CJK_PUNCT_SET = frozenset(CJK_PUNCT)


def is_han_char(ch: str) -> bool:
    """Is the single character ``ch`` a Han ideograph? (Comparisons: rules call this per mark or space.)"""
    return ("\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf" or "\uf900" <= ch <= "\ufaff"
            or "\U00020000" <= ch <= "\U0003134f")


def is_cjk_char(ch: str) -> bool:
    """Is the single character ``ch`` a Han ideograph or a full-width mark (``CJK_CLASS``)? False for ""."""
    return bool(ch) and (ch in _CJK_PUNCT_SET or is_han_char(ch))


# East Asian Wide and Fullwidth characters (UAX #11), the ranges that occur in text; and the
# quotation marks, dash and ellipsis, "ambiguous" there but full-width in Chinese type.
_WIDE = re.compile(
    "[\u2014\u2018\u2019\u201c\u201d\u2026\u1100-\u115f\u231a\u231b\u2329\u232a\u23e9-\u23ec\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf"
    "\u4e00-\u9fff\ua000-\ua4cf\ua960-\ua97f\uac00-\ud7a3\uf900-\ufaff\ufe10-\ufe19\ufe30-\ufe6f"
    "\uff00-\uff60\uffe0-\uffe6\U0001f300-\U0001f64f\U0001f900-\U0001f9ff\U00020000-\U0003fffd]"
)


_NARROW = re.compile(_WIDE.pattern.replace("[", "[^", 1))


def display_width(text: str) -> int:
    """Columns a line takes in print: two for wide (CJK) characters, one otherwise."""
    # Chinese text has few narrow characters: counting those is the cheaper way round.
    return 2 * len(text) - len(_NARROW.findall(text))


def ends_sentence(line: str) -> bool:
    """Does the line end a sentence (。！？… or a colon/semicolon, maybe before a closing quote)?

    An ASCII full stop after a Chinese character ends one too (讲话.), as web copies type it.
    """
    stripped = line.rstrip().rstrip("”’」』)）\"'")
    if not stripped:
        return False
    if stripped[-1] in ENDS_SENTENCE:
        return True
    return stripped[-1] == "." and len(stripped) > 1 and not stripped[-2].isascii()
