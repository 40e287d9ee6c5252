"""Ideographs that PDF text layers put in place of ordinary characters.

A PDF's font may map a glyph to a Kangxi radical (⼗, U+2F17) or a CJK compatibility
ideograph (U+F900–U+FAFF) instead of the character it shows (十): the text reads the same
and searches for nothing. Those two blocks, and the radicals supplement, are folded to the
ordinary characters by their compatibility decomposition; nothing else is NFKC-folded
(full-width digits, ligatures and the like have rules of their own, or stay).
"""

from __future__ import annotations

import functools
import re
import unicodedata

#: Kangxi radicals, the radicals supplement, compatibility ideographs (and their supplement).
FOLDED_IDEOGRAPHS = "\u2e80-\u2eff\u2f00-\u2fdf\uf900-\ufaff\U0002f800-\U0002fa1f"
_FOLDED = re.compile(f"[{FOLDED_IDEOGRAPHS}]")


@functools.lru_cache(maxsize=1024)
def _ordinary(char: str) -> str:
    folded = unicodedata.normalize("NFKC", char)
    return folded if len(folded) == 1 else char  # a radical without a character of its own stays


def fold_radicals(text: str) -> str:
    """``第三⼗⼀条`` → ``第三十一条``: radicals and compatibility ideographs as the characters they are."""
    return _FOLDED.sub(lambda m: _ordinary(m.group()), text)
