"""Boilerplate that repeats across the files of one input set (issue 11, ★).

A site's template (its name, its menu, its footer) stands at the top and the bottom of every
page saved from it: 300 pasted pages share those lines and nothing else. A line is taken for
such boilerplate by that evidence alone: it stands among the first or last lines of at least
three files, and of at least half of the different files given to one command. The author's
own repeated lines are never taken: nothing that ends a sentence or a clause (同志们：, 特此通知。),
no numbered line (一、总体要求), no date, no organ's name (a signature), nothing long.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable

from ..fields import ORG_SUFFIX
from ..numbering import match_marker

EDGE_LINES = 12  # the lines at each end of a file where a template stands
MIN_FILES = 3
SHARE = 0.5  # of the different files given
_LONGEST = 60  # characters
_SIGNATURE_LONGEST = 20  # characters of an organ's name alone on a line
_ENDS = "。！？!?；;：:，,、"
_DATE = re.compile(r"(?:19|20)\d{2}\s*[年./-]")


def _candidate(line: str) -> bool:
    signature = len(line) <= _SIGNATURE_LONGEST and " " not in line and ORG_SUFFIX.search(line) is not None
    return (len(line) <= _LONGEST and line[-1] not in _ENDS and match_marker(line) is None
            and _DATE.search(line) is None and not signature)


def _edges(text: str) -> set[str]:
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    return {line for line in lines[:EDGE_LINES] + lines[-EDGE_LINES:] if _candidate(line)}


def shared_boilerplate(texts: Iterable[str]) -> frozenset[str]:
    """The lines a template repeats across these texts (each text counted once, however often given)."""
    different = list(dict.fromkeys(texts))
    if len(different) < MIN_FILES:
        return frozenset()
    counts = Counter(line for text in different for line in _edges(text))
    need = max(MIN_FILES, math.ceil(SHARE * len(different)))
    return frozenset(line for line, n in counts.items() if n >= need)


def remove_shared_boilerplate(text: str, boilerplate: frozenset[str]) -> str:
    """The lines of ``text`` that are boilerplate of its input set (see :func:`shared_boilerplate`)."""
    if not boilerplate:
        return text
    lines = text.split("\n")
    kept = [line for line in lines if line.strip() not in boilerplate]
    return text if len(kept) == len(lines) else "\n".join(kept)
