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


_INDENT = re.compile("^[ \u3000\t\u00a0]*")
#: Families that number sections (a line of its own) rather than items inside a paragraph.
_SECTION_FAMILIES = ("cn_comma", "cn_paren", "chapter", "section", "ordinal", "arabic_dot")


def _indent(line: str) -> int:
    """Columns of indentation (a full-width space is two)."""
    lead = _INDENT.match(line).group()  # type: ignore[union-attr]
    return len(lead) + lead.count("\u3000")


def _starts_paragraph(prev: str, nxt: str, width: int) -> bool:
    """In hard-wrapped text, is ``nxt`` the first line of a paragraph set with a two-character indent?

    Such a line is about four columns short of a full one. It is taken as a paragraph start
    only after a sentence ends, or after a numbered line without punctuation (a heading).
    """
    if not width - 7 <= _width(nxt) <= width - 3:
        return False
    if ends_sentence(prev):
        return True
    marker = match_marker(prev.lstrip())
    return marker is not None and marker.family in _SECTION_FAMILIES and not any(c in "。！？" for c in prev)


_PUNCTUATED = re.compile("[，、；：,;:“”（）]")


def _continues(prev: str, nxt: str, width: int | None, layout: bool = False, block: str = "",
               after_blank: bool = False) -> bool:
    """Does ``nxt`` continue the paragraph whose last line is ``prev``?

    ``block`` is the paragraph joined so far; ``layout``: paragraph starts are indented;
    ``after_blank``: a blank line stands between them (only a full line goes on across one).
    A short line without any punctuation is a title or heading, not part of a paragraph.
    """
    if width is None and ends_sentence(prev):
        return False  # the common case in paragraph-per-line text, decided cheaply
    if has_field(prev) or has_field(nxt) or is_separator(nxt) or is_separator(prev):
        return False
    full = width is not None and _longer_than(prev, width - _WIDTH_SLACK - 1)
    marker = match_marker(nxt.lstrip())
    if marker is not None and marker.family in _INLINE_FAMILIES and full:
        # A wrapped paragraph may put its next 二是 at a line start. Where paragraph starts
        # are indented, an unindented line goes on; otherwise it goes on after a comma or
        # semicolon, or when it is a full line itself (a paragraph's first line is indented).
        if layout and not (_is_heading_line(nxt) and _width(nxt) < width - _WIDTH_SLACK):  # type: ignore[operator]
            return True
        if prev.rstrip()[-1:] in "；;，,、":
            return True
        return width is not None and _width(nxt) >= width - 2
    if marker is not None:
        return False
    if full:
        return not _starts_paragraph(prev, nxt, width)  # type: ignore[arg-type]
    if width is not None and not ends_sentence(prev) and _longer_than(prev, int(width * 0.6)) \
            and _PUNCTUATED.search(prev) and not after_blank:
        # Printed lines vary in width (punctuation squeezed, digits narrow, the first line
        # indented): a long line that stops mid-sentence goes on, unless it ends a heading
        # (the block so far is a numbered line without punctuation, perhaps wrapped).
        return not _is_heading_line(block or prev) and not _starts_paragraph(block or prev, nxt, width)
    return not ends_sentence(prev) and _longer_than(prev, SHORT_LINE) and not starts_item(prev)


def _is_heading_line(line: str) -> bool:
    """A numbered line without sentence punctuation that is not a full line: a heading."""
    return match_marker(line.lstrip()) is not None and not any(c in "。！？；" for c in line)


def clean_line_breaks(text: str) -> str:
    """Join lines broken inside a sentence back into their paragraph."""
    lines = text.split("\n")
    width = typical_width(lines)
    blank_paragraphs = uses_blank_lines(lines)
    # Text copied with its layout (pdftotext -layout) indents the first line of each paragraph.
    indents = [_indent(line) for line in lines if line.strip()]
    usual_indent = min(indents, default=0)
    indented_starts = width is not None and 0 < sum(1 for i in indents if i > usual_indent) < 0.5 * len(indents)
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
        if can_join and indented_starts and _indent(line) > usual_indent + 1:
            can_join = False  # an indented line starts a paragraph
        if can_join and _continues(last_physical, line, width, indented_starts, out[-1], bool(pending_blanks)):
            out[-1] = join_pair(out[-1], line)
            pending_blanks = []
        else:
            out.extend(pending_blanks)
            pending_blanks = []
            out.append(line)
        last_physical = line.strip()
    out.extend(pending_blanks)
    return "\n".join(out)
