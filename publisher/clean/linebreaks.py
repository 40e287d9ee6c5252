"""Line breaks inside sentences, as copying out of a PDF or a narrow window leaves them.

Joining follows the CSS rule for Chinese: a break between two Chinese characters
disappears, a break next to Latin text becomes one space. A line is joined to
the next only when it plainly continues there:

* hard-wrapped text (most lines of one near-equal width, as a PDF prints them):
  a full-width line continues on the next line;
* any text: a long line that stops mid-sentence continues on the next line.

Never across a blank line where blank lines separate paragraphs, never into a
line that starts a numbered item, and never out of a short line (a title or
heading, or a paragraph the source cut off).
"""

from __future__ import annotations

import re

from ..fields import has_field, is_separator
from ..numbering import match_marker
from .chars import CJK_PUNCT, HAN, display_width, ends_sentence

#: A line this wide (in columns, CJK = 2) or less is a title, heading or fragment, not running text.
SHORT_LINE = 60
_WIDTH_SLACK = 6
_CJK_EDGE = re.compile(f"[{HAN}{CJK_PUNCT}]")


def _width(line: str) -> int:
    """Printed width without spaces: the spacing policy adds or removes those, and joining
    must come out the same before and after it (cleaning twice equals cleaning once)."""
    return display_width(line.strip().replace(" ", ""))


def _longer_than(line: str, columns: int) -> bool:
    """``_width(line) > columns``, without measuring where the length alone decides."""
    n = len(line.strip().replace(" ", ""))
    if n > columns:
        return True
    if 2 * n <= columns:
        return False
    return _width(line) > columns


def typical_width(lines: list[str]) -> int | None:
    """The width of a full line in hard-wrapped text, or None where lines are paragraphs.

    Hard-wrapped text has a cluster of lines of one width (the full lines of each
    paragraph) and almost no line wider than that; paragraph-per-line text has neither.
    """
    widths = [_width(line) for line in lines if line.strip()]
    if len(widths) < 6:
        return None
    ranked = sorted(widths)
    upper = ranked[len(ranked) // 2:]
    full, cluster = 0, 0
    for candidate in sorted(set(upper)):
        near = sum(1 for w in widths if candidate - _WIDTH_SLACK <= w <= candidate + _WIDTH_SLACK)
        if near >= cluster:
            full, cluster = candidate, near
    if not 20 <= full <= 240:
        return None
    wider = sum(1 for w in widths if w > full + _WIDTH_SLACK)
    if cluster >= max(4, 0.3 * len(widths)) and wider <= 0.05 * len(widths):
        return full
    return None


def uses_blank_lines(lines: list[str]) -> bool:
    """Do blank lines separate the paragraphs of this text?"""
    nonblank = [i for i, line in enumerate(lines) if line.strip()]
    if len(nonblank) < 3:
        return False
    followed = sum(1 for i in nonblank if i + 1 < len(lines) and not lines[i + 1].strip())
    return followed >= 0.3 * len(nonblank)


def starts_item(line: str) -> bool:
    return match_marker(line.lstrip()) is not None


def join_pair(left: str, right: str) -> str:
    """Join two pieces of one sentence: no space between CJK, one space next to Latin."""
    left, right = left.rstrip(), right.lstrip()
    if not left or not right:
        return left + right
    if _CJK_EDGE.match(left[-1]) or _CJK_EDGE.match(right[0]):
        return left + right
    if left.endswith("-") and left[-2:-1].isalpha() and right[0].islower():
        return left + right  # a hyphenated Latin word broken at the line end
    return left + " " + right


#: Numbering that also runs inside a paragraph (…；二是…；三是…).
_INLINE_FAMILIES = ("shi", "yao", "ordinal")


def _continues(prev: str, nxt: str, width: int | None) -> bool:
    if width is None and ends_sentence(prev):
        return False  # the common case in paragraph-per-line text, decided cheaply
    if has_field(prev) or has_field(nxt) or is_separator(nxt) or is_separator(prev):
        return False
    full = width is not None and _longer_than(prev, width - _WIDTH_SLACK - 1)
    marker = match_marker(nxt.lstrip())
    if marker is not None:
        # A wrapped paragraph may put its next 二是 at a line start; it continues the
        # paragraph only when the full line before it stops on a comma or semicolon.
        return full and marker.family in _INLINE_FAMILIES and prev.rstrip()[-1:] in "；;，,、"
    if full:
        return True
    return not ends_sentence(prev) and _longer_than(prev, SHORT_LINE) and not starts_item(prev)


def clean_line_breaks(text: str) -> str:
    """Join lines broken inside a sentence back into their paragraph."""
    lines = text.split("\n")
    width = typical_width(lines)
    blank_paragraphs = uses_blank_lines(lines)
    out: list[str] = []
    last_physical = ""  # the last source line merged into out[-1]
    pending_blanks: list[str] = []
    for line in lines:
        if not line.strip():
            pending_blanks.append(line)
            continue
        can_join = bool(out) and out[-1].strip() and (not pending_blanks or not blank_paragraphs)
        if can_join and pending_blanks and width is None:
            # A blank line in text that does not use blank lines between paragraphs:
            # join only a sentence plainly cut in two (a page break inside it).
            can_join = not ends_sentence(last_physical) and _longer_than(last_physical, SHORT_LINE)
        if can_join and _continues(last_physical, line, width):
            out[-1] = join_pair(out[-1], line)
            pending_blanks = []
        else:
            out.extend(pending_blanks)
            pending_blanks = []
            out.append(line)
        last_physical = line.strip()
    out.extend(pending_blanks)
    return "\n".join(out)
