"""Character classes shared by the cleaning rules, as regular-expression fragments."""

from __future__ import annotations

import re
import unicodedata

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

HAN_RE = re.compile(f"[{HAN}]")
CJK_CLASS = f"[{HAN}{CJK_PUNCT}]"


def is_han(ch: str) -> bool:
    return bool(HAN_RE.match(ch))


def han_count(text: str) -> int:
    return len(HAN_RE.findall(text))


def display_width(text: str) -> int:
    """Columns a line takes in print: two for wide (CJK) characters, one otherwise."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def ends_sentence(line: str) -> bool:
    """Does the line end a sentence (。！？… or a colon/semicolon, maybe before a closing quote)?

    An ASCII full stop after a Chinese character ends one too (讲话.), as web copies type it.
    """
    stripped = line.rstrip().rstrip("”’」』)）\"'")
    if not stripped:
        return False
    if stripped[-1] in SENTENCE_END + "：:":
        return True
    return stripped[-1] == "." and len(stripped) > 1 and not stripped[-2].isascii()
